import type { ErrorObject } from 'ajv/dist/2020.js';
import { type SchemaFile, SchemaName, validateAgainst } from '../contracts/index.ts';
import { type MockEnv, type OperationImpl, refParam } from './call.ts';
import { identifiersOf } from './contact-input.ts';
import { guestFields, orderFields, renderGuest, renderOrder } from './order-guest-representation.ts';
import { badRequest, json, noContent, orderNotFound } from './responses.ts';

function fieldOf(error: ErrorObject): string {
  const path =
    error.keyword === 'required'
      ? `${error.instancePath}/${String(error.params.missingProperty)}`
      : error.instancePath;
  const parts = path.split('/').slice(1);
  if (parts.length === 0) return 'body';
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The problems of a setup body (order or guest create) in the vendor's "<field>: <message>." form. */
function setupProblems(schema: SchemaFile, body: unknown): { message: string }[] {
  return validateAgainst(schema, body).map((error) => ({
    message: `${fieldOf(error)}: ${error.keyword === 'required' ? 'may not be null' : (error.message ?? 'is invalid')}.`,
  }));
}

/** POST /{v}/orders (test setup): validated against order-create-request.json. */
export const createOrder: OperationImpl = (env: MockEnv, call) => {
  const problems = setupProblems(SchemaName.orderCreateRequest, call.body);
  if (problems.length > 0) return badRequest(problems);
  const ref = env.options.randomUUID().toLowerCase();
  const fields = orderFields(call.body);
  const order = { ref, fields, createdAt: call.now, modifiedAt: call.now };
  env.store.addOrder(order);
  return json(201, renderOrder(order, call.render));
};

/** DELETE /{v}/orders/{orderRef} (test clean-up): deletes the order and every contact on it. */
export const deleteOrder: OperationImpl = (env, call) => {
  if (!env.store.deleteOrder(refParam(call, 'orderRef'))) return orderNotFound(call.params.orderRef ?? '');
  return noContent();
};

/** POST /{v}/guests (test setup): validated against guest-create-request.json; its identifiers link contacts. */
export const createGuest: OperationImpl = (env, call) => {
  const problems = setupProblems(SchemaName.guestCreateRequest, call.body);
  if (problems.length > 0) return badRequest(problems);
  const ref = env.options.randomUUID().toLowerCase();
  const fields = guestFields(call.body);
  const guest = { ref, fields, createdAt: call.now, modifiedAt: call.now };
  env.store.addGuest(guest, identifiersOf(fields));
  return json(201, renderGuest(guest, call.render));
};
