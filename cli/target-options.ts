import type { Command } from 'commander';
import type { ConfigFlags } from '../lib/config.ts';

/** Adds the options that name a target and its credentials (run, verify, cleanup share them). */
export function addTargetOptions(command: Command, baseUrlHelp: string): Command {
  return command
    .option('--base-url <url>', `${baseUrlHelp} (env CDP_BASE_URL)`)
    .option('--client-key <key>', 'Basic auth user (env CDP_CLIENT_KEY)')
    .option('--api-token <token>', 'Basic auth password (env CDP_API_TOKEN)')
    .option('--allow-insecure', 'allow a plain http:// base URL for a host that is not this machine');
}

/** The configuration flags of the target options. */
export function targetFlags(options: Record<string, unknown>): ConfigFlags {
  return {
    baseUrl: options.baseUrl as string | undefined,
    clientKey: options.clientKey as string | undefined,
    apiToken: options.apiToken as string | undefined,
    allowInsecure: options.allowInsecure === true ? true : undefined,
  };
}
