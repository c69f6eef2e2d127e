import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { contractCrossCheck } from '../../checks/pact-contract.ts';
import type { ApiVersion } from '../../contracts/index.ts';
import { HarRecording, type RecordingScope, recordingScope } from '../../lib/har/har-recording.ts';
import { HttpClient, type HttpClientOptions } from '../../lib/http-client.ts';
import { nearNames } from '../../lib/near-names.ts';
import { type CreationRecorder, OrderContactClient } from '../../lib/order-contact-client.ts';
import { redactSecrets } from '../../lib/redact.ts';
import type { PactResult } from '../../reports/index.ts';
import { eachInOrder } from '../support/in-order.ts';
import { expectationOf } from './pact-expectation.ts';
import {
  operationOf,
  type PactInteraction,
  providerStatesOf,
  readOnlySkipReason,
} from './pact-interactions.ts';
import { type PlannedInteraction, pactPlan } from './pact-plan.ts';
import { ProviderForwarder } from './provider-forwarder.ts';
import { providerStateHandlers } from './provider-states.ts';
import { allMismatches, onlyTransportFailures } from './verifier-result.ts';
import { LISTED_WAIT, type ListedWait } from './wait-until-listed.ts';

export type { PactResult } from '../../reports/index.ts';
export { mismatchesByInteraction } from './verifier-result.ts';

/** What verifyPacts needs: the target and its credentials, the versions, and somewhere to record creations. */
export interface VerifyOptions {
  readonly baseUrl: string;
  readonly credentials: { readonly clientKey: string; readonly apiToken: string };
  readonly apiVersions: readonly ApiVersion[];
  readonly recorder?: CreationRecorder;
  /** Pact files to verify instead of the committed ones, one per version (tests). */
  readonly pactFiles?: Partial<Record<ApiVersion, string>>;
  /** A team's own pact files (occ verify --pact-dir / --pact), verified instead of the committed ones. */
  readonly ownPacts?: readonly string[];
  /** Per attempt of every request to the target. Default 10 000. */
  readonly timeoutMs?: number;
  /** Only GETs leave, and only interactions whose provider states write nothing (or use `orderRef`) are replayed. */
  readonly readOnly?: boolean;
  /** The run's order, which a read-only run's "an order exists" state uses instead of creating one. */
  readonly orderRef?: string;
  /** The proxies of the requests to the target (the forwarder's and the provider states'). */
  readonly proxy?: HttpClientOptions['proxy'];
  /** Called with each result as soon as it is known (the child process streams them, so a kill loses none). */
  readonly onResult?: (result: PactResult) => void;
  /** How long a provider state waits for a new contact to show in its order's list (tests). */
  readonly listedWait?: ListedWait;
  /**
   * Interactions verified at once, each in a Verifier run of its own (default 1); its results still come in the
   * plan's order. Also the cap on requests in flight.
   */
  readonly concurrency?: number;
  /** Requests started per second at most (the run's --rps), a hard cap. */
  readonly rps?: number;
  /** Where --record's HAR goes and the run it belongs to: each send becomes entries of stage pacts. */
  readonly record?: { readonly target: string; readonly runId: string };
  /** Where the one-interaction pact files go (removed at the end); a fresh temporary folder when absent. */
  readonly workDir?: string;
}

/** After this many interactions in a row could not reach the target, the rest are not tried. */
const UNREACHABLE_IN_A_ROW = 3;

// Each Verifier run holds Pact's native state and a proxy of its own: more than 8 at once adds memory beside the
// suites' heap while a far tenant's stage gains little (a version has at most 11 interactions).
const MAX_VERIFIERS_AT_ONCE = 8;

/**
 * Replays the committed pacts against a target with the Pact Verifier, one interaction per Verifier run, so every
 * interaction has its own verdict as soon as it is known; up to `concurrency` runs at once (8 at most) (each native Verifier run
 * has a handle and a local proxy of its own), the results handed on in the plan's order. Provider states are set up through the API itself and torn
 * down after each interaction. An interaction that could not reach the target is inconclusive, not failed.
 */
