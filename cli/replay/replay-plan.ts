import type { ApiVersion } from '../../contracts/index.ts';
import type { ReportEvidence } from '../../reports/index.ts';

/** What a recorded request needs on the target before it can be sent again, and where its refs stand. */
export interface ReplayPlan {
  readonly apiVersion: ApiVersion;
  readonly method: string;
  /** From the version segment on, query included, e.g. "/v2.1/orders/<o>/contacts?limit=2". */
  readonly path: string;
  /** The order ref the recorded path named, to be replaced by one the replay owns. */
  readonly orderRef?: string;
  /** The contact ref the recorded path named, to be replaced by one the replay owns. */
  readonly contactRef?: string;
  readonly body?: string;
  /** The report cut the body (over 4 KiB): the replay sends less than the run did. */
  readonly bodyTrimmed: boolean;
  readonly writes: boolean;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const VERSION_PATH = /\/(v2\.1|v2)(\/.*)?$/;

/**
 * Reads a recorded request: its version and path, and the refs it names. A ref the run's answer said was unknown
 * (a 404) is kept as it was: the case was about a ref that does not exist.
 */
export function replayPlan(evidence: ReportEvidence): ReplayPlan | string {
  const url = new URL(evidence.request.url);
  const match = VERSION_PATH.exec(url.pathname);
  if (!match)
    return `its URL ${evidence.request.url} names no API version (/v2.1/ or /v2/), so there is nothing to rebase on --base-url`;
  const apiVersion = match[1] as ApiVersion;
  const path = `/${apiVersion}${match[2] ?? ''}${url.search}`;
  const unknownRef = evidence.response?.status === 404;
  const order = /\/orders\/([^/?]+)/.exec(path)?.[1];
  const contact = /\/orderContacts\/([^/?]+)/.exec(path)?.[1];
  const body = evidence.request.body;
  const method = evidence.request.method.toUpperCase();
  return {
    apiVersion,
    method,
    path,
    ...(order !== undefined && !unknownRef ? { orderRef: decodeURIComponent(order) } : {}),
    ...(contact !== undefined && !unknownRef ? { contactRef: decodeURIComponent(contact) } : {}),
    ...(body !== undefined ? { body } : {}),
    bodyTrimmed: body !== undefined && /…\[trimmed \d+ bytes\]$/.test(body),
    writes: !READS.has(method),
  };
}

/** Replaces every occurrence of each recorded ref by the replay's own (path-encoded in the path). */
export function rebased(text: string, refs: ReadonlyMap<string, string>, encode: boolean): string {
  let out = text;
  for (const [from, to] of refs) {
    out = out.split(encode ? encodeURIComponent(from) : from).join(encode ? encodeURIComponent(to) : to);
    if (encode) out = out.split(from).join(encodeURIComponent(to));
  }
  return out;
}
