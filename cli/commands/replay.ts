import type { Command } from 'commander';
import type { Order } from '../../contracts/index.ts';
import { createFaker, documentedContact } from '../../generators/index.ts';
import { cleanupLedgers } from '../../lib/cleanup.ts';
import { loadConfig } from '../../lib/config.ts';
import { credentialVariant, isCredentialVariantName } from '../../lib/credential-variants.ts';
import { ExitCode, OccError } from '../../lib/errors.ts';
import type { Exchange } from '../../lib/exchange.ts';
import type { SendOptions } from '../../lib/http-client.ts';
import { CleanupLedger, runMarkerName } from '../../lib/ledger.ts';
import { printLine } from '../../lib/log.ts';
import { OrderContactClient } from '../../lib/order-contact-client.ts';
import type { SettingKey } from '../../lib/settings.ts';
import { recomputeTimeRelative } from '../../lib/time-relative.ts';
import { type ReportEvidence, readReport } from '../../reports/index.ts';
import { tagged } from '../../suites/support/tagging.ts';
import { credentialsFor } from '../../target-setup/credentials.ts';
import { newRunId } from '../../target-setup/prepare-target.ts';
import { createTargetHttp } from '../../target-setup/target-http.ts';
import type { CliContext } from '../context.ts';
import { findEvidence } from '../replay/find-evidence.ts';
import { rebased, replayPlan } from '../replay/replay-plan.ts';
import { addSettingOptions, settingFlags, TARGET_SETTINGS } from '../setting-options.ts';

const REPLAY_SETTINGS: readonly SettingKey[] = [
  ...TARGET_SETTINGS,
  'orderRef',
  'readOnly',
  'ledgerDir',
  'timeoutMs',
  'retries',
];

/** Headers the client sets itself, or that belong to the credentials or the connection. */
const OWN_HEADERS = new Set([
  'authorization',
  'accept-encoding',
  'user-agent',
  'content-type',
  'content-length',
  'host',
  'connection',
  'transfer-encoding',
]);

/** Response headers shown beside the body: those a finding is usually about. */
const SHOWN_HEADERS = ['content-type', 'location', 'retry-after', 'www-authenticate'];

const MAX_SHOWN_BODY = 2000;

