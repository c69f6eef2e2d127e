import { describe, expect, it } from 'vitest';
import { operationOf, plannedInteractions, readOnlySkipReason } from './pact-interactions.ts';
import { ProviderState, pactFile } from './pact-names.ts';

const get = (path: string, ...states: string[]) => ({
  description: 'x',
  request: { method: 'GET', path },
  providerStates: states.map((name) => ({ name })),
});

describe('readOnlySkipReason', () => {
  it('skips anything but GET, naming the method', () => {
    const post = { description: 'x', request: { method: 'POST', path: '/v2.1/orders/o/contacts' } };
    expect(readOnlySkipReason(post)).toMatch(/sends POST, and only GET may be sent/);
  });

  it('skips a GET whose state must create a contact', () => {
    expect(readOnlySkipReason(get('/v2.1/orderContacts/c', ProviderState.contactExists))).toMatch(
      /needs a contact/,
    );
  });

  it('replays a GET whose state needs an order only when the run has one', () => {
    const interaction = get('/v2.1/orders/o/contacts', ProviderState.orderExists);
    expect(readOnlySkipReason(interaction)).toMatch(/needs an order/);
    expect(readOnlySkipReason(interaction, 'order-ref')).toBeUndefined();
  });

  it('replays a GET that needs nothing, or only that a contact is missing', () => {
    expect(readOnlySkipReason(get('/v2/orders/o/contacts'))).toBeUndefined();
    expect(readOnlySkipReason(get('/v2/orderContacts/m', ProviderState.contactMissing))).toBeUndefined();
  });

  it('skips a state it does not know: it may write', () => {
    expect(readOnlySkipReason(get('/v2/orderContacts/m', 'a guest exists'))).toMatch(/needs a contact/);
  });
});

describe('the committed pacts', () => {
  it('name a known operation for every interaction, and leave some GETs a read-only run can replay', () => {
    const planned = plannedInteractions(['v2.1', 'v2'], (v) => pactFile(v));
    expect(planned.length).toBeGreaterThanOrEqual(18);
    expect(planned.filter(({ interaction }) => operationOf(interaction) === 'unknown')).toEqual([]);
    expect(planned.filter(({ interaction }) => readOnlySkipReason(interaction) === undefined).length).toBe(4);
  });
});
