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
 * What an exchange's answer is, normalised: equal keys are answers no difference would be found between (the
 * normalised body has its keys sorted already, so its JSON is canonical).
 */
const answerKey = (x: NormalisedExchange): string =>
  [x.status, x.contentType, x.contentEncoding, JSON.stringify(x.body)].join('\u0000');

/**
 * Pairs the exchanges of one group (the same request on both sides). Sends of the same request are
 * interchangeable, and concurrency changes the order they went in, so one that got the same answer on the other
 * side is paired with it first; the rest pair in their order.
 */
function pairGroup(
  ours: readonly NormalisedExchange[],
  counterpart: readonly NormalisedExchange[],
  pairs: [NormalisedExchange, NormalisedExchange][],
): { unpairedOurs: NormalisedExchange[]; unpairedTheirs: NormalisedExchange[] } {
  const taken = new Set<number>();
  const left: NormalisedExchange[] = [];
  if (ours.length === 1 || counterpart.length <= 1) left.push(...ours);
  else {
    const theirKeys = counterpart.map(answerKey);
    for (const x of ours) {
      const key = answerKey(x);
      const match = theirKeys.findIndex((k, i) => !taken.has(i) && k === key);
      if (match === -1) left.push(x);
      else {
        taken.add(match);
        pairs.push([x, counterpart[match] as NormalisedExchange]);
      }
    }
  }
  const rest = counterpart.filter((_, i) => !taken.has(i));
  left.forEach((x, i) => {
    const other = rest[i];
    if (other) pairs.push([x, other]);
  });
  return { unpairedOurs: left.slice(rest.length), unpairedTheirs: rest.slice(left.length) };
}

/**
 * Pairs the reference's exchanges with the candidate's: the same stage, test, operation, method and normalised
 * request (path, query, body, credentials); among sends of the same request, equal answers first, then the n-th
 * with the n-th. What is left had no counterpart: a test that stopped early on one side, or sent something else.
 */
export function pairExchanges(
  reference: readonly NormalisedExchange[],
  candidate: readonly NormalisedExchange[],
): Pairing {
  const theirs = grouped(candidate);
  const pairs: [NormalisedExchange, NormalisedExchange][] = [];
  const unpairedReference: NormalisedExchange[] = [];
  for (const [key, ours] of grouped(reference)) {
    const { unpairedOurs, unpairedTheirs } = pairGroup(ours, theirs.get(key) ?? [], pairs);
    unpairedReference.push(...unpairedOurs);
    theirs.set(key, unpairedTheirs);
  }
  const unpairedCandidate = [...theirs.values()].flat();
  return { pairs, unpairedReference, unpairedCandidate };
}
