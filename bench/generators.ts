// How fast the generators build and the contract validates order contacts. Run: npx tsx bench/generators.ts
// Prints contacts per second for valid and invalid cases, generated and validated, and the machine it ran on.
import { arch, cpus, platform, totalmem } from 'node:os';
import { API_VERSIONS, parseRequestBody, validateContactRequest } from '../contracts/index.ts';
import {
  createFaker,
  type InvalidCase,
  invalidCases,
  type ValidCase,
  validCases,
  validContact,
  writeOperations,
} from '../generators/index.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const TARGETS = API_VERSIONS.flatMap((apiVersion) =>
  writeOperations(apiVersion).map((operation) => ({ apiVersion, operation })),
);
const MIN_MS = 2000;

/** Runs `round` until MIN_MS has passed (after one warm-up round) and returns items per second. */
function perSecond(round: () => number): { rate: number; items: number; ms: number } {
  round();
  let items = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MS) {
    items += round();
    elapsed = performance.now() - start;
  }
  return { rate: (items / elapsed) * 1000, items, ms: elapsed };
}

function rulesOf(c: InvalidCase): string[] {
  if (c.rawBody !== undefined) {
    const parsed = parseRequestBody(c.rawBody);
    return parsed.ok ? [] : [parsed.violation.rule];
  }
  return validateContactRequest(c.apiVersion, c.operation, c.payload, NOW).map((v) => v.rule);
}

function row(name: string, result: { rate: number; items: number; ms: number }): string {
  const rate = Math.round(result.rate).toLocaleString('en-US').padStart(10);
  const items = `${result.items} in ${(result.ms / 1000).toFixed(1)} s`;
  return `| ${name.padEnd(52)} | ${rate} /s | ${items.padStart(18)} |`;
}

const cpu = cpus();
console.log('# Generator benchmark');
console.log(
  `machine: ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
    `node ${process.version}, ${platform()} ${arch()}`,
);
console.log('');
console.log(`| ${'measure'.padEnd(52)} | ${'per second'.padStart(13)} | ${'items in time'.padStart(18)} |`);
console.log(`| ${'-'.repeat(52)} | ${'-'.repeat(12)}: | ${'-'.repeat(17)}: |`);

for (const apiVersion of API_VERSIONS) {
  const faker = createFaker(1);
  console.log(
    row(
      `validContact ${apiVersion} (generate)`,
      perSecond(() => {
        for (let i = 0; i < 500; i += 1) validContact(faker, { apiVersion, now: NOW });
        return 500;
      }),
    ),
  );
}

let seed = 0;
const valid: ValidCase[] = [];
console.log(
  row(
    'validCases, every version and operation (generate)',
    perSecond(() => {
      seed += 1;
      valid.length = 0;
      for (const t of TARGETS) valid.push(...validCases({ seed, ...t, now: NOW }));
      return valid.length;
    }),
  ),
);
console.log(
  row(
    'valid cases (validate with ajv + OC-DOB-PAST)',
    perSecond(() => {
      for (const c of valid) {
        if (validateContactRequest(c.apiVersion, c.operation, c.payload, NOW).length > 0)
          throw new Error(`${c.id} is invalid`);
      }
      return valid.length;
    }),
  ),
);

const invalid: InvalidCase[] = [];
console.log(
  row(
    'invalidCases, every version and operation (generate)',
    perSecond(() => {
      seed += 1;
      invalid.length = 0;
      for (const t of TARGETS) invalid.push(...invalidCases({ seed, ...t, now: NOW }));
      return invalid.length;
    }),
  ),
);
console.log(
  row(
    'invalid cases (validate: each breaks its rule)',
    perSecond(() => {
      for (const c of invalid) {
        const rules = rulesOf(c);
        if (rules.length === 0 || rules.some((r) => r !== c.rule))
          throw new Error(`${c.id} breaks ${rules.join(', ')}`);
      }
      return invalid.length;
    }),
  ),
);
const oversized = invalid.filter((c) => c.rule === 'OC-BODY-TOO-LARGE').length;
console.log('');
console.log(
  `One run of every version and operation: ${valid.length} valid and ${invalid.length} invalid cases ` +
    `(${oversized} of them 2 MiB bodies).`,
);
