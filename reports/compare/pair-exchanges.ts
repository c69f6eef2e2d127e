import type { NormalisedExchange } from './normalise.ts';

/** The exchanges of the two sides matched up, and those of either side that found no counterpart. */
export interface Pairing {
  readonly pairs: readonly (readonly [NormalisedExchange, NormalisedExchange])[];
  readonly unpairedReference: readonly NormalisedExchange[];
  readonly unpairedCandidate: readonly NormalisedExchange[];
}

/** Exchanges may pair only within the same stage, test, operation and method. */
const groupKey = (x: NormalisedExchange): string =>
  [x.stage, x.test ?? '', x.operation, x.method].join('\u0000');

function grouped(exchanges: readonly NormalisedExchange[]): Map<string, NormalisedExchange[]> {
  const groups = new Map<string, NormalisedExchange[]>();
  for (const x of exchanges) {
    const key = `${groupKey(x)}\u0000${x.signature}`;
    const group = groups.get(key);
    if (group) group.push(x);
    else groups.set(key, [x]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.order - b.order);
  return groups;
}

/**
 * Pairs the reference's exchanges with the candidate's: the same stage, test, operation, method and normalised
 * request (path, query, body, credentials), then the n-th of such on one side with the n-th on the other. What is
 * left had no counterpart: a test that stopped early on one side, or sent something else there.
 */
export function pairExchanges(
  reference: readonly NormalisedExchange[],
  candidate: readonly NormalisedExchange[],
): Pairing {
  const theirs = grouped(candidate);
  const pairs: [NormalisedExchange, NormalisedExchange][] = [];
  const unpairedReference: NormalisedExchange[] = [];
  for (const [key, ours] of grouped(reference)) {
    const counterpart = theirs.get(key) ?? [];
    ours.forEach((x, i) => {
      const other = counterpart[i];
      if (other) pairs.push([x, other]);
      else unpairedReference.push(x);
    });
    theirs.set(key, counterpart.slice(ours.length));
  }
  const unpairedCandidate = [...theirs.values()].flat();
  return { pairs, unpairedReference, unpairedCandidate };
}
