// `order-contact-conformance/msw` for plain Node: the TypeScript sources through tsx in a namespace of their own,
// as entry/index.js does. entry/exports.test.ts keeps this list equal to what msw-handlers/index.ts exports.
import { tsImport } from 'tsx/esm/api';

const msw = await tsImport('../msw-handlers/index.ts', import.meta.url);

export const { FAULT_NAMES, MockOptionsError, orderContactHandlers, VARIANT_NAMES } = msw;
