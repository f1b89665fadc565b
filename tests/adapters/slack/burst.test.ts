import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { loadSearch } from '../../../src/main.ts';
import { createRuntime, type Runtime } from '../../../src/runtime.ts';
import type { SlackApiCall } from '../../fakes/slack-api.ts';
import { memoryLogger, startSlackHarness, type SlackHarness } from './harness.ts';

// Answers first on Slack too: while chat.update is slow (held by the fake), every member still gets
// their ephemeral verdict, at most one update is in flight for the question, and when Slack answers
// again one update carries the final count.

type Block = { type: string; elements?: { action_id: string }[] };
const buttonsOf = (call: SlackApiCall | undefined) => ((call?.args.blocks as Block[]) ?? []).find((b) => b.type === 'actions')?.elements?.map((e) => e.action_id) ?? [];
const admin = { user: 'U0ADMIN', name: 'admin', channel: 'C0BURST' };
const members = Array.from({ length: 30 }, (_, i) => ({ user: `U0M${i}`, name: `m${i}`, channel: 'C0BURST' }));

describe('Slack: a burst of answers while chat.update is slow', { timeout: 30_000 }, () => {
  let h: SlackHarness;
  let runtime: Runtime;

  beforeAll(async () => {
    const { log } = memoryLogger();
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', STUDYBOT_LANG: 'en' });
    runtime = await createRuntime({ config, log, ...loadSearch(config, log), sweepMs: 0, seed: 'slack-burst' });
    h = await startSlackHarness(runtime.bot, { admins: [admin.user] });
    runtime.adapters.push(h.adapter);
    for (const m of [admin, ...members]) h.fake.addUser({ id: m.user, name: m.name });
  });
  afterAll(async () => {
    await h.close();
    await runtime.close();
  });

  it('verdicts do not wait for the update; updates are coalesced; the final count is right', async () => {
    let buttons: string[] = [];
    for (let attempt = 0; attempt < 10 && buttons.length === 0; attempt++) {
      await h.study('quiz', admin);
      buttons = buttonsOf(h.fake.callsOf('chat.postMessage').at(-1));
      if (buttons.length === 0) await h.study('quiz close', admin);
    }
    expect(buttons).toHaveLength(4);
    const question = [...h.fake.messages.values()].at(-1)!;
    const updatesBefore = h.fake.callsOf('chat.update').length;
    const verdictsBefore = h.fake.callsOf('chat.postEphemeral').length;

    const release = h.fake.hold('chat.update');
    await Promise.all(members.map((m, i) => h.clickNow(buttons[i % 4]!, question.ts, m)));
    // Every verdict arrives while the first update is still unanswered.
    await h.fake.waitForCalls('chat.postEphemeral', verdictsBefore + members.length);
    expect(h.fake.callsOf('chat.update').length - updatesBefore).toBe(1);
    release();
    await h.adapter.idle();

    const updates = h.fake.callsOf('chat.update').slice(updatesBefore);
    expect(updates.length).toBeLessThanOrEqual(3);
    expect(JSON.stringify(h.fake.messages.get(`${question.channel}/${question.ts}`)?.blocks)).toContain(`Answered: ${members.length}`);
  });
});
