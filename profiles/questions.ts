import type { RuleId } from '../contracts/index.ts';
import type { VariantName } from '../mock/variants.ts';

/**
 * One way a conformant server may answer a question. `variant`: the mock variant that answers so (null: the
 * reference mock's own reading); 'unreproducible': an answer occ mock has no variant for, so occ mock --profile
 * refuses a profile that holds it.
 */
export interface ProfileAnswer {
  readonly id: string;
  readonly description: string;
  readonly variant: VariantName | null | 'unreproducible';
}

/** A behaviour the vendor leaves open (the catalogue marks it inferred), asked of a tenant with a request or two. */
export interface ProfileQuestion {
  readonly id: string;
  /** The catalogue rules it concerns: SHOULD (inferred) for the probes' version; MUST on a run with the profile. */
  readonly rules: readonly RuleId[];
  readonly question: string;
  readonly answers: readonly ProfileAnswer[];
}

// Questions are data like the variants: the prober answers each by id, occ mock --profile maps answers to
// variants, the tests read this table. Each question is answered from the probes of profiles/probe-target.ts.
export const PROFILE_QUESTIONS = [
  {
    id: 'ref-case',
    rules: ['OC-REF-CASE-INSENSITIVE'],
    question: 'In which case does a new contact ref come (the vendor shows both)?',
    answers: [
      { id: 'lower', description: 'lower-case hex digits', variant: null },
      { id: 'upper', description: 'upper-case hex digits', variant: 'upper-case-refs' },
    ],
  },
  {
    id: 'date-echo',
    rules: ['OC-DATE-INSTANT-ECHO'],
    question: 'Is a date sent (1991-01-01T16:17:16Z) echoed as sent or as the same instant in another form?',
    answers: [
      { id: 'as-sent', description: 'the very text sent', variant: null },
      {
        id: 'reformatted',
        description: 'the same instant in another ISO 8601 form',
        variant: 'dates-reformatted',
      },
      { id: 'other', description: 'neither (another instant, or no date)', variant: 'unreproducible' },
    ],
  },
  {
    id: 'update-status',
    rules: ['OC-UPDATE-STATUS'],
    question: 'Which status answers a successful update (PATCH)?',
    answers: [
      { id: '200', description: '200 OK', variant: null },
      { id: '201', description: '201 Created, as the response-codes page says', variant: 'update-201' },
      { id: 'other', description: 'another 2xx', variant: 'unreproducible' },
    ],
  },
  {
    id: 'limit-above-max',
    rules: ['OC-PAGING-LIMIT'],
    question: 'What does a list with limit=1000 (above any page size shown) get?',
    answers: [
      {
        id: 'clamped',
        description: '200, a smaller page than asked (detail: the limit answered)',
        variant: null,
      },
      { id: 'refused-400', description: '400 with the documented body', variant: 'strict-limit' },
      { id: 'honoured', description: '200 with limit 1000', variant: 'unreproducible' },
      { id: 'other', description: 'another status', variant: 'unreproducible' },
    ],
  },
  {
    id: 'error-body-fields',
    rules: ['OC-404-BODY'],
    question:
      'Does an error body (404 of an unknown contact) carry fields beyond status, code, message, moreInfoUrl?',
    answers: [
      { id: 'documented', description: 'only the documented fields', variant: null },
      { id: 'additive', description: 'additive fields too (detail: which)', variant: 'extra-fields' },
    ],
  },
  {
    id: 'empty-first-name',
    rules: ['OC-NAMES-NOT-EMPTY'],
    question: 'Is a contact with an empty firstName refused?',
    answers: [
      { id: 'refused-400', description: '400', variant: null },
      { id: 'accepted', description: '201: created (and deleted again)', variant: 'lenient-inferred' },
      { id: 'other', description: 'another status', variant: 'unreproducible' },
    ],
  },
  {
    id: 'date-only-expiry',
    rules: ['OC-PASSPORT-EXPIRY-FORMAT'],
    question: 'Is a date-only passportExpiry (2030-01-01) accepted?',
    answers: [
      { id: 'accepted', description: '201: created (and deleted again)', variant: null },
      { id: 'refused-400', description: '400: only date-times as the vendor shows', variant: 'strict-dates' },
      { id: 'other', description: 'another status', variant: 'unreproducible' },
    ],
  },
  {
    id: 'list-after-delete',
    rules: ['OC-DELETE-GONE-FROM-LIST'],
    question: "Does an order's contact list show a delete at once?",
    answers: [
      { id: 'immediate', description: 'the next list no longer has it', variant: null },
      { id: 'lagging', description: 'only after a while (detail: how long)', variant: 'lagging-list' },
      { id: 'never', description: 'still listed after 5 s', variant: 'unreproducible' },
    ],
  },
] as const satisfies readonly ProfileQuestion[];

/** The id of a question the prober asks. */
export type QuestionId = (typeof PROFILE_QUESTIONS)[number]['id'];

/** The answers of a question, by id. */
export type AnswerOf<Q extends QuestionId> = Extract<
  (typeof PROFILE_QUESTIONS)[number],
  { id: Q }
>['answers'][number]['id'];

/** The question of this id, or undefined. */
export function questionById(id: string): ProfileQuestion | undefined {
  return (PROFILE_QUESTIONS as readonly ProfileQuestion[]).find((question) => question.id === id);
}

/** Every variant some answer names: a profile decides each of them on or off. */
export const PROFILED_VARIANTS: ReadonlySet<VariantName> = new Set(
  (PROFILE_QUESTIONS as readonly ProfileQuestion[]).flatMap((question) =>
    question.answers.flatMap((answer) =>
      answer.variant !== null && answer.variant !== 'unreproducible' ? [answer.variant] : [],
    ),
  ),
);
