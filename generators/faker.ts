import type { Faker } from '@faker-js/faker';
// The English build only: the package's root loads every locale (some 0.2 s more of each process's start, the
// test worker's among them). Its instance is made of [en, base], as ours were; ours are new ones made like it.
import { faker as english } from '@faker-js/faker/locale/en';

const FakerClass = english.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker;

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(
      `Failed to seed the generators: seed "${seed}" is not a non-negative integer. Pass one, such as 7.`,
    );
  }
}

/** A Faker instance of its own (never the global one), English data, seeded: createFaker(7) draws the same values every time. */
export function createFaker(seed: number): Faker {
  checkSeed(seed);
  const faker = new FakerClass({ locale: english.rawDefinitions });
  faker.seed(seed);
  return faker;
}

// FNV-1a over the UTF-16 code units: a case id's share of its seed, so each case draws from its own stream.
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Reseeds `faker` for one case from the run's seed and the case id. A case's values then depend only on
 * (seed, id, now), so `occ generate --seed N --case ID` rebuilds it alone, and adding a case changes no other.
 */
export function seedForCase(faker: Faker, seed: number, id: string): Faker {
  checkSeed(seed);
  faker.seed([seed, hashId(id)]);
  return faker;
}
