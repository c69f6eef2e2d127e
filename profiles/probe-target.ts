import { randomUUID } from 'node:crypto';
import type { ProfileEntry, ProfileExchange } from '../contracts/index.ts';
import { isoToEpochMs } from '../contracts/index.ts';
import { ExitCode, OccError } from '../lib/errors.ts';
import type { Exchange } from '../lib/exchange.ts';
import { markedLastName, runMarkerIdentifier } from '../lib/ledger.ts';
import { exchangeExcerpt } from './exchange-excerpt.ts';
import type { ProbeSession } from './probe-session.ts';
import { type AnswerOf, type QuestionId, questionById } from './questions.ts';

/** The date the probes send, in the vendor's own form: a server that echoes it otherwise reformats it. */
const SENT_DATE = '1991-01-01T16:17:16Z';
const DOCUMENTED_ERROR_FIELDS: ReadonlySet<string> = new Set([
  'status',
  'code',
  'message',
  'developerMessage',
  'moreInfoUrl',
]);
/** How long a delete may take to leave the list before the answer is 'never', and how often the list is read. */
const LIST_SETTLE_MS = 5_000;
const LIST_POLL_MS = 50;

type Answer<Q extends QuestionId> = {
  answer: AnswerOf<Q>;
  detail?: string;
  measured?: number;
  evidence: Exchange[];
};

/** What the probes found, and how many requests they sent. */
export interface ProbeResult {
  readonly entries: ProfileEntry[];
}

function entry<Q extends QuestionId>(id: Q, found: Answer<Q>, secrets: readonly string[]): ProfileEntry {
  const question = questionById(id);
  if (!question) throw new Error(`Failed to build the profile: no question "${id}".`);
  const evidence = found.evidence.map((e) => exchangeExcerpt(e, secrets));
  return {
    question: id,
    rules: [...question.rules] as ProfileEntry['rules'],
    answer: found.answer,
    ...(found.measured !== undefined ? { measured: found.measured } : {}),
    ...(found.detail !== undefined ? { detail: found.detail } : {}),
    evidence: evidence as [ProfileExchange, ...ProfileExchange[]],
  };
}

function jsonObject(exchange: Exchange): Record<string, unknown> | undefined {
  const value = exchange.json;
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function statusAnswer<A extends string>(exchange: Exchange, byStatus: Record<number, A>, other: A): A {
  const status = exchange.response?.status;
  return status !== undefined && byStatus[status] !== undefined ? (byStatus[status] as A) : other;
}

function contactBody(session: ProbeSession, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName: 'Profile',
    lastName: markedLastName('Probe', session.runId),
    dateOfBirth: SENT_DATE,
    identifiers: [runMarkerIdentifier(session.runId)],
    ...extra,
  };
}

function refCase(created: Exchange): Answer<'ref-case'> {
  const ref = String(jsonObject(created)?.ref ?? '');
  return { answer: /[A-F]/.test(ref) && !/[a-f]/.test(ref) ? 'upper' : 'lower', evidence: [created] };
}

function dateEcho(created: Exchange): Answer<'date-echo'> {
  const echoed = jsonObject(created)?.dateOfBirth;
  if (echoed === SENT_DATE) return { answer: 'as-sent', evidence: [created] };
  const same = typeof echoed === 'string' && isoToEpochMs(echoed) === isoToEpochMs(SENT_DATE);
  return {
    answer: same ? 'reformatted' : 'other',
    detail: `sent ${SENT_DATE}, echoed ${JSON.stringify(echoed ?? null)}`,
    evidence: [created],
  };
}

async function updateStatus(session: ProbeSession, ref: string): Promise<Answer<'update-status'>> {
  const patched = await session.client.patchContact(ref, { firstName: 'Profiled' });
  return { answer: statusAnswer(patched, { 200: '200', 201: '201' }, 'other'), evidence: [patched] };
}

async function limitAboveMax(session: ProbeSession): Promise<Answer<'limit-above-max'>> {
  const listed = await session.client.listContacts(session.version, session.orderRef, { limit: 1000 });
  const status = listed.response?.status;
  if (status === 400) return { answer: 'refused-400', evidence: [listed] };
  if (status !== 200) return { answer: 'other', detail: `status ${status ?? 'none'}`, evidence: [listed] };
  const limit = jsonObject(listed)?.limit;
  if (limit === 1000) return { answer: 'honoured', evidence: [listed] };
  return {
    answer: 'clamped',
    ...(typeof limit === 'number' && limit >= 0 ? { measured: limit } : {}),
    detail: `limit answered: ${JSON.stringify(limit ?? null)}`,
    evidence: [listed],
  };
}

