// The wrong credentials the suites send are made here, so a report may print them: they were never anyone's secret.

/** The prefix of every wrong client key and API token the suites send. */
export const WRONG_CREDENTIAL_PREFIX = 'occ-wrong-';

/** An API token no tenant has. */
export function wrongApiToken(): string {
  return `${WRONG_CREDENTIAL_PREFIX}token-${crypto.randomUUID()}`;
}

/** A client key no tenant has. */
export function wrongClientKey(): string {
  return `${WRONG_CREDENTIAL_PREFIX}key-${crypto.randomUUID()}`;
}

/** True for a value made by wrongApiToken or wrongClientKey (and so safe to print). */
export function isOwnWrongCredential(value: string): boolean {
  return new RegExp(`^${WRONG_CREDENTIAL_PREFIX}(token|key)-[0-9a-f-]{36}$`).test(value);
}
