import { readFileSync } from 'node:fs';
import { OccError } from '../../lib/errors.ts';

// The parts of a HAR 1.2 file (as `occ run --record` writes it) that a comparison reads. HAR is an outside format
// (softwareishard.com's HAR 1.2, plus our `_occ` fields): these types say what is read, and parseHar checks each
// part before it is trusted, so a hand-edited or foreign file is refused with the field named.

/** A header or query parameter as HAR lists it. */
export interface HarPair {
  readonly name: string;
  readonly value: string;
}

/** What occ records about one attempt, besides HAR's own fields. */
export interface HarOccEntry {
  readonly exchangeId: string;
  readonly final: boolean;
  readonly stage: string;
  readonly operation: string;
  readonly apiVersion?: 'v2.1' | 'v2';
  readonly test?: string;
  readonly sequence?: number;
  readonly auth?: string;
  readonly rules: readonly string[];
  readonly contentEncoding?: string;
  readonly error?: { readonly kind: string; readonly message: string };
}

/** One attempt of one exchange. */
export interface HarEntry {
  readonly startedDateTime: string;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: readonly HarPair[];
    readonly postData?: { readonly mimeType?: string; readonly text?: string };
  };
  readonly response: {
    readonly status: number;
    readonly headers: readonly HarPair[];
    readonly content: { readonly mimeType?: string; readonly text?: string };
  };
  readonly _occ: HarOccEntry;
}

/** What occ records about the whole run. */
export interface HarOccLog {
  readonly runId?: string;
  readonly seed?: number;
  readonly tier?: 'smoke' | 'full';
  readonly baseUrl?: string;
  readonly startedAt?: string;
}

/** A recording: its run and its entries. */
export interface Har {
  readonly occ: HarOccLog;
  readonly entries: readonly HarEntry[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function pairs(value: unknown, where: string, problems: string[]): HarPair[] {
  if (!Array.isArray(value)) {
    problems.push(`${where} must be an array`);
    return [];
  }
  return value.flatMap((item, i) => {
    if (isObject(item) && typeof item.name === 'string' && typeof item.value === 'string')
      return [{ name: item.name, value: item.value }];
    problems.push(`${where}/${i} must have a name and a value`);
    return [];
  });
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

function occEntry(value: unknown, where: string, problems: string[]): HarOccEntry | undefined {
  if (!isObject(value)) {
    problems.push(`${where}/_occ must be an object (this HAR was not written by occ run --record)`);
    return undefined;
  }
  for (const key of ['exchangeId', 'stage', 'operation'])
    if (typeof value[key] !== 'string') problems.push(`${where}/_occ/${key} must be a string`);
  if (typeof value.final !== 'boolean') problems.push(`${where}/_occ/final must be true or false`);
  const rules = Array.isArray(value.rules) ? value.rules.filter((r) => typeof r === 'string') : [];
  const error = isObject(value.error) ? value.error : undefined;
  const apiVersion = value.apiVersion === 'v2.1' || value.apiVersion === 'v2' ? value.apiVersion : undefined;
  const fields = {
    exchangeId: String(value.exchangeId),
    final: value.final === true,
    stage: String(value.stage),
    operation: String(value.operation),
    rules,
    apiVersion,
    test: optionalString(value.test),
    sequence: typeof value.sequence === 'number' ? value.sequence : undefined,
    auth: optionalString(value.auth),
    contentEncoding: optionalString(value.contentEncoding),
    error: error ? { kind: String(error.kind), message: String(error.message) } : undefined,
  };
  // exactOptionalPropertyTypes: an absent field is left out, not set to undefined.
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as unknown as HarOccEntry;
}

function entryOf(value: unknown, where: string, problems: string[]): HarEntry | undefined {
  if (!isObject(value) || !isObject(value.request) || !isObject(value.response)) {
    problems.push(`${where} must have a request and a response`);
    return undefined;
  }
  const { request, response } = value;
  if (typeof request.method !== 'string' || typeof request.url !== 'string')
    problems.push(`${where}/request must have a method and a url`);
  if (typeof response.status !== 'number') problems.push(`${where}/response/status must be a number`);
  const content = isObject(response.content) ? response.content : {};
  const postData = isObject(request.postData) ? request.postData : undefined;
  const occ = occEntry(value._occ, where, problems);
  if (!occ) return undefined;
  return {
    startedDateTime: String(value.startedDateTime ?? ''),
    request: {
      method: String(request.method),
      url: String(request.url),
      headers: pairs(request.headers, `${where}/request/headers`, problems),
      ...(postData ? { postData: { text: String(postData.text ?? '') } } : {}),
    },
    response: {
      status: Number(response.status),
      headers: pairs(response.headers, `${where}/response/headers`, problems),
      content: { ...(typeof content.text === 'string' ? { text: content.text } : {}) },
    },
    _occ: occ,
  };
}

function occLog(value: unknown): HarOccLog {
  if (!isObject(value)) return {};
  const fields = {
    runId: optionalString(value.runId),
    seed: typeof value.seed === 'number' ? value.seed : undefined,
    tier: value.tier === 'smoke' || value.tier === 'full' ? value.tier : undefined,
    baseUrl: optionalString(value.baseUrl),
    startedAt: optionalString(value.startedAt),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as HarOccLog;
}

/** Parses a HAR's text; `label` ("the reference recording") and `origin` (its path) name it in errors (exit 2). */
export function parseHar(text: string, origin: string, label: string): Har {
  const refuse = (why: string): never => {
    throw new OccError(
      `Failed to read ${label} "${origin}": ${why}. Pass a HAR written by occ run --record (or occ compare).`,
    );
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return refuse(`it is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(data) || !isObject(data.log) || !Array.isArray(data.log.entries))
    return refuse('it is not a HAR file (no log.entries)');
  const problems: string[] = [];
  const entries = data.log.entries.flatMap((entry, i) => entryOf(entry, `/log/entries/${i}`, problems) ?? []);
  if (problems.length > 0) {
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    refuse(`${problems.slice(0, 5).join('; ')}${more}`);
  }
  return { occ: occLog(data.log._occ), entries };
}

/** Reads and parses a HAR file (exit 2 when it cannot be read or is not one occ wrote). */
export function readHar(path: string, label: string): Har {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OccError(
      `Failed to read ${label} "${path}": ${code === 'ENOENT' ? 'no such file' : String(code ?? error)}. Pass the path of a HAR written by occ run --record.`,
    );
  }
  return parseHar(text, path, label);
}
