// What the CLI and the engine use of tenant profiles.
export { driftedQuestions, profileObservations, setAsideByProfile } from './profile-drift.ts';
export { profileProblems, readProfile, readRunProfile, writeProfile } from './profile-file.ts';
export { profiledRuleInfos } from './profile-levels.ts';
export { type ProfiledTarget, profileTarget } from './profile-target.ts';
export { type ProfileVariants, variantsOfProfile } from './profile-variants.ts';
export { PROFILE_QUESTIONS, PROFILED_VARIANTS, type ProfileQuestion, questionById } from './questions.ts';
