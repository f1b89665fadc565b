import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { teachingOrder } from '../../../src/review/queue.ts';
import type { FakeMessage } from '../../fakes/discord-fake.ts';
import { shippedBank } from '../../helpers/runtime.ts';
import { makeGuild, member, startBot, type DiscordBotUnderTest } from './harness.ts';

const guild = makeGuild();
const [channel] = guild.channels as [string, string];
const alice = member('alice');
const bob = member('bob');
let bot: DiscordBotUnderTest;

type Row = { components: { custom_id: string; label: string }[] };
type Data = { content?: string; embeds?: { title?: string; description?: string }[]; components?: Row[]; flags?: number };
const dataOf = (body: Record<string, unknown>) => (body.data ?? {}) as Data;
const isEphemeral = (d: Data) => ((d.flags ?? 0) & 64) === 64;
const ids = (d: Data) => (d.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id));
const first = teachingOrder(shippedBank().cards)[0]!;
const right = first.quiz.type === 'choice' ? first.quiz.correct : 'A';

/** The message an interaction's answer created in the fake (so its buttons can be pressed). */
const messageOf = (token: string): FakeMessage => bot.fake.state.originalMessage(token);

describe('Discord: /review is a private session of ephemeral messages with buttons', { timeout: 20_000 }, () => {
  beforeAll(async () => {
    bot = await startBot({ guilds: [guild] });
  });
  afterAll(async () => {
    await bot?.close();
  });
  afterEach(() => {
    expect(bot.logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('a whole review runs in ephemeral replies with A–D, Next and Hard/Easy buttons, and posts nothing public', async () => {
    const startToken = bot.fake.command({ guild, channel, member: alice, name: 'review', subcommand: 'new' });
    const card = dataOf(await bot.fake.callback(startToken));
    expect(isEphemeral(card)).toBe(true);
    expect(card.embeds?.[0]?.title).toMatch(/Review · New card/);
    expect(ids(card)).toEqual(['A', 'B', 'C', 'D'].map((l) => expect.stringMatching(new RegExp(`^review:[0-9a-f-]+:1:${l}$`))));
    const pressed = ids(card).find((id) => id.endsWith(`:${right}`))!;

    const resultToken = bot.fake.click({ guild, member: alice, message: messageOf(startToken), customId: pressed });
    const result = dataOf(await bot.fake.callback(resultToken));
    expect(isEphemeral(result)).toBe(true);
    expect(result.embeds?.[0]?.title).toMatch(/Right/);
    expect(ids(result).map((id) => id.split(':').at(-1))).toEqual(['next', 'hard', 'easy']);
    expect(JSON.stringify(result.embeds)).toMatch(/Comes back in 10 minutes/);

    // Someone else's click on alice's buttons: a private error, nothing recorded for either.
    const foreign = dataOf(await bot.fake.callback(bot.fake.click({ guild, member: bob, message: messageOf(resultToken), customId: ids(result)[0]! })));
    expect(isEphemeral(foreign)).toBe(true);
    expect(foreign.content).toMatch(/someone else/);

    const nextToken = bot.fake.click({ guild, member: alice, message: messageOf(resultToken), customId: ids(result)[0]! });
    const next = dataOf(await bot.fake.callback(nextToken));
    expect(isEphemeral(next)).toBe(true);
    expect(next.embeds?.[0]?.title).toMatch(/Review/);
    // The old answer button is stale now.
    const stale = dataOf(await bot.fake.callback(bot.fake.click({ guild, member: alice, message: messageOf(startToken), customId: pressed })));
    expect(isEphemeral(stale)).toBe(true);
    expect(stale.content).toMatch(/earlier card/);

    // Nothing of it reached the channel: no channel message, every interaction answer ephemeral.
    expect(bot.fake.state.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path))).toEqual([]);
    const answers = [...bot.fake.state.callbacks.values()].flat().filter((b) => b.type === 4 || b.type === 5);
    expect(answers.length).toBeGreaterThanOrEqual(5);
    expect(answers.every((b) => isEphemeral(dataOf(b)))).toBe(true);
    expect(await bot.runtime.store.memory.reviewCount(`discord:${guild.id}:${alice.id}`)).toBe(1);
  });

  it('/review remind validates privately, and the reminder arrives once as a DM (POST /users/@me/channels)', async () => {
    const bad = dataOf(await bot.fake.callback(bot.fake.command({ guild, channel, member: alice, name: 'review', subcommand: 'remind', options: { time: '25:00' } })));
    expect(isEphemeral(bad)).toBe(true);
    expect(bad.content).toMatch(/"25:00" is not a time/);
    const set = dataOf(await bot.fake.callback(bot.fake.command({ guild, channel, member: alice, name: 'review', subcommand: 'remind', options: { time: '20:00', zone: 'UTC' } })));
    expect(isEphemeral(set)).toBe(true);
    expect(set.content).toMatch(/20:00 \(UTC\)/);
    // alice's card from the first test is due 10 minutes later; at 20:00 UTC the reminder goes out.
    bot.clock.set('2027-01-04T20:00:30Z');
    expect(await bot.runtime.sendReminders()).toBe(1);
    expect(await bot.runtime.sendReminders()).toBe(0);
    const open = await bot.fake.request('POST', /^\/users\/@me\/channels$/);
    expect(open.body).toEqual({ recipient_id: alice.id });
    const dm = [...bot.fake.state.dmChannels].find(([, user]) => user === alice.id)![0];
    const posts = bot.fake.state.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${dm}/messages`);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body?.content).toMatch(/Cards due for review: 1\./);
    expect(posts[0]!.body?.allowed_mentions).toEqual({ parse: [] });
  });
});
