import { preflight } from '../engine/preflight.ts';
import { type ConfigFlags, type OccConfig, readConfig } from '../lib/config.ts';
import { ConfigError } from '../lib/errors.ts';
import { nearNames } from '../lib/near-names.ts';
import { COMPARE_ONLY_SETTINGS, SETTINGS, type SettingKey, type SettingValue } from '../lib/settings.ts';
import { REPORT_FORMATS, type ReportFormat } from '../reports/write-reports.ts';

/**
 * The settings of `occ run` a program passes as options, typed as the CLI parses them. Left out: the baseline gate
 * (`baseline`, `failOn`: call diffReports on the report instead) and `reportDir`, which is an option of its own
 * (nothing is written unless it is given).
 */
export type RunSettingKey = Exclude<
  SettingKey,
  'baseline' | 'failOn' | 'reportDir' | (typeof COMPARE_ONLY_SETTINGS)[number]
>;

/** One value per setting, as `occ run` has them: `seed: 7`, `apiVersions: ['v2.1']`, `pact: false`. */
export type RunSettings = { readonly [K in RunSettingKey]?: SettingValue<K> };

/** Options of runConformance: the settings of `occ run`, and what a program needs besides. */
export interface RunConformanceOptions extends RunSettings {
  /** Write the reports into this folder (created when missing); none: nothing is written. */
  readonly reportDir?: string;
  /** Which files to write into reportDir. Default: all four. */
  readonly reportFormats?: readonly ReportFormat[];
  /** Run only part i of n of the suites (`occ run --shard i/n`); combine the reports with `occ merge`. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Cancels the run: it stops sending, lets what is in flight end, deletes what it created and resolves. */
  readonly signal?: AbortSignal;
  /**
   * Read settings (CDP_BASE_URL, CDP_CLIENT_KEY, OCC_SEED, …) and the proxy variables from this environment as
   * `occ run` does, options winning: `env: process.env`. Default: none is read.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Each line the run logs (stages, one line per test, clean-up), without the CLI's prefix. */
  readonly log?: (line: string) => void;
  /**
   * Cancel the run on SIGINT or SIGTERM as `occ run` does (a second signal is left to the process's default,
   * which ends it). Default false: no signal listener is added.
   */
  readonly handleSignals?: boolean;
  /**
   * Hold the target to a tenant profile (the file `occ profile` writes), as `occ run --profile` does: its questions
   * are asked again and its rules checked at MUST, as observed on the tenant.
   */
  readonly profile?: string;
}

/** Invalid options of runConformance, found before anything was started or sent: one line per problem. */
export class ConformanceOptionsError extends ConfigError {
  override readonly name = 'ConformanceOptionsError';

  constructor(problems: readonly string[]) {
    super(problems, 'Invalid runConformance options');
  }
}

/** What runConformance runs with, once its options are checked. */
export interface ResolvedRunOptions {
  readonly config: OccConfig;
  readonly reports: { readonly dir: string; readonly formats: readonly ReportFormat[] } | undefined;
  readonly shard: { readonly index: number; readonly count: number } | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const OWN_OPTIONS = [
  'reportDir',
  'reportFormats',
  'shard',
  'env',
  'signal',
  'log',
  'handleSignals',
  'profile',
] as const;
const RUN_SETTING_KEYS = (Object.keys(SETTINGS) as SettingKey[]).filter(
  (key): key is RunSettingKey =>
    key !== 'baseline' &&
    key !== 'failOn' &&
    key !== 'reportDir' &&
    !(COMPARE_ONLY_SETTINGS as readonly string[]).includes(key),
);
const KNOWN_OPTIONS: readonly string[] = [...RUN_SETTING_KEYS, ...OWN_OPTIONS];

/** An option's value as the text a flag would have, so the CLI's parsers check it (and word the problem). */
function asFlag(value: unknown): string | boolean | readonly string[] {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => String(item));
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? String(value);
}

