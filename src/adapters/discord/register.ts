import { REST, Routes } from 'discord.js';
import { SLASH_COMMANDS } from './commands.ts';
import type { DiscordConfig } from './setup.ts';

/** Where the commands went and how many there are. */
export interface RegisterResult {
  scope: 'global' | { guild: string };
  names: string[];
}

/**
 * Registers studybot's slash commands with Discord: globally (may take up to an hour to show up
 * everywhere) or for one guild (instant, for testing). Uses the bulk-overwrite endpoint, so running
 * it again replaces the set instead of adding duplicates: it is idempotent.
 */
export async function registerCommands(config: DiscordConfig, guildId?: string): Promise<RegisterResult> {
  if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) throw new Error('--guild must be a numeric guild (server) id');
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const route = guildId ? Routes.applicationGuildCommands(config.appId, guildId) : Routes.applicationCommands(config.appId);
  const stored = (await rest.put(route, { body: SLASH_COMMANDS })) as { name: string }[];
  return { scope: guildId ? { guild: guildId } : 'global', names: stored.map((c) => c.name) };
}
