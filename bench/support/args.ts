// The few command-line flags the benchmarks take (--name value), read the same way everywhere.

/**
 * The integer of at least `min` (default 1) after `name` in argv, or `fallback` when the flag is absent; throws on
 * anything else.
 */
export function intFlag(
  name: string,
  fallback: number,
  { min = 1, argv = process.argv }: { min?: number; argv?: readonly string[] } = {},
): number {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const raw = argv[at + 1];
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isSafeInteger(value) || value < min) {
    throw new Error(
      `Failed to read ${name}: "${raw ?? ''}" is not an integer of at least ${min}. Pass e.g. ${name} ${fallback}.`,
    );
  }
  return value;
}

/** Every value given to a repeatable flag (`--fault a --fault b` gives ['a', 'b']). */
export function listFlag(name: string, argv: readonly string[] = process.argv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    if (argv[i] === name && value !== undefined) out.push(value);
  }
  return out;
}