export async function verifyPacts(options: VerifyOptions): Promise<PactResult[]> {
  const secrets = [options.credentials.clientKey, options.credentials.apiToken];
  const timeoutMs = options.timeoutMs ?? 10_000;
  // One retry at most, quickly: a reset GET is sent again, and no send outlives two attempts.
  const sendDeadlineMs = 2 * timeoutMs + 1_000;
  const width = Math.max(1, Math.min(MAX_VERIFIERS_AT_ONCE, Math.floor(options.concurrency ?? 1)));
  // The interaction being verified, for its set-ups' and its request's sends to be recorded under its description:
  // interactions run at once, so each carries its own in its async context (the Verifier's proxy for it listens
  // inside that context, so the forwarder's sends see it too).
  const interactionScope = new AsyncLocalStorage<RecordingScope>();
  const recording =
    options.record === undefined
      ? undefined
      : new HarRecording({
          ...options.record,
          stage: 'pacts',
          secrets,
          scope: () => interactionScope.getStore(),
        });
  const http = new HttpClient({
    baseUrl: options.baseUrl,
    credentials: options.credentials,
    timeoutMs,
    deadlineMs: sendDeadlineMs,
    retries: 1,
    backoff: { baseMs: 100, maxMs: 500 },
    maxRetryAfterMs: 2_000,
    // Each interaction is a few sends in a row, so `width` interactions at once keep at most as many in flight.
    concurrency: width,
    ...(options.rps !== undefined ? { rps: options.rps } : {}),
    // The forwarder and the provider states skip writes already; the client makes sure none leaves regardless.
    readOnly: options.readOnly ?? false,
    ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    ...(recording ? { observer: recording } : {}),
  });
  const client = new OrderContactClient(http, options.recorder);
  const readOnly = options.readOnly ?? false;
  // The Verifier's own limit on each call it makes (a state set-up: up to four sends and the list wait; a request:
  // one send), so that nothing behind it, however it hangs, holds it longer than our own limits would.
  const verifierTimeoutMs = 4 * sendDeadlineMs + LISTED_WAIT.budgetMs + 1_000;
  const dir = options.workDir ?? mkdtempSync(join(tmpdir(), 'occ-verify-'));
  mkdirSync(dir, { recursive: true });
  const results: PactResult[] = [];
  const push = (result: PactResult): void => {
    results.push(result);
    options.onResult?.(result);
  };
  // Read in the plan's order as results arrive: an interaction starts only while fewer than UNREACHABLE_IN_A_ROW
  // of the ones known before it in a row could not reach the target.
  let unreachable = 0;
  const verifyOne = async (
    planned: PlannedInteraction,
    index: number,
  ): Promise<{ result: PactResult; reachedTarget?: boolean }> => {
    const { apiVersion: version, interaction } = planned;
    const findings = contractCrossCheck(expectationOf(interaction, version, planned.specification));
    const base = {
      interaction: interaction.description,
      apiVersion: version,
      operation: operationOf(interaction),
      passed: false,
      mismatches: [],
      ...(findings.length > 0 ? { contractFindings: findings } : {}),
    };
    const skipped =
      planned.outOfScope ?? (readOnly ? readOnlySkipReason(interaction, options.orderRef) : undefined);
    if (skipped !== undefined) return { result: { ...base, skipped } };
    // A forwarder and state handlers of its own: interactions verified at once must not share what went wrong for
    // one of them, nor tear down another's order.
    const forwarder = new ProviderForwarder({ http, readOnly });
    const stateHandlers = providerStateHandlers({
      client,
      version,
      readOnly,
      ...(options.orderRef !== undefined ? { orderRef: options.orderRef } : {}),
      onSetupFailure: (error) => forwarder.block(error.message, error.transport),
      ...(options.listedWait !== undefined ? { listedWait: options.listedWait } : {}),
    });
    const unknownState = unknownStateMessage(interaction, Object.keys(stateHandlers));
    // The pact asks for a state no set-up here makes: a finding about the pact, not a target that failed to answer.
    if (unknownState !== undefined) return { result: { ...base, mismatches: [unknownState] } };
    if (unreachable >= UNREACHABLE_IN_A_ROW)
      return {
        result: {
          ...base,
          inconclusive: `not replayed: the ${UNREACHABLE_IN_A_ROW} interactions before it could not reach the target`,
        },
      };
    const file = join(dir, `${version}-${index}.json`);
    writeFileSync(file, JSON.stringify({ ...planned.document, interactions: [interaction] }));
    const resultJson = await interactionScope.run(recordingScope(interaction.description), () =>
      runVerifier(file, planned.provider, stateHandlers, forwarder, verifierTimeoutMs),
    );
    const result = verdict(base, resultJson, forwarder, secrets);
    const failsContract = findings.some((f) => f.level === 'MUST');
    return {
      result: failsContract && result.passed ? { ...result, passed: false } : result,
      reachedTarget: result.inconclusive === undefined,
    };
  };
  try {
    await eachInOrder(pactPlan(options), width, verifyOne, ({ result, reachedTarget }) => {
      if (reachedTarget !== undefined) unreachable = reachedTarget ? 0 : unreachable + 1;
      push(result);
    });
  } finally {
    await http.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** "unknown provider state '…'; known: …" for the first state of the interaction no handler sets up. */
function unknownStateMessage(interaction: PactInteraction, known: readonly string[]): string | undefined {
  const unknown = providerStatesOf(interaction).find((state) => !known.includes(state.name));
  if (unknown === undefined) return undefined;
  const near = nearNames(unknown.name, known, 1)[0];
  return `unknown provider state '${unknown.name}'; known: ${known.map((k) => `'${k}'`).join(', ')}${near !== undefined ? `; nearest: '${near}'` : ''} (README "Your own pacts" lists them with their parameters)`;
}

async function runVerifier(
  file: string,
  provider: string,
  stateHandlers: Record<string, unknown>,
  forwarder: ProviderForwarder,
  timeout: number,
): Promise<string> {
  const verifier = new Verifier({
    provider,
    // Pact's proxy needs a target, but every request is answered by the forwarder (the requestFilter) instead.
    providerBaseUrl: 'http://127.0.0.1:9',
    pactUrls: [file],
    logLevel: 'error',
    timeout,
    // pact-js types stateHandlers as the intersection of the proxy's and pact-core's shapes, which no object
    // satisfies; these are the proxy's setup/teardown handlers its documentation describes.
    stateHandlers: stateHandlers as never,
    requestFilter: forwarder.filter as never,
  });
  try {
    return String(await verifier.verifyProvider());
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function verdict(
  base: Omit<PactResult, 'inconclusive' | 'skipped'>,
  resultJson: string,
  forwarder: ProviderForwarder,
  secrets: readonly string[],
): PactResult {
  const texts = allMismatches(resultJson).map((text) => redactSecrets(text, secrets));
  if (texts.length === 0) return { ...base, passed: true };
  const transport = forwarder.transportFailure();
  if (transport !== undefined || onlyTransportFailures(texts))
    return { ...base, mismatches: texts, inconclusive: redactSecrets(transport ?? texts[0] ?? '', secrets) };
  const blocked = forwarder.blocked();
  return { ...base, mismatches: blocked !== undefined ? [blocked, ...texts] : texts };
}
