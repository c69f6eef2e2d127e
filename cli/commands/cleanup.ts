import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import type { CliContext } from '../main.ts';

/** Registers `occ cleanup` (not implemented yet: it says so and exits 2). */
export function registerCleanupCommand(program: Command, _context: CliContext): void {
  program
    .command('cleanup')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new OccError('occ cleanup is not implemented yet.');
    });
}