async function errorBodyFields(session: ProbeSession): Promise<Answer<'error-body-fields'>> {
  const missing = await session.client.retrieveContact(session.version, randomUUID());
  const extra = Object.keys(jsonObject(missing) ?? {}).filter((key) => !DOCUMENTED_ERROR_FIELDS.has(key));
  return extra.length > 0
    ? { answer: 'additive', detail: `also: ${extra.sort().join(', ')}`, evidence: [missing] }
    : { answer: 'documented', evidence: [missing] };
}

async function refusedOrAccepted(
  session: ProbeSession,
  body: Record<string, unknown>,
): Promise<{ exchange: Exchange; answer: 'refused-400' | 'accepted' | 'other' }> {
  const exchange = await session.client.createContact(session.version, session.orderRef, body);
  const ref = jsonObject(exchange)?.ref;
  // What it created goes at once: the list probe after it should see only the contact it deletes.
  if (typeof ref === 'string') await session.client.deleteContact(session.version, ref);
  return { exchange, answer: statusAnswer(exchange, { 400: 'refused-400', 201: 'accepted' }, 'other') };
}

/** Reads the order's list until it shows (or no longer shows) the contact, or LIST_SETTLE_MS passed. */
async function listUntil(session: ProbeSession, ref: string, shown: boolean): Promise<Exchange[]> {
  const since = Date.now();
  const lists: Exchange[] = [];
  for (;;) {
    const list = await session.client.listContacts(session.version, session.orderRef);
    lists.push(list);
    const items = JSON.stringify(jsonObject(list)?.items ?? []).toLowerCase();
    if (items.includes(ref.toLowerCase()) === shown || Date.now() - since >= LIST_SETTLE_MS) return lists;
    await new Promise((resolve) => setTimeout(resolve, LIST_POLL_MS));
  }
}

async function listAfterDelete(session: ProbeSession, ref: string): Promise<Answer<'list-after-delete'>> {
  // Only a list that shows the contact can show its delete late: a lagging list may not show the create yet.
  await listUntil(session, ref, true);
  const deleted = await session.client.deleteContact(session.version, ref);
  const since = Date.now();
  const lists = await listUntil(session, ref, false);
  const lagMs = Date.now() - since;
  const first = lists[0] as Exchange;
  const last = lists[lists.length - 1] as Exchange;
  const gone = !JSON.stringify(jsonObject(last)?.items ?? [])
    .toLowerCase()
    .includes(ref.toLowerCase());
  if (lists.length === 1 && gone) return { answer: 'immediate', evidence: [deleted, first] };
  return gone
    ? {
        answer: 'lagging',
        measured: lagMs,
        detail: `gone from the list after about ${lagMs} ms`,
        evidence: [deleted, first, last],
      }
    : { answer: 'never', detail: `still listed after ${lagMs} ms`, evidence: [deleted, first, last] };
}

/**
 * Asks the target every question of profiles/questions.ts on the session's order: one create answers the ref
 * case and the date echo, then one request per question, and the delete of that contact the list freshness.
 */
export async function probeTarget(session: ProbeSession, secrets: readonly string[]): Promise<ProbeResult> {
  const created = await session.client.createContact(session.version, session.orderRef, contactBody(session));
  const ref = jsonObject(created)?.ref;
  if (created.response?.status !== 201 || typeof ref !== 'string') {
    // Every other question stands on this contact: without it the profile would be a guess.
    const got = created.response
      ? `status ${created.response.status}`
      : (created.error?.message ?? 'no answer');
    throw new OccError(
      `Failed to profile ${session.http.baseUrl}: creating the probes' contact got ${got}, expected 201 with a ref. occ run --tier smoke shows why.`,
      { exitCode: ExitCode.unreachable },
    );
  }
  const emptyName = await refusedOrAccepted(session, contactBody(session, { firstName: '' }));
  const dateOnly = await refusedOrAccepted(session, contactBody(session, { passportExpiry: '2030-01-01' }));
  const entries = [
    entry('ref-case', refCase(created), secrets),
    entry('date-echo', dateEcho(created), secrets),
    entry('update-status', await updateStatus(session, ref), secrets),
    entry('limit-above-max', await limitAboveMax(session), secrets),
    entry('error-body-fields', await errorBodyFields(session), secrets),
    entry('empty-first-name', { answer: emptyName.answer, evidence: [emptyName.exchange] }, secrets),
    entry('date-only-expiry', { answer: dateOnly.answer, evidence: [dateOnly.exchange] }, secrets),
    entry('list-after-delete', await listAfterDelete(session, ref), secrets),
  ];
  return { entries };
}
