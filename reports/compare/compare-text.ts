import type { CompareDifference, CompareReport, CompareSide } from '../../contracts/types.gen.ts';

/** A fidelity as a percentage with one decimal, never rounded up to 100%. */
export function percent(share: number): string {
  const tenths = Math.floor(share * 1000 + 1e-9) / 10;
  return `${tenths.toFixed(share === 1 || tenths === Math.trunc(tenths) ? 0 : 1)}%`;
}

/** The headline: fidelity against the gate. */
export function compareHeadline(report: CompareReport): string {
  const { summary } = report;
  const gate = `${report.passed ? 'at or above' : 'below'} --min-fidelity ${percent(report.minFidelity)}`;
  return `Fidelity ${percent(report.fidelity)}: ${summary.equivalent} of ${summary.exchanges} exchanges equivalent, ${gate}`;
}

/** How one side is shown: what the user named, and the run it was. */
export function sideText(side: CompareSide): string {
  const run = [
    side.baseUrl && side.baseUrl !== side.label ? side.baseUrl : undefined,
    side.runId ? `run ${side.runId}` : undefined,
    side.seed !== undefined ? `seed ${side.seed}` : undefined,
    side.tier ? `${side.tier} tier` : undefined,
    `${side.exchanges} exchanges`,
  ].filter(Boolean);
  return `${side.label} (${run.join(', ')})`;
}

/** The differences under each capability, in the report's order (most differences first). */
export function differencesByCapability(
  report: CompareReport,
): { id: string; title: string; differences: CompareDifference[]; exchanges: number }[] {
  return report.capabilities.map((c) => ({
    id: c.id,
    title: c.title,
    exchanges: c.exchanges,
    differences: report.differences.filter((d) => d.capabilities.includes(c.id)),
  }));
}

/** Where a difference was seen: operation, version, test. */
export function placeText(d: Pick<CompareDifference, 'operation' | 'apiVersion' | 'test' | 'stage'>): string {
  return [d.apiVersion ? `${d.operation} (${d.apiVersion})` : d.operation, d.test ?? d.stage].join(' · ');
}
