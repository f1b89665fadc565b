import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inert, SUPPRESS_EMBEDS } from '../../../src/adapters/discord/inert.ts';
import { renderForDiscord } from '../../../src/adapters/discord/render.ts';
import { conversationId, userId, type Reply, type ReplyBody } from '../../../src/core/types.ts';
import { makeGuild, member, startBot, type DiscordBotUnderTest } from './harness.ts';

// Member text the bot repeats in public must be inert on Discord: no masked link, no clickable or
// previewed bare link, no markdown taking over the message.

const MASKED = '[Free Nitro](https://evil.example/login)';
const BARE = 'see https://evil.example/x and discord.gg/abcdef';
/** A clickable masked link: `[` not preceded by a backslash, then `](`. */
const LIVE_MASKED = /(^|[^\\])\[[^\]]*[^\\]\]\(/;
/** A bare link Discord would turn clickable: scheme followed directly by `://`. */
const LIVE_URL = /https?:\/\//;

const conversation = conversationId('discord', '1', '2');
const reply = (body: ReplyBody): Reply => ({ ...body, lang: 'both', visibility: 'public', conversation }) as Reply;
const row = (name: string) => ({ rank: 1, userId: userId('discord', '9'), name, points: 10, correct: 1, answered: 1 });

describe('inert(): member text repeated on Discord', () => {
  it('escapes masked links, breaks bare links and invites, escapes markdown', () => {
    const out = inert(`${MASKED} ${BARE} **bold** # heading`);
    expect(out).not.toMatch(LIVE_MASKED);
    expect(out).not.toMatch(LIVE_URL);
    expect(out).not.toMatch(/discord\.gg/);
    expect(out).toContain('\\*\\*bold\\*\\*');
  });

  it.each([
    ['suggestions', { kind: 'suggestions', query: `${MASKED} ${BARE}`, suggestions: [] }],
    ['leaderboard', { kind: 'leaderboard', period: 'week', rows: [row(MASKED), row(BARE)], me: null }],
    ['stats', { kind: 'stats', stats: { userId: userId('discord', '9'), name: `${MASKED} ${BARE}`, answered: 1, correct: 1, accuracy: 1, points: 10, currentStreak: 1, bestStreak: 1, strongestTopics: [], weakestTopics: [] } }],
  ] as [string, ReplyBody][])('%s: no live link in the rendered message', (_kind, body) => {
    const payload = renderForDiscord(reply(body));
    const all = JSON.parse(JSON.stringify(payload)) as { content: string; embeds: { description?: string; fields?: { value: string }[] }[] };
    const texts = [all.content, ...all.embeds.flatMap((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)])];
    for (const text of texts) {
      expect(text).not.toMatch(LIVE_MASKED);
      expect(text).not.toMatch(LIVE_URL);
    }
  });

  it('text-only messages are sent with SUPPRESS_EMBEDS; messages with rich embeds are not', () => {
    expect(renderForDiscord(reply({ kind: 'text', text: { zh: BARE, en: BARE } })).flags & SUPPRESS_EMBEDS).toBe(SUPPRESS_EMBEDS);
    expect(renderForDiscord(reply({ kind: 'suggestions', query: BARE, suggestions: [] })).flags & SUPPRESS_EMBEDS).toBe(0);
  });
});

describe('Discord adapter: /ask with a masked link', { timeout: 20_000 }, () => {
  const guild = makeGuild();
  const mallory = member('mallory');
  let bot: DiscordBotUnderTest;
  beforeAll(async () => {
    bot = await startBot({ guilds: [guild] });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('the public "did you mean" reply repeats the query inert', async () => {
    const token = bot.fake.command({ guild, member: mallory, name: 'ask', options: { query: `dropuot ${MASKED}` } });
    const body = await bot.fake.callback(token);
    const text = JSON.stringify(body);
    expect(text).toContain('Free Nitro');
    const data = body.data as { content?: string; embeds?: { description?: string }[] };
    for (const shown of [data.content ?? '', ...(data.embeds ?? []).map((e) => e.description ?? '')]) {
      expect(shown).not.toMatch(LIVE_MASKED);
      expect(shown).not.toMatch(LIVE_URL);
    }
  });
});
