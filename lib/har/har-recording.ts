import { appendFileSync } from 'node:fs';
import type { AttemptRecord, Exchange, SendObserver } from '../exchange.ts';
import { redactSecrets } from '../redact.ts';
import { harEntries } from './har-entries.ts';
import type { HarStage } from './har-format.ts';
import { type PartLine, partPath } from './har-parts.ts';

/** The test a send belongs to, and the count of its sends so far. */
export interface RecordingScope {
  readonly test: string;
  /** The next 0-based sequence number of the test's sends. */
  nextSequence(): number;
}

/** A scope for one test (or Pact interaction): its sends numbered from 0. */
export function recordingScope(test: string): RecordingScope {
  let next = 0;
  return { test, nextSequence: () => next++ };
}

/** What a process's recording needs. */
export interface HarRecordingOptions {
  /** The HAR the run will write (absolute); the parts go beside it. */
  readonly target: string;
  readonly runId: string;
  readonly stage: HarStage;
  /** The run's credentials: every line is redacted of them once more before it is written. */
  readonly secrets: readonly (string | undefined)[];
  /** The test the current send belongs to (an AsyncLocalStorage in the suites, the interaction in the Pact child). */
  readonly scope?: () => RecordingScope | undefined;
}

/**
 * One process's part of `occ run --record`: each send's attempts become HAR entries appended to the stage's part
 * file as the send ends, and the rules the suites checked against an exchange become annotation lines. Nothing is
 * kept in memory; a line is written whole (appendFileSync) so a cancelled or killed run keeps what it sent.
 * A recording that cannot write says so once and stops: it never fails a send.
 */
export class HarRecording implements SendObserver {
  private stageNow: HarStage;
  private path: string;
  private scope: (() => RecordingScope | undefined) | undefined;
  private readonly sequences = new Map<HarStage, number>();
  private failure: string | undefined;

  constructor(private readonly options: HarRecordingOptions) {
    this.stageNow = options.stage;
    this.path = partPath(options.target, options.runId, options.stage);
    this.scope = options.scope;
  }

  /** Sends from now on belong to `stage` (the CLI's client serves prepare and teardown). */
  setStage(stage: HarStage): void {
    this.stageNow = stage;
    this.path = partPath(this.options.target, this.options.runId, stage);
  }

  /** Where the current test comes from, when it is known only after the recording was made. */
  useScope(scope: () => RecordingScope | undefined): void {
    this.scope = scope;
  }

  /** Why the recording stopped writing, if it did. */
  problem(): string | undefined {
    return this.failure;
  }

  begin(): (exchange: Exchange, attempts: readonly AttemptRecord[]) => void {
    const stage = this.stageNow;
    const scope = this.scope?.();
    const sequence = scope ? scope.nextSequence() : this.nextOwnSequence(stage);
    return (exchange, attempts) => {
      const place = { stage, sequence, ...(scope ? { test: scope.test } : {}) };
      for (const entry of harEntries(exchange, attempts, place)) this.write({ entry }, stage);
    };
  }

  /** Records the rules each exchange was checked against (exchange id → rule ids). */
  annotate(rules: ReadonlyMap<string, readonly string[]>): void {
    for (const [exchangeId, ids] of rules) this.write({ rules: { exchangeId, rules: ids } }, this.stageNow);
  }

  private nextOwnSequence(stage: HarStage): number {
    const n = this.sequences.get(stage) ?? 0;
    this.sequences.set(stage, n + 1);
    return n;
  }

  private write(line: PartLine, stage: HarStage): void {
    if (this.failure !== undefined) return;
    const path =
      stage === this.stageNow ? this.path : partPath(this.options.target, this.options.runId, stage);
    try {
      appendFileSync(path, `${redactSecrets(JSON.stringify(line), this.options.secrets)}\n`);
    } catch (error) {
      this.failure = `Failed to write the recording's part file "${path}": ${(error as Error).message}`;
    }
  }
}
