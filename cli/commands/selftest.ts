import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import type { CliContext } from '../main.ts';

/** Registers `occ selftest` (not implemented yet: it says so and exits 2). */
export function registerSelftestCommand(program: Command, _context: CliContext): void {
  program
    .command('selftest')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new OccError('occ selftest is not implemented yet.');
    });
}
