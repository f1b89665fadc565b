import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { loadSearch } from '../../../src/main.ts';
import { createRuntime, type Runtime } from '../../../src/runtime.ts';
import { slackConversation } from '../../../src/adapters/slack/ids.ts';
import type { SlackApiCall } from '../../fakes/slack-api.ts';
import { CHANNEL, memoryLogger, startSlackHarness, type SlackHarness } from './harness.ts';

// alice is a workspace admin (users.info), bob and dave are members, carol is listed in STUDYBOT_ADMINS.
const alice = { user: 'U0ALICE', name: 'alice' };
const bob = { user: 'U0BOB', name: 'bob' };
const carol = { user: 'U0CAROL', name: 'carol' };
const dave = { user: 'U0DAVE', name: 'dave', channel: 'C0OTHER' };

type Block = { type: string; elements?: { action_id: string }[] };
const buttonsOf = (call: SlackApiCall | undefined) => ((call?.args.blocks as Block[]) ?? []).find((b) => b.type === 'actions')?.elements?.map((e) => e.action_id) ?? [];

describe('Slack quiz rounds: buttons, answers, close, reveal, scheduled posts', () => {
  let h: SlackHarness;
  let runtime: Runtime;
  const conversation = slackConversation('T0TEAM', CHANNEL);

  beforeAll(async () => {
    const { log } = memoryLogger();
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', STUDYBOT_LANG: 'en' });
    // These rounds are played with A–D buttons: the quiz draws from the bank's multiple-choice cards.
    const { search, cards } = loadSearch(config, log);
    runtime = await createRuntime({ config, log, search, cards: cards.filter((c) => c.quiz.type === 'choice'), sweepMs: 0, seed: 'slack-test' });
    h = await startSlackHarness(runtime.bot, { admins: [carol.user] });
    runtime.adapters.push(h.adapter);
    h.fake.addUser({ id: alice.user, name: 'Alice', isAdmin: true });
    h.fake.addUser({ id: bob.user, name: 'Bob' });
    h.fake.addUser({ id: carol.user, name: 'Carol' });
    h.fake.addUser({ id: dave.user, name: 'Dave' });
  });
  afterAll(async () => {
    await h.close();
    await runtime.close();
  });

  it('/study quiz posts a question with A–D buttons, two members answer, a repeat click is refused', async () => {
    await h.study('quiz', bob);
    const post = h.fake.callsOf('chat.postMessage').at(-1);
    const buttons = buttonsOf(post);
    expect(buttons).toHaveLength(4);
    expect(buttons[0]).toMatch(/^quiz:.+:A$/);
    const ts = [...h.fake.messages.values()].at(-1)!.ts;
    const open = await runtime.engine.openRound(conversation);
    expect(open?.message_ref).toBe(`${CHANNEL}/${ts}`);

    await h.click(buttons[1]!, ts, alice);
    await h.click(buttons[2]!, ts, bob);
    await h.click(buttons[0]!, ts, alice);

    const answers = (await runtime.store.answers.ofConversation(conversation)).filter((a) => a.round_id === open!.id);
    expect(answers.map((a) => [a.user_id, a.answer]).sort()).toEqual([
      ['slack:T0TEAM:U0ALICE', 'B'],
      ['slack:T0TEAM:U0BOB', 'C'],
    ]);
    expect(answers.find((a) => a.user_id.endsWith('U0ALICE'))?.user_name).toBe('Alice');

    const verdicts = h.fake.callsOf('chat.postEphemeral');
    expect(verdicts.map((v) => v.args.user)).toEqual([alice.user, bob.user, alice.user]);
    expect(String(verdicts.at(-1)?.args.text)).toMatch(/already answered B/);
    // The question shows how many answered; the repeat did not count.
    const updates = h.fake.callsOf('chat.update');
    expect(updates.map((u) => u.args.ts)).toEqual([ts, ts]);
    expect(JSON.stringify(h.fake.messages.get(`${CHANNEL}/${ts}`)?.blocks)).toContain('Answered: 2');
  });

  it('a member who is not an admin cannot close the round', async () => {
    const before = h.fake.responses.length;
    await h.study('quiz close', bob);
    expect(h.fake.responses.slice(before).map((r) => [r.body.response_type, String(r.body.text)])).toEqual([['ephemeral', expect.stringMatching(/Only channel admins/)]]);
    expect(await runtime.engine.openRound(conversation)).toBeDefined();
  });

  it('an admin closes: the reveal goes into the question thread and the question is updated as closed', async () => {
    const open = (await runtime.engine.openRound(conversation))!;
    const ts = open.message_ref!.split('/')[1];
    const updatesBefore = h.fake.callsOf('chat.update').length;
    await h.study('quiz close', alice);
    const reveal = h.fake.callsOf('chat.postMessage').at(-1);
    expect(reveal?.args).toMatchObject({ channel: CHANNEL, thread_ts: ts });
    expect(String(reveal?.args.text)).toMatch(/Answer revealed/);
    const update = h.fake.callsOf('chat.update').slice(updatesBefore);
    expect(update).toHaveLength(1);
    const closed = h.fake.messages.get(open.message_ref!);
    expect(buttonsOf({ method: '', token: '', args: { blocks: closed?.blocks } })).toEqual([]);
    expect(JSON.stringify(closed?.blocks)).toMatch(/closed/);
    expect(await runtime.engine.openRound(conversation)).toBeUndefined();
  });

  it('STUDYBOT_ADMINS makes a member an admin', async () => {
    await h.study('quiz', bob);
    await h.study('quiz close', carol);
    expect(await runtime.engine.openRound(conversation)).toBeUndefined();
  });

  it('a scheduled daily post arrives as chat.postMessage with buttons and is recorded for later edits', async () => {
    const target = slackConversation('T0TEAM', 'C0OTHER');
    const posts = h.fake.callsOf('chat.postMessage').length;
    await runtime.postQuestion(target);
    const post = h.fake.callsOf('chat.postMessage').at(-1);
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(posts + 1);
    expect(post?.args.channel).toBe('C0OTHER');
    expect(buttonsOf(post)).toHaveLength(4);
    const open = await runtime.engine.openRound(target);
    expect(open?.message_ref).toMatch(/^C0OTHER\/\d+\.\d+$/);
    // And a click on it works like on any other question.
    await h.click(buttonsOf(post)[3]!, open!.message_ref!.split('/')[1]!, dave);
    expect((await runtime.store.answers.ofConversation(target)).map((a) => a.answer)).toEqual(['D']);
  });

  it('where chat.postEphemeral is refused, the verdict goes through the click response_url without replacing the question', async () => {
    const target = slackConversation('T0TEAM', 'C0OTHER');
    const open = (await runtime.engine.openRound(target))!;
    h.fake.failNext('chat.postEphemeral', { error: 'not_in_channel' });
    const before = h.fake.responses.length;
    const erin = { user: 'U0ERIN', name: 'erin', channel: 'C0OTHER' };
    await h.click(`quiz:${open.id}:A`, open.message_ref!.split('/')[1]!, erin);
    expect(h.fake.responses.slice(before).map((r) => r.body)).toEqual([
      expect.objectContaining({ response_type: 'ephemeral', replace_original: false, text: expect.stringMatching(/Correct|Not quite/) }),
    ]);
    expect((await runtime.store.answers.ofConversation(target)).map((a) => a.answer).sort()).toEqual(['A', 'D']);
  });

  it('/study answer answers by command: an ephemeral verdict through the response_url, and the question is edited', async () => {
    const target = slackConversation('T0TEAM', 'C0OTHER');
    const open = (await runtime.engine.openRound(target))!;
    const frank = { user: 'U0FRANK', name: 'frank', channel: 'C0OTHER' };
    const before = { responses: h.fake.responses.length, updates: h.fake.callsOf('chat.update').length };
    await h.study('answer b', frank);
    expect(h.fake.responses.slice(before.responses).map((r) => r.body.response_type)).toEqual(['ephemeral']);
    expect(h.fake.callsOf('chat.update').slice(before.updates).map((u) => `${String(u.args.channel)}/${String(u.args.ts)}`)).toEqual([open.message_ref]);
    expect(JSON.stringify(h.fake.messages.get(open.message_ref!)?.blocks)).toContain('Answered: 3');
  });

  it('leaderboards are ephemeral unless shared, and member names cannot ping', async () => {
    const target = slackConversation('T0TEAM', 'C0OTHER');
    const open = (await runtime.engine.openRound(target))!;
    h.fake.addUser({ id: 'U0MALLORY', name: '<!here> mallory' });
    await h.click(`quiz:${open.id}:A`, open.message_ref!.split('/')[1]!, { user: 'U0MALLORY', name: 'mallory', channel: 'C0OTHER' });
    const before = h.fake.responses.length;
    await h.study('leaderboard all', dave);
    await h.study('leaderboard all share', dave);
    const [mine, shared] = h.fake.responses.slice(before).map((r) => r.body);
    expect([mine?.response_type, shared?.response_type]).toEqual(['ephemeral', 'in_channel']);
    expect(JSON.stringify(shared)).toContain('&lt;!here&gt; mallory');
    expect(JSON.stringify(shared)).not.toContain('<!here>');
  });

  it('/study stats @member (escaped by Slack as <@U…|name>) shows that member', async () => {
    const before = h.fake.responses.length;
    await h.study(`stats <@${alice.user}|alice>`, bob);
    const [shown] = h.fake.responses.slice(before).map((r) => r.body);
    expect(shown?.response_type).toBe('ephemeral');
    expect(String(shown?.text)).toMatch(/Stats · Alice/);
  });

  it('a member who is not an admin cannot set the schedule, and nothing is stored', async () => {
    const before = h.fake.responses.length;
    await h.study('schedule set 09:00 UTC', bob);
    expect(h.fake.responses.slice(before).map((r) => [r.body.response_type, String(r.body.text)])).toEqual([['ephemeral', expect.stringMatching(/Only channel admins/)]]);
    expect(await runtime.store.schedules.get(conversation)).toBeUndefined();
  });

  it('an admin sets the schedule; the confirmation is posted for the channel', async () => {
    const before = h.fake.responses.length;
    await h.study('schedule set 09:00 UTC', alice);
    expect(h.fake.responses.slice(before).map((r) => [r.body.response_type, String(r.body.text)])).toEqual([['in_channel', expect.stringMatching(/Daily question at 09:00/)]]);
    expect(await runtime.store.schedules.get(conversation)).toMatchObject({ time_zone: 'UTC', enabled: 1 });
  });

  it('the scheduler itself posts the daily question (a slot missed while down, caught up late) as chat.postMessage', async () => {
    await runtime.store.schedules.update(conversation, { next_slot_at: Date.now() - 60_000 });
    const posts = h.fake.callsOf('chat.postMessage').length;
    await runtime.scheduler.start();
    await runtime.scheduler.idle();
    const post = h.fake.callsOf('chat.postMessage').slice(posts);
    expect(post.map((p) => p.args.channel)).toEqual([CHANNEL]);
    expect(buttonsOf(post[0])).toHaveLength(4);
    expect(String(post[0]?.args.text)).toMatch(/posted late/);
    const posted = [...h.fake.messages.values()].at(-1)!;
    expect((await runtime.engine.openRound(conversation))?.message_ref).toBe(`${posted.channel}/${posted.ts}`);
  });

  it('a scheduled post to a channel Slack refuses rejects (for the scheduler to log) without crashing', async () => {
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(runtime.postQuestion(slackConversation('T0TEAM', 'C0GONE'))).rejects.toThrow(/channel_not_found/);
  });
});
