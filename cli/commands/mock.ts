import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { OccError } from '../../lib/errors.ts';
import { printLine } from '../../lib/log.ts';
import { parseWholeNumber, splitList } from '../../lib/settings.ts';
import type { SignalSource } from '../../lib/signal-cancellation.ts';
import {
  type ContactsPerOrder,
  DEFAULT_MAX_LIMIT,
  DEFAULT_SLOW_RESPONSE_MS,
  FAULTS,
  MockOptionsError,
  type MockServerOptions,
  parseSeedData,
  type RequestLogEntry,
  type RunningMock,
  type SeedData,
  startMockServer,
  VARIANTS,
} from '../../mock/index.ts';
import { type ProfileVariants, readProfile, variantsOfProfile } from '../../profiles/index.ts';
import { pad } from '../../reports/text.ts';
import type { CliContext } from '../context.ts';

export type { SignalSource } from '../../lib/signal-cancellation.ts';

interface MockFlags {
  port: string;
  host: string;
  clientKey?: string;
  apiToken?: string;
  seedData?: string;
  publicBaseUrl?: string;
  fault: string[];
  variant: string[];
  profile?: string;
  listFaults?: boolean;
  listVariants?: boolean;
  json?: boolean;
  contactsPerOrder: string;
  maxLimit: string;
  slowMs: string;
  log: boolean;
}

const DEFAULT_PORT = '8787';

// Repeatable and comma-separated: --fault a --fault b,c.
function collect(value: string, previous: string[]): string[] {
  return [...previous, ...splitList(value)];
}

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const parsed = parseWholeNumber(value, min, max);
  if (!parsed.ok) throw new OccError(`${flag}: received "${value}", expected ${parsed.expected}.`);
  return parsed.value;
}

function listFaults(context: CliContext, asJson: boolean): void {
  if (asJson) {
    context.stdout.write(`${JSON.stringify(FAULTS, null, 2)}\n`);
    return;
  }
  const width = Math.max(...FAULTS.map((f) => f.name.length));
  context.stdout.write(
    `${pad('fault', width)}  kind       breaks                                          what\n`,
  );
  for (const fault of FAULTS) {
    const breaks = fault.breaks.length > 0 ? fault.breaks.join(',') : '(none: the suite must cope)';
    context.stdout.write(
      `${pad(fault.name, width)}  ${pad(fault.kind, 9)}  ${pad(breaks, 46)}  ${fault.description}\n`,
    );
  }
  const contract = FAULTS.filter((f) => f.kind === 'contract').length;
  context.stdout.write(
    `${FAULTS.length} faults (${contract} contract, ${FAULTS.length - contract} transport). Switch one on with occ mock --fault <name> (repeatable).\n`,
  );
}

function listVariants(context: CliContext, asJson: boolean): void {
  if (asJson) {
    context.stdout.write(`${JSON.stringify(VARIANTS, null, 2)}\n`);
    return;
  }
  const width = Math.max(...VARIANTS.map((v) => v.name.length));
  context.stdout.write(`${pad('variant', width)}  kind       what (and why a conformant server may do it)\n`);
  for (const variant of VARIANTS) {
    context.stdout.write(
      `${pad(variant.name, width)}  ${pad(variant.kind, 9)}  ${variant.description} Basis: ${variant.basis}\n`,
    );
  }
  const behaviour = VARIANTS.filter((v) => v.kind === 'behaviour').length;
  context.stdout.write(
    `${VARIANTS.length} variants (${behaviour} behaviour, ${VARIANTS.length - behaviour} transport). Switch them on with occ mock --variant <name> (repeatable, or comma-separated).\n`,
  );
}

