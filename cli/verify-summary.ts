// What `occ verify` prints per interaction and how it counts them: the Verifier's verdict and, apart from it, the
// contract cross-check's findings, so a reader sees when the target agreed with a pact the contract does not.
import type { ContractFinding } from '../checks/violation.ts';
import type { PactResult } from '../reports/index.ts';

/** An interaction fails on a MUST finding of the cross-check, whatever the Verifier said. */
export function failsContract(result: PactResult): boolean {
  return (result.contractFindings ?? []).some((f) => f.level === 'MUST');
}

function findingLine(finding: ContractFinding): string {
  const what = finding.level === 'MUST' ? 'contract' : 'contract warning';
  return `    ${what} ${finding.rule ?? '(no rule: undocumented)'} ${finding.level}: ${finding.message}`;
}

/** The lines of one interaction: its mark and name, the Verifier's mismatches, then the cross-check's findings. */
export function resultLines(r: PactResult): string[] {
  const lines: string[] = [];
  const findings = r.contractFindings ?? [];
  // The committed pacts name their version first ("v2.1: …"); a team's may not, and may hold both.
  const head = r.interaction.startsWith(`${r.apiVersion}:`)
    ? r.interaction
    : `${r.interaction} (${r.apiVersion})`;
  if (failsContract(r)) lines.push(`✗ ${head}`);
  else if (r.skipped !== undefined) lines.push(`- ${head}: skipped, ${r.skipped}`);
  else if (r.inconclusive !== undefined) lines.push(`? ${head}: inconclusive, ${r.inconclusive}`);
  else lines.push(`${r.passed ? '✓' : '✗'} ${head}`);
  lines.push(...r.mismatches.map((m) => `    ${m}`));
  if (findings.length > 0) {
    const verifier =
      r.skipped !== undefined
        ? 'not replayed'
        : r.inconclusive !== undefined
          ? 'inconclusive'
          : r.mismatches.length === 0
            ? 'passed'
            : 'failed';
    lines.push(`    the Verifier: ${verifier}; the contract cross-check found ${findings.length}:`);
    lines.push(...findings.map(findingLine));
  }
  return lines;
}

/** The interactions by outcome; a cross-check MUST finding counts as failed, before any other outcome. */
export function tally(results: readonly PactResult[]): {
  passed: number;
  failed: number;
  inconclusive: number;
  skipped: number;
} {
  const failed = results.filter(
    (r) => failsContract(r) || (!r.passed && r.skipped === undefined && r.inconclusive === undefined),
  ).length;
  const rest = results.filter((r) => !failsContract(r));
  const skipped = rest.filter((r) => r.skipped !== undefined).length;
  const inconclusive = rest.filter((r) => r.skipped === undefined && r.inconclusive !== undefined).length;
  const passed = rest.filter((r) => r.passed).length;
  return { passed, failed, inconclusive, skipped };
}
