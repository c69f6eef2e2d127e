import { capabilities } from '../contracts/index.ts';
import type { CompareReport } from '../contracts/types.gen.ts';
import { ruleInfos, TOOL } from '../engine/report-input.ts';
import type { OccConfig } from '../lib/config.ts';
import {
  type CompareRecordingsInput,
  compareRecordings,
  readHar,
  writeCompareReports,
} from '../reports/compare/index.ts';
import { compareSecrets } from './compare-options.ts';

/** One recording to compare: how the user named its target, and where the HAR is. */
export interface RecordingSide {
  readonly label: string;
  readonly har: string;
}

/** A comparison written: the report and the folder its files are in. */
export interface WrittenComparison {
  readonly report: CompareReport;
  readonly dir: string;
}

/**
 * Reads two recordings (exit 2 when either is unreadable), compares them against the rule and capability
 * catalogues and writes compare.json, .md and .html into the report folder.
 */
export function compareAndWrite(
  input: {
    readonly reference: RecordingSide;
    readonly candidate: RecordingSide;
    readonly mode: CompareRecordingsInput['mode'];
  },
  config: Pick<OccConfig, 'minFidelity' | 'reportDir'> & Parameters<typeof compareSecrets>[0],
): WrittenComparison {
  const reference = readHar(input.reference.har, 'the reference recording');
  const candidate = readHar(input.candidate.har, 'the candidate recording');
  const report = compareRecordings({
    reference: { ...input.reference, recording: reference },
    candidate: { ...input.candidate, recording: candidate },
    mode: input.mode,
    minFidelity: config.minFidelity,
    rules: ruleInfos(),
    capabilities: capabilities(),
    tool: TOOL,
  });
  writeCompareReports(report, config.reportDir, compareSecrets(config));
  return { report, dir: config.reportDir };
}
