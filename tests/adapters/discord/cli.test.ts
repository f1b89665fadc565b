import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLASH_COMMANDS } from '../../../src/adapters/discord/commands.ts';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord } from '../../fakes/discord-fake.ts';
import { tempDatabase } from '../../helpers/runtime.ts';
import { makeGuild, member } from './harness.ts';

const BIN = fileURLToPath(new URL('../../../src/bin.js', import.meta.url));
const guild = makeGuild();
let fake: FakeDiscord;
const db = tempDatabase();

/** Runs `studybot <args>` the way a user does, in an empty folder (no stray .env), with only these variables. */
function studybot(args: string[], env: Record<string, string>): ChildProcess & { out: () => string; err: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: db.dir,
    env: { PATH: process.env.PATH ?? '', HOME: db.dir, LOG_LEVEL: 'warn', DATABASE_URL: db.url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: afterAll ends whatever is left of it
  });
  spawned.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += String(d)));
  child.stderr!.on('data', (d: Buffer) => (err += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return Object.assign(child, { out: () => out, err: () => err, exited });
}

const spawned: ChildProcess[] = [];

const discordEnv = () => ({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APP_ID: FAKE_APP_ID, DISCORD_API_URL: fake.apiUrl });

describe('studybot CLI with Discord', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    fake = await FakeDiscord.start([guild]);
  });
  afterAll(async () => {
    for (const child of spawned) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await fake?.close();
    db.cleanup();
  });

  it('`studybot start` logs in, answers /ask, and exits cleanly on SIGTERM', async () => {
    const bot = studybot(['start'], discordEnv());
    try {
      await fake.gateway.whenIdentified(1);
      // READY is sent right after IDENTIFY; an interaction right after it is queued in order on the socket.
      const token = fake.command({ guild, member: member('alice'), name: 'ask', options: { query: 'dropout' } });
      const body = await fake.callback(token);
      expect((body.data as { embeds: { footer: { text: string } }[] }).embeds[0]!.footer.text).toBe('dropout');
    } finally {
      bot.kill('SIGTERM');
    }
    expect(await bot.exited).toBe(0);
    expect(bot.err()).not.toMatch(/"level":50/);
  });

  it('`studybot discord register --guild` bulk-overwrites the guild commands, idempotently', async () => {
    for (let run = 1; run <= 2; run++) {
      const cli = studybot(['discord', 'register', '--guild', guild.id], discordEnv());
      expect(await cli.exited).toBe(0);
      expect(cli.out()).toContain(`registered ${SLASH_COMMANDS.length} commands in guild ${guild.id}`);
    }
    const puts = fake.state.requests.filter((r) => r.method === 'PUT' && r.path === `/applications/${FAKE_APP_ID}/guilds/${guild.id}/commands`);
    expect(puts).toHaveLength(2);
    const names = (fake.state.commands.get(`guild:${guild.id}`) as { name: string }[]).map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(SLASH_COMMANDS.map((c) => c.name));
    expect(puts[1]!.body).toEqual(JSON.parse(JSON.stringify(SLASH_COMMANDS)));
  });

  it('names the variable when Discord configuration is missing or malformed', async () => {
    const noApp = studybot(['start'], { DISCORD_TOKEN: FAKE_TOKEN });
    expect(await noApp.exited).toBe(2);
    expect(noApp.err()).toMatch(/DISCORD_APP_ID/);
    const badToken = studybot(['start'], { DISCORD_TOKEN: 'Bot abc', DISCORD_APP_ID: FAKE_APP_ID });
    expect(await badToken.exited).toBe(2);
    expect(badToken.err()).toMatch(/DISCORD_TOKEN/);
    expect(badToken.err()).not.toContain('Bot abc');
    const badUrl = studybot(['discord', 'register'], { ...discordEnv(), DISCORD_API_URL: 'not a url' });
    expect(await badUrl.exited).toBe(2);
    expect(badUrl.err()).toMatch(/DISCORD_API_URL/);
  });
});
