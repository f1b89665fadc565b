import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversationId } from '../../../src/core/types.ts';
import type { FakeMessage } from '../../fakes/discord-fake.ts';
import { makeGuild, member, postChoiceRound, startBot, type DiscordBotUnderTest } from './harness.ts';

const guild = makeGuild();
const [channel, otherChannel] = guild.channels as [string, string];
const alice = member('alice');
const bob = member('bob');
const admin = member('mod', true);
let bot: DiscordBotUnderTest;

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
type Row = { components: { custom_id: string; disabled?: boolean }[] };
type Data = { content?: string; embeds?: Embed[]; components?: Row[]; flags?: number; allowed_mentions?: unknown };
const dataOf = (body: Record<string, unknown>) => (body.data ?? {}) as Data;
const isEphemeral = (d: Data) => ((d.flags ?? 0) & 64) === 64;

describe('Discord adapter: quiz rounds, buttons, close, scheduled posts', { timeout: 20_000 }, () => {
  beforeAll(async () => {
    bot = await startBot({ guilds: [guild] });
  });
  afterAll(async () => {
    await bot?.close();
  });
  afterEach(() => {
    expect(bot.logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('/quiz posts a question with A–D buttons; two members answer, a second click is refused; close reveals and edits', async () => {
    const { message, roundId } = await postChoiceRound(bot, { guild, channel, poster: alice, admin });
    expect(message.components).toHaveLength(1);
    expect((message.components[0] as Row).components.map((c) => c.custom_id)).toEqual(['A', 'B', 'C', 'D'].map((l) => `quiz:${roundId}:${l}`));

    const first = dataOf(await bot.fake.callback(bot.fake.click({ guild, member: alice, message, customId: `quiz:${roundId}:A` })));
    expect(isEphemeral(first)).toBe(true);
    const second = dataOf(await bot.fake.callback(bot.fake.click({ guild, member: bob, message, customId: `quiz:${roundId}:B` })));
    expect(isEphemeral(second)).toBe(true);
    const again = dataOf(await bot.fake.callback(bot.fake.click({ guild, member: alice, message, customId: `quiz:${roundId}:C` })));
    expect(isEphemeral(again)).toBe(true);
    expect(again.content).toMatch(/already answered/i);
    expect(await bot.runtime.store.answers.countForRound(roundId)).toBe(2);

    // The question message was edited in place to show the count.
    const edits = await bot.fake.state.waitForCount((r) => r.method === 'PATCH' && r.path === `/channels/${channel}/messages/${message.id}`, 2);
    expect(edits.every((e) => JSON.stringify(e.body?.allowed_mentions) === '{"parse":[]}')).toBe(true);
    expect((message.embeds[0] as Embed).fields?.[0]?.value).toMatch(/^2 /);

    const denied = dataOf(await bot.fake.callback(bot.fake.command({ guild, channel, member: bob, name: 'quiz', subcommand: 'close' })));
    expect(isEphemeral(denied)).toBe(true);
    expect(denied.content).toMatch(/only channel admins/i);

    const reveal = dataOf(await bot.fake.callback(bot.fake.command({ guild, channel, member: admin, name: 'quiz', subcommand: 'close' })));
    expect(isEphemeral(reveal)).toBe(false);
    expect(reveal.embeds?.[0]?.title).toMatch(/Answer revealed/);
    await bot.fake.state.waitForCount((r) => r.method === 'PATCH' && r.path === `/channels/${channel}/messages/${message.id}`, 3);
    expect((message.components[0] as Row).components.every((c) => c.disabled)).toBe(true);
    expect((message.embeds[0] as Embed).fields?.[0]?.value).toMatch(/closed/);
  });

  it('a scheduled post arrives at POST /channels/{id}/messages with buttons, and its buttons work', async () => {
    const conversation = conversationId('discord', guild.id, otherChannel);
    const posted = (m: FakeMessage) => m.channel_id === otherChannel && (m.embeds[0] as Embed | undefined)?.title?.includes('Quiz');
    let message: FakeMessage | undefined;
    // The daily post closes any open round first, so posting again draws a new card; stop at a choice card.
    for (let attempt = 0; attempt < 10 && !message; attempt++) {
      await bot.runtime.postQuestion(conversation);
      const post = await bot.fake.state.waitForCount((r) => r.method === 'POST' && r.path === `/channels/${otherChannel}/messages` && r.status === 200, attempt + 1);
      expect(post.at(-1)!.body?.allowed_mentions).toEqual({ parse: [] });
      const latest = [...bot.fake.state.messages.values()].filter(posted).at(-1)!;
      if ((latest.components as Row[]).length > 0) message = latest;
    }
    expect(message).toBeDefined();
    const customId = (message!.components as Row[])[0]!.components[1]!.custom_id;
    const verdict = dataOf(await bot.fake.callback(bot.fake.click({ guild, member: bob, message: message!, customId })));
    expect(isEphemeral(verdict)).toBe(true);
    // The router recorded where the question went, so the click edits that very message.
    await bot.fake.request('PATCH', new RegExp(`^/channels/${otherChannel}/messages/${message!.id}$`));
    expect((message!.embeds[0] as Embed).fields?.[0]?.value).toMatch(/^1 /);
  });

  it('refuses /schedule set to a member without Manage Channels (ephemeral), accepts it from one with it', async () => {
    const refused = dataOf(await bot.fake.callback(bot.fake.command({ guild, channel, member: bob, name: 'schedule', subcommand: 'set', options: { time: '09:30' } })));
    expect(isEphemeral(refused)).toBe(true);
    expect(refused.content).toMatch(/admin/i);
    expect(await bot.runtime.store.schedules.get(conversationId('discord', guild.id, channel))).toBeUndefined();

    const accepted = await bot.fake.callback(
      bot.fake.command({ guild, channel, member: admin, name: 'schedule', subcommand: 'set', options: { zone: 'Asia/Shanghai', time: '09:30' } }),
    );
    expect(dataOf(accepted).content).not.toMatch(/admin/i);
    const row = await bot.runtime.store.schedules.get(conversationId('discord', guild.id, channel));
    expect(row?.time_zone).toBe('Asia/Shanghai');
  });

  it('a round closed by its deadline is revealed in its channel and its question message edited', async () => {
    // The open round in otherChannel (from the scheduled-post test) runs past its deadline.
    const message = [...bot.fake.state.messages.values()].filter((m) => m.channel_id === otherChannel && (m.components as Row[]).length > 0).at(-1)!;
    bot.clock.advance(8 * 24 * 3_600_000);
    await bot.runtime.closeOverdue();
    const reveal = await bot.fake.state.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${otherChannel}/messages` && /Answer revealed/.test(JSON.stringify(r.body?.embeds)),
    );
    expect(reveal.body?.allowed_mentions).toEqual({ parse: [] });
    expect((message.components[0] as Row).components.every((c) => c.disabled)).toBe(true);
  });
});
