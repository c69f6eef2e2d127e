import { type ApiVersion, type RuleId, ruleById } from '../contracts/index.ts';
import { toCurl } from '../lib/curl.ts';
import type { Exchange } from '../lib/exchange.ts';
import type { TimeRelativeValue } from '../lib/time-relative.ts';
import type { CheckResult } from './check-result.ts';
import type { Evidence, Violation } from './violation.ts';

/** Where a check looked: the API version, the operation, and the exchange that shows it. */
export interface CheckContext {
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  readonly exchange?: Exchange;
  /** Body values of the exchange's request computed from the moment it was sent (a future dateOfBirth). */
  readonly timeRelative?: readonly TimeRelativeValue[];
}

const MAX_SHOWN = 200;

/** Renders a value for a "Received: ... / Expected: ..." message, shortened when long. */
export function show(value: unknown): string {
  const text =
    value === undefined
      ? 'nothing'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** The evidence of an exchange: its redacted request and response, and a curl command that reproduces it. */
export function evidenceOf(exchange: Exchange, timeRelative: readonly TimeRelativeValue[] = []): Evidence {
  const { auth, ...request } = exchange.request;
  const hadAuth = request.headers.authorization !== undefined;
  return {
    exchangeId: exchange.id,
    request: { ...request, headers: { ...request.headers } },
    ...(exchange.response
      ? { response: { ...exchange.response, headers: { ...exchange.response.headers } } }
      : {}),
    ...(exchange.error ? { error: `${exchange.error.kind}: ${exchange.error.message}` } : {}),
    curl: toCurl(exchange.request, { hadAuth }),
    ...(auth ? { auth: auth.kind } : {}),
    ...(auth?.kind === 'wrong'
      ? {
          wrongCredentials: {
            ...(auth.clientKey !== undefined ? { clientKey: auth.clientKey } : {}),
            ...(auth.apiToken !== undefined ? { apiToken: auth.apiToken } : {}),
          },
        }
      : {}),
    ...(auth?.kind === 'variant' ? { credentialVariant: auth.variant } : {}),
    ...(timeRelative.length > 0 ? { timeRelative: [...timeRelative] } : {}),
  };
}

/** A violation of a catalogue rule, its title and level taken from the catalogue for the context's version. */
export function violation(
  ruleId: RuleId,
  context: CheckContext,
  received: string,
  expected: string,
  paths: { instancePath?: string; schemaPath?: string; items?: Violation['items'] } = {},
): Violation {
  const rule = ruleById(ruleId);
  const level = rule.levels[context.apiVersion];
  if (!level)
    throw new Error(
      `Failed to report ${ruleId}: it does not apply to ${context.apiVersion}. Fix the check that reported it.`,
    );
  return {
    rule: ruleId,
    level,
    apiVersion: context.apiVersion,
    operation: context.operation,
    title: rule.title,
    message: `Received: ${received} / Expected: ${expected}`,
    ...(paths.instancePath !== undefined ? { instancePath: paths.instancePath } : {}),
    ...(paths.schemaPath !== undefined ? { schemaPath: paths.schemaPath } : {}),
    ...(paths.items !== undefined ? { items: paths.items } : {}),
    ...(context.exchange ? { evidence: evidenceOf(context.exchange, context.timeRelative) } : {}),
  };
}

/** What a check found against its rule, before it becomes a violation. */
export interface Finding {
  readonly received: string;
  readonly expected: string;
  readonly instancePath?: string;
  readonly schemaPath?: string;
  /** Refs missing, duplicated or extra, when the finding compares lists: summarised by every writer but JSON. */
  readonly items?: Violation['items'];
}

/** A check of one rule in a context, one violation per finding (none: the rule held). */
export function ruleCheck(ruleId: RuleId, context: CheckContext, findings: readonly Finding[]): CheckResult {
  return {
    rules: [ruleId],
    violations: findings.map(({ received, expected, ...paths }) =>
      violation(ruleId, context, received, expected, paths),
    ),
  };
}

/** A check of one rule that held when `held`, else found `finding`. */
export function ruleHolds(
  ruleId: RuleId,
  context: CheckContext,
  held: boolean,
  finding: Finding,
): CheckResult {
  return ruleCheck(ruleId, context, held ? [] : [finding]);
}

/** The same finding told against another rule (an acceptance rule restating a failed create, say). */
export function restated(ruleId: RuleId, original: Violation): Violation {
  const rule = ruleById(ruleId);
  return {
    ...original,
    rule: ruleId,
    title: rule.title,
    level: rule.levels[original.apiVersion] ?? original.level,
  };
}

/** The same check told against another rule too (an acceptance rule restating a failed create, say). */
export function restatedAs(rule: RuleId, result: CheckResult): CheckResult {
  return { rules: [rule], violations: result.violations.map((v) => restated(rule, v)) };
}
