import type { Command } from 'commander';
import { API_VERSIONS, type ApiVersion, renderRulesMarkdown, ruleCatalogue } from '../../contracts/index.ts';
import { OccError } from '../../lib/errors.ts';
import { pad } from '../../reports/text.ts';
import type { CliContext } from '../context.ts';

/** Registers `occ rules`: prints the rule catalogue as a table, Markdown or JSON. */
export function registerRulesCommand(program: Command, context: CliContext): void {
  program
    .command('rules')
    .description('print the rule catalogue (contracts/rules.yaml)')
    .option('--format <format>', 'text, md or json', 'text')
    .option('--api-version <version>', 'only the rules of v2.1 or v2')
    .action((options: { format: string; apiVersion?: string }) => {
      if (!['text', 'md', 'json'].includes(options.format)) {
        throw new OccError(`--format: received "${options.format}", expected text, md or json.`);
      }
      if (options.apiVersion !== undefined && !API_VERSIONS.includes(options.apiVersion as ApiVersion)) {
        throw new OccError(`--api-version: received "${options.apiVersion}", expected v2.1 or v2.`);
      }
      const version = options.apiVersion as ApiVersion | undefined;
      const rules = ruleCatalogue().filter((r) => version === undefined || r.levels[version] !== undefined);
      if (options.format === 'json') {
        context.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
        return;
      }
      if (options.format === 'md') {
        context.stdout.write(renderRulesMarkdown(rules));
        return;
      }
      const idWidth = Math.max(...rules.map((r) => r.id.length));
      context.stdout.write(`${pad('id', idWidth)}  v2.1    v2      rule\n`);
      for (const rule of rules) {
        const levels = `${pad(rule.levels['v2.1'] ?? '-', 6)}  ${pad(rule.levels.v2 ?? '-', 6)}`;
        context.stdout.write(`${pad(rule.id, idWidth)}  ${levels}  ${rule.title}\n`);
      }
      context.stdout.write(
        `${rules.length} rules; MUST fails a run, SHOULD warns (fails with --strict). See contracts/RULES.md.\n`,
      );
    });
}
