import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import type { CliContext } from '../main.ts';

/** Registers `occ verify` (not implemented yet: it says so and exits 2). */
export function registerVerifyCommand(program: Command, _context: CliContext): void {
  program
    .command('verify')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new OccError('occ verify is not implemented yet.');
    });
}