function shardProblem(shard: unknown): string | undefined {
  if (shard === undefined) return undefined;
  const { index, count } = (shard ?? {}) as { index?: unknown; count?: unknown };
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
  return whole(index) && whole(count) && index <= count
    ? undefined
    : `shard: received ${JSON.stringify(shard)}, expected { index, count } with 1 <= index <= count, such as { index: 1, count: 3 }.`;
}

function ownOptionProblems(options: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(options))
    if (!KNOWN_OPTIONS.includes(key))
      problems.push(
        `${key}: not an option of runConformance; near matches: ${nearNames(key, KNOWN_OPTIONS).join(', ')}.`,
      );
  const { reportDir, reportFormats, env, signal, log, handleSignals } = options;
  if (env !== undefined && (env === null || typeof env !== 'object'))
    problems.push('env: expected an object of environment variables, such as process.env.');
  if (reportDir !== undefined && (typeof reportDir !== 'string' || reportDir === ''))
    problems.push(`reportDir: received ${JSON.stringify(reportDir)}, expected the path of a folder.`);
  if (
    reportFormats !== undefined &&
    (!Array.isArray(reportFormats) ||
      reportFormats.length === 0 ||
      reportFormats.some((f) => !REPORT_FORMATS.includes(f as ReportFormat)))
  )
    problems.push(
      `reportFormats: received ${JSON.stringify(reportFormats)}, expected some of ${REPORT_FORMATS.join(', ')} (leave it out for all four).`,
    );
  if (reportFormats !== undefined && reportDir === undefined)
    problems.push('reportFormats: given without reportDir; pass reportDir, the folder to write them into.');
  const shard = shardProblem(options.shard);
  if (shard) problems.push(shard);
  if (signal !== undefined && !(signal instanceof AbortSignal))
    problems.push('signal: expected an AbortSignal (from an AbortController, or AbortSignal.timeout(ms)).');
  if (log !== undefined && typeof log !== 'function')
    problems.push('log: expected a function taking one line of text.');
  if (options.profile !== undefined && (typeof options.profile !== 'string' || options.profile === ''))
    problems.push(
      `profile: received ${JSON.stringify(options.profile)}, expected the path of a tenant profile.`,
    );
  if (handleSignals !== undefined && typeof handleSignals !== 'boolean')
    problems.push(`handleSignals: received ${JSON.stringify(handleSignals)}, expected true or false.`);
  return problems;
}

/**
 * Checks runConformance's options as `occ run` checks its flags (the same parsers and pre-flight: folders
 * writable, --only ids, fault and variant names), naming each option in its problem (and a variable of `env`
 * by its name). Reads no environment but `env`. Throws ConformanceOptionsError with every problem at once.
 */
export function resolveRunOptions(options: RunConformanceOptions): ResolvedRunOptions {
  const given = options as Record<string, unknown>;
  const flags: ConfigFlags = {};
  for (const key of RUN_SETTING_KEYS) if (given[key] !== undefined) flags[key] = asFlag(given[key]);
  const problems = ownOptionProblems(given);
  const env = options.env !== null && typeof options.env === 'object' ? options.env : {};
  const { config, problems: settingProblems } = readConfig(env, flags, (key) => key);
  problems.push(...settingProblems);
  const reportDir = typeof options.reportDir === 'string' ? options.reportDir : undefined;
  try {
    preflight(
      {
        reportDir,
        ledgerDir: config.ledgerDir,
        record: config.record,
        only: config.only,
        mockFaults: config.mockFaults,
        mockVariants: config.mockVariants,
      },
      problems,
      (key) => key,
    );
  } catch (error) {
    if (error instanceof ConfigError) throw new ConformanceOptionsError(error.problems);
    throw error;
  }
  return {
    config,
    reports:
      reportDir === undefined
        ? undefined
        : { dir: reportDir, formats: options.reportFormats ?? REPORT_FORMATS },
    shard: options.shard,
    env,
  };
}
