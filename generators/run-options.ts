import type { ApiVersion } from '../contracts/index.ts';

/** What a run of generated cases depends on: with the same options, the same cases byte for byte. */
export interface RunOptions {
  readonly seed: number;
  readonly apiVersion: ApiVersion;
  /** The operationId the cases are for (default createOrderContact). */
  readonly operation?: string;
  /** The reference time in epoch ms; "a second ago" and "a second ahead" are measured from it. */
  readonly now: number;
}
