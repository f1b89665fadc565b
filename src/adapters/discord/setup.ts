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
  /** This host's slice of the shards (several hosts on one database), or all shards in one process. */
  shards?: { ids: number[]; count: number };
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
  const shards = shardSlice(config);
  return { token: config.DISCORD_TOKEN, appId: config.DISCORD_APP_ID, ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}), ...(shards ? { shards } : {}) };
}

/** DISCORD_SHARD_IDS / DISCORD_SHARD_COUNT, checked to belong together (each id below the count). */
function shardSlice(config: Config): { ids: number[]; count: number } | undefined {
  const bad = (message: string) => new ConfigError(`Invalid configuration (check your .env):\n  ${message}`);
  if (!config.DISCORD_SHARD_IDS && !config.DISCORD_SHARD_COUNT) return undefined;
  if (!config.DISCORD_SHARD_COUNT) throw bad('DISCORD_SHARD_COUNT: required with DISCORD_SHARD_IDS (--shard-count)');
  if (!config.DISCORD_SHARD_IDS) throw bad('DISCORD_SHARD_IDS: required with DISCORD_SHARD_COUNT (--shard-ids)');
  const count = Number(config.DISCORD_SHARD_COUNT);
  const ids = [...new Set(config.DISCORD_SHARD_IDS.split(',').map((v) => Number(v.trim())))].sort((a, b) => a - b);
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0) throw bad(`DISCORD_SHARD_IDS: shard ${outside.join(', ')} does not exist with DISCORD_SHARD_COUNT=${count} (ids run from 0 to ${count - 1})`);
  return { ids, count };
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
    ...(discord.shards ? { shards: discord.shards } : {}),
    log: parts.log.child({ platform: 'discord' }),
    ...(parts.deferAfterMs !== undefined ? { deferAfterMs: parts.deferAfterMs } : {}),
  });
}
