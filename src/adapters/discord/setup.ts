import { ConfigError, type Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { Bot } from '../../core/bot.ts';
import type { SearchIndex } from '../../questions/search.ts';
import { DiscordAdapter } from './adapter.ts';

/** The Discord settings, once checked to belong together. */
export interface DiscordConfig {
  token: string;
  appId: string;
  apiUrl?: string;
}

/**
 * The Discord part of the configuration: undefined when DISCORD_TOKEN is not set (Discord is off);
 * a {@link ConfigError} naming the variable when it is set without DISCORD_APP_ID.
 */
export function discordConfig(config: Config): DiscordConfig | undefined {
  if (!config.DISCORD_TOKEN) {
    if (config.DISCORD_APP_ID) throw new ConfigError('Invalid configuration (check your .env):\n  DISCORD_TOKEN: required when DISCORD_APP_ID is set');
    return undefined;
  }
  if (!config.DISCORD_APP_ID) throw new ConfigError('Invalid configuration (check your .env):\n  DISCORD_APP_ID: required when DISCORD_TOKEN is set');
  return { token: config.DISCORD_TOKEN, appId: config.DISCORD_APP_ID, ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}) };
}

/** Builds the Discord adapter when Discord is configured (see {@link discordConfig}). */
export function createDiscordAdapter(parts: { config: Config; log: Logger; bot: Bot; search: SearchIndex; deferAfterMs?: number }): DiscordAdapter | undefined {
  const discord = discordConfig(parts.config);
  if (!discord) return undefined;
  return new DiscordAdapter({
    bot: parts.bot,
    search: parts.search,
    token: discord.token,
    ...(discord.apiUrl ? { apiUrl: discord.apiUrl } : {}),
    log: parts.log.child({ platform: 'discord' }),
    ...(parts.deferAfterMs !== undefined ? { deferAfterMs: parts.deferAfterMs } : {}),
  });
}
