import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { messageOf } from '../lib/errors.ts';
import { type LineSink, printLine } from '../lib/log.ts';
import type { ConformanceReport } from '../reports/model.ts';
import { type WriteReportsOptions, writeReports } from '../reports/write-reports.ts';

/** Where a run's reports went: `dir` is undefined when none could be written; `failed` when not where asked. */
export interface WrittenRunReports {
  readonly dir: string | undefined;
  readonly failed: boolean;
}

/**
 * Writes a finished run's reports into `dir`; when that fails (the disk filled, the folder went away), into a new
 * temporary folder instead, saying on `err` what failed and where the reports are: a run is never lost to its
 * last step.
 */
export function writeRunReports(
  report: ConformanceReport,
  dir: string,
  options: WriteReportsOptions,
  err: LineSink,
): WrittenRunReports {
  try {
    writeReports(report, dir, options);
    return { dir, failed: false };
  } catch (error) {
    const first = `Failed to write the reports to ${resolve(dir)}: ${messageOf(error)}`;
    let fallback: string | undefined;
    try {
      fallback = mkdtempSync(join(tmpdir(), 'occ-reports-'));
      writeReports(report, fallback, options);
      printLine(
        err,
        `${first}. Wrote them to ${fallback} instead; free the folder (or pick another --report-dir).`,
      );
      return { dir: fallback, failed: true };
    } catch (second) {
      printLine(
        err,
        `${first}; and to ${fallback ?? tmpdir()}: ${messageOf(second)}. The summary below is all that is left of this run.`,
      );
      return { dir: undefined, failed: true };
    }
  }
}
