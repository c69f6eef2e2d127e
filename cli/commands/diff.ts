import type { Command } from 'commander';
import reportSchema from '../../contracts/meta/conformance-report.schema.json' with { type: 'json' };
import { ExitCode, OccError } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import {
  createReportValidator,
  diffReports,
  type FailOn,
  failOnBaseline,
  type ReportValidator,
  readReport,
  renderDiffMarkdown,
  renderDiffText,
} from '../../reports/index.ts';
import type { CliContext } from '../context.ts';

const FORMATS = ['text', 'md', 'json'] as const;
type DiffFormat = (typeof FORMATS)[number];

let validator: ReportValidator | undefined;

/** The strict schema validator of conformance.json files, compiled once. */
export function reportFileValidator(): ReportValidator {
  validator ??= createReportValidator(reportSchema);
  return validator;
}

function failOnOf(value: unknown): FailOn {
  if (value === 'regression' || value === 'any') return value;
  throw new OccError(`Failed to parse --fail-on: received "${String(value)}", expected regression or any.`);
}

function formatOf(value: unknown): DiffFormat {
  const format = FORMATS.find((f) => f === value);
  if (format) return format;
  throw new OccError(`Failed to parse --format: received "${String(value)}", expected text, md or json.`);
}

/** Registers `occ diff OLD NEW`: regressions, fixes and schema drift between two reports; exit 1 on regressions. */
export function registerDiffCommand(program: Command, context: CliContext): void {
  program
    .command('diff')
    .description('compare two conformance.json reports: regressions, fixes, other changes and schema drift')
    .argument('<old>', 'the baseline conformance.json, or a folder holding one')
    .argument('<new>', 'the new conformance.json, or a folder holding one')
    .option('--fail-on <what>', 'exit 1 on a regression, or on any change: regression or any', 'regression')
    .option('--format <format>', 'text, md or json', 'text')
    .addHelpText(
      'after',
      '\nExit status: 0 no regression (with --fail-on any: no change), 1 regressions (or changes), 2 unreadable or invalid input.',
    )
    .action((oldPath: string, newPath: string, options: { failOn?: unknown; format?: unknown }) => {
      const failOn = failOnOf(options.failOn);
      const format = formatOf(options.format);
      const before = readReport(oldPath, reportFileValidator(), 'the old report');
      const after = readReport(newPath, reportFileValidator(), 'the new report');
      const diff = diffReports(before, after);
      if (format === 'json') context.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
      else if (format === 'md') context.stdout.write(renderDiffMarkdown(diff));
      else for (const line of renderDiffText(diff)) printLine(context.stdout, line);
      context.exitCode = failOnBaseline(diff, failOn) ? ExitCode.ruleFailed : ExitCode.ok;
    });
}
