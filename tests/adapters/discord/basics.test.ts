import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN } from '../../fakes/discord-fake.ts';
import { makeGuild, member, startBot, type DiscordBotUnderTest } from './harness.ts';

const guild = makeGuild();
const alice = member('alice');
let bot: DiscordBotUnderTest;

type Embed = { title?: string; description?: string; footer?: { text: string }; fields?: { name: string; value: string }[] };
const dataOf = (body: Record<string, unknown>) => body.data as { content?: string; embeds?: Embed[]; allowed_mentions?: unknown; flags?: number; choices?: { name: string; value: string }[] };

describe('Discord adapter: login, /ask, autocomplete, safety, REST errors', { timeout: 20_000 }, () => {
  beforeAll(async () => {
    bot = await startBot({ guilds: [guild] });
  });
  afterAll(async () => {
    await bot?.close();
  });

  afterEach(() => {
    // Every test ends with no unexpected error logged (the REST-error tests clear theirs).
    expect(bot.logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('logs in with the Guilds intent only and receives its guild', () => {
    const [session] = bot.fake.gateway.sessions;
    expect(session?.token).toBe(FAKE_TOKEN);
    expect(session?.intents).toBe(1);
    expect(bot.adapter.client.guilds.cache.has(guild.id)).toBe(true);
    expect(bot.fake.state.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
  });

  it('/ask dropout answers with an embed of the dropout card, pinging nobody', async () => {
    const token = bot.fake.command({ guild, member: alice, name: 'ask', options: { query: 'dropout' } });
    const body = await bot.fake.callback(token);
    expect(body.type).toBe(4);
    const data = dataOf(body);
    expect(data.embeds?.[0]?.footer).toEqual({ text: 'dropout' });
    expect(data.embeds?.[0]?.title).toMatch(/dropout/i);
    expect(data.embeds?.[0]?.fields?.map((f) => f.name)).toContain('Key points');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect((data.flags ?? 0) & 64).toBe(0);
  });

  it('autocomplete for "batch" offers batch-norm cards, at most 25, names within 100 characters', async () => {
    const token = bot.fake.command({ guild, member: alice, name: 'ask', options: { query: 'batch' }, focused: 'query' });
    const body = await bot.fake.callback(token);
    expect(body.type).toBe(8);
    const choices = dataOf(body).choices ?? [];
    expect(choices.map((c) => c.value)).toContain('batch-norm-benefits');
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect([...c.name].length).toBeLessThanOrEqual(100);
  });

  it('echoes @everyone from user text without letting it ping', async () => {
    const token = bot.fake.command({ guild, member: alice, name: 'show', options: { id: '@everyone' } });
    const data = dataOf(await bot.fake.callback(token));
    expect(data.content).toContain('@everyone');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect((data.flags ?? 0) & 64).toBe(64);
    for (const body of bot.fake.allBodies()) expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('survives a REST 500 on an interaction callback and keeps answering', async () => {
    bot.logs.lines.length = 0;
    bot.fake.fail('POST', /\/callback$/, 500, 50);
    bot.fake.command({ guild, member: alice, name: 'ask', options: { query: 'dropout' } });
    await bot.logs.waitFor('discord interaction failed');
    await bot.logs.waitFor('discord apology failed too');
    expect(bot.fake.state.requests.filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(2);
    // The log says what failed, without the interaction token or the user's text.
    const logged = JSON.stringify(bot.logs.lines.find((l) => l.msg === 'discord interaction failed'));
    expect(logged).toMatch(/"status":500/);
    expect(logged).toContain('/interactions/');
    expect(logged).toContain('[token]');
    expect(logged).not.toMatch(/itoken-/);
    expect(logged).not.toMatch(/dropout/i);
    bot.fake.state.failures.length = 0;
    bot.logs.lines.length = 0;
    const token = bot.fake.command({ guild, member: alice, name: 'help' });
    expect((await bot.fake.callback(token)).type).toBe(4);
  });

  it('waits out a 429 on a callback and then answers', async () => {
    bot.fake.fail('POST', /\/callback$/, 429, 1);
    const token = bot.fake.command({ guild, member: alice, name: 'ask', options: { query: 'l1 vs l2' } });
    const body = await bot.fake.callback(token);
    expect(bot.fake.state.requests.some((r) => r.path.includes(token) && r.status === 429)).toBe(true);
    expect(dataOf(body).embeds?.length).toBe(1);
  });

  it('defers when the bot is slower than the threshold, then edits the deferred reply', async () => {
    const slow = await startBot({ guilds: [makeGuild()], deferAfterMs: 0 });
    try {
      const g = slow.fake.state.guilds[0]!;
      const token = slow.fake.command({ guild: g, member: alice, name: 'ask', options: { query: 'dropout' } });
      const first = await slow.fake.callback(token);
      expect(first.type).toBe(5);
      const edit = await slow.fake.request('PATCH', new RegExp(`/webhooks/\\d+/${token}/messages/@original`));
      expect((edit.body?.embeds as Embed[])[0]?.title).toMatch(/dropout/i);
      expect(edit.body?.allowed_mentions).toEqual({ parse: [] });

      // When filling the deferred reply fails, the user still gets a short private apology.
      slow.fake.fail('PATCH', /\/messages\/@original$/, 500, 10);
      const failing = slow.fake.command({ guild: g, member: alice, name: 'ask', options: { query: 'dropout' } });
      const apology = await slow.fake.request('POST', new RegExp(`^/webhooks/\\d+/${failing}$`));
      expect(apology.body?.content).toMatch(/Sorry/);
      expect(Number(apology.body?.flags) & 64).toBe(64);
      expect(slow.logs.lines.map((l) => l.msg)).toContain('discord interaction failed');
    } finally {
      await slow.close();
    }
  });
});
