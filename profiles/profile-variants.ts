import type { TenantProfile } from '../contracts/index.ts';
import { OccError } from '../lib/errors.ts';
import type { VariantName } from '../mock/variants.ts';
import { PROFILED_VARIANTS, questionById } from './questions.ts';

/** The mock variants that make occ mock behave as the profiled tenant, and the variants the profile rules out. */
export interface ProfileVariants {
  readonly on: readonly VariantName[];
  /** Variants some question decides and the profile's answer does not name: switching one on contradicts it. */
  readonly off: readonly VariantName[];
  /** The largest page the tenant answers (limit-above-max clamped, and the limit it said): the mock's --max-limit. */
  readonly maxLimit?: number;
}

/**
 * The variants a profile's answers name. Throws OccError naming every entry the mock cannot reproduce, and every
 * --variant that contradicts an answer (`extra`: the variants asked for beside the profile).
 */
export function variantsOfProfile(
  profile: TenantProfile,
  file: string,
  extra: readonly string[] = [],
): ProfileVariants {
  const on = new Set<VariantName>();
  const decided = new Set<VariantName>();
  const problems: string[] = [];
  for (const entry of profile.entries) {
    const question = questionById(entry.question);
    const answer = question?.answers.find((a) => a.id === entry.answer);
    if (!question || !answer) continue;
    for (const a of question.answers)
      if (a.variant !== null && a.variant !== 'unreproducible') decided.add(a.variant);
    if (answer.variant === 'unreproducible')
      problems.push(
        `${entry.question}: "${entry.answer}" (${answer.description}${entry.detail ? `; ${entry.detail}` : ''}) is not something occ mock can do`,
      );
    else if (answer.variant !== null) on.add(answer.variant);
  }
  const off = [...PROFILED_VARIANTS].filter((v) => decided.has(v) && !on.has(v));
  for (const variant of extra) {
    if (!off.includes(variant as VariantName)) continue;
    const entry = profile.entries.find((e) =>
      questionById(e.question)?.answers.some((a) => a.variant === variant),
    );
    problems.push(
      `--variant ${variant} contradicts the profile: ${entry?.question ?? '?'} is "${entry?.answer ?? '?'}" on the tenant`,
    );
  }
  if (problems.length > 0)
    throw new OccError(
      `Failed to use --profile "${file}": ${problems.length} entr${problems.length > 1 ? 'ies' : 'y'} the mock cannot follow:\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}\nDrop the --variant, or profile the tenant again.`,
    );
  const clamped = profile.entries.find((e) => e.question === 'limit-above-max' && e.answer === 'clamped');
  const maxLimit = clamped?.measured;
  return {
    on: [...on],
    off,
    ...(maxLimit !== undefined && Number.isInteger(maxLimit) && maxLimit >= 1 ? { maxLimit } : {}),
  };
}
