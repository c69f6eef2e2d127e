import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import type { CliContext } from '../main.ts';

/** Registers `occ diff` (not implemented yet: it says so and exits 2). */
export function registerDiffCommand(program: Command, _context: CliContext): void {
  program
    .command('diff')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new OccError('occ diff is not implemented yet.');
    });
}
