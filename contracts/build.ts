// Writes what is generated from the contracts: bundled OpenAPI documents, TypeScript types, the rule ids, RULES.md and
// CAPABILITIES.md.
// `npm run contracts:build`; the contract tests fail while any of these is out of date.
import { writeFileSync } from 'node:fs';
import { contractArtifacts } from './artifacts.ts';

for (const [path, text] of await contractArtifacts()) {
  writeFileSync(path, text);
  console.log(`occ: wrote ${path}`);
}