async function readSeed(file: string): Promise<SeedData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OccError(`Failed to read --seed-data "${file}": ${reason}. Check the path.`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OccError(`Failed to read --seed-data "${file}": not JSON (${reason}). Fix the file.`, {
      cause: error,
    });
  }
  const result = parseSeedData(value);
  if (!result.ok) {
    throw new OccError(
      `Failed to load --seed-data "${file}": ${result.problems.length} problem${result.problems.length > 1 ? 's' : ''}:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\nFix the file (format: occ mock --help).`,
    );
  }
  return result.data;
}

function serverOptions(flags: MockFlags, context: CliContext, seed: SeedData | undefined): MockServerOptions {
  const contactsPerOrder = flags.contactsPerOrder;
  if (contactsPerOrder !== 'many' && contactsPerOrder !== 'one') {
    throw new OccError(`--contacts-per-order: received "${contactsPerOrder}", expected many or one.`);
  }
  // Credentials from the environment keep them out of the process list; flags win.
  const clientKey = flags.clientKey ?? context.env.OCC_MOCK_CLIENT_KEY;
  const apiToken = flags.apiToken ?? context.env.OCC_MOCK_API_TOKEN;
  return {
    host: flags.host,
    port: wholeNumber('--port', flags.port, 0, 65_535),
    contactsPerOrder: contactsPerOrder as ContactsPerOrder,
    maxLimit: wholeNumber('--max-limit', flags.maxLimit, 1, 1_000_000),
    slowResponseMs: wholeNumber('--slow-ms', flags.slowMs, 0, 600_000),
    faults: flags.fault,
    variants: flags.variant,
    ...(clientKey ? { clientKey } : {}),
    ...(apiToken ? { apiToken } : {}),
    ...(flags.publicBaseUrl ? { publicBaseUrl: flags.publicBaseUrl } : {}),
    ...(seed ? { seed } : {}),
    ...(flags.log
      ? {
          onRequest: (entry: RequestLogEntry) => {
            printLine(
              context.stdout,
              `mock ${entry.status === 0 ? 'reset' : entry.status} ${entry.method} ${entry.path} ${entry.durationMs.toFixed(1)}ms`,
            );
            if (entry.created)
              printLine(context.stdout, `mock created ${entry.created.kind} ${entry.created.ref}`);
          },
        }
      : {}),
  };
}

async function listen(options: MockServerOptions): Promise<RunningMock> {
  try {
    return await startMockServer(options);
  } catch (error) {
    if (error instanceof MockOptionsError) throw new OccError(error.message, { cause: error });
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'EADDRINUSE'
        ? 'the address is in use'
        : error instanceof Error
          ? error.message
          : String(error);
    throw new OccError(
      `Failed to listen on ${options.host}:${options.port}: ${reason}. Pass another --port (0 picks a free one) or --host.`,
      { cause: error },
    );
  }
}

// The tenant's page size comes with its profile; a --max-limit given beside it must agree.
function profileMaxLimit(flags: MockFlags, command: Command, profiled: ProfileVariants): string {
  if (profiled.maxLimit === undefined) return flags.maxLimit;
  if (command.getOptionValueSource('maxLimit') === 'cli' && Number(flags.maxLimit) !== profiled.maxLimit)
    throw new OccError(
      `--max-limit ${flags.maxLimit} contradicts --profile "${flags.profile}": the tenant clamps limit=1000 to ${profiled.maxLimit} (limit-above-max). Leave out --max-limit.`,
    );
  return String(profiled.maxLimit);
}

// The profile is read and checked before the mock listens: a profile it cannot follow starts nothing.
function profileVariants(file: string, variants: readonly string[]): ProfileVariants {
  return variantsOfProfile(readProfile(file, '--profile'), file, variants);
}

function untilSignal(signals: SignalSource): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve(signal);
    };
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
  });
}

