import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import type { CliContext } from '../main.ts';

/** Registers `occ merge` (not implemented yet: it says so and exits 2). */
export function registerMergeCommand(program: Command, _context: CliContext): void {
  program
    .command('merge')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new OccError('occ merge is not implemented yet.');
    });
}
