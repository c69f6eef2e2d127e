import type { ApiVersion, Operation } from '../contracts/index.ts';
import type { ResolvedMockOptions } from './options.ts';
import type { RenderContext } from './representation.ts';
import type { MockStore } from './store.ts';
import type { MockRequest, MockResponse } from './types.ts';

/** The mock's long-lived parts an operation works with. */
export interface MockEnv {
  readonly options: ResolvedMockOptions;
  readonly store: MockStore;
}

/** One routed request, its body already read and parsed. */
export interface Call {
  readonly request: MockRequest;
  readonly operation: Operation;
  readonly version: ApiVersion;
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body (undefined for operations without one). */
  readonly body: unknown;
  /** Absolute base of hrefs, without a trailing slash. */
  readonly base: string;
  /** True when a layer in front has already decided the body is acceptable: the operation does not validate it. */
  readonly lenient: boolean;
  /** The clock at the start of the call, in ms. */
  readonly now: number;
  readonly render: RenderContext;
}

/** What the handler runs for one operationId of the contract. */
export type OperationImpl = (env: MockEnv, call: Call) => MockResponse;

/** A ref from a path, as the store keys it: lower case (refs are matched case-insensitively). */
export function refParam(call: Call, name: string): string {
  return (call.params[name] ?? '').toLowerCase();
}
