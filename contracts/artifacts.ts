import { capabilities } from './capabilities.ts';
import { renderCapabilitiesMarkdown } from './capabilities-markdown.ts';
import { generateTypes } from './generate-types.ts';
import { bundleOpenApi } from './openapi-document.ts';
import { contractsPath } from './paths.ts';
import { API_VERSIONS, ruleCatalogue } from './rule-catalogue.ts';
import { renderRuleIds } from './rule-ids.ts';
import { renderRulesMarkdown } from './rules-markdown.ts';

/** Every generated contract file (absolute path -> content), rendered from the sources in contracts/. */
export async function contractArtifacts(): Promise<Map<string, string>> {
  const artifacts = new Map<string, string>();
  for (const version of API_VERSIONS) {
    artifacts.set(
      contractsPath('openapi', `${version}.bundled.json`),
      `${JSON.stringify(bundleOpenApi(version), null, 2)}\n`,
    );
  }
  artifacts.set(contractsPath('types.gen.ts'), await generateTypes());
  artifacts.set(contractsPath('rule-ids.gen.ts'), renderRuleIds(ruleCatalogue()));
  artifacts.set(contractsPath('RULES.md'), renderRulesMarkdown(ruleCatalogue()));
  artifacts.set(
    contractsPath('CAPABILITIES.md'),
    renderCapabilitiesMarkdown(capabilities(), ruleCatalogue()),
  );
  return artifacts;
}