/** Registers `occ replay`: sends a recorded request again, against what the replay itself creates. */
export function registerReplayCommand(program: Command, context: CliContext): void {
  const command = program
    .command('replay <exchangeId>')
    .description(
      "send a finding's recorded request again: creates the order (and contact) it needs, sends it with the same kind of credentials, shows both answers, deletes what it made; exit 0 same status, 1 different",
    )
    .option('--report <path>', 'the conformance.json (or its folder) that holds the finding', 'reports/out');
  addSettingOptions(command, REPLAY_SETTINGS, {
    baseUrl: 'the target to replay against (the run may have used the embedded mock)',
    orderRef: 'send to this existing order instead of creating one (needed with --read-only)',
  });
  command.action(async (exchangeId: string, options: { report: string }) => {
    const out = (line: string): void => printLine(context.stdout, line);
    const report = readReport(options.report);
    const { evidence, rule } = findEvidence(report, exchangeId, options.report);
    const config = loadConfig(context.env, settingFlags(command, REPLAY_SETTINGS));
    if (config.baseUrl === undefined)
      throw new OccError(
        `occ replay needs the target: --base-url (or CDP_BASE_URL) with --client-key and --api-token. The run's was ${report.target.baseUrl}.`,
      );
    const plan = replayPlan(evidence);
    if (typeof plan === 'string') throw new OccError(`Failed to replay ${exchangeId}: ${plan}.`);
    if (config.readOnly && plan.writes)
      throw new OccError(
        `Failed to replay ${exchangeId}: it is a ${plan.method}, a write, and --read-only forbids writes. Replay it without --read-only (against a tenant where it may create and delete).`,
      );
    if (
      config.readOnly &&
      (plan.contactRef !== undefined || (plan.orderRef !== undefined && config.orderRef === undefined))
    )
      throw new OccError(
        `Failed to replay ${exchangeId}: its path needs ${plan.contactRef !== undefined ? 'a contact' : 'an order'}, which a --read-only replay may not create. ${plan.contactRef !== undefined ? 'Replay it without --read-only' : 'Pass --order-ref <an existing order>'}.`,
      );
    const credentials = credentialsFor(config);
    const http = createTargetHttp({
      baseUrl: config.baseUrl,
      credentials,
      settings: config,
      proxy: config.proxy,
    });
    const runId = newRunId();
    const ledger = config.readOnly
      ? undefined
      : CleanupLedger.open(config.ledgerDir, runId, {
          baseUrl: config.baseUrl,
          startedAt: new Date().toISOString(),
        });
    const client = new OrderContactClient(http, ledger);
    try {
      out(
        `replaying ${exchangeId} (${rule}, recorded ${evidence.request.method} ${evidence.request.url}) against ${config.baseUrl}`,
      );
      const refs = new Map<string, string>();
      const made = await setUp(client, plan, config.orderRef, runId, refs);
      for (const line of made) out(line);
      let body = plan.body === undefined ? undefined : rebased(plan.body, refs, false);
      if (body !== undefined && evidence.timeRelative !== undefined) {
        const recomputed = recomputeTimeRelative(body, evidence.timeRelative, Date.now());
        body = recomputed.body;
        for (const line of recomputed.sent) out(`computed again for now: ${line}`);
        for (const line of recomputed.skipped) out(`not computed again: ${line}`);
      }
      if (plan.bodyTrimmed)
        out(
          'the report cut the body: the replay sends its first 4 KiB only, and may be answered differently',
        );
      const answer = await send(client, plan, rebased(plan.path, refs, true), body, evidence, credentials);
      out(`auth: ${authWords(evidence)}`);
      out(`request: ${answer.request.method} ${answer.request.url}`);
      printAnswers(out, evidence, answer);
      const recorded = evidence.response?.status;
      const replayed = answer.response?.status;
      context.exitCode = recorded === replayed ? ExitCode.ok : ExitCode.ruleFailed;
      out(
        recorded === replayed
          ? `reproduced: the same status as recorded (${recorded ?? 'no response'})`
          : `not reproduced: recorded ${recorded ?? 'no response'}, replayed ${replayed ?? `no response (${answer.error?.kind})`}`,
      );
    } finally {
      if (ledger) {
        const cleaned = await cleanupLedgers({ dir: config.ledgerDir, client: http, log: out, only: runId });
        out(
          `deleted what the replay made: ${cleaned.deleted} deleted, ${cleaned.failed.length} could not be deleted${cleaned.failed.length > 0 ? ' (occ cleanup retries them)' : ''}`,
        );
      }
      await http.close();
    }
  });
}

/** Creates the order and contact the recorded path named, and maps the recorded refs to them. */
async function setUp(
  client: OrderContactClient,
  plan: Exclude<ReturnType<typeof replayPlan>, string>,
  givenOrder: string | undefined,
  runId: string,
  refs: Map<string, string>,
): Promise<string[]> {
  const lines: string[] = [];
  if (plan.orderRef === undefined && plan.contactRef === undefined) return lines;
  let order = givenOrder;
  if (order === undefined) {
    const created = await client.createOrder(plan.apiVersion, {
      referenceId: runMarkerName(runId),
      currencyCode: 'EUR',
      orderedAt: new Date().toISOString(),
      price: 1,
      pointOfSale: 'occ-conformance',
    });
    order = (created.json as Partial<Order> | undefined)?.ref;
    if (created.response?.status !== 201 && created.response?.status !== 200)
      throw new OccError(
        `Failed to create the order the replay needs: ${answerWords(created)}. Pass --order-ref <an existing order>.`,
      );
    if (typeof order !== 'string')
      throw new OccError(
        'Failed to create the order the replay needs: the answer named no ref. Pass --order-ref <an existing order>.',
      );
    lines.push(`created order ${order} for the replay`);
  }
  if (plan.orderRef !== undefined) refs.set(plan.orderRef, order);
  if (plan.contactRef !== undefined) {
    const contact = tagged(
      documentedContact(createFaker(1), { apiVersion: plan.apiVersion, now: Date.now() }),
      runId,
    );
    const created = await client.createContact(plan.apiVersion, order, contact);
    const ref = (created.json as { ref?: unknown } | undefined)?.ref;
    if (typeof ref !== 'string' || (created.response?.status ?? 500) >= 300)
      throw new OccError(`Failed to create the contact the replay needs: ${answerWords(created)}.`);
    refs.set(plan.contactRef, ref);
    lines.push(`created contact ${ref} for the replay`);
  }
  return lines;
}

