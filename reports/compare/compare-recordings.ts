import type {
  CompareCapability,
  CompareDifference,
  CompareOperation,
  CompareReport,
  CompareRule,
  CompareSide,
  CompareUnpaired,
} from '../../contracts/types.gen.ts';
import type { CapabilityInfo, RuleInfo } from '../model.ts';
import { diffExchange, type RuleContext } from './diff-exchange.ts';
import type { Har } from './har.ts';
import { type NormalisedExchange, normaliseRecording } from './normalise.ts';
import { pairExchanges } from './pair-exchanges.ts';

/** The version of the compare.json format this code writes. */
export const COMPARE_VERSION = 1;

/** The capability of differences on exchanges no catalogue rule checked. */
export const UNASSIGNED = { id: 'unassigned', title: 'Checked by no rule' } as const;

/** One side of a comparison: its recording and how the user named it. */
export interface CompareInput {
  readonly label: string;
  /** The HAR file's path (or name in the report folder). */
  readonly har: string;
  readonly recording: Har;
}

/** Everything a comparison is built from; the catalogues are plain data, as buildReport takes them. */
export interface CompareRecordingsInput {
  readonly reference: CompareInput;
  readonly candidate: CompareInput;
  readonly mode: CompareReport['mode'];
  readonly minFidelity: number;
  readonly rules: readonly RuleInfo[];
  readonly capabilities: readonly CapabilityInfo[];
  readonly tool: CompareReport['tool'];
  readonly now?: Date;
}

function sideOf(input: CompareInput, exchanges: number): CompareSide {
  const { occ } = input.recording;
  return {
    label: input.label,
    har: input.har,
    ...(occ.baseUrl !== undefined ? { baseUrl: occ.baseUrl } : {}),
    ...(occ.runId !== undefined ? { runId: occ.runId } : {}),
    ...(occ.seed !== undefined ? { seed: occ.seed } : {}),
    ...(occ.tier !== undefined ? { tier: occ.tier } : {}),
    exchanges,
  };
}

/**
 * The rules and capabilities of a pair. A rule checked on most exchanges (no 5xx, a JSON content type) says nothing
 * about what a difference is about, so capabilities come from the pair's other rules when it has any.
 */
function ruleContexts(
  rules: readonly RuleInfo[],
  capabilities: readonly CapabilityInfo[],
  exchanges: readonly NormalisedExchange[],
): (a: NormalisedExchange, b: NormalisedExchange) => RuleContext {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const seen = new Map<string, number>();
  for (const x of exchanges) for (const id of new Set(x.rules)) seen.set(id, (seen.get(id) ?? 0) + 1);
  const generic = (id: string): boolean => (seen.get(id) ?? 0) > exchanges.length / 2;
  return (a, b) => {
    const ids = [...new Set([...a.rules, ...b.rules])].sort();
    const described: CompareRule[] = ids.map((id) => {
      const rule = byId.get(id);
      const level = rule && a.apiVersion ? rule.levels[a.apiVersion] : undefined;
      return { id, ...(level ? { level } : {}), ...(rule ? { title: rule.title } : {}) };
    });
    const specific = ids.filter((id) => !generic(id));
    const telling = specific.length > 0 ? specific : ids;
    const served = capabilities.filter((c) => c.rules.some((id) => telling.includes(id))).map((c) => c.id);
    return { rules: described, capabilities: served.length > 0 ? served : [UNASSIGNED.id] };
  };
}

