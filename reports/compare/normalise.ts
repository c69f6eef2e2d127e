import { createHash } from 'node:crypto';
import type { Har, HarEntry, HarPair } from './har.ts';

/** One final exchange of a recording with everything that must differ between two targets replaced by labels. */
export interface NormalisedExchange {
  readonly id: string;
  readonly stage: string;
  readonly test?: string;
  readonly operation: string;
  readonly apiVersion?: 'v2.1' | 'v2';
  readonly method: string;
  /** The path, refs replaced by labels that are the same on both sides. */
  readonly path: string;
  /** What pairs it with the other side's exchange: path, query, body and credentials, normalised. */
  readonly signature: string;
  /** Where it stands among its test's sends (the recording's sequence, else its start). */
  readonly order: number;
  readonly status: number;
  /** The media type and its parameters, lower case and sorted; '' when none. */
  readonly contentType: string;
  readonly contentEncoding: string;
  /** The normalised JSON body, the text when it is not JSON, undefined when empty. */
  readonly body: unknown;
  readonly rules: readonly string[];
}

const RUN_MARKER_SUFFIX = /<run>-\d+(?:\.\d+)?-\d+/g;
const PACT_ORDER = /OCC-PACT-\d+/g;
// A version's home order is its lane 0 (suites/support/own-order.ts).
const LANE_ORDER = /<run>-(?:lane-\d+|home-v[\d.]+)/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// A whole value that is an ISO 8601 date or date-time: only whole JSON strings are read as dates.
const DATE_TIME_IN_TEXT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const header = (headers: readonly HarPair[], name: string): string | undefined =>
  headers.find((h) => h.name.toLowerCase() === name)?.value;

/** `application/json; charset=UTF-8` and `application/json;charset=utf-8` are the same content type. */
export function normalisedContentType(value: string | undefined): string {
  if (value === undefined) return '';
  const [type = '', ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  return [type, ...params.filter(Boolean).sort()].join('; ');
}

const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

function parsedBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The labelling of one recording: the run marker, the target's origin, refs and timestamps. A ref is labelled by the
 * request whose answer first held it (its operation, a hash of its normalised request and where in the answer it
 * stood), so the same seeded create gets the same label on both targets whatever ref each chose or in which order
 * concurrent sends went; requests alike (the lane orders) give their refs one label. A ref no answer produced (an
 * unknown contact's probe) is labelled by the test that sent it and its order there.
 */
class Labeller {
  private readonly refs: Map<string, string>;
  private readonly taken = new Set<string>();
  /** Every ref an answer produced, and the least label of the answers that did (settledLabels). */
  private readonly producers = new Map<string, string>();
  /** Uuids a request body carried: the client chose them (seeded identifiers' ids), no answer produced them. */
  private readonly sent = new Set<string>();
  private readonly runId: string | undefined;
  private readonly origin: string | undefined;
  private readonly startedAt: number;

  constructor(har: Har, settled: ReadonlyMap<string, string> = new Map()) {
    this.refs = new Map(settled);
    this.runId = har.occ.runId || undefined;
    const base = har.occ.baseUrl ?? har.entries[0]?.request.url;
    this.origin = base === undefined ? undefined : safeOrigin(base);
    const started = Date.parse(har.occ.startedAt ?? har.entries[0]?.startedDateTime ?? '');
    this.startedAt = Number.isNaN(started) ? Date.now() : started;
  }

  /**
   * Run marker, origin and refs known so far replaced. A uuid no answer produced is kept as it is in a body (the
   * generators draw identifiers' ids from the seed) and labelled `<id:scope#n>` in a URL (the probes of unknown
   * refs draw theirs at random).
   */
  text(value: string, scope: string, where: 'url' | 'body' = 'body'): string {
    // A contact's marker identifier adds its writer (pid, thread) and a counter to the run id (lib/ledger.ts).
    // Cases are spread over lane orders as lanes come free, so which lane a case gets differs between runs.
    let text = this.runId
      ? value
          .split(this.runId)
          .join('<run>')
          .replace(RUN_MARKER_SUFFIX, '<run>-<n>')
          .replace(LANE_ORDER, '<run>-lane-<n>')
      : value;
    // The Pact stage's provider states name their order by the clock (suites/pact/provider-states.ts).
    text = text.replace(PACT_ORDER, 'OCC-PACT-<n>');
    if (this.origin) text = text.split(this.origin).join('<base>');
    return text.replace(
      UUID,
      (uuid) =>
        this.refs.get(uuid.toLowerCase()) ??
        (where === 'url' ? this.unknownRef(uuid, scope) : uuid.toLowerCase()),
    );
  }

  /**
   * Labels the refs an answer introduces, as produced by the request whose skeleton is given; `asked` is the
   * request's own text (URL and body), whose uuids this answer did not produce.
   */
  learnProduced(body: unknown, producer: string, asked: string, pointer = ''): void {
    if (typeof body === 'string') {
      for (const uuid of body.match(UUID) ?? []) {
        // Requests alike produce refs alike: the lane orders, made by one request each, are one order to compare.
        const key = uuid.toLowerCase();
        if (this.sent.has(key) || asked.includes(key)) continue;
        const label = `<ref:${producer}${pointer}>`;
        if (!this.refs.has(key)) this.refs.set(key, label);
        const known = this.producers.get(key);
        if (known === undefined || label < known) this.producers.set(key, label);
      }
    } else if (Array.isArray(body)) {
      for (const [i, item] of body.entries()) this.learnProduced(item, producer, asked, `${pointer}/${i}`);
    } else if (body !== null && typeof body === 'object')
      for (const key of Object.keys(body).sort())
        this.learnProduced((body as Record<string, unknown>)[key], producer, asked, `${pointer}/${key}`);
  }

  /**
   * Each ref's label, chosen among every answer that produced it (the least), not the first to arrive: a guest that
   * two concurrent creates resolve to is produced by both, and which answered first changes from run to run.
   */
  settledLabels(): Map<string, string> {
    return new Map(this.producers);
  }

  /** Notes the uuids of a request body, so an answer echoing them is not taken to produce them. */
  learnSent(text: string | undefined): void {
    for (const uuid of text?.match(UUID) ?? [])
      if (!this.refs.has(uuid.toLowerCase())) this.sent.add(uuid.toLowerCase());
  }

  /** A sent date is past or future relative to the run's start: generated dates move with the clock. */
  sentDate(value: string): string {
    return Date.parse(value) > this.startedAt ? '<date:future>' : '<date:past>';
  }

  private unknownRef(uuid: string, scope: string): string {
    const base = `<id:${scope}>`;
    let label = base;
    for (let n = 2; this.taken.has(label); n++) label = `${base.slice(0, -1)}#${n}>`;
    this.taken.add(label);
    this.refs.set(uuid.toLowerCase(), label);
    return label;
  }
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * A JSON value with its strings normalised by `text`, keys sorted (key order never matters); `text` is told the
 * name of the property a string is the value of.
 */
function mapStrings(value: unknown, text: (s: string, key?: string) => string, key?: string): unknown {
  if (typeof value === 'string') return text(value, key);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, text));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((name) => [name, mapStrings((value as Record<string, unknown>)[name], text, name)]),
    );
  return value;
}

