import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { Logger } from '../../log.ts';
import type { DiscordConfig } from './setup.ts';

/** The executable each shard runs (`studybot start`); it registers tsx itself. */
const BIN = fileURLToPath(new URL('../../bin.js', import.meta.url));

/** How many shards: Discord's recommendation, or a fixed number. */
export type ShardCount = 'auto' | number;

/**
 * Runs studybot as several shard processes under discord.js's ShardingManager: each child is a
 * normal `studybot start` that discord.js tells which shard it is (SHARDS / SHARD_COUNT), so it
 * receives only its guilds' events. The shard count and the identify pacing come from
 * `GET /gateway/bot` through DISCORD_API_URL (the manager's own "auto" would always ask discord.com).
 * Resolves once every shard is ready; `stop()` ends them all.
 */
export async function startShards(config: DiscordConfig, count: ShardCount, log: Logger): Promise<{ manager: ShardingManager; stop(): Promise<void> }> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  const totalShards = count === 'auto' ? Math.max(1, info.shards) : count;
  const concurrency = Math.max(1, info.session_start_limit.max_concurrency);
  const manager = new ShardingManager(BIN, { token: config.token, totalShards, shardArgs: ['start'], execArgv: [], mode: 'process', respawn: true });
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, totalShards }, 'discord shard starting');
    shard.on('death', () => log.warn({ shard: shard.id }, 'discord shard process exited'));
  });
  // Discord allows `max_concurrency` identifies per 5 seconds; space the shard processes accordingly.
  await manager.spawn({ amount: totalShards, delay: Math.ceil(5500 / concurrency), timeout: 60_000 });
  log.info({ totalShards }, 'discord shards ready');
  return {
    manager,
    async stop() {
      // Shards that exit now are stopping, not crashing: do not respawn them.
      manager.respawn = false;
      const exits = [...manager.shards.values()].map((shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        return new Promise<void>((resolve) => child.once('exit', () => resolve()));
      });
      // A SIGTERM lets each shard finish its interactions and close the database.
      for (const shard of manager.shards.values()) {
        shard.removeAllListeners('death');
        shard.process?.kill('SIGTERM');
      }
      await Promise.all(exits);
    },
  };
}

/** `studybot start --shards …`: runs the shards until SIGINT or SIGTERM, then stops them all. */
export async function runShards(config: DiscordConfig, count: ShardCount, log: Logger): Promise<void> {
  let stopRequested!: () => void;
  const stopping = new Promise<void>((resolve) => (stopRequested = resolve));
  process.once('SIGINT', () => stopRequested());
  process.once('SIGTERM', () => stopRequested());
  const shards = await startShards(config, count, log);
  await stopping;
  await shards.stop();
  log.info('discord shards stopped');
}
