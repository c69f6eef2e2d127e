/** The exit status a signal earns, as a shell reports it (128 + the signal's number). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** Where a run's leftovers would be listed, as far as the CLI knows when a second signal comes. */
export interface LedgerWhereabouts {
  readonly baseUrl: string | undefined;
  /** The run's ledger once the target is ready; undefined before, or for the embedded mock. */
  readonly ledgerPath: string | undefined;
  readonly ledgerDir: string;
  readonly embeddedMock: boolean;
}

/** The line a second signal prints as the CLI exits at once: what stays, where it is listed, what to run. */
export function exitNowMessage(
  signal: NodeJS.Signals,
  where: LedgerWhereabouts,
  summarize: (ledgerPath: string) => string | undefined,
): string {
  const head = `${signal} again: exiting now`;
  if (where.embeddedMock)
    return `${head}; the embedded mock stops with this run, so nothing it created stays`;
  const cleanup = `occ cleanup --base-url ${withoutUserinfo(where.baseUrl ?? '...')}`;
  if (where.ledgerPath === undefined)
    return `${head}, before the target was ready; anything it created is listed in a ledger in ${where.ledgerDir}: run ${cleanup} to delete it`;
  const left = summarize(where.ledgerPath);
  if (left === undefined) return `${head}; ${where.ledgerPath} lists nothing left on the target`;
  return `${head}; ${left} stay on the target, listed in ${where.ledgerPath}: run ${cleanup} to delete them`;
}

function withoutUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href.replace(/\/+$/, '');
  } catch {
    return url;
  }
}
