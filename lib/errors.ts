import type { UnreachableCause } from '../contracts/types.gen.ts';

export type { UnreachableCause };

/** Exit statuses of the occ command; they are promises to users. */
export const ExitCode = {
  ok: 0,
  ruleFailed: 1,
  usage: 2,
  unreachable: 3,
} as const;

/** A fault of the tool or its input (bad configuration, unreadable file): never a finding about the target. */
export class OccError extends Error {
  override readonly name: string = 'OccError';
  /** The exit status the CLI ends with when this error reaches it. */
  readonly exitCode: number;

  constructor(message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? ExitCode.usage;
  }
}

/** Bad flags, environment or .env: exit 2. */
export class ConfigError extends OccError {
  override readonly name: string = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[], heading = 'Invalid configuration') {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      exitCode: ExitCode.usage,
    });
    this.problems = problems;
  }
}

/**
 * The target could not be reached, refused the credentials or the set-up before anything was checked: exit 3.
 * `kind` says which (the report's unreachableCause); the message says what was wrong and the fix that fits.
 */
export class TargetUnreachableError extends OccError {
  override readonly name = 'TargetUnreachableError';
  readonly kind: UnreachableCause;

  constructor(message: string, kind: UnreachableCause, cause?: unknown) {
    super(message, { cause, exitCode: ExitCode.unreachable });
    this.kind = kind;
  }
}

/** What a caught value says: an Error's message, anything else as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
