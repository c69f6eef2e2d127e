function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `limit` known names closest to `name`, ignoring case: those containing it (or contained in it) first, then
 * by edit distance. For "unknown X; did you mean …" messages (fault and variant names, rule ids, categories).
 */
export function nearNames(name: string, known: readonly string[], limit = 3): string[] {
  const wanted = name.toLowerCase();
  return known
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const related = lower.includes(wanted) || wanted.includes(lower) ? 0 : 1;
      return { candidate, score: related * 1000 + distance(wanted, lower) };
    })
    .sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map((m) => m.candidate);
}
