import { describe } from 'vitest';
import type { RunContext } from '../../target-setup/run-context.ts';
import { versionsRunTogether } from './own-order.ts';

/**
 * The describe of a suite per API version. When each version has orders of its own, the versions' suites run at
 * once (a far tenant's latency is paid once for both versions, not twice); the tests inside one version stay in
 * order, so declare them with it.sequential. Skip with `skip` here: vitest drops `concurrent` through
 * describe.skipIf(…).
 */
export function perVersion(context: RunContext, skip = false) {
  if (skip) return describe.skip;
  return versionsRunTogether(context) ? describe.concurrent : describe;
}
