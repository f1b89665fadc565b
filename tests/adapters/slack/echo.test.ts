import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { loadSearch } from '../../../src/main.ts';
import { createRuntime, type Runtime } from '../../../src/runtime.ts';
import { slashCommandBody } from '../../fakes/slack-payloads.ts';
import { sendSigned } from '../../fakes/slack-signer.ts';
import { CHANNEL, SIGNING_SECRET, memoryLogger, startSlackHarness, type SlackHarness } from './harness.ts';

// Echoes: Slack delivers typed &, < and > escaped; the bot unescapes once on the way in and escapes
// once on the way out. A replayed signed request is acknowledged and not processed again.

const alice = { user: 'U0ALICE', name: 'alice' };

describe('Slack: escaping once each way, replayed requests', () => {
  let h: SlackHarness;
  let runtime: Runtime;

  beforeAll(async () => {
    const { log } = memoryLogger();
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', STUDYBOT_LANG: 'en' });
    runtime = await createRuntime({ config, log, ...loadSearch(config, log), sweepMs: 0, seed: 'slack-echo' });
    h = await startSlackHarness(runtime.bot);
    runtime.adapters.push(h.adapter);
    h.fake.addUser({ id: alice.user, name: 'alice' });
  });
  afterAll(async () => {
    await h.close();
    await runtime.close();
  });

  it('stores what the member typed (Slack sent it escaped) and shows it escaped exactly once', async () => {
    // The member typed: report dropout x < y & z > w
    await h.study('report dropout x &lt; y &amp; z &gt; w', alice);
    const reports = await runtime.store.reports.list();
    expect(reports.at(-1)?.text).toBe('x < y & z > w');

    // The member typed: frobnicate <b>&amp; — the echo shows one level of escaping, never &amp;lt;.
    const before = h.fake.responses.length;
    await h.study('frobnicate&lt;b&gt;&amp;amp;', alice);
    const sent = JSON.stringify(h.fake.responses.slice(before).map((r) => r.body));
    expect(sent).toContain('frobnicate&lt;b&gt;&amp;amp;');
    expect(sent).not.toContain('&amp;lt;');
  });

  it('a replayed signed request (same signature within 5 minutes) is acknowledged but not processed again', async () => {
    const body = slashCommandBody('/study', 'report dropout replayed once', {
      teamId: h.fake.teamId,
      channelId: CHANNEL,
      userId: alice.user,
      userName: alice.name,
      responseUrl: h.fake.responseUrl('replay'),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const url = h.adapter.eventsUrl!;
    const first = await sendSigned(url, body, { signingSecret: SIGNING_SECRET, timestamp });
    await h.adapter.idle();
    const replay = await sendSigned(url, body, { signingSecret: SIGNING_SECRET, timestamp });
    await h.adapter.idle();
    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    const stored = (await runtime.store.reports.list()).filter((r) => r.text === 'replayed once');
    expect(stored).toHaveLength(1);
    expect(h.fake.responses.filter((r) => r.id === 'replay')).toHaveLength(1);
    expect(h.logs.some((l) => /replayed request/.test(String(l.msg)))).toBe(true);

    // The same command signed anew (a new timestamp, so a new signature) is a new request.
    await sendSigned(url, body, { signingSecret: SIGNING_SECRET, timestamp: timestamp - 1 });
    await h.adapter.idle();
    expect((await runtime.store.reports.list()).filter((r) => r.text === 'replayed once')).toHaveLength(2);
  });
});
