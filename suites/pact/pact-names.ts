import type { ApiVersion } from '../../contracts/index.ts';
import { contractsPath } from '../../contracts/index.ts';

/** The consumer the pacts are written for: a typical integration of the Order contact API. */
export const PACT_CONSUMER = 'occ-order-contact-consumer';

/** The provider name of one API version in the pacts. */
export function pactProvider(version: ApiVersion): string {
  return `sitecore-cdp-order-contact-api-${version}`;
}

/** Where the committed pact of a version lives. */
export function pactFile(version: ApiVersion, dir = contractsPath('pacts')): string {
  return `${dir}/${PACT_CONSUMER}-${pactProvider(version)}.json`;
}

/**
 * Provider states, named for what must exist. Each set-up returns the refs it made (orderRef, orderContactRef), which
 * an interaction's provider-state values (fromProviderState, `${orderRef}`) put into its path; the contact states
 * take contact fields as parameters. README "Your own pacts" documents them for consumer teams.
 */
export const ProviderState = {
  orderExists: 'an order with ref orderRef exists',
  contactExists: 'an order contact with ref orderContactRef exists on an order with ref orderRef',
  contactMissing: 'no order contact with ref orderContactRef exists',
  anOrderExists: 'an order exists',
  anOrderWithAContactExists: 'an order with a contact exists',
} as const;

/** The refs the consumer tests use as examples; a provider state replaces them with real ones. */
export const EXAMPLE_REFS = {
  orderRef: '2d7de9df-45a2-45ea-872c-30e45139007d',
  orderContactRef: '3b5cb55e-c616-424a-991c-a241d0024896',
  missingContactRef: '00000000-0000-4000-8000-000000000000',
} as const;
