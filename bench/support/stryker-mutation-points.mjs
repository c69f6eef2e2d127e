// A StrykerJS ignore plugin that makes a mutation range select exactly one mutation point (an AST node) instead of
// that node and everything inside it: Stryker mutates every node a `mutate` range includes, so the range of an
// `if` block would bring every mutant of the block along. bench/mutation.ts samples mutation points and passes
// each one's exact range; this ignores the nodes inside a range that are neither a point nor around one. Files
// given without a range (the whole set, --all) are left alone.
//
// Plain JavaScript, because Stryker loads its plugins in its worker processes too, which run without tsx.

const RANGE = /^(.*?):(\d+):(\d+)-(\d+):(\d+)$/;

/** The exact ranges of `mutate`, by file name as written there (relative to the project). */
function pointsOf(mutate) {
  const points = [];
  for (const pattern of mutate ?? []) {
    const match = RANGE.exec(pattern);
    if (!match) continue;
    const [, file, startLine, startColumn, endLine, endColumn] = match;
    points.push({
      file,
      start: { line: Number(startLine), column: Number(startColumn) },
      end: { line: Number(endLine), column: Number(endColumn) },
    });
  }
  return points;
}

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const within = (inner, outer) => before(outer.start, inner.start) && before(inner.end, outer.end);
const same = (a, b) =>
  a.start.line === b.start.line &&
  a.start.column === b.start.column &&
  a.end.line === b.end.line &&
  a.end.column === b.end.column;

function createMutationPointIgnorer(options) {
  const points = pointsOf(options.mutate);
  return {
    shouldIgnore(path) {
      const loc = path.node?.loc;
      const fileName = path.hub?.file?.opts?.filename;
      if (!loc || typeof fileName !== 'string' || points.length === 0) return undefined;
      const normalised = fileName.replaceAll('\\', '/');
      const mine = points.filter((p) => normalised === p.file || normalised.endsWith(`/${p.file}`));
      if (mine.length === 0) return undefined;
      // Around a point (or the point itself): keep, so the point is reached; Stryker mutates only what a range
      // includes, so a node around a point gives no mutants of its own.
      if (mine.some((p) => same(loc, p) || within(p, loc))) return undefined;
      // Inside a point but not a point: another mutation point the sample did not pick.
      if (mine.some((p) => within(loc, p))) return 'not in the sample of mutation points (bench/mutation.ts)';
      return undefined;
    },
  };
}
createMutationPointIgnorer.inject = ['options'];

export const strykerPlugins = [
  { kind: 'Ignore', name: 'occ-mutation-points', factory: createMutationPointIgnorer },
];
