import type { CompareDifference, CompareRule } from '../../contracts/types.gen.ts';
import type { NormalisedExchange } from './normalise.ts';

/** The rules an exchange was checked against, with their levels, and the capabilities they serve. */
export interface RuleContext {
  readonly rules: CompareRule[];
  readonly capabilities: string[];
}

/** At most this many body differences per pair: a body of another kind altogether is one finding, not fifty. */
const MAX_BODY_DIFFERENCES = 20;
const SHOWN = 120;

type Kind = 'absent' | 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';

const kindOf = (value: unknown): Kind =>
  value === undefined
    ? 'absent'
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : (typeof value as 'object' | 'string' | 'number' | 'boolean');

/** A value as a short text for the report. */
export function shown(value: unknown): string {
  const text = value === undefined ? '(absent)' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
}

const pointerPart = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

interface BodyDifference {
  readonly detail: 'missing' | 'extra' | 'type' | 'value';
  readonly at: string;
  readonly reference: unknown;
  readonly candidate: unknown;
}

function bodyDifferences(a: unknown, b: unknown, at: string, out: BodyDifference[]): void {
  if (out.length >= MAX_BODY_DIFFERENCES) return;
  const [ka, kb] = [kindOf(a), kindOf(b)];
  if (ka !== kb) {
    const detail = kb === 'absent' ? 'missing' : ka === 'absent' ? 'extra' : 'type';
    out.push({ detail, at, reference: a, candidate: b });
  } else if (ka === 'object') {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
    for (const key of keys) bodyDifferences(ra[key], rb[key], `${at}/${pointerPart(key)}`, out);
  } else if (ka === 'array') {
    const [xa, xb] = [a as unknown[], b as unknown[]];
    for (let i = 0; i < Math.max(xa.length, xb.length); i++) bodyDifferences(xa[i], xb[i], `${at}/${i}`, out);
  } else if (a !== b) out.push({ detail: 'value', at, reference: a, candidate: b });
}

const is2xx = (status: number): boolean => status >= 200 && status < 300;
const is4xx = (status: number): boolean => status >= 400 && status < 500;

function bodyText(d: BodyDifference): string {
  const where = d.at || 'the body';
  if (d.detail === 'missing')
    return `${where}: the candidate's answer lacks it (reference: ${shown(d.reference)})`;
  if (d.detail === 'extra') return `${where}: only the candidate's answer has it (${shown(d.candidate)})`;
  if (d.detail === 'type')
    return `${where}: ${kindOf(d.reference)} in the reference, ${kindOf(d.candidate)} in the candidate`;
  return `${where}: ${shown(d.reference)} in the reference, ${shown(d.candidate)} in the candidate`;
}

/**
 * Every way the candidate's answer to a request differs from the reference's, after normalisation: the status (a
 * refusal against an acceptance is a strictness difference, with the rules the exchange was checked against), the
 * content type and encoding, and the body field by field (compared only when both answered alike or both
 * succeeded: the body of a 400 against that of a 201 says nothing the status does not). None: equivalent.
 */
export function diffExchange(
  reference: NormalisedExchange,
  candidate: NormalisedExchange,
  context: RuleContext,
): CompareDifference[] {
  const base = {
    operation: reference.operation,
    ...(reference.apiVersion ? { apiVersion: reference.apiVersion } : {}),
    stage: reference.stage,
    ...(reference.test !== undefined ? { test: reference.test } : {}),
    method: reference.method,
    path: reference.path,
    referenceExchange: reference.id,
    candidateExchange: candidate.id,
    rules: context.rules,
    capabilities: context.capabilities,
  };
  const out: CompareDifference[] = [];
  const [rs, cs] = [reference.status, candidate.status];
  if (rs !== cs) {
    const refusedBy = is4xx(cs) && is2xx(rs) ? 'candidate' : is4xx(rs) && is2xx(cs) ? 'reference' : undefined;
    const ruleWords =
      context.rules.length > 0
        ? ` (rule ${context.rules.map((r) => `${r.id}${r.level ? ` ${r.level}` : ''}`).join(', ')})`
        : '';
    out.push(
      refusedBy
        ? {
            ...base,
            kind: 'strictness',
            detail: `refused by the ${refusedBy}`,
            reference: String(rs),
            candidate: String(cs),
            text: `the ${refusedBy} refused (${refusedBy === 'candidate' ? cs : rs}) what the ${refusedBy === 'candidate' ? 'reference' : 'candidate'} accepted (${refusedBy === 'candidate' ? rs : cs})${ruleWords}`,
          }
        : {
            ...base,
            kind: 'status',
            reference: String(rs),
            candidate: String(cs),
            text: `status ${rs} in the reference, ${cs} in the candidate${ruleWords}`,
          },
    );
  }
  for (const [name, a, b] of [
    ['content-type', reference.contentType, candidate.contentType],
    ['content-encoding', reference.contentEncoding, candidate.contentEncoding],
  ] as const) {
    if (a !== b)
      out.push({
        ...base,
        kind: 'header',
        detail: name,
        reference: a || '(none)',
        candidate: b || '(none)',
        text: `${name}: ${a || '(none)'} in the reference, ${b || '(none)'} in the candidate`,
      });
  }
  if (rs === cs || (is2xx(rs) && is2xx(cs))) {
    const found: BodyDifference[] = [];
    bodyDifferences(reference.body, candidate.body, '', found);
    for (const d of found)
      out.push({
        ...base,
        kind: d.detail === 'value' ? 'value' : 'shape',
        ...(d.detail === 'value' ? {} : { detail: d.detail }),
        at: d.at,
        reference: shown(d.reference),
        candidate: shown(d.candidate),
        text: bodyText(d),
      });
  }
  return out;
}
