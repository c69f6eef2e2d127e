import { describe, expect, it } from 'vitest';
import { liveProgress } from './progress-line.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, out: { isTTY, write: (text: string) => chunks.push(text) } };
}

describe('the live progress line', () => {
  it('passes lines through unchanged when the output is not a terminal (a CI log)', () => {
    const { chunks, out } = sink(false);
    const progress = liveProgress(out);
    progress.write('occ: ✓ a test\n');
    progress.tally?.({ exchanges: 12, violations: 1 });
    progress.stop();
    expect(chunks).toEqual(['occ: ✓ a test\n']);
  });

  it('on a terminal, keeps the totals under the last line and clears them at the end', () => {
    const { chunks, out } = sink(true);
    let t = 0;
    const progress = liveProgress(out, () => t);
    t = 1500;
    progress.tally?.({ exchanges: 12, violations: 1 });
    progress.write('occ: ✓ a test\n');
    progress.tally?.({ exchanges: 3, violations: 0 });
    progress.stop();
    const screen = chunks.join('');
    expect(screen).toContain('occ: ✓ a test\n');
    expect(screen).toContain('… 2 tests · 15 exchanges · 1 violations · 1.5 s');
    expect(screen.endsWith('\r\u001b[2K')).toBe(true);
  });
});