/** Sends the recorded request through the typed client where it creates or deletes, so the ledger knows. */
function send(
  client: OrderContactClient,
  plan: Exclude<ReturnType<typeof replayPlan>, string>,
  path: string,
  body: string | undefined,
  evidence: ReportEvidence,
  configured: { clientKey: string; apiToken: string },
): Promise<Exchange> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(evidence.request.headers))
    if (value !== undefined && !OWN_HEADERS.has(name)) headers[name] = value;
  const options = {
    auth: authOf(evidence, configured),
    headers,
    retry: false,
    contentType: evidence.request.headers['content-type'] ?? null,
    ...(body !== undefined ? { rawBody: body } : {}),
  } satisfies Partial<SendOptions>;
  const create = /^\/v2(\.1)?\/orders\/([^/?]+)\/contacts$/.exec(path);
  if (plan.method === 'POST' && create?.[2])
    return client.createContact(plan.apiVersion, decodeURIComponent(create[2]), undefined, options);
  const contact = /^\/v2(\.1)?\/orderContacts\/([^/?]+)$/.exec(path);
  if (plan.method === 'DELETE' && contact?.[2])
    return client.deleteContact(plan.apiVersion, decodeURIComponent(contact[2]), options);
  return client.raw({
    ...options,
    method: plan.method,
    path,
    operation: 'replay',
    apiVersion: plan.apiVersion,
  });
}

/** The credentials to send: the same kind as recorded (a report without `auth`: by its Authorization header). */
function authOf(
  evidence: ReportEvidence,
  configured: { clientKey: string; apiToken: string },
): NonNullable<SendOptions['auth']> {
  const kind =
    evidence.auth ?? (evidence.request.headers.authorization === undefined ? 'none' : 'configured');
  if (kind === 'none') return 'none';
  if (kind === 'configured') return 'default';
  if (kind === 'variant') {
    const name = evidence.credentialVariant ?? '';
    const variant = isCredentialVariantName(name) ? credentialVariant(name).auth(configured) : undefined;
    if (variant === undefined || variant.kind === 'none') return 'none';
    if (variant.kind === 'wrong') return variant.credentials;
    return { variant: name, authorization: variant.authorization, secrets: variant.secrets };
  }
  return {
    clientKey: evidence.wrongCredentials?.clientKey ?? configured.clientKey,
    apiToken: evidence.wrongCredentials?.apiToken ?? configured.apiToken,
  };
}

function authWords(evidence: ReportEvidence): string {
  const kind =
    evidence.auth ?? (evidence.request.headers.authorization === undefined ? 'none' : 'configured');
  if (kind === 'variant')
    return `the credential variant ${evidence.credentialVariant ?? '(unnamed)'}, built again from the configured credentials`;
  if (kind !== 'wrong')
    return kind === 'none' ? 'none, as recorded' : 'the configured credentials, as recorded';
  const wrong = evidence.wrongCredentials ?? {};
  return `wrong, as recorded: client key ${wrong.clientKey ?? '(configured)'}, API token ${wrong.apiToken ?? '(configured)'}`;
}

function answerWords(exchange: Exchange): string {
  return exchange.response
    ? `status ${exchange.response.status}`
    : `no response (${exchange.error?.kind}: ${exchange.error?.message})`;
}

function printAnswers(out: (line: string) => void, evidence: ReportEvidence, answer: Exchange): void {
  const recorded = evidence.response;
  const replayed = answer.response;
  const cell = (text: string) => text.padEnd(34);
  out(`${cell('')}${cell('recorded')}replayed`);
  out(
    `${cell('status')}${cell(String(recorded?.status ?? evidence.error ?? 'no response'))}${replayed?.status ?? `no response (${answer.error?.kind})`}`,
  );
  for (const name of SHOWN_HEADERS) {
    const a = recorded?.headers[name];
    const b = replayed?.headers[name];
    if (a !== undefined || b !== undefined) out(`${cell(name)}${cell(a ?? '-')}${b ?? '-'}`);
  }
  out(`recorded body: ${shorten(recorded?.body ?? '')}`);
  out(`replayed body: ${shorten(replayed?.body ?? '')}`);
}

function shorten(body: string): string {
  return body.length > MAX_SHOWN_BODY
    ? `${body.slice(0, MAX_SHOWN_BODY)}… (${body.length} characters)`
    : body || '(empty)';
}
