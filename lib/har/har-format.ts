// The HAR 1.2 that `occ run --record` writes (http://www.softwareishard.com/blog/har-12-spec/): the part of the
// format it fills, and its own `_occ` fields. The tests validate every file against the har-schema package's JSON
// Schemas; `_occ` is this project's, described in README.md ("Recording a run: --record").
import type { ApiVersion } from '../../contracts/index.ts';

/** The stage of the run that sent an exchange. */
export type HarStage = 'prepare' | 'suites' | 'pacts' | 'teardown';

/** The order the stages run in, and the order their entries appear in the file. */
export const HAR_STAGES: readonly HarStage[] = ['prepare', 'suites', 'pacts', 'teardown'];

/** A HAR name/value pair (headers, query string). */
export interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

export interface HarRequest {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly headers: readonly HarNameValue[];
  readonly queryString: readonly HarNameValue[];
  readonly cookies: readonly [];
  readonly headersSize: -1;
  readonly bodySize: number;
  readonly postData?: { readonly mimeType: string; readonly text: string };
}

export interface HarResponse {
  /** 0 when the attempt got no response. */
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  readonly headers: readonly HarNameValue[];
  readonly cookies: readonly [];
  readonly redirectURL: string;
  readonly headersSize: -1;
  readonly bodySize: -1;
  readonly content: { readonly size: number; readonly mimeType: string; readonly text?: string };
}

/** What an entry says about the exchange beyond HAR: which send, attempt, stage and test, and the rules checked. */
export interface HarEntryOcc {
  /** The Exchange's id, as in the report's evidence; shared by the attempts of one send. */
  readonly exchangeId: string;
  /** 1-based. */
  readonly attempt: number;
  /** How many attempts the send made. */
  readonly attempts: number;
  /** The attempt whose answer the checks used (the last). */
  readonly final: boolean;
  /** On a non-final attempt: why the send tried again (Exchange.retryReasons). */
  readonly retryReason?: string;
  readonly stage: HarStage;
  readonly apiVersion?: ApiVersion;
  readonly operation: string;
  /** The vitest test (file > describe > test) in stage suites, the Pact interaction in stage pacts. */
  readonly test?: string;
  /** 0-based index of the send among its test's sends (or, outside a test, its process's sends of the stage). */
  readonly sequence: number;
  readonly auth?: 'none' | 'configured' | 'wrong' | `variant:${string}`;
  /** Catalogue rule ids checked against the exchange (on the final attempt; [] on the others). */
  readonly rules: readonly string[];
  readonly error?: { readonly kind: string; readonly message: string };
  /** The content coding(s) the body arrived in; `content.text` is decoded. */
  readonly contentEncoding?: string;
}

export interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: HarRequest;
  readonly response: HarResponse;
  readonly cache: Record<string, never>;
  readonly timings: { readonly send: number; readonly wait: number; readonly receive: number };
  readonly _occ: HarEntryOcc;
}

/** What the log says about the run. */
export interface HarLogOcc {
  readonly runId: string;
  readonly seed: number;
  readonly tier: 'smoke' | 'full';
  /** The target, without userinfo. */
  readonly baseUrl: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** How many entries the file holds. */
  readonly entries: number;
}

export interface HarFile {
  readonly log: {
    readonly version: '1.2';
    readonly creator: { readonly name: string; readonly version: string };
    readonly _occ: HarLogOcc;
    readonly entries: readonly HarEntry[];
  };
}
