import type {
  ApiVersion,
  ConformanceReport,
  RuleResult,
  UnreachableCause,
  ViolationItems,
  ViolationRecord,
} from './model.ts';
import { compareText, compareVersions } from './order.ts';

/** The API versions a report has results for, newest first: the covered ones, plus any a result names. */
export function reportVersions(report: ConformanceReport): ApiVersion[] {
  return [
    ...new Set<ApiVersion>([...report.target.apiVersions, ...report.rules.map((r) => r.apiVersion)]),
  ].sort(compareVersions);
}

/** "12.3 s", "850 ms", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** One violation as plain text lines: operation, message (summarised), premise, paths, and how to reproduce it. */
export function violationLines(violation: ViolationRecord, target?: ConformanceReport['target']): string[] {
  const lines = [`${violation.operation}: ${shortMessage(violation)}`];
  const premise = premiseText(violation);
  if (premise) lines.push(`  level ${premise}`);
  if (violation.instancePath !== undefined || violation.schemaPath !== undefined) {
    lines.push(
      `  at ${violation.instancePath || '/'}${violation.schemaPath ? ` (schema ${violation.schemaPath})` : ''}`,
    );
  }
  if (violation.evidence) {
    lines.push('  reproduce:');
    for (const line of violation.evidence.curl.split('\n')) lines.push(`    ${line}`);
    lines.push(`  replay: ${replayCommand(violation.evidence.exchangeId, target)}`);
  }
  return lines;
}

/** How many violations a result found beyond those it kept, as a sentence, or '' when all were kept. */
export function moreViolations(rule: RuleResult): string {
  const more = rule.violationsTotal - rule.violations.length;
  return more > 0 ? `…and ${more} more violation${more === 1 ? '' : 's'} (not kept in the report)` : '';
}

/** A rule's first finding in parts: "operation: message" (cut), its lists as counts, its premise; or its reason. */
export interface FindingParts {
  readonly finding: string;
  readonly items: string;
  readonly premise: string;
}

/** The first violation of a result in parts (see FindingParts), for writers that lay them out themselves. */
export function findingParts(rule: RuleResult): FindingParts {
  const first = rule.violations[0];
  if (!first) return { finding: rule.reason ?? '', items: '', premise: '' };
  return {
    finding: `${first.operation}: ${cut(first.message)}`,
    items: itemsSummary(first.items),
    premise: premiseText(first),
  };
}

/** The first violation's message (summarised, with its premise), or the rule's reason, as one line. */
export function firstFinding(rule: RuleResult): string {
  const { finding, items, premise } = findingParts(rule);
  return `${finding}${items ? ` [${items}]` : ''}${premise ? ` (${premise})` : ''}`;
}

/** Pads text with spaces to `width` characters (never cuts it): the one column helper of cli/ and reports/. */
export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Characters of a violation's message the summarising writers show; the JSON keeps all of it. */
export const MAX_MESSAGE_CHARS = 300;

/** Refs of each list a summarising writer names before it gives only the count. */
export const FIRST_ITEMS = 3;

