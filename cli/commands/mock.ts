import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import type { CliContext } from '../main.ts';

/** Registers `occ mock` (not implemented yet: it says so and exits 2). */
export function registerMockCommand(program: Command, _context: CliContext): void {
  program
    .command('mock')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new OccError('occ mock is not implemented yet.');
    });
}
