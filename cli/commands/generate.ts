import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import type { CliContext } from '../main.ts';

/** Registers `occ generate` (not implemented yet: it says so and exits 2). */
export function registerGenerateCommand(program: Command, _context: CliContext): void {
  program
    .command('generate')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new OccError('occ generate is not implemented yet.');
    });
}
