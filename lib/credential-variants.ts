// The ways a request can carry credentials that are not the tenant's, built from the configured ones where a
// variant needs them (a token in the wrong case, key and token swapped). A server that checks only the header's
// presence, only one part, compares without case or decodes leniently serves data to one of them.
import type { Credentials } from './http-client.ts';
import { wrongApiToken, wrongClientKey } from './wrong-credentials.ts';

/** The credential variants the auth suite sends, in the order it sends them. */
export const CREDENTIAL_VARIANT_NAMES = [
  'no-header',
  'wrong-token',
  'wrong-key',
  'other-scheme',
  'token-case',
  'empty-token',
  'empty-key',
  'swapped',
  'malformed-base64',
  'no-credentials',
  'scheme-lower-case',
] as const;

export type CredentialVariantName = (typeof CREDENTIAL_VARIANT_NAMES)[number];

/** The variants every tier sends (the smoke tier rotates these over the operations). */
export const CORE_CREDENTIAL_VARIANTS: readonly CredentialVariantName[] = [
  'no-header',
  'wrong-token',
  'wrong-key',
];

/** What a request carries for one variant: no header, wrong credentials the suite made, or a header of its own. */
export type VariantAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'wrong'; readonly credentials: Credentials }
  | { readonly kind: 'header'; readonly authorization: string; readonly secrets: readonly string[] };

export interface CredentialVariant {
  readonly name: CredentialVariantName;
  readonly rule: 'OC-AUTH-401-MISSING' | 'OC-AUTH-401-WRONG' | 'OC-AUTH-SCHEME-ANY-CASE';
  /** True for the one form of the right credentials that must be served, not refused. */
  readonly served?: true;
  /** For a finding: what the request carried, never a secret. */
  readonly description: string;
  /**
   * True where the 401 is what the vendor documents for the case; false where a 400 or 403 for a malformed header
   * is a choice a conformant server may make, so only a request served is a MUST finding.
   */
  readonly documented: boolean;
  /** A POSIX-shell fragment that sends the same header from $CDP_CLIENT_KEY and $CDP_API_TOKEN ('' for none). */
  readonly curl: string;
  /** The header for these configured credentials, or undefined when the variant would equal them (nothing to try). */
  auth(configured: Credentials): VariantAuth | undefined;
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

const BASIC_OF = (user: string, password: string) =>
  `-H "Authorization: Basic $(printf '%s:%s' ${user} ${password} | base64 | tr -d '\\n')"`;

const VARIANTS: Record<CredentialVariantName, Omit<CredentialVariant, 'name'>> = {
  'no-header': {
    rule: 'OC-AUTH-401-MISSING',
    description: 'no Authorization header',
    documented: true,
    curl: '',
    auth: () => ({ kind: 'none' }),
  },
  'wrong-token': {
    rule: 'OC-AUTH-401-WRONG',
    description: 'the client key with a wrong API token',
    documented: true,
    curl: '',
    auth: (c) => ({ kind: 'wrong', credentials: { clientKey: c.clientKey, apiToken: wrongApiToken() } }),
  },
  'wrong-key': {
    rule: 'OC-AUTH-401-WRONG',
    description: 'a wrong client key with the API token',
    documented: true,
    curl: '',
    auth: (c) => ({ kind: 'wrong', credentials: { clientKey: wrongClientKey(), apiToken: c.apiToken } }),
  },
  'other-scheme': {
    rule: 'OC-AUTH-401-WRONG',
    description: 'the API token under another scheme (Authorization: Bearer <token>)',
    documented: false,
    curl: '-H "Authorization: Bearer $CDP_API_TOKEN"',
    auth: (c) => ({ kind: 'header', authorization: `Bearer ${c.apiToken}`, secrets: [] }),
  },
  'token-case': {
    rule: 'OC-AUTH-401-WRONG',
    description: 'the client key with the API token in swapped letter case',
    documented: true,
    curl: BASIC_OF('"$CDP_CLIENT_KEY"', `"$(printf %s "$CDP_API_TOKEN" | tr a-zA-Z A-Za-z)"`),
    auth: (c) => {
      const token = swapCase(c.apiToken);
      return token === c.apiToken
        ? undefined
        : { kind: 'header', authorization: basic(c.clientKey, token), secrets: [token] };
    },
  },
  'empty-token': {
    rule: 'OC-AUTH-401-WRONG',
    description: 'the client key with an empty API token ("key:")',
    documented: true,
    curl: BASIC_OF('"$CDP_CLIENT_KEY"', "''"),
    auth: (c) => ({ kind: 'header', authorization: basic(c.clientKey, ''), secrets: [] }),
  },
  'empty-key': {
    rule: 'OC-AUTH-401-WRONG',
    description: 'an empty client key with the API token (":token")',
    documented: true,
    curl: BASIC_OF("''", '"$CDP_API_TOKEN"'),
    auth: (c) => ({ kind: 'header', authorization: basic('', c.apiToken), secrets: [] }),
  },
  swapped: {
    rule: 'OC-AUTH-401-WRONG',
    description: 'the client key and API token swapped ("token:key")',
    documented: true,
    curl: BASIC_OF('"$CDP_API_TOKEN"', '"$CDP_CLIENT_KEY"'),
    auth: (c) =>
      c.clientKey === c.apiToken
        ? undefined
        : { kind: 'header', authorization: basic(c.apiToken, c.clientKey), secrets: [] },
  },
  'malformed-base64': {
    rule: 'OC-AUTH-401-WRONG',
    description: 'Basic with a value that is not base64 ("Basic ***not*base64***")',
    documented: false,
    curl: `-H 'Authorization: Basic ***not*base64***'`,
    auth: () => ({ kind: 'header', authorization: 'Basic ***not*base64***', secrets: [] }),
  },
  'scheme-lower-case': {
    rule: 'OC-AUTH-SCHEME-ANY-CASE',
    description: 'the configured credentials under the scheme in lower case ("basic")',
    documented: false,
    served: true,
    curl: `-H "Authorization: basic $(printf '%s:%s' "$CDP_CLIENT_KEY" "$CDP_API_TOKEN" | base64 | tr -d '\\n')"`,
    auth: (c) => ({
      kind: 'header',
      authorization: basic(c.clientKey, c.apiToken).replace(/^Basic/, 'basic'),
      secrets: [],
    }),
  },
  'no-credentials': {
    rule: 'OC-AUTH-401-MISSING',
    description: 'the Basic scheme with no credentials ("Authorization: Basic")',
    documented: false,
    curl: `-H 'Authorization: Basic'`,
    auth: () => ({ kind: 'header', authorization: 'Basic', secrets: [] }),
  },
};

export function credentialVariant(name: CredentialVariantName): CredentialVariant {
  return { name, ...VARIANTS[name] };
}

const ALL: readonly CredentialVariant[] = CREDENTIAL_VARIANT_NAMES.map(credentialVariant);

/** Every credential variant the suite sends to be refused, in the order it sends them. */
export const CREDENTIAL_VARIANTS: readonly CredentialVariant[] = ALL.filter((v) => v.served === undefined);

/** The forms of the right credentials other than the canonical one, each to be served. */
export const SERVED_CREDENTIAL_FORMS: readonly CredentialVariant[] = ALL.filter((v) => v.served === true);

export function isCredentialVariantName(name: string): name is CredentialVariantName {
  return (CREDENTIAL_VARIANT_NAMES as readonly string[]).includes(name);
}
