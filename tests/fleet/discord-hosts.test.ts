import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord, type FakeGuild } from '../fakes/discord-fake.ts';
import { shardOf, snowflake, snowflakeOnShard } from '../fakes/discord-state.ts';
import { member, scheduleMissedSlots } from '../adapters/discord/harness.ts';
import { postgresDatabase } from '../helpers/databases.ts';
import { killAll, spawnNode, type GroupChild } from '../helpers/spawn.ts';

/**
 * Discord across machines: two "hosts" (processes) each run half of 4 shards with
 * `studybot start --shard-ids … --shard-count 4`, on one PostgreSQL database.
 */
const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const guilds: FakeGuild[] = [0, 1, 2, 3].map((shard) => ({ id: snowflakeOnShard(shard, 4, 11), name: `guild on shard ${shard}`, channels: [snowflake()] }));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  killAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

function host(args: string[], env: Record<string, string>): GroupChild {
  return spawnNode([BIN, 'start', ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env } });
}

describe('studybot start --shard-ids --shard-count', { timeout: 60_000 }, () => {
  it('two hosts split 4 shards on one Postgres: each gets its shards, every guild is answered, each missed slot posted once', async () => {
    const fake = await FakeDiscord.start(guilds, 4);
    cleanups.push(() => fake.close());
    const db = await postgresDatabase();
    cleanups.push(() => db.cleanup());
    await scheduleMissedSlots(db.url, guilds);
    const env = { DATABASE_URL: db.url, DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APP_ID: FAKE_APP_ID, DISCORD_API_URL: fake.apiUrl };
    const a = host(['--shard-ids', '0,1', '--shard-count', '4'], env);
    const b = host([], { ...env, DISCORD_SHARD_IDS: '2,3', DISCORD_SHARD_COUNT: '4' }); // the env equivalents
    await fake.gateway.whenIdentified(4);
    expect(fake.gateway.sessions.map((s) => s.shard).sort()).toEqual([[0, 4], [1, 4], [2, 4], [3, 4]]);
    for (const guild of guilds) {
      expect(shardOf(guild.id, 4)).toBe(guilds.indexOf(guild));
      const token = fake.command({ guild, member: member('alice'), name: 'ask', options: { query: 'dropout' } });
      expect((await fake.callback(token)).type).toBe(4);
    }
    for (const guild of guilds) await fake.request('POST', new RegExp(`^/channels/${guild.channels[0]}/messages$`));
    a.kill('SIGTERM');
    b.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
    expect(a.stderr()).toMatch(/"shards":\[0,1\].*discord ready/);
    expect(b.stderr()).toMatch(/"shards":\[2,3\].*discord ready/);
    for (const g of guilds) {
      const posts = fake.state.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${g.channels[0]}/messages` && r.status === 200);
      expect(posts, g.name).toHaveLength(1);
    }
  });

  it('a shard id outside the count, or one flag without the other, is refused with the variable named', async () => {
    const env = { DATABASE_URL: 'sqlite::memory:', DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APP_ID: FAKE_APP_ID };
    const outside = host(['--shard-ids', '1,4', '--shard-count', '4'], env);
    expect((await outside.exited).code).toBe(2);
    expect(outside.stderr()).toMatch(/DISCORD_SHARD_IDS: shard 4 does not exist with DISCORD_SHARD_COUNT=4 \(ids run from 0 to 3\)/);
    const alone = host(['--shard-ids', '0'], env);
    expect((await alone.exited).code).toBe(2);
    expect(alone.stderr()).toMatch(/DISCORD_SHARD_COUNT: required with DISCORD_SHARD_IDS/);
  });
});
