import type { Command, Option } from 'commander';
import { SETTINGS, type Setting } from '../../../lib/settings.ts';
import { parseShard } from '../../commands/run.ts';

/** An occ command line read against the real program: what it asks for, and what the CLI would refuse. */
export interface ReadOccArgv {
  readonly command: string | undefined;
  /** Each long flag given, with its value (true for a switch; the last one for a flag given twice). */
  readonly options: ReadonlyMap<string, string | true>;
  readonly operands: readonly string[];
  readonly problems: readonly string[];
}

const SETTING_BY_FLAG: ReadonlyMap<string, Setting<unknown>> = new Map(
  Object.values(SETTINGS).map((setting: Setting<unknown>) => [setting.flag, setting]),
);

/** What the CLI's own parsers say of a value: the settings table's parser, or the command's own (--shard). */
function valueProblem(flag: string, value: string): string | undefined {
  if (flag === '--shard') {
    try {
      parseShard(value);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
  const parsed = SETTING_BY_FLAG.get(flag)?.parse(value);
  return parsed && !parsed.ok ? `${flag}: received "${value}", expected ${parsed.expected}` : undefined;
}

/**
 * Reads `argv` (the words after `occ`) as the program would: the command must exist, every flag must be one it
 * declares, a flag that takes a value must get one, and the value must pass the setting's parser.
 */
export function readOccArgv(program: Command, argv: readonly string[]): ReadOccArgv {
  const [name, ...rest] = argv;
  const command = program.commands.find((c) => c.name() === name);
  if (command === undefined)
    return {
      command: undefined,
      options: new Map(),
      operands: [],
      problems: [
        `occ ${name ?? ''}: no such command (occ has ${program.commands.map((c) => c.name()).join(', ')})`,
      ],
    };
  const problems: string[] = [];
  const options = new Map<string, string | true>();
  const operands: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (!word.startsWith('-')) {
      operands.push(word);
      continue;
    }
    const [flag, inline] = word.includes('=')
      ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
      : [word, undefined];
    const option: Option | undefined = command.options.find((o) => o.long === flag || o.short === flag);
    if (option === undefined) {
      problems.push(`occ ${name} ${flag}: occ ${name} has no such flag`);
      continue;
    }
    if (!option.required && !option.optional) {
      options.set(flag, true);
      continue;
    }
    const value = inline ?? rest[i + 1];
    if (inline === undefined) i++;
    if (value === undefined || (inline === undefined && value.startsWith('-'))) {
      problems.push(`occ ${name} ${flag}: needs a value`);
      continue;
    }
    options.set(flag, value);
    const problem = valueProblem(flag, value);
    if (problem) problems.push(`occ ${name} ${problem}`);
  }
  const variadic = command.registeredArguments.some((a) => a.variadic);
  const required = command.registeredArguments.filter((a) => a.required).length;
  if (operands.length < required)
    problems.push(`occ ${name}: needs ${required} argument(s), got ${operands.length}`);
  if (!variadic && operands.length > command.registeredArguments.length)
    problems.push(
      `occ ${name}: unexpected argument(s) ${operands.slice(command.registeredArguments.length).join(' ')}`,
    );
  return { command: name, options, operands, problems };
}
