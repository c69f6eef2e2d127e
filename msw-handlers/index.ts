// order-contact-conformance/msw: the reference mock as MSW 2 request handlers. MSW is imported only in this folder.
export { FAULT_NAMES, type FaultName } from '../mock/faults.ts';
export { MockOptionsError } from '../mock/options.ts';
export type { SeedInput } from '../mock/seed.ts';
export type { ContactRecord, GuestRecord, MockStoreView, OrderRecord } from '../mock/store.ts';
export { VARIANT_NAMES, type VariantName } from '../mock/variants.ts';
export {
  type OrderContactHandlersOptions,
  type OrderContactMock,
  orderContactHandlers,
} from './order-contact-handlers.ts';
