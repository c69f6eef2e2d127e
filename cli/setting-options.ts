import { type Command, Option } from 'commander';
import type { ConfigFlags } from '../lib/config.ts';
import { SETTINGS, type Setting, type SettingKey, splitList } from '../lib/settings.ts';

/** Where a command's help may say more than the setting's own words (e.g. what --base-url means for cleanup). */
export type HelpOverrides = Partial<Record<SettingKey, string>>;

function optionOf(key: SettingKey, help: string | undefined): Option {
  const setting: Setting<unknown> = SETTINGS[key];
  const words = help ?? setting.help;
  const option = new Option(
    setting.placeholder === undefined ? setting.flag : `${setting.flag} ${setting.placeholder}`,
    setting.env === undefined ? words : `${words} (env ${setting.env})`,
  );
  if (setting.repeatable)
    option.argParser((value: string, previous: string[] = []) => [...previous, ...splitList(value)]);
  return option;
}

/** Adds the options of these settings to a command, from the settings table. */
export function addSettingOptions(
  command: Command,
  keys: readonly SettingKey[],
  help: HelpOverrides = {},
): Command {
  for (const key of keys) command.addOption(optionOf(key, help[key]));
  return command;
}

/**
 * The flags a user gave, as loadConfig takes them: only those actually given (a switch that was not passed stays
 * undefined, so the environment can still set it; `--no-x` gives false).
 */
export function settingFlags(command: Command, keys: readonly SettingKey[]): ConfigFlags {
  const flags: ConfigFlags = {};
  for (const key of keys) {
    const option = optionOf(key, undefined);
    const name = option.attributeName();
    if (command.getOptionValueSource(name) !== 'cli') continue;
    const value: unknown = command.getOptionValue(name);
    if (typeof value === 'string' || typeof value === 'boolean' || Array.isArray(value))
      flags[key] = value as string | boolean | readonly string[];
  }
  return flags;
}

/** The settings that name a target and its credentials (run, verify, cleanup share them). */
export const TARGET_SETTINGS = [
  'baseUrl',
  'clientKey',
  'apiToken',
  'allowInsecure',
] as const satisfies readonly SettingKey[];
