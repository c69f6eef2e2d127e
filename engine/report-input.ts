import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { contractsPath, ruleCatalogue } from '../contracts/index.ts';
import packageJson from '../package.json' with { type: 'json' };

/** The rule catalogue as the report builder takes it: plain data. */
export function ruleInfos() {
  return ruleCatalogue().map((rule) => ({
    id: rule.id,
    title: rule.title,
    category: rule.category,
    source: rule.source,
    levels: rule.levels,
    operations: [...rule.operations],
  }));
}

let contractHash: string | undefined;

/** A short content hash of the contracts (rules, schemas, OpenAPI sources): which contract a report was made with. */
export function contractVersion(): string {
  if (contractHash) return contractHash;
  const hash = createHash('sha256');
  hash.update(readFileSync(contractsPath('rules.yaml')));
  for (const dir of ['schemas', 'openapi']) {
    for (const name of readdirSync(contractsPath(dir))
      .filter((n) => !n.includes('bundled'))
      .sort()) {
      hash.update(name).update(readFileSync(contractsPath(dir, name)));
    }
  }
  contractHash = hash.digest('hex').slice(0, 12);
  return contractHash;
}

/** The tool's name and version, from package.json. */
export const TOOL = { name: 'order-contact-conformance', version: packageJson.version } as const;