/** Text cut to `max` characters with an ellipsis, or as it is when short enough. */
export function cut(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const ITEM_LISTS = ['missing', 'duplicated', 'extra'] as const;

/** "missing 297 (first: a, b, c); extra 1 (first: d)", or '' for a violation without list-valued evidence. */
export function itemsSummary(items: ViolationItems | undefined): string {
  if (items === undefined) return '';
  return ITEM_LISTS.flatMap((name) => {
    const list = items[name] ?? [];
    if (list.length === 0) return [];
    return [`${name} ${list.length} (first: ${list.slice(0, FIRST_ITEMS).join(', ')})`];
  }).join('; ');
}

/** A violation's message as the summarising writers show it: cut to 300 characters, its lists as counts. */
export function shortMessage(violation: Pick<ViolationRecord, 'message' | 'items'>): string {
  const items = itemsSummary(violation.items);
  return items ? `${cut(violation.message)} [${items}]` : cut(violation.message);
}

/**
 * What a finding's premise means for its level, or '' when it stands on a documented (or unstated) premise:
 * "SHOULD — the premise is inferred: …; the rule itself is MUST".
 */
export function premiseText(violation: ViolationRecord): string {
  if (violation.premise !== 'inferred' && violation.ruleLevel === undefined) return '';
  const note = violation.premiseNote ? `: ${violation.premiseNote}` : '';
  const inferred = `the premise is inferred${note}`;
  if (violation.ruleLevel !== undefined && violation.level !== undefined)
    return `${violation.level} — ${inferred}; the rule itself is ${violation.ruleLevel}`;
  return inferred;
}

/** "12.5%": a share 0..1 as a percentage, one decimal where it matters. */
export function percent(share: number): string {
  const value = Math.round(share * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

/** The distinct reasons of the run's unusable exchanges, over all its rule results, sorted. */
export function inconclusiveReasonsOf(report: ConformanceReport): string[] {
  return [...new Set(report.rules.flatMap((r) => r.inconclusiveReasons ?? []))].sort(compareText);
}

/** How much of a report had no usable answer: "40 of 200 exchange checks (20%) got no usable answer". */
export function unusableText(report: ConformanceReport): string {
  const { summary } = report;
  const unusable = summary.inconclusiveExchanges ?? 0;
  const share = summary.inconclusiveShare ?? (summary.exchanges > 0 ? unusable / summary.exchanges : 0);
  return `${unusable} of ${summary.exchanges} exchange checks (${percent(share)}) got no usable answer`;
}

/** Why an unreachable run checked nothing, as a short title: "credentials refused", "cannot connect (DNS)". */
const UNREACHABLE_TITLES: Record<UnreachableCause, string> = {
  'connect-refused': 'cannot connect (connection refused)',
  dns: 'cannot connect (host name does not resolve)',
  tls: 'cannot connect (TLS handshake failed)',
  timeout: 'cannot connect (timeout)',
  credentials: 'credentials refused',
  'base-url': 'base URL wrong',
  'setup-refused': 'set-up refused',
  'server-error': 'server error on set-up',
};

/** Why an unreachable run checked nothing, as a sentence's subject. */
const UNREACHABLE_WORDS: Record<UnreachableCause, string> = {
  'connect-refused': 'the target could not be connected to (connection refused)',
  dns: 'the target could not be connected to (its host name does not resolve)',
  tls: 'the target could not be connected to (the TLS handshake failed)',
  timeout: 'the target could not be connected to (no answer in time)',
  credentials: 'the target refused the credentials',
  'base-url': "the base URL is wrong (it is not the API's root)",
  'setup-refused': "the target refused the run's set-up",
  'server-error': "the target failed on the run's set-up (a server error)",
};

/** "credentials refused", "cannot connect (timeout)"; "target unreachable" for a report that does not say why. */
export function unreachableTitle(report: ConformanceReport): string {
  const cause = report.unreachableCause;
  return cause === undefined ? 'target unreachable' : UNREACHABLE_TITLES[cause];
}

/** "the target refused the credentials"; "the target could not be reached" for a report that does not say why. */
export function unreachableWords(report: ConformanceReport): string {
  const cause = report.unreachableCause;
  return cause === undefined ? 'the target could not be reached' : UNREACHABLE_WORDS[cause];
}

/** What a run that checked nothing or too little is called where a pass would be: 'not checked', 'inconclusive'; else ''. */
export function verdictLabel(report: ConformanceReport): string {
  if (report.verdict === 'unreachable') return 'not checked';
  return report.verdict === 'inconclusive' ? 'inconclusive' : '';
}

/**
 * Why a run that is neither passed nor failed checked too little to say, as one sentence to follow its
 * verdictLabel; '' for passed and failed. The writers show it instead of a green box, and JUnit as the run's error.
 */
export function verdictReason(report: ConformanceReport): string {
  const reasons = inconclusiveReasonsOf(report);
  const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
  if (report.verdict === 'unreachable') {
    const checked = report.summary.total - report.summary.skipped - (report.summary.inconclusive ?? 0);
    return `${unreachableWords(report)}, so ${checked === 0 ? 'no rule' : `only ${checked} of ${report.summary.total} rule results`} could be checked${why}. A run that checked nothing is not a pass.`;
  }
  if (report.verdict === 'inconclusive' && report.stoppedEarly === true) {
    const checked = report.summary.total - report.summary.skipped - (report.summary.inconclusive ?? 0);
    return `the run stopped before its end (see the notes), so only ${checked} of ${report.summary.total} rule results were checked; nothing failed, but what it did not reach was not checked, and a pass would claim it was.`;
  }
  const setupFailures = [...new Set(report.rules.flatMap((r) => r.setupFailures ?? []))].sort(compareText);
  if (report.verdict === 'inconclusive' && setupFailures.length > 0) {
    const rules = report.rules.filter((r) => (r.setupFailures?.length ?? 0) > 0).length;
    return `a set-up a test needed failed (${setupFailures.join('; ')}), so ${rules} rule result${rules === 1 ? ' was' : 's were'} not checked on what that test would have sent; nothing failed, but a pass would stand on less than its evidence.`;
  }
  if (report.verdict === 'inconclusive') {
    const max = report.maxInconclusive;
    return `${unusableText(report)}${why}, more than the ${percent(max ?? 0.1)} a run may lose${max === undefined ? '' : ' (maxInconclusive)'}; nothing failed, but a pass would not be believed.`;
  }
  return '';
}

/** "MUST", or "MUST, premise inferred" for a result whose violations an inferred premise lowered (all or some). */
export function levelNote(rule: RuleResult): string {
  return (rule.loweredViolations ?? 0) > 0 ? `${rule.level}, premise inferred` : rule.level;
}

/**
 * The command that recreates what an exchange needs on a target, sends it again and deletes what it made. A run
 * against a URL names it; the embedded mock and Prism died with their run, so another target must be given.
 */
export function replayCommand(exchangeId: string, target?: ConformanceReport['target']): string {
  const baseUrl = target?.kind === 'url' ? target.baseUrl : '<target>';
  return `occ replay ${exchangeId} --report <conformance.json> --base-url ${baseUrl}`;
}

/**
 * In a smoke run, what the full tier adds, as one sentence: "the full tier adds 48 rule results: 19 Pact
 * interactions (MUST), OC-415-NON-JSON (v2.1, v2), …"; '' for a full run.
 */
export function fullTierAddsText(report: ConformanceReport): string {
  const adds = report.fullTierAdds ?? [];
  if (report.tier !== 'smoke') return '';
  if (adds.length === 0)
    return 'the full tier adds no rule this smoke run left out, only more cases of them.';
  const pacts = adds.filter((a) => a.id.startsWith('PACT-'));
  const byRule = new Map<string, string[]>();
  for (const a of adds)
    if (!a.id.startsWith('PACT-')) byRule.set(a.id, [...(byRule.get(a.id) ?? []), a.apiVersion]);
  const rules = [...byRule].map(([id, versions]) => `${id} (${versions.join(', ')})`);
  const parts = [
    ...(pacts.length > 0 ? [`${pacts.length} Pact interactions (MUST)`] : []),
    ...(rules.length > 0 ? [`the SHOULD rules ${rules.join(', ')}`] : []),
  ];
  return `the full tier adds ${adds.length} rule results this smoke run left out: ${parts.join('; ')}; and every other case of the rules smoke checked on one.`;
}
