import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Statuses that mean "not available" rather than an answer about the request, once retries are spent. */
const UNAVAILABLE = new Set([429, 502, 503, 504]);

/** What a tripped switch wrote down: when, and why the run stopped sending. */
export interface GiveUpRecord {
  readonly at: string;
  readonly reason: string;
  /** The sends that failed in a row. */
  readonly failures: number;
}

/** Options of a GiveUpSwitch. */
export interface GiveUpOptions {
  /** Sends in a row that got no usable answer (after their retries) before the switch trips; 0 never trips. */
  readonly after: number;
  /**
   * A file the tripped switch writes, and every switch with the same path reads: the run's test files each have
   * their own client, and a target that stopped answering one of them has stopped answering all.
   */
  readonly markerPath?: string;
  /**
   * Requests (retries included) this sender may put on the wire (its share of --max-requests): once they are
   * spent, the switch trips for every sender of the run. Unlimited when absent.
   */
  readonly budget?: { readonly requests: number; readonly of: number };
}

/** The marker file of a run's give-up switch (in the OS temp folder: it holds no secret and dies with the run). */
export function giveUpMarkerPath(runId: string): string {
  return join(tmpdir(), `occ-run-${runId}.gave-up.json`);
}

/** Reads what a run's switch wrote when it tripped; undefined when it never did. */
export function readGiveUp(markerPath: string): GiveUpRecord | undefined {
  if (!existsSync(markerPath)) return undefined;
  try {
    return JSON.parse(readFileSync(markerPath, 'utf8')) as GiveUpRecord;
  } catch {
    return { at: new Date().toISOString(), reason: 'the target stopped answering', failures: 0 };
  }
}

/**
 * Decides when a target has stopped answering, so a run stops sending to it instead of waiting out the timeout and
 * retries of every one of its thousands of requests: after `after` sends in a row ended with no response (or with
 * 429/502/503/504 once retries were spent), every later send is refused at once. It does not close again: a target
 * that failed that many requests in a row, retries included, cannot be trusted for the rest of the run.
 */
export class GiveUpSwitch {
  private failures = 0;
  private spent = 0;
  private tripped: GiveUpRecord | undefined;

  constructor(private readonly options: GiveUpOptions) {}

  /** Why sends are refused now, or undefined while the target is still trusted. */
  reason(): string | undefined {
    // The marker is read even when this switch never trips itself: a cancelled run stops its workers through it.
    if (!this.tripped && this.options.markerPath !== undefined) {
      this.tripped = readGiveUp(this.options.markerPath);
    }
    return this.tripped?.reason;
  }

  /** Requests (retries included) this switch has let go out. */
  get requestsSent(): number {
    return this.spent;
  }

  /**
   * Takes one request of the budget before it goes on the wire (retries too); false, tripping the switch for
   * every sender, once the budget is spent or the switch has tripped. Always true without a budget.
   */
  reserve(): boolean {
    if (this.reason() !== undefined) return false;
    const budget = this.options.budget;
    if (budget !== undefined && this.spent >= budget.requests) {
      this.trip({
        at: new Date().toISOString(),
        failures: 0,
        reason: `not sent: the run reached --max-requests ${budget.of} (raise it, or send fewer: --tier smoke, fewer --cases)`,
      });
      return false;
    }
    this.spent += 1;
    return true;
  }

  /** Records how a send ended: its final status, or undefined when no response came. */
  record(status: number | undefined, detail: string): void {
    if (this.options.after <= 0 || this.tripped) return;
    if (status !== undefined && !UNAVAILABLE.has(status)) {
      this.failures = 0;
      return;
    }
    this.failures += 1;
    if (this.failures < this.options.after) return;
    this.trip({
      at: new Date().toISOString(),
      failures: this.failures,
      reason: `not sent: the target stopped answering (${this.failures} requests in a row failed, the last with ${detail})`,
    });
  }

  private trip(record: GiveUpRecord): void {
    this.tripped = record;
    if (this.options.markerPath !== undefined)
      writeFileSync(this.options.markerPath, JSON.stringify(record), { mode: 0o600 });
  }
}

/** Makes every sender of a run refuse to send from now on, saying why (a cancelled run, a deadline). */
export function stopSending(markerPath: string, reason: string): void {
  const record: GiveUpRecord = { at: new Date().toISOString(), reason: `not sent: ${reason}`, failures: 0 };
  writeFileSync(markerPath, JSON.stringify(record), { mode: 0o600 });
}
