import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import type { CliContext } from '../main.ts';

/** Registers `occ run` (not implemented yet: it says so and exits 2). */
export function registerRunCommand(program: Command, _context: CliContext): void {
  program
    .command('run')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new OccError('occ run is not implemented yet.');
    });
}
