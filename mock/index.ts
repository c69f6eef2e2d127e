// The reference mock of the Order contact API, as the suites, the CLI and the benchmarks use it.
export { basicAuthorization } from './credentials.ts';
export { FAULT_NAMES, FAULTS, type FaultDefinition, type FaultName } from './faults.ts';
export { createMockHandler } from './handler.ts';
export {
  type MockServerOptions,
  type RequestLogEntry,
  type RunningMock,
  startMockServer,
} from './node-adapter.ts';
export {
  type ContactsPerOrder,
  DEFAULT_API_TOKEN,
  DEFAULT_CLIENT_KEY,
  DEFAULT_LIMIT,
  DEFAULT_MAX_LIMIT,
  DEFAULT_SLOW_RESPONSE_MS,
  type MockOptions,
  MockOptionsError,
  resolveFaults,
  resolveVariants,
} from './options.ts';
export { parseSeedData, type SeedData, type SeedResult } from './seed.ts';
export type { ContactRecord, GuestRecord, MockStoreView, OrderRecord } from './store.ts';
export type { MockHandler, MockRequest, MockResponse } from './types.ts';
export {
  isVariantName,
  VARIANT_NAMES,
  VARIANTS,
  type VariantDefinition,
  type VariantName,
} from './variants.ts';
