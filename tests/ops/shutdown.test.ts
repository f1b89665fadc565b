import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/discord-fake.ts';
import { makeGuild } from '../adapters/discord/harness.ts';
import { say, tempDatabase, testRuntime } from '../helpers/runtime.ts';
import { conversationId } from '../../src/core/types.ts';
import { killAll, spawnNode, type GroupChild } from '../helpers/spawn.ts';

const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  killAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

function studybot(args: string[], env: Record<string, string>): GroupChild {
  const db = tempDatabase();
  cleanups.push(() => db.cleanup());
  return spawnNode([BIN, ...args], { cwd: db.dir, env: { PATH: process.env.PATH ?? '', HOME: db.dir, LOG_LEVEL: 'info', DATABASE_URL: db.url, ...env } });
}

/** Resolves with how the child ended, or 'still running' when it outlives `ms`. */
async function exitWithin(child: GroupChild, ms: number) {
  let timer!: NodeJS.Timeout;
  const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  const result = await Promise.race([child.exited, late]);
  clearTimeout(timer);
  return result;
}

describe('shutdown', { timeout: 40_000 }, () => {
  it('SIGTERM stops a Discord bot whose gateway went away within 10 s', async () => {
    const fake = await FakeDiscord.start([makeGuild()]);
    let closed = false;
    cleanups.push(() => (closed ? undefined : fake.close()));
    const bot = studybot(['start'], { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APP_ID: FAKE_APP_ID, DISCORD_API_URL: fake.apiUrl });
    await fake.gateway.whenIdentified(1);
    await fake.close(); // Discord is unreachable from now on: the client keeps trying to reconnect
    closed = true;
    await new Promise((r) => setTimeout(r, 500));
    bot.kill('SIGTERM');
    expect(await exitWithin(bot, 10_000)).toMatchObject({ signal: null });
    expect(bot.stderr()).toMatch(/shutting down/);
  });

  it('a post held by a silent Discord: SIGTERM exits within 10 s leaving the slot claimable; a second signal exits at once', async () => {
    const guild = makeGuild();
    const fake = await FakeDiscord.start([guild]);
    cleanups.push(() => fake.close());
    const channel = guild.channels[0]!;
    fake.state.holds.push(new RegExp(`^/channels/${channel}/messages$`));
    const env = { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APP_ID: FAKE_APP_ID, DISCORD_API_URL: fake.apiUrl };
    for (const signals of [1, 2]) {
      const db = tempDatabase();
      cleanups.push(() => db.cleanup());
      // A daily question whose slot just passed: the bot posts it at start-up, and Discord never answers.
      const seed = await testRuntime({ url: db.url });
      const conversation = conversationId('discord', guild.id, channel);
      await say(seed.runtime, '/schedule set 09:30 UTC', 'mod', { admin: true, conversation });
      await seed.runtime.store.schedules.update(conversation, { next_slot_at: Date.now() - 60_000 });
      await seed.cleanup();
      const held = fake.state.requests.filter((r) => r.status === 0).length;
      const bot = spawnNode([BIN, 'start'], { cwd: db.dir, env: { PATH: process.env.PATH ?? '', HOME: db.dir, LOG_LEVEL: 'info', DATABASE_URL: db.url, ...env } });
      await fake.state.waitForCount((r) => r.status === 0 && r.path === `/channels/${channel}/messages`, held + 1);
      bot.kill('SIGTERM');
      if (signals === 2) {
        await new Promise((r) => setTimeout(r, 300));
        bot.kill('SIGTERM');
        expect(await exitWithin(bot, 2_000)).toMatchObject({ code: 130 });
        expect(bot.stderr()).toMatch(/second signal: exiting at once/);
      } else {
        expect(await exitWithin(bot, 10_000)).toMatchObject({ signal: null });
        expect(bot.stderr()).toMatch(/scheduled posts still in flight at shutdown/);
        // Not recorded as posted or failed: still claimed, so another process takes it over after the lease.
        const after = await testRuntime({ url: db.url });
        cleanups.push(() => after.cleanup());
        expect(await after.runtime.store.schedules.slots(conversation)).toMatchObject([{ status: 'claimed' }]);
      }
    }
  });
});
