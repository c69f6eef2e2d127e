// How many requests a run will send to a conformant target, before it sends any: the cases come from the
// generators (exact for a seed), the rest (set-up, lanes, reads, the lifecycle, auth, paging, Pact) from constants
// measured on the reference mock, which cli/commands/run-max-requests.test.ts holds to within 10% of a request
// log. A target that accepts invalid cases, retries or lags between a write and a list costs more: --max-requests
// stops a run at its cap whatever the estimate said.
import type { ApiVersion } from '../../contracts/index.ts';
import {
  enumEdges,
  fieldEdges,
  invalidPlansFor,
  validCaseGroups,
  writeTarget,
} from '../../generators/index.ts';
import type { Tier } from '../../lib/settings.ts';
import { LANES } from './own-order.ts';
import { SWEPT_FIELD, sweepRequests } from './sweep.ts';
import { SMOKE_VALID_CASES, smokeInvalidPlans } from './tier.ts';

/** What the estimate depends on. */
export interface EstimateInput {
  readonly seed: number;
  readonly apiVersions: readonly ApiVersion[];
  readonly cases: number | undefined;
  readonly tier: Tier;
  readonly pact: boolean;
  /** The run's reference time (epoch ms): the generators build time-relative cases from it. */
  readonly now: number;
}

/** The estimate, and what it is made of, per version. */
export interface RequestEstimate {
  readonly total: number;
  readonly perVersion: Readonly<Record<string, number>>;
}

/** The write operations whose invalid cases the suites send, per version. */
export const INVALID_CASE_OPERATIONS: Readonly<Record<ApiVersion, readonly string[]>> = {
  'v2.1': ['createOrderContact', 'replaceOrderContact', 'partiallyUpdateOrderContact'],
  v2: ['createOrderContact', 'updateOrderContact'],
};

// Requests beyond the cases, per version and tier, as measured on the reference mock (seed 1, both versions;
// the first version also sends the run's order set-up). Pact: the committed interactions with their provider states.
const OVERHEAD: Readonly<Record<Tier, Readonly<Record<ApiVersion, number>>>> = {
  full: { 'v2.1': 258, v2: 196 },
  smoke: { 'v2.1': 57, v2: 47 },
};
const PACT: Readonly<Record<ApiVersion, number>> = { 'v2.1': 57, v2: 39 };

/** The requests the Pact verification of these versions sends (the interactions and their provider states). */
export function pactRequestEstimate(apiVersions: readonly ApiVersion[]): number {
  return apiVersions.reduce((n, v) => n + PACT[v], 0);
}

/** The valid cases' requests: a create and a delete per case, or a sweep's update per case beyond its lanes. */
function validRequests(input: EstimateInput, version: ApiVersion): number {
  const groups = validCaseGroups({
    seed: input.seed,
    apiVersion: version,
    now: input.now,
    ...(input.cases !== undefined ? { count: input.cases } : {}),
  });
  return groups.reduce((n, g) => {
    const size = input.tier === 'smoke' ? Math.min(g.size, SMOKE_VALID_CASES[g.strategy] ?? 0) : g.size;
    const lanes = input.tier === 'smoke' ? 1 : LANES;
    return n + (SWEPT_FIELD[g.strategy] !== undefined ? sweepRequests(size, lanes) : 2 * size);
  }, 0);
}

function invalidCount(input: EstimateInput, version: ApiVersion): number {
  const operations = INVALID_CASE_OPERATIONS[version];
  // One request per case: counting the plans builds none of them.
  return operations.reduce(
    (n, op) =>
      n +
      (input.tier === 'smoke'
        ? smokeInvalidPlans(version, operations, op)
        : invalidPlansFor(writeTarget(version, op))
      ).length,
    0,
  );
}

// The field-edge suite's requests per edge (suites/field-edges.conformance.ts): a field edge is created, read back
// (and listed expanded on v2.1), then reset and written by each update and read back, then deleted; an enum edge
// starts from a plain contact.
const PER_FIELD_EDGE: Readonly<Record<ApiVersion, number>> = { 'v2.1': 10, v2: 6 };
const PER_ENUM_EDGE: Readonly<Record<ApiVersion, number>> = { 'v2.1': 8, v2: 5 };

function edgeCount(version: ApiVersion): number {
  return fieldEdges(version).length * PER_FIELD_EDGE[version] + enumEdges().length * PER_ENUM_EDGE[version];
}

/** The requests a run of these settings sends to a conformant target. */
export function estimateRequests(input: EstimateInput): RequestEstimate {
  const perVersion: Record<string, number> = {};
  for (const version of input.apiVersions) {
    const pact = input.pact && input.tier === 'full' ? pactRequestEstimate([version]) : 0;
    perVersion[version] =
      validRequests(input, version) +
      invalidCount(input, version) +
      (input.tier === 'full' ? edgeCount(version) : 0) +
      OVERHEAD[input.tier][version] +
      pact;
  }
  return { total: Object.values(perVersion).reduce((a, b) => a + b, 0), perVersion };
}
