import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/discord-fake.ts';
import { makeGuild } from '../adapters/discord/harness.ts';
import { tempDatabase } from '../helpers/runtime.ts';
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

  it('two signals in a row: the process is gone promptly (exit 130 when the second finds the shutdown under way)', async () => {
    const fake = await FakeDiscord.start([makeGuild()]);
    let closed = false;
    cleanups.push(() => (closed ? undefined : fake.close()));
    const bot = studybot(['start'], { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APP_ID: FAKE_APP_ID, DISCORD_API_URL: fake.apiUrl });
    await fake.gateway.whenIdentified(1);
    bot.kill('SIGTERM');
    bot.kill('SIGTERM');
    const result = await exitWithin(bot, 10_000);
    expect(result).not.toBe('still running');
    // Either the second signal found the shutdown under way (exit 130) or the first had finished (0).
    expect([0, 130]).toContain((result as { code: number }).code);
    await fake.close();
    closed = true;
  });
});
