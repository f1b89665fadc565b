import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord, type FakeGuild } from '../../fakes/discord-fake.ts';
import { shardOf, snowflake, snowflakeOnShard } from '../../fakes/discord-state.ts';
import { tempDatabase } from '../../helpers/runtime.ts';
import { member, scheduleMissedSlots } from './harness.ts';

const BIN = fileURLToPath(new URL('../../../src/bin.js', import.meta.url));
const guilds: FakeGuild[] = [0, 1].map((shard) => ({ id: snowflakeOnShard(shard, 2, 7), name: `guild on shard ${shard}`, channels: [snowflake()] }));
const db = tempDatabase();
let fake: FakeDiscord;
let parent: ChildProcess | undefined;

describe('studybot start --shards', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    fake = await FakeDiscord.start(guilds, 2);
    // A daily schedule in each guild whose slot passed a minute ago: at start-up both shard
    // processes catch up on both slots, and the database claim must let exactly one post each.
    await scheduleMissedSlots(db.url, guilds);
  });
  afterAll(async () => {
    // Whatever happened, end the manager and its shard processes: the whole process group.
    if (parent?.pid) {
      try {
        process.kill(-parent.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await fake?.close();
    db.cleanup();
  });

  it('runs one process per shard; each shard gets only its guilds and answers their commands', async () => {
    expect(guilds.map((g) => shardOf(g.id, 2))).toEqual([0, 1]);
    parent = spawn(process.execPath, [BIN, 'start', '--shards', 'auto'], {
      cwd: db.dir,
      env: { PATH: process.env.PATH ?? '', HOME: db.dir, LOG_LEVEL: 'warn', DATABASE_URL: db.url, DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APP_ID: FAKE_APP_ID, DISCORD_API_URL: fake.apiUrl },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true, // its own process group, so afterAll can end the shards with it
    });
    let stderr = '';
    parent.stderr!.on('data', (d: Buffer) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => parent!.on('exit', (code) => resolve(code)));
    try {
      await fake.gateway.whenIdentified(2);
      expect(fake.gateway.sessions.map((s) => s.shard).sort()).toEqual([[0, 2], [1, 2]]);
      // Each guild's interaction goes to the session of its shard, and is answered.
      for (const guild of guilds) {
        const token = fake.command({ guild, member: member('alice'), name: 'ask', options: { query: 'dropout' } });
        expect((await fake.callback(token)).type).toBe(4);
      }
      // Both missed daily questions get posted (by whichever shard wins each slot's claim).
      for (const guild of guilds) await fake.request('POST', new RegExp(`^/channels/${guild.channels[0]}/messages$`));
    } finally {
      parent.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/"level":50/);
  });

  it('posted each guild\'s missed scheduled question exactly once across the two shard processes', async () => {
    // The shards have exited (previous test), so every scheduled post they made is recorded.
    for (const g of guilds) {
      const posts = fake.state.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${g.channels[0]}/messages` && r.status === 200);
      expect(posts, g.name).toHaveLength(1);
      expect((posts[0]!.body?.embeds as { title: string }[])[0]!.title).toMatch(/Quiz/);
    }
  });
});
