// Shared by the generator tests: the versions and operations to cover, fixed seeds plus a few random ones.
import { randomInt } from 'node:crypto';
import { API_VERSIONS, type ApiVersion } from '../contracts/index.ts';
import { writeOperations } from './write-operations.ts';

/** A fixed reference time, so the tests never depend on the clock. */
export const NOW = Date.parse('2026-11-23T12:00:00Z');

/** Every (version, operation) pair that takes a contact. */
export const TARGETS: readonly { readonly apiVersion: ApiVersion; readonly operation: string }[] =
  API_VERSIONS.flatMap((apiVersion) =>
    writeOperations(apiVersion).map((operation) => ({ apiVersion, operation })),
  );

/** Fixed seeds (edge values included) and three random ones; a failing assertion names its seed. */
export const SEEDS: readonly number[] = [
  0,
  1,
  7,
  42,
  2 ** 31 - 1,
  ...Array.from({ length: 3 }, () => randomInt(2 ** 31 - 1)),
];
