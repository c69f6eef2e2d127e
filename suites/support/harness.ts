import { AsyncLocalStorage } from 'node:async_hooks';
import { expect } from 'vitest';
import type { RuleObservation } from '../../checks/violation.ts';
import type { ApiVersion } from '../../contracts/index.ts';
import { proxyFromEnv } from '../../lib/config.ts';
import { GiveUpSwitch, giveUpMarkerPath } from '../../lib/give-up.ts';
import { HarRecording, type RecordingScope, recordingScope } from '../../lib/har/har-recording.ts';
import { CleanupLedger } from '../../lib/ledger.ts';
import { OrderContactClient } from '../../lib/order-contact-client.ts';
import type { ShapeInput } from '../../reports/index.ts';
import { type Credentials, credentialsFromEnv } from '../../target-setup/credentials.ts';
import { decodeRunContext, type RunContext } from '../../target-setup/run-context.ts';
import { createTargetHttp } from '../../target-setup/target-http.ts';
import { RuleRecorder } from './recorder.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** What the test learned about the catalogue's rules; the occ reporter builds the report from it. */
    occ?: RuleObservation[];
    /** The response shapes the test saw, for schema-drift reports. */
    occShapes?: ShapeInput[];
    /** Requests (retries included) the worker had sent when the test ended, for --max-requests. */
    occRequestsSent?: number;
  }
}

let context: RunContext | undefined;
let client: OrderContactClient | undefined;
let giveUp: GiveUpSwitch | undefined;
let recording: HarRecording | undefined;
/** The test a send is made for (--record names it, and numbers its sends). */
const testScope = new AsyncLocalStorage<RecordingScope>();
/** One scope per test, whichever of its conformance() calls (one per version, say) made the send. */
const scopes = new WeakMap<object, RecordingScope>();

/** The credentials the run sends (the auth suite varies one of them to test refusals). */
export function runCredentials(): Credentials {
  return credentialsFromEnv(process.env);
}

/** The run context the global setup (or `occ run`) prepared. */
export function runContext(): RunContext {
  context ??= decodeRunContext(process.env);
  if (!context) {
    throw new Error(
      'Failed to find the run context: run the suites with `occ run` or `npx vitest run --project conformance`.',
    );
  }
  return context;
}

/** The typed client of this worker, talking to the run's target with its credentials and recording creations. */
export function targetClient(): OrderContactClient {
  if (client) return client;
  const ctx = runContext();
  giveUp = new GiveUpSwitch({
    after: ctx.giveUpAfter,
    markerPath: giveUpMarkerPath(ctx.runId),
    // The suites may spend the whole of --max-requests; the Pact stage gets what they leave.
    ...(ctx.maxRequests !== undefined ? { budget: { requests: ctx.maxRequests, of: ctx.maxRequests } } : {}),
  });
  // Credentials travel in the environment only (never in the run context).
  const credentials = runCredentials();
  if (ctx.record !== undefined)
    recording = new HarRecording({
      target: ctx.record,
      runId: ctx.runId,
      stage: 'suites',
      secrets: [credentials.clientKey, credentials.apiToken],
      scope: () => testScope.getStore(),
    });
  const http = createTargetHttp({
    baseUrl: ctx.baseUrl,
    credentials,
    settings: ctx,
    giveUp,
    ...(recording ? { observer: recording } : {}),
    // The workers inherit the run's environment, proxies included (kept out of the run context: they may hold a password).
    ...(ctx.targetKind === 'embedded-mock' ? {} : { proxy: proxyFromEnv(process.env) }),
  });
  // The embedded mock dies with the run: what its ledger lists needs no surviving a machine crash.
  const ledger = CleanupLedger.open(
    ctx.ledgerDir,
    ctx.runId,
    { baseUrl: ctx.baseUrl, startedAt: ctx.startedAt },
    { durable: ctx.targetKind !== 'embedded-mock' },
  );
  client = new OrderContactClient(http, ledger);
  return client;
}

/** What conformance() reads of vitest's task: its meta, and the names of the test and the suites around it. */
export interface ConformanceTask {
  meta: { occ?: RuleObservation[]; occShapes?: ShapeInput[]; occRequestsSent?: number };
  readonly name?: string;
  readonly suite?: NamedSuite | undefined;
  readonly file?: { readonly name: string } | undefined;
}

interface NamedSuite {
  readonly name: string;
  readonly suite?: NamedSuite | undefined;
}

/** "<file> > <describe> > <test>", as vitest names a test in its output. */
function testPath(task: ConformanceTask): string {
  const names = [task.name ?? 'a test'];
  for (let suite = task.suite; suite !== undefined; suite = suite.suite) names.unshift(suite.name);
  if (task.file !== undefined && names[0] !== task.file.name) names.unshift(task.file.name);
  return names.join(' > ');
}

/** A test's view of the run: the recorder for one API version, the client and the context. */
export interface ConformanceScope {
  readonly recorder: RuleRecorder;
  readonly client: OrderContactClient;
  readonly context: RunContext;
  readonly version: ApiVersion;
}

/**
 * Runs a conformance test body for one API version: records what it learns in the test's meta (for the report),
 * then fails the test for each MUST violation (every violation when strict), listing them all.
 */
export async function conformance(
  task: ConformanceTask,
  version: ApiVersion,
  body: (scope: ConformanceScope) => Promise<void>,
): Promise<void> {
  const ctx = runContext();
  const recorder = new RuleRecorder(version, ctx.only);
  let scope = scopes.get(task);
  if (scope === undefined) {
    scope = recordingScope(testPath(task));
    scopes.set(task, scope);
  }
  try {
    const client = targetClient();
    await testScope.run(scope, () => body({ recorder, client, context: ctx, version }));
  } finally {
    recording?.annotate(recorder.exchangeRules());
    task.meta.occ = [...(task.meta.occ ?? []), ...recorder.observations()];
    task.meta.occShapes = [...(task.meta.occShapes ?? []), ...recorder.shapes()];
    task.meta.occRequestsSent = giveUp?.requestsSent ?? 0;
  }
  const failing = recorder.failing(ctx.strict).map((v) => ({
    rule: v.rule,
    level: v.level,
    operation: v.operation,
    message: v.message,
    ...(v.instancePath !== undefined ? { instancePath: v.instancePath } : {}),
  }));
  expect(failing).toEqual([]);
}
