import type { OccConfig } from '../lib/config.ts';
import { SETTINGS, type Setting } from '../lib/settings.ts';

/** The settings the test workers need, taken from the run's configuration as they are (never credentials). */
export const RUN_SETTING_KEYS = [
  'seed',
  'apiVersions',
  'strict',
  'only',
  'cases',
  'tier',
  'maxRequests',
  'readOnly',
  'timeoutMs',
  'retries',
  'giveUpAfter',
  'concurrency',
  'rps',
  'settleMs',
  'record',
] as const satisfies readonly (keyof OccConfig)[];

/** What the workers get of the configuration. */
export type RunSettings = Pick<OccConfig, (typeof RUN_SETTING_KEYS)[number]>;

/** What the run learned while preparing its target. */
export interface RunFacts {
  readonly runId: string;
  /** The run's reference time (ISO); generators derive "a second ago" from it. */
  readonly now: string;
  readonly startedAt: string;
  readonly baseUrl: string;
  readonly targetKind: 'embedded-mock' | 'url' | 'prism';
  /** The order the contacts are created on. */
  readonly orderRef: string | undefined;
  /** True when the run created the order (and deletes it at the end). */
  readonly orderCreated: boolean;
  readonly ledgerDir: string;
}

/** What every conformance test needs to know about the run; never holds credentials. */
export type RunContext = RunFacts & RunSettings;

/** The environment variable that carries the run context from the main process to the test workers. */
export const RUN_CONTEXT_ENV = 'OCC_RUN_CONTEXT';

/** The run context of a prepared target: its facts, and the workers' settings picked from the configuration. */
export function runContextOf(facts: RunFacts, config: OccConfig): RunContext {
  const settings = Object.fromEntries(RUN_SETTING_KEYS.map((key) => [key, config[key]])) as RunSettings;
  return { ...facts, ...settings };
}

/** Serialises a run context for the environment. */
export function encodeRunContext(context: RunContext): string {
  return JSON.stringify(context);
}

const FACTS: Record<keyof RunFacts, (value: unknown) => boolean> = {
  runId: (v) => typeof v === 'string' && /^[\w-]+$/.test(v),
  now: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  startedAt: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  baseUrl: (v) => typeof v === 'string' && URL.canParse(v),
  targetKind: (v) => v === 'embedded-mock' || v === 'url' || v === 'prism',
  orderRef: (v) => v === undefined || typeof v === 'string',
  orderCreated: (v) => typeof v === 'boolean',
  ledgerDir: (v) => typeof v === 'string' && v !== '',
};

/** A setting's value as the text its parser reads, so the worker validates it with the very parser loadConfig used. */
function asText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '\u0000';
}

/**
 * Reads and validates the run context from the environment; undefined when none was set. A context that does not
 * parse, or whose values the settings' own parsers refuse, is an error naming the field: it means the worker was
 * started by something other than this version of occ.
 */
export function decodeRunContext(env: Readonly<Record<string, string | undefined>>): RunContext | undefined {
  const text = env[RUN_CONTEXT_ENV];
  if (!text) return undefined;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Failed to read ${RUN_CONTEXT_ENV}: not JSON (${(error as Error).message}).`);
  }
  const problems: string[] = [];
  for (const [key, valid] of Object.entries(FACTS)) if (!valid(data[key])) problems.push(key);
  for (const key of RUN_SETTING_KEYS) {
    const setting: Setting<unknown> = SETTINGS[key];
    const value = asText(data[key]);
    if (value === undefined ? setting.fallback() !== undefined : !setting.parse(value).ok) problems.push(key);
  }
  if (problems.length > 0)
    throw new Error(
      `Failed to read ${RUN_CONTEXT_ENV}: ${problems.join(', ')} missing or invalid. Start the suites with occ run or npx vitest run --project conformance.`,
    );
  return data as unknown as RunContext;
}
