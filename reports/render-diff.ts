import type { CapabilityChange, ReportDiff, RuleChange, ShapeDrift } from './diff-reports.ts';
import { mdCell } from './render-markdown.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('x') ? 'es' : 's'}`;
}

/** One line of totals: "2 regressions, 1 fix, 0 other changes, 1 drifted shape". */
export function diffTotals(diff: ReportDiff): string {
  return [
    plural(diff.regressions.length, 'regression'),
    plural(diff.fixes.length, 'fix'),
    `${diff.changed.length} other change${diff.changed.length === 1 ? '' : 's'}`,
    `${diff.drift.length} drifted response shape${diff.drift.length === 1 ? '' : 's'}`,
  ].join(', ');
}

function levelNote(c: RuleChange): string {
  return c.fromLevel !== undefined && c.toLevel !== undefined && c.fromLevel !== c.toLevel
    ? ` level ${c.fromLevel} -> ${c.toLevel}`
    : '';
}

function changeLine(c: RuleChange): string {
  const status = c.from === c.to ? c.to : `${c.from} -> ${c.to}`;
  return `${c.id} (${c.apiVersion}) ${status}${levelNote(c)}: ${c.title}`;
}

function driftLine(d: ShapeDrift): string {
  const parts = [
    ...(d.newUnknownFields.length > 0
      ? [`new fields the contract does not know: ${d.newUnknownFields.join(', ')}`]
      : []),
    ...(d.missingFields.length > 0 ? [`no longer returned: ${d.missingFields.join(', ')}`] : []),
  ];
  return `${d.apiVersion} ${d.operation} ${d.status}: ${parts.join('; ')}`;
}

function capabilityLine(c: CapabilityChange): string {
  return `${c.id} (${c.apiVersion}) ${c.from} -> ${c.to}: ${c.title}`;
}

/** The diff as plain text lines (the CLI prefixes them). */
export function renderDiffText(diff: ReportDiff): string[] {
  const lines = [
    `baseline: run ${diff.old.runId} (${diff.old.startedAt}, ${diff.old.verdict})`,
    `new:      run ${diff.new.runId} (${diff.new.startedAt}, ${diff.new.verdict})`,
  ];
  if (diff.contractChanged)
    lines.push(`the contract changed: ${diff.old.contractVersion} -> ${diff.new.contractVersion}`);
  const section = (
    title: string,
    items: readonly string[],
    details: readonly (string | undefined)[] = [],
  ) => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length}):`);
    items.forEach((item, i) => {
      lines.push(`  ${item}`);
      const detail = details[i];
      if (detail) lines.push(`    ${detail}`);
    });
  };
  section(
    'regressions',
    diff.regressions.map(changeLine),
    diff.regressions.map((c) => c.detail),
  );
  section('fixes', diff.fixes.map(changeLine));
  section('other changes', diff.changed.map(changeLine));
  section('schema drift', diff.drift.map(driftLine));
  section('capability changes', diff.capabilities.map(capabilityLine));
  lines.push('', diffTotals(diff));
  return lines;
}

function changeTable(title: string, changes: readonly RuleChange[], withDetail: boolean): string[] {
  if (changes.length === 0) return [];
  const head = withDetail ? '| Rule | Version | Change | Now |' : '| Rule | Version | Change |';
  const rule = withDetail ? '| --- | --- | --- | --- |' : '| --- | --- | --- |';
  return [
    '',
    `### ${title} (${changes.length})`,
    '',
    head,
    rule,
    ...changes.map((c) => {
      const status = `${c.from === c.to ? c.to : `${c.from} → ${c.to}`}${levelNote(c).replace('->', '→')}`;
      const cells = [
        `\`${c.id}\` ${mdCell(c.title, 80)}`,
        c.apiVersion,
        status,
        ...(withDetail ? [mdCell(c.detail ?? '')] : []),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
}

/** The diff as Markdown for a job summary or a pull-request comment. */
export function renderDiffMarkdown(diff: ReportDiff): string {
  const lines = [
    `## Conformance against the baseline: ${diff.regressions.length > 0 ? '❌' : '✅'} ${diffTotals(diff)}`,
    '',
    `Baseline run \`${diff.old.runId}\` (${diff.old.verdict}) → new run \`${diff.new.runId}\` (${diff.new.verdict}).`,
  ];
  if (diff.contractChanged)
    lines.push(
      '',
      `The contract changed: \`${diff.old.contractVersion}\` → \`${diff.new.contractVersion}\`.`,
    );
  lines.push(...changeTable('Regressions', diff.regressions, true));
  lines.push(...changeTable('Fixes', diff.fixes, false));
  lines.push(...changeTable('Other changes', diff.changed, false));
  if (diff.drift.length > 0) {
    lines.push(
      '',
      `### Schema drift (${diff.drift.length})`,
      '',
      '| Version | Operation | Status | New unknown fields | No longer returned |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const d of diff.drift) {
      lines.push(
        `| ${d.apiVersion} | \`${d.operation}\` | ${d.status} | ${mdCell(d.newUnknownFields.join(', '))} | ${mdCell(d.missingFields.join(', '))} |`,
      );
    }
  }
  if (diff.capabilities.length > 0) {
    lines.push(
      '',
      `### Capability changes (${diff.capabilities.length})`,
      '',
      '| Capability | Version | Change |',
      '| --- | --- | --- |',
      ...diff.capabilities.map(
        (c) => `| \`${c.id}\` ${mdCell(c.title, 80)} | ${c.apiVersion} | ${c.from} → ${c.to} |`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
