import type { RunOutcome } from '../engine/run-outcome.ts';
import { ExitCode } from '../lib/errors.ts';
import type { ConformanceReport, ReportDiff } from '../reports/index.ts';
import { failOnBaseline } from '../reports/index.ts';
import { signalExitCode } from './signals.ts';

/**
 * The exit status a run earns: 1 when a MUST rule failed (or a regression against the baseline), 3 when nothing
 * could be checked or the target stopped answering before any rule failed, 130/143 when a signal cancelled it.
 */
export function runExitStatus(
  report: ConformanceReport,
  outcome: RunOutcome,
  baseline?: { readonly diff: ReportDiff; readonly failOn: 'regression' | 'any' },
  /** The signal that cancelled the run, if one did. */
  signal?: NodeJS.Signals,
): number {
  if (signal !== undefined) return signalExitCode(signal);
  const exchanges = outcome.observations.reduce((n, o) => n + o.exchanges, 0);
  if (outcome.stopped.kind === 'unreachable' || exchanges === 0) return ExitCode.unreachable;
  let status: number =
    report.verdict === 'failed' || outcome.suiteErrors.length > 0 ? ExitCode.ruleFailed : ExitCode.ok;
  // Too many exchanges without a usable answer: what passed stands on too little to be a green gate.
  if (report.verdict === 'inconclusive' && status === ExitCode.ok) status = ExitCode.unreachable;
  // A run that gave up on its target checked only part of the catalogue: never a green gate, even when what it
  // checked passed. A rule that failed before the target went away is still a finding (1); otherwise 3.
  if (outcome.stopped.kind !== 'completed' && status === ExitCode.ok) status = ExitCode.unreachable;
  if (baseline && status !== ExitCode.unreachable)
    status = failOnBaseline(baseline.diff, baseline.failOn) ? ExitCode.ruleFailed : ExitCode.ok;
  return status;
}