function unpairedOf(side: CompareUnpaired['side'], x: NormalisedExchange): CompareUnpaired {
  return {
    side,
    exchange: x.id,
    stage: x.stage,
    ...(x.test !== undefined ? { test: x.test } : {}),
    operation: x.operation,
    ...(x.apiVersion ? { apiVersion: x.apiVersion } : {}),
    method: x.method,
    path: x.path,
    status: x.status,
  };
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

const opKey = (x: { operation: string; apiVersion?: string }): string =>
  `${x.apiVersion ?? ''} ${x.operation}`;

function operationsOf(
  pairs: readonly (readonly [NormalisedExchange, readonly CompareDifference[]])[],
  unpaired: readonly CompareUnpaired[],
): CompareOperation[] {
  const ops = new Map<
    string,
    { operation: string; apiVersion?: 'v2.1' | 'v2'; p: number; e: number; u: number; d: number }
  >();
  const at = (x: { operation: string; apiVersion?: 'v2.1' | 'v2' }) => {
    const key = opKey(x);
    let op = ops.get(key);
    if (!op) {
      op = {
        operation: x.operation,
        ...(x.apiVersion ? { apiVersion: x.apiVersion } : {}),
        p: 0,
        e: 0,
        u: 0,
        d: 0,
      };
      ops.set(key, op);
    }
    return op;
  };
  for (const [x, differences] of pairs) {
    const op = at(x);
    op.p++;
    op.d += differences.length;
    if (differences.length === 0) op.e++;
  }
  for (const u of unpaired) at(u).u++;
  return [...ops.values()]
    .map(
      (op): CompareOperation => ({
        operation: op.operation,
        ...(op.apiVersion ? { apiVersion: op.apiVersion } : {}),
        paired: op.p,
        equivalent: op.e,
        unpaired: op.u,
        fidelity: share(op.e, op.p + op.u),
        differences: op.d,
      }),
    )
    .sort((a, b) => a.fidelity - b.fidelity || opKey(a).localeCompare(opKey(b)));
}

function capabilitiesOf(
  differences: readonly CompareDifference[],
  catalogue: readonly CapabilityInfo[],
): CompareCapability[] {
  const titles = new Map<string, string>([
    ...catalogue.map((c): [string, string] => [c.id, c.title]),
    [UNASSIGNED.id, UNASSIGNED.title],
  ]);
  const counts = new Map<string, { d: number; pairs: Set<string> }>();
  for (const d of differences)
    for (const id of d.capabilities) {
      const count = counts.get(id) ?? { d: 0, pairs: new Set<string>() };
      count.d++;
      count.pairs.add(d.referenceExchange);
      counts.set(id, count);
    }
  return [...counts]
    .map(([id, c]) => ({ id, title: titles.get(id) ?? id, differences: c.d, exchanges: c.pairs.size }))
    .sort((a, b) => b.differences - a.differences || a.id.localeCompare(b.id));
}

/**
 * Compares two recordings of the same seeded run: pairs the final attempts, normalises what must differ and lists
 * every difference left, per operation, test and capability, with the share of exchanges that are equivalent.
 */
export function compareRecordings(input: CompareRecordingsInput): CompareReport {
  const reference = normaliseRecording(input.reference.recording);
  const candidate = normaliseRecording(input.candidate.recording);
  const { pairs, unpairedReference, unpairedCandidate } = pairExchanges(reference, candidate);
  const contextOf = ruleContexts(input.rules, input.capabilities, [...reference, ...candidate]);
  const diffed = pairs.map(([a, b]) => [a, diffExchange(a, b, contextOf(a, b))] as const);
  const differences = diffed.flatMap(([, d]) => d);
  const unpaired = [
    ...unpairedReference.map((x) => unpairedOf('reference', x)),
    ...unpairedCandidate.map((x) => unpairedOf('candidate', x)),
  ];
  const equivalent = diffed.filter(([, d]) => d.length === 0).length;
  const exchanges = pairs.length + unpaired.length;
  const fidelity = share(equivalent, exchanges);
  const count = (kind: CompareDifference['kind']): number =>
    differences.filter((d) => d.kind === kind).length;
  const sameSeed = input.reference.recording.occ.seed === input.candidate.recording.occ.seed;
  const sameTier = input.reference.recording.occ.tier === input.candidate.recording.occ.tier;
  const notes = [
    ...(sameSeed
      ? []
      : ['The recordings have different seeds: their generated requests differ, so few exchanges pair.']),
    ...(sameTier
      ? []
      : ['The recordings are of different tiers: the exchanges of one tier only are unpaired.']),
    ...(exchanges === 0 ? ['Neither recording holds a final exchange: there was nothing to compare.'] : []),
  ];
  return {
    compareVersion: COMPARE_VERSION,
    tool: input.tool,
    mode: input.mode,
    reference: sideOf(input.reference, reference.length),
    candidate: sideOf(input.candidate, candidate.length),
    createdAt: (input.now ?? new Date()).toISOString(),
    fidelity,
    minFidelity: input.minFidelity,
    passed: exchanges > 0 && fidelity >= input.minFidelity,
    summary: {
      exchanges,
      paired: pairs.length,
      equivalent,
      differing: pairs.length - equivalent,
      unpairedReference: unpairedReference.length,
      unpairedCandidate: unpairedCandidate.length,
      differences: {
        status: count('status'),
        shape: count('shape'),
        value: count('value'),
        strictness: count('strictness'),
        header: count('header'),
      },
    },
    operations: operationsOf(diffed, unpaired),
    capabilities: capabilitiesOf(differences, input.capabilities),
    differences,
    unpaired,
    notes,
  };
}