/**
 * The standard response attributes the target sets (seed 003: createdAt, modifiedAt): always its own timestamps,
 * even when one happens to equal an instant a request sent (a PUT sending back what a read showed).
 */
const TARGET_TIMESTAMPS = new Set(['createdAt', 'modifiedAt']);

function sentDates(value: unknown, into: Map<number, string>, labeller: Labeller): void {
  if (typeof value === 'string' && ISO_DATE.test(value))
    into.set(Date.parse(value), labeller.sentDate(value));
  else if (Array.isArray(value)) for (const item of value) sentDates(item, into, labeller);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) sentDates(item, into, labeller);
}

const startOf = (entry: HarEntry): number => Date.parse(entry.startedDateTime) || 0;

/**
 * The final attempts of a recording, normalised: refs and ids labelled, the target's scheme, host and port, the
 * run marker, timestamps the target made (any date-time it answered that no request had sent: `<timestamp>`; one
 * it echoed: the label of the date sent, past or future), key order and the headers that always differ left out.
 */
export function normaliseRecording(har: Har): NormalisedExchange[] {
  // Twice: the first reading learns which answers produced each ref, the second labels every ref by them alone.
  const first = new Labeller(har);
  normaliseWith(har, first);
  return normaliseWith(har, new Labeller(har, first.settledLabels()));
}

function normaliseWith(har: Har, labeller: Labeller): NormalisedExchange[] {
  // Every date the run sent so far, by instant: a retrieve echoes what a create sent.
  const dates = new Map<number, string>();
  const finals = har.entries
    .filter((entry) => entry._occ.final)
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => startOf(a.entry) - startOf(b.entry) || a.index - b.index);
  return finals.map(({ entry }) => {
    const occ = entry._occ;
    const scope = `${occ.stage}:${occ.test ?? ''}`;
    // The Pact stage names an interaction's operation by its request, refs and all.
    const operation = labeller.text(occ.operation, scope, 'url');
    const url = new URL(entry.request.url, 'http://unknown.invalid');
    const sent = parsedBody(entry.request.postData?.text);
    labeller.learnSent(entry.request.postData?.text);
    sentDates(sent, dates, labeller);
    // A body that is not JSON (a malformed-JSON case) carries its dates inside the text.
    const requestText = (s: string): string =>
      ISO_DATE.test(s)
        ? labeller.sentDate(s)
        : labeller.text(s, scope).replace(DATE_TIME_IN_TEXT, (d) => labeller.sentDate(d));
    const path = labeller.text(url.pathname, scope, 'url');
    const query = [...url.searchParams]
      .map(([name, value]) => `${name}=${labeller.text(value, scope, 'url')}`)
      .sort()
      .join('&');
    const requestBody = JSON.stringify(mapStrings(sent, requestText)) ?? '';
    const signature = [path, query, requestBody, occ.auth ?? ''].join('\n');
    const answered = parsedBody(entry.response.content.text);
    labeller.learnProduced(
      answered,
      `${operation}:${shortHash(`${entry.request.method} ${signature}`)}`,
      `${entry.request.url}\n${entry.request.postData?.text ?? ''}`.toLowerCase(),
    );
    const responseText = (s: string, key?: string): string => {
      if (!ISO_DATE.test(s)) return labeller.text(s, scope);
      if (key !== undefined && TARGET_TIMESTAMPS.has(key)) return '<timestamp>';
      return dates.get(Date.parse(s)) ?? '<timestamp>';
    };
    const contentType = normalisedContentType(header(entry.response.headers, 'content-type'));
    const encoding = occ.contentEncoding ?? header(entry.response.headers, 'content-encoding') ?? 'identity';
    return {
      id: occ.exchangeId,
      stage: occ.stage,
      ...(occ.test !== undefined ? { test: occ.test } : {}),
      operation,
      ...(occ.apiVersion ? { apiVersion: occ.apiVersion } : {}),
      method: entry.request.method.toUpperCase(),
      path,
      signature,
      order: occ.sequence ?? startOf(entry),
      status: entry.response.status,
      contentType,
      contentEncoding: encoding.toLowerCase(),
      body: mapStrings(answered, responseText),
      rules: occ.rules,
    };
  });
}
