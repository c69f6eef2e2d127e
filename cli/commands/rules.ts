import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import type { CliContext } from '../main.ts';

/** Registers `occ rules` (not implemented yet: it says so and exits 2). */
export function registerRulesCommand(program: Command, _context: CliContext): void {
  program
    .command('rules')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new OccError('occ rules is not implemented yet.');
    });
}
