// The generators as the suites, the Pact tests and the CLI consume them.
export { caseById, caseIds, nearMatches } from './case-lookup.ts';
export { type ContactOptions, minimalContact, validContact } from './contact.ts';
export { ALPHA2_CODES, COUNTRY_CODES, type CountryCode } from './country-codes.ts';
export {
  type DocumentedContactOptions,
  documentedContact,
} from './documented-contact.ts';
export { documentedOrder } from './documented-order.ts';
export type { ContactBody } from './draw-contact.ts';
export { createFaker } from './faker.ts';
export { enumEdges, type FieldEdge, fieldEdges } from './field-edges.ts';
export { type InvalidCase, invalidCases, invalidPlansFor } from './invalid-cases.ts';
export type { InvalidPlan } from './invalid-plan.ts';
export { isDocumentedPlan } from './invalid-premise.ts';
export { isoAt, isoDate, isoMidnight } from './iso-format.ts';
export {
  inferredValues,
  type Premise,
  type PremiseOptions,
  premiseOf,
} from './premise.ts';
export type { RunOptions } from './run-options.ts';
export {
  DEFAULT_VALID_CASES,
  type ValidCase,
  validCaseGroups,
  validCases,
  validCasesOf,
} from './valid-cases.ts';
export { GENDERS, type Gender, LISTED_TITLES, UNICODE_NAMES } from './vocabulary.ts';
export { DEFAULT_OPERATION, writeOperations, writeTarget } from './write-operations.ts';
