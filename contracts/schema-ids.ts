/** The base every schema $id in contracts/schemas starts with. */
export const SCHEMA_BASE = 'https://occ.example/schemas/';

/** The schemas the rest of the project validates against, by file name. */
export const SchemaName = {
  definitions: 'definitions.json',
  identifier: 'identifier.json',
  contactFields: 'contact-fields.json',
  createRequestV21: 'order-contact-create-request.v2.1.json',
  replaceRequestV21: 'order-contact-replace-request.v2.1.json',
  patchRequestV21: 'order-contact-patch-request.v2.1.json',
  createRequestV2: 'order-contact-create-request.v2.json',
  updateRequestV2: 'order-contact-update-request.v2.json',
  contactV21: 'order-contact.v2.1.json',
  contactV2: 'order-contact.v2.json',
  pagingEnvelope: 'paging-envelope.json',
  listV21: 'order-contact-list.v2.1.json',
  listExpandedV21: 'order-contact-list-expanded.v2.1.json',
  listV2: 'order-contact-list.v2.json',
  error400: 'error-400.json',
  error401: 'error-401.json',
  error: 'error.json',
  orderCreateRequest: 'order-create-request.json',
  order: 'order.json',
  orderListV21: 'order-list.v2.1.json',
  orderListV2: 'order-list.v2.json',
  guestCreateRequest: 'guest-create-request.json',
  guest: 'guest.json',
} as const;

export type SchemaFile = (typeof SchemaName)[keyof typeof SchemaName];

/** The $id of a schema file. */
export function schemaId(file: SchemaFile): string {
  return SCHEMA_BASE + file;
}
