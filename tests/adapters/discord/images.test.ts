import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationId } from '../../../src/core/types.ts';
import { makeGuild, member, startBot, type DiscordBotUnderTest } from './harness.ts';

// Leaderboards, stats and reveals reach Discord with their image: a PNG uploaded as a multipart file
// and shown as the embed's image, the text staying in the embed.

const guild = makeGuild();
const [channel, otherChannel] = guild.channels as [string, string];
const alice = member('alice');
const admin = member('mod', true);
let bot: DiscordBotUnderTest;

type Embed = { image?: { url: string }; description?: string; fields?: unknown[] };

describe('Discord: images as embed attachments', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    bot = await startBot({ guilds: [guild] });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('a leaderboard reply uploads leaderboard.png and shows it in the embed, with the text kept', async () => {
    // One answered round, so the board has a row.
    await bot.fake.callback(bot.fake.command({ guild, channel, member: admin, name: 'quiz', subcommand: 'now' }));
    await bot.fake.callback(bot.fake.command({ guild, channel, member: alice, name: 'answer', options: { answer: '1' } }));
    const token = bot.fake.command({ guild, channel, member: alice, name: 'leaderboard', options: { period: 'all' } });
    const body = await bot.fake.callback(token);
    const embed = ((body.data as { embeds: Embed[] }).embeds)[0]!;
    expect(embed.image?.url).toBe('attachment://leaderboard.png');
    expect(embed.description).toMatch(/alice/);
    const request = bot.fake.state.requests.find((r) => r.path.includes(`/${token}/callback`))!;
    expect(request.files.map((f) => f.filename)).toEqual(['leaderboard.png']);
    expect(request.files[0]!.data.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('/stats comes with stats.png', async () => {
    const token = bot.fake.command({ guild, channel, member: alice, name: 'stats' });
    const body = await bot.fake.callback(token);
    expect(((body.data as { embeds: Embed[] }).embeds)[0]!.image?.url).toBe('attachment://stats.png');
    expect(bot.fake.state.requests.find((r) => r.path.includes(`/${token}/callback`))!.files[0]!.filename).toBe('stats.png');
  });

  it('a reveal posted by the bot (POST /channels/{id}/messages) carries reveal.png', async () => {
    const conversation = conversationId('discord', guild.id, otherChannel);
    await bot.runtime.postQuestion(conversation);
    await bot.fake.request('POST', new RegExp(`^/channels/${otherChannel}/messages$`));
    bot.clock.advance(8 * 24 * 3_600_000);
    await bot.runtime.closeOverdue();
    const reveal = await bot.fake.state.waitFor((r) => r.method === 'POST' && r.path === `/channels/${otherChannel}/messages` && r.files.length > 0);
    expect(reveal.status).toBe(200);
    expect(reveal.files[0]!.filename).toBe('reveal.png');
    expect((reveal.body?.embeds as Embed[])[0]!.image?.url).toBe('attachment://reveal.png');
    expect(reveal.body?.attachments).toEqual([{ id: 0, filename: 'reveal.png' }]);
    expect(reveal.body?.allowed_mentions).toEqual({ parse: [] });
  });

  it('without Attach Files (403 on the upload) a bot post goes out as text alone', async () => {
    const conversation = conversationId('discord', guild.id, otherChannel);
    bot.fake.fail('POST', new RegExp(`^/channels/${otherChannel}/messages$`), 403);
    await bot.adapter.deliver({ kind: 'leaderboard', period: 'all', rows: [], me: null, visibility: 'public', lang: 'en', conversation });
    const posts = bot.fake.state.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${otherChannel}/messages` && /Leaderboard/.test(JSON.stringify(r.body)));
    expect(posts.map((p) => [p.status, p.files.length])).toEqual([[403, 1], [200, 0]]);
    expect(bot.logs.lines.some((l) => /posting the text alone/.test(l.msg))).toBe(true);
  });
});
