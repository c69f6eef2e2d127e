// Faults of how a contact is shown: hrefs, refs, timestamps and links, in every answer that carries one.
import type { Call } from './call.ts';
import type { FaultName } from './faults.ts';
import { type ContactPurpose, editContacts, type JsonObject } from './json-answer.ts';
import type { LayerContext, LayerFactory } from './layer.ts';

/** The order.href the order-link-wrong fault points every contact at. */
export const WRONG_ORDER_REF = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

type ContactEdit = (contact: JsonObject, call: Call, context: LayerContext) => void;

function contacts(purposes: readonly ContactPurpose[] | 'all', edit: ContactEdit): LayerFactory {
  return (context) => ({
    call(env, call, next) {
      return editContacts(next(env, call), call.operation.operationId, (contact, purpose) => {
        if (purposes === 'all' || purposes.includes(purpose)) edit(contact, call, context);
        return contact;
      });
    },
  });
}

function timestamps(format: (ms: number) => string): ContactEdit {
  return (contact) => {
    for (const name of ['createdAt', 'modifiedAt']) {
      const value = contact[name];
      if (typeof value === 'string') contact[name] = format(Date.parse(value));
    }
  };
}

function linkHref(contact: JsonObject, name: string): string | undefined {
  const link = contact[name];
  return link !== null && typeof link === 'object' && typeof (link as JsonObject).href === 'string'
    ? ((link as JsonObject).href as string)
    : undefined;
}

/** The layers of the faults of contact representations, keyed by fault name. */
export const REPRESENTATION_FAULT_LAYERS = {
  'retrieve-shifts-createdat': contacts(['retrieve'], (contact) => {
    if (typeof contact.createdAt === 'string') {
      contact.createdAt = new Date(Date.parse(contact.createdAt) + 1000).toISOString();
    }
  }),
  'update-changes-ref': contacts(['update'], (contact, _call, context) => {
    const ref = context.options.randomUUID();
    if (typeof contact.href === 'string' && typeof contact.ref === 'string') {
      contact.href = contact.href.slice(0, contact.href.length - contact.ref.length) + ref;
    }
    contact.ref = ref;
  }),
  'create-omits-ref': contacts(['create'], (contact) => {
    delete contact.ref;
  }),
  'create-href-relative': contacts(['create'], (contact, call) => {
    if (typeof contact.href === 'string' && contact.href.startsWith(call.base)) {
      contact.href = contact.href.slice(call.base.length);
    }
  }),
  'href-wrong-version': contacts('all', (contact, call) => {
    const other = call.version === 'v2.1' ? 'v2' : 'v2.1';
    if (typeof contact.href === 'string') {
      contact.href = contact.href.replace(`/${call.version}/orderContacts/`, `/${other}/orderContacts/`);
    }
  }),
  'timestamps-without-millis': contacts(
    'all',
    timestamps((ms) => `${new Date(ms).toISOString().slice(0, 19)}Z`),
  ),
  'timestamps-not-utc': contacts(
    'all',
    timestamps((ms) => `${new Date(ms + 3_600_000).toISOString().slice(0, -1)}+01:00`),
  ),
  'order-link-missing': contacts('all', (contact) => {
    delete contact.order;
  }),
  'order-link-wrong': contacts('all', (contact) => {
    const href = linkHref(contact, 'order');
    if (href !== undefined) contact.order = { href: href.replace(/[^/]+$/, WRONG_ORDER_REF) };
  }),
  'guest-link-missing': contacts('all', (contact) => {
    delete contact.guest;
  }),
  'expand-drops-identifiers': contacts(['list'], (contact) => {
    delete contact.identifiers;
  }),
} satisfies Partial<Record<FaultName, LayerFactory>>;
