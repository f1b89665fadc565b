import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { loadSearch } from '../../../src/main.ts';
import { createRuntime, type Runtime } from '../../../src/runtime.ts';
import { teachingOrder } from '../../../src/review/queue.ts';
import type { ResponseUrlPost } from '../../fakes/slack-api.ts';
import { testClock } from '../../helpers/runtime.ts';
import { memoryLogger, startSlackHarness, type SlackHarness } from './harness.ts';

const alice = { user: 'U0ALICE', name: 'alice' };
const bob = { user: 'U0BOB', name: 'bob' };
type Block = { type: string; elements?: { action_id: string }[] };
const actionIds = (post: ResponseUrlPost | undefined) => ((post?.body.blocks as Block[] | undefined) ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.action_id));

describe('Slack: /study review is ephemeral (response_url) with Block Kit buttons, never public', () => {
  let h: SlackHarness;
  let runtime: Runtime;
  const clock = testClock();

  beforeAll(async () => {
    const { log } = memoryLogger();
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', STUDYBOT_LANG: 'en' });
    runtime = await createRuntime({ config, log, ...loadSearch(config, log), clock: clock.now, sweepMs: 0, reminderMs: 0, seed: 'slack-review' });
    h = await startSlackHarness(runtime.bot);
    runtime.adapters.push(h.adapter);
    h.fake.addUser({ id: alice.user, name: 'Alice' });
    h.fake.addUser({ id: bob.user, name: 'Bob' });
  });
  afterAll(async () => {
    await h.close();
    await runtime.close();
  });

  it('a review session answers through the response_url, ephemeral, with A–D, Next and Hard/Easy buttons', async () => {
    await h.study('review new', alice);
    const card = h.fake.responses.at(-1)!;
    expect(card.body.response_type).toBe('ephemeral');
    const letters = actionIds(card);
    expect(letters).toHaveLength(4);
    const first = teachingOrder(loadSearch(loadConfig({}), memoryLogger().log).cards)[0]!;
    const right = first.quiz.type === 'choice' ? first.quiz.correct : 'A';
    await h.click(letters.find((id) => id.endsWith(`:${right}`))!, '1700000000.000001', alice);
    const result = h.fake.responses.at(-1)!;
    expect(result.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(result.body.text)).toMatch(/Right/);
    expect(actionIds(result).map((id) => id.split(':').at(-1))).toEqual(['next', 'hard', 'easy']);

    const before = h.fake.responses.length;
    await h.click(actionIds(result)[0]!, '1700000000.000002', bob);
    const foreign = h.fake.responses.slice(before);
    expect(foreign).toHaveLength(1);
    expect(foreign[0]!.body.response_type).toBe('ephemeral');
    expect(String(foreign[0]!.body.text)).toMatch(/someone else/);

    await h.click(actionIds(result).find((id) => id.endsWith(':easy'))!, '1700000000.000002', alice);
    const rated = h.fake.responses.at(-1)!;
    expect(String(rated.body.text)).toMatch(/Easy/);
    expect(actionIds(rated).map((id) => id.split(':').at(-1))).toEqual(['next']);
    await h.click(actionIds(rated)[0]!, '1700000000.000003', alice);
    expect(actionIds(h.fake.responses.at(-1))).toHaveLength(4);

    // Nothing public: no channel message, no ephemeral through the bot token, every response ephemeral.
    expect(h.fake.callsOf('chat.postMessage')).toEqual([]);
    expect(h.fake.responses.every((r) => r.body.response_type === 'ephemeral')).toBe(true);
    expect(await runtime.store.memory.reviewCount('slack:T0TEAM:U0ALICE')).toBe(1);
  });

  it('an unknown topic is a private error listing the known ones', async () => {
    await h.study('review topics cnn,astrology', alice);
    const error = h.fake.responses.at(-1)!;
    expect(error.body.response_type).toBe('ephemeral');
    expect(String(error.body.text)).toMatch(/Unknown topics: astrology\. Known topics: .*cnn/);
  });

  it('a reminder is one chat.postMessage to the member’s id, once', async () => {
    await h.study('review remind 20:00 UTC', alice);
    expect(String(h.fake.responses.at(-1)!.body.text)).toMatch(/20:00 \(UTC\)/);
    clock.set('2027-03-01T20:05:00Z'); // long after the Easy card fell due
    expect(await runtime.sendReminders()).toBe(1);
    expect(await runtime.sendReminders()).toBe(0);
    const dms = h.fake.callsOf('chat.postMessage');
    expect(dms.map((c) => c.args.channel)).toEqual([alice.user]);
    expect(String(dms[0]!.args.text)).toMatch(/Cards due for review: 1\./);
  });
});
