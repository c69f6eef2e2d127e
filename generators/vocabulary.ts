// Values the generators draw from. The titles and genders are the vendor's (seed 002, createordercontact:
// title 'Example values: "Br", "Brigadier", ... "Sr"'; gender 'Enum: "male", "female", "unknown"').
import type { PersonV21 } from '../contracts/index.ts';

/** A gender value of the contract's enum. */
export type Gender = NonNullable<PersonV21['gender']>;

/** Every gender the contract's enum allows. */
export const GENDERS = ['male', 'female', 'unknown'] as const satisfies readonly Gender[];

// Fails to compile when the contract's gender enum gains a value GENDERS does not list.
type MissingGender = Exclude<Gender, (typeof GENDERS)[number]>;
const gendersComplete: [MissingGender] extends [never] ? true : never = true;
void gendersComplete;

/** The 26 titles the vendor lists, in the vendor's order (seed 002). */
export const LISTED_TITLES = [
  'Br',
  'Brigadier',
  'Capt',
  'Colonel',
  'Dame',
  'Dr',
  'Elder',
  'Fr',
  'General',
  'Hon',
  'Judge',
  'Lord',
  'Master',
  'Miss',
  'Mr',
  'Mrs',
  'Ms',
  'Mstr',
  'Prof',
  'Rabbi',
  'Rev',
  'Shaikha',
  'Sheikh',
  'Sir',
  'Sister',
  'Sr',
] as const;

// Titles that name a gender, so a generated contact does not read "Dame" with gender "male". The rest suit anyone.
const TITLE_GENDER: Readonly<Record<string, Gender>> = {
  Br: 'male',
  Dame: 'female',
  Fr: 'male',
  Lord: 'male',
  Master: 'male',
  Miss: 'female',
  Mr: 'male',
  Mrs: 'female',
  Ms: 'female',
  Mstr: 'male',
  Shaikha: 'female',
  Sheikh: 'male',
  Sir: 'male',
  Sister: 'female',
};

/** The gender a title implies, or undefined for a title that suits anyone. */
export function genderOfTitle(title: string): Gender | undefined {
  return TITLE_GENDER[title];
}

/** The listed titles that suit a gender ('unknown' gets only the titles that suit anyone). */
export function titlesFor(gender: Gender): readonly string[] {
  return LISTED_TITLES.filter((t) => {
    const implied = TITLE_GENDER[t];
    return implied === undefined || implied === gender;
  });
}

/** Nationalities in the vendor's form (seed 002 example values "Irish", "British", "Spanish", "French"). */
export const NATIONALITIES: readonly string[] = [
  'Irish',
  'British',
  'Spanish',
  'French',
  'German',
  'Italian',
  'Portuguese',
  'Dutch',
  'Belgian',
  'Swiss',
  'Austrian',
  'Polish',
  'Swedish',
  'Norwegian',
  'Danish',
  'Finnish',
  'Greek',
  'American',
  'Canadian',
  'Mexican',
  'Brazilian',
  'Argentinian',
  'Japanese',
  'Chinese',
  'Korean',
  'Indian',
  'Australian',
  'New Zealander',
  'South African',
  'Nigerian',
  'Egyptian',
  'Israeli',
  'Emirati',
  'Turkish',
  'Vietnamese',
  'Thai',
];

/** Identifier providers: the vendor's example ("ProfileSystem", seed 002) and names identity rules commonly use. */
export const IDENTIFIER_PROVIDERS: readonly string[] = [
  'ProfileSystem',
  'email',
  'LoyaltyProgram',
  'CRM',
  'BookingSystem',
];

/** A name pair that exercises Unicode handling, with the country and nationality it plausibly belongs to. */
export interface UnicodeName {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly gender: Gender;
  readonly country: string;
  readonly nationality: string;
}

/** Real-world names in many scripts: accents, apostrophes, hyphens, CJK (one outside the BMP), right-to-left. */
export const UNICODE_NAMES: readonly UnicodeName[] = [
  {
    id: 'accents',
    firstName: 'José',
    lastName: 'Núñez',
    gender: 'male',
    country: 'ES',
    nationality: 'Spanish',
  },
  {
    id: 'umlauts',
    firstName: 'Zoë',
    lastName: 'Müller',
    gender: 'female',
    country: 'DE',
    nationality: 'German',
  },
  {
    id: 'apostrophe',
    firstName: 'Seán',
    lastName: "O'Brien",
    gender: 'male',
    country: 'IE',
    nationality: 'Irish',
  },
  {
    id: 'hyphen',
    firstName: 'Anne-Marie',
    lastName: 'Saint-Exupéry',
    gender: 'female',
    country: 'FR',
    nationality: 'French',
  },
  {
    id: 'cjk-japanese',
    firstName: '太郎',
    lastName: '山田',
    gender: 'male',
    country: 'JP',
    nationality: 'Japanese',
  },
  // 𠮷 (U+20BB7) is a common surname character outside the Basic Multilingual Plane: four bytes in UTF-8.
  {
    id: 'cjk-astral',
    firstName: '花子',
    lastName: '𠮷田',
    gender: 'female',
    country: 'JP',
    nationality: 'Japanese',
  },
  {
    id: 'cjk-chinese',
    firstName: '伟',
    lastName: '王',
    gender: 'male',
    country: 'CN',
    nationality: 'Chinese',
  },
  { id: 'hangul', firstName: '민준', lastName: '김', gender: 'male', country: 'KR', nationality: 'Korean' },
  {
    id: 'rtl-arabic',
    firstName: 'محمد',
    lastName: 'العلي',
    gender: 'male',
    country: 'AE',
    nationality: 'Emirati',
  },
  {
    id: 'rtl-hebrew',
    firstName: 'דוד',
    lastName: 'כהן',
    gender: 'male',
    country: 'IL',
    nationality: 'Israeli',
  },
  {
    id: 'cyrillic',
    firstName: 'Ирина',
    lastName: 'Петрова',
    gender: 'female',
    country: 'UA',
    nationality: 'Ukrainian',
  },
  {
    id: 'greek',
    firstName: 'Γιώργος',
    lastName: 'Παπαδόπουλος',
    gender: 'male',
    country: 'GR',
    nationality: 'Greek',
  },
  {
    id: 'devanagari',
    firstName: 'अर्जुन',
    lastName: 'शर्मा',
    gender: 'male',
    country: 'IN',
    nationality: 'Indian',
  },
  {
    id: 'vietnamese',
    firstName: 'Thị Phương',
    lastName: 'Nguyễn',
    gender: 'female',
    country: 'VN',
    nationality: 'Vietnamese',
  },
];
