// Values at the edges of every field the vendor types, one field at a time: text well past 255 characters, arrays
// with repeated and with many elements, Unicode composed, decomposed and outside the Basic Multilingual Plane,
// leading and trailing spaces, and every documented enum value. Each says whether its acceptance and its being
// stored byte for byte rest on the vendor's pages or on our reading, so a finding on an inferred one is a SHOULD.
import type { ApiVersion } from '../contracts/index.ts';
import type { Premise } from './premise.ts';
import { GENDERS, LISTED_TITLES } from './vocabulary.ts';

/** One edge value for one field. */
export interface FieldEdge {
  /** `<field>.<edge>`, e.g. `firstName.long-300`. */
  readonly id: string;
  readonly field: string;
  readonly value: unknown;
  /** A plain value of the field, to put back between the writes that send the edge. */
  readonly plain: unknown;
  /** Whether the vendor's pages say a server takes such a value. */
  readonly accepted: Premise;
  /** Whether they say it is kept as sent, byte for byte, once taken. */
  readonly stored: Premise;
}

const DOCUMENTED: Premise = { level: 'documented' };

function inferred(because: string): Premise {
  return { level: 'inferred', because };
}

/** The free-text fields of a version (no enum, pattern or format), and a plain value of each. */
function textFields(version: ApiVersion): Record<string, string> {
  const common = {
    title: 'Mr',
    firstName: 'John',
    lastName: 'Doe',
    nationality: 'Irish',
    passportNumber: 'PZ4A9565',
  };
  return version === 'v2.1' ? { ...common, city: 'Dublin', state: 'Leinster', postCode: 'D02 X285' } : common;
}

const LONG = 300;

/** 300 characters of text that any store may take: letters, a space, a hyphen and an apostrophe. */
function longText(field: string): string {
  const unit = `${field} O'Brien-Smith `;
  return unit
    .repeat(Math.ceil(LONG / unit.length))
    .slice(0, LONG - 1)
    .concat('x');
}

// The same text composed (NFC) and decomposed (NFD), and text outside the BMP.
const COMPOSED = 'Zoë Ó Súilleabháin';
const DECOMPOSED = COMPOSED.normalize('NFD');
const ASTRAL = 'Ana 𝔘𝔫𝔦 😀';

const MANY = 40;

/** Every edge of every field of a version, in a fixed order. */
export function fieldEdges(version: ApiVersion): FieldEdge[] {
  const edges: FieldEdge[] = [];
  for (const [field, plain] of Object.entries(textFields(version))) {
    edges.push({
      id: `${field}.long-${LONG}`,
      field,
      value: longText(field),
      plain,
      accepted: inferred(
        `${field} is ${LONG} characters long; the vendor's pages name no maximum length and show short values`,
      ),
      stored: DOCUMENTED,
    });
  }
  const unicodeFields = version === 'v2.1' ? ['firstName', 'lastName', 'city'] : ['firstName', 'lastName'];
  for (const field of unicodeFields) {
    const plain = textFields(version)[field] as string;
    edges.push(
      {
        id: `${field}.composed`,
        field,
        value: COMPOSED,
        plain,
        accepted: DOCUMENTED,
        stored: DOCUMENTED,
      },
      {
        id: `${field}.decomposed`,
        field,
        value: DECOMPOSED,
        plain,
        accepted: DOCUMENTED,
        stored: inferred(
          `${field} is in decomposed form (NFD); that it is kept so, not normalised to NFC, is our reading`,
        ),
      },
      {
        id: `${field}.astral`,
        field,
        value: ASTRAL,
        plain,
        accepted: inferred(
          `${field} holds characters outside the Basic Multilingual Plane; the vendor shows none, and 3-byte UTF-8 stores refuse them`,
        ),
        stored: DOCUMENTED,
      },
      {
        id: `${field}.spaces`,
        field,
        value: `  ${plain}  `,
        plain,
        accepted: DOCUMENTED,
        stored: inferred(
          `${field} has leading and trailing spaces; that they are kept, not trimmed, is our reading`,
        ),
      },
    );
  }
  const arrays: Array<[string, string, (i: number) => string]> = [
    ['emails', 'john.doe@gmail.com', (i) => `edge.${i}@example.com`],
    ['phoneNumbers', '+353161123345', (i) => `+3531611${String(i).padStart(5, '0')}`],
    ...(version === 'v2.1'
      ? ([['street', 'Tara St.', (i: number) => `${i + 1} Tara St.`]] as Array<
          [string, string, (i: number) => string]
        >)
      : []),
  ];
  for (const [field, plain, item] of arrays) {
    edges.push(
      {
        id: `${field}.repeated`,
        field,
        value: [plain, plain],
        plain: [plain],
        accepted: DOCUMENTED,
        stored: inferred(`${field} repeats an element; that a list keeps both, not one, is our reading`),
      },
      {
        id: `${field}.many-${MANY}`,
        field,
        value: Array.from({ length: MANY }, (_, i) => item(i)),
        plain: [plain],
        accepted: inferred(`${field} has ${MANY} elements; the vendor's examples show 1 or 2`),
        stored: DOCUMENTED,
      },
    );
  }
  return edges;
}

/** Every documented enum value (gender) and every title the vendor lists, as edges of their fields. */
export function enumEdges(): FieldEdge[] {
  return [
    ...GENDERS.map((gender) => ({
      id: `gender.${gender}`,
      field: 'gender',
      value: gender,
      plain: 'male',
      accepted: DOCUMENTED,
      stored: DOCUMENTED,
    })),
    ...LISTED_TITLES.map((title) => ({
      id: `title.${title}`,
      field: 'title',
      value: title,
      plain: 'Mr',
      accepted: DOCUMENTED,
      stored: DOCUMENTED,
    })),
  ];
}
