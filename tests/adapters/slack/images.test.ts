import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { loadSearch } from '../../../src/main.ts';
import { createRuntime, type Runtime } from '../../../src/runtime.ts';
import { slackConversation } from '../../../src/adapters/slack/ids.ts';
import { CHANNEL, memoryLogger, startSlackHarness, type SlackHarness } from './harness.ts';

// Images on Slack go through the files upload flow (getUploadURLExternal → upload → complete), after
// the text: shared leaderboards and stats in the channel, the reveal in the question's thread.
// Private replies stay text only (Slack files cannot be ephemeral).

const admin = { user: 'U0ADMIN', name: 'admin' };
const bob = { user: 'U0BOB', name: 'bob' };

describe('Slack: images through the files upload flow', { timeout: 30_000 }, () => {
  let h: SlackHarness;
  let runtime: Runtime;

  beforeAll(async () => {
    const { log } = memoryLogger();
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', STUDYBOT_LANG: 'en' });
    runtime = await createRuntime({ config, log, ...loadSearch(config, log), sweepMs: 0, seed: 'slack-images' });
    h = await startSlackHarness(runtime.bot, { admins: [admin.user] });
    runtime.adapters.push(h.adapter);
    h.fake.addUser({ id: admin.user, name: 'admin' });
    h.fake.addUser({ id: bob.user, name: 'bob' });
  });
  afterAll(async () => {
    await h.close();
    await runtime.close();
  });

  it('the reveal image goes into the question thread; a shared leaderboard into the channel; a private one gets none', async () => {
    await h.study('quiz', admin);
    const question = [...h.fake.messages.values()].at(-1)!;
    await h.study('answer 1', bob);
    await h.study('quiz close', admin);
    const reveal = h.fake.sharedFiles.find((f) => f.filename === 'reveal.png');
    expect(reveal).toMatchObject({ channel: CHANNEL, threadTs: question.ts });
    expect(reveal!.data.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(reveal!.altText).toMatch(/Answer revealed/);
    // The three steps of the flow, in order.
    const methods = h.fake.calls.map((c) => c.method).filter((m) => m.startsWith('files.'));
    expect(methods.slice(0, 2)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);

    const before = h.fake.sharedFiles.length;
    await h.study('leaderboard all', bob);
    expect(h.fake.sharedFiles.length).toBe(before);
    await h.study('leaderboard all share', bob);
    expect(h.fake.sharedFiles.at(-1)).toMatchObject({ filename: 'leaderboard.png', channel: CHANNEL });
    expect(h.fake.sharedFiles.at(-1)!.threadTs).toBeUndefined();
  });

  it('an upload Slack refuses is logged; the text has gone out anyway', async () => {
    h.fake.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    const before = h.fake.responses.length;
    await h.study('stats share', bob);
    expect(h.fake.responses.length).toBe(before + 1);
    expect(JSON.stringify(h.fake.responses.at(-1)!.body)).toMatch(/Stats/);
    expect(h.logs.some((l) => l.msg === 'slack: could not share the image; the text was sent' && l.slackError === 'missing_scope')).toBe(true);
    expect(await runtime.store.answers.ofConversation(slackConversation('T0TEAM', CHANNEL))).toHaveLength(1);
  });
});