/** Registers `occ mock`: runs the reference mock on its own until SIGINT or SIGTERM, or lists its faults or variants. */
export function registerMockCommand(
  program: Command,
  context: CliContext,
  signals: SignalSource = process,
): void {
  program
    .command('mock')
    .description('run the reference mock of the Order contact API (v2.1 and v2) until Ctrl-C')
    .option('--port <port>', 'port to listen on; 0 picks a free one', DEFAULT_PORT)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--client-key <key>', 'Basic auth user (default occ-client-key, or OCC_MOCK_CLIENT_KEY)')
    .option('--api-token <token>', 'Basic auth password (default occ-api-token, or OCC_MOCK_API_TOKEN)')
    .option(
      '--seed-data <file>',
      'JSON file of data present from the start: {"orders":[{"ref":"<uuid>","contacts":[{...contact fields}]}],"guests":[{"ref":"<uuid>","identifiers":[...]}]}',
    )
    .option('--public-base-url <url>', 'base of every href (default http://<Host header>)')
    .option(
      '--fault <name>',
      'switch on a deviation from the contract (repeatable or comma-separated; see --list-faults)',
      collect,
      [],
    )
    .option(
      '--variant <name>',
      'switch on a conformant behaviour other than the reference (repeatable or comma-separated; see --list-variants)',
      collect,
      [],
    )
    .option(
      '--profile <file>',
      'behave like the tenant a profile describes (occ profile --out writes one): the variants its answers name',
    )
    .option('--list-faults', 'print the faults and the rules each breaks, then exit')
    .option('--list-variants', 'print the variants and why a conformant server may behave so, then exit')
    .option('--json', 'with --list-faults or --list-variants: print JSON')
    .option('--contacts-per-order <many|one>', 'one: a second contact on an order gets 409', 'many')
    .option('--max-limit <n>', 'largest page; larger limits are clamped', String(DEFAULT_MAX_LIMIT))
    .option('--slow-ms <ms>', 'delay of the slow-responses fault', String(DEFAULT_SLOW_RESPONSE_MS))
    .option('--no-log', 'do not print a line per request (nor one per resource created)')
    .action(async (flags: MockFlags, command: Command) => {
      if (flags.listFaults) {
        listFaults(context, flags.json === true);
        return;
      }
      if (flags.listVariants) {
        listVariants(context, flags.json === true);
        return;
      }
      const seed = flags.seedData === undefined ? undefined : await readSeed(flags.seedData);
      const profiled =
        flags.profile === undefined ? undefined : profileVariants(flags.profile, flags.variant);
      const variantFlags = profiled
        ? {
            ...flags,
            variant: [...new Set([...flags.variant, ...profiled.on])],
            maxLimit: profileMaxLimit(flags, command, profiled),
          }
        : flags;
      const mock = await listen(serverOptions(variantFlags, context, seed));
      // The URL line comes first: scripts and tests wait for it to learn the port.
      printLine(context.stdout, `mock listening on ${mock.url}`);
      const faults = [...mock.handler.faults];
      if (faults.length > 0) printLine(context.stdout, `mock faults on: ${faults.join(', ')}`);
      const variants = [...mock.handler.variants];
      if (variants.length > 0) printLine(context.stdout, `mock variants on: ${variants.join(', ')}`);
      if (profiled)
        printLine(
          context.stdout,
          `mock profile ${flags.profile}: variants on ${profiled.on.join(', ') || '(none)'}; as the reference: ${profiled.off.join(', ') || '(none)'}${profiled.maxLimit !== undefined ? `; largest page ${profiled.maxLimit}` : ''}`,
        );
      if (seed) {
        printLine(
          context.stdout,
          `mock seeded with ${mock.handler.store.orderCount} orders, ${mock.handler.store.contactCount} contacts, ${mock.handler.store.guestCount} guests`,
        );
      }
      const signal = await untilSignal(signals);
      await mock.close();
      // What it holds at the end is the check a cancelled run's caller needs: did the run leave anything?
      const { store } = mock.handler;
      printLine(
        context.stdout,
        `mock stopped (${signal}); holding ${store.orderCount} orders, ${store.contactCount} contacts, ${store.guestCount} guests`,
      );
    });
}
