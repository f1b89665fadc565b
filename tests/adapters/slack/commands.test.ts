import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../../src/core/bot.ts';
import { memorySettings } from '../../../src/core/settings.ts';
import { loadConfiguredBank } from '../../../src/questions/load-default.ts';
import { SearchIndex } from '../../../src/questions/search.ts';
import { SIGNING_SECRET, startSlackHarness, type SlackHarness } from './harness.ts';

const alice = { user: 'U0ALICE', name: 'alice' };

describe('Slack /study over signed HTTP against a fake Slack', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    const bot = createBot({ search: new SearchIndex(loadConfiguredBank().cards), settings: memorySettings() });
    h = await startSlackHarness(bot);
    h.fake.addUser({ id: alice.user, name: 'Alice A.' });
  });
  afterAll(async () => h.close());

  it('checks the token with auth.test once at start', () => {
    expect(h.fake.callsOf('auth.test').length).toBeGreaterThanOrEqual(1);
    expect(h.fake.callsOf('auth.test').every((c) => c.token === h.fake.botToken)).toBe(true);
  });

  it('/study ask dropout answers the dropout card, ephemeral, through the response_url', async () => {
    const before = h.fake.responses.length;
    const answer = await h.study('ask dropout', alice);
    expect(answer.status).toBe(200);
    const [posted] = h.fake.responses.slice(before);
    expect(posted?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(posted?.body.blocks)).toContain('`dropout`');
    expect(JSON.stringify(posted?.body.blocks)).toContain('Dropout');
    expect(String(posted?.body.text)).toMatch(/dropout/i);
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('`share` shows a lookup to the whole channel', async () => {
    const before = h.fake.responses.length;
    await h.study('ask dropout share', alice);
    expect(h.fake.responses.slice(before)).toEqual([expect.objectContaining({ body: expect.objectContaining({ response_type: 'in_channel' }) })]);
  });

  it('/study alone shows help, with commands spelled the Slack way', async () => {
    const before = h.fake.responses.length;
    await h.study('', alice);
    const [posted] = h.fake.responses.slice(before);
    expect(posted?.body.response_type).toBe('ephemeral');
    expect(String(posted?.body.text)).toContain('/study ask');
    expect(String(posted?.body.text)).not.toMatch(/(^|\s)\/ask/);
  });

  it('a bad signature and a stale timestamp get 401 and change nothing', async () => {
    const before = { responses: h.fake.responses.length, calls: h.fake.calls.length };
    const forged = await h.study('lang en', alice, { signature: 'v0=' + '0'.repeat(64) });
    const wrongSecret = await h.study('lang en', alice, { secret: 'not-the-secret' });
    const stale = await h.study('lang en', alice, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect([forged.status, wrongSecret.status, stale.status]).toEqual([401, 401, 401]);
    expect(h.fake.responses.length).toBe(before.responses);
    expect(h.fake.calls.length).toBe(before.calls);
    // The language was not stored: a signed /study lang still reports the default.
    await h.study('lang', alice);
    expect(String(h.fake.responses.at(-1)?.body.text)).toContain('both');
    expect(h.logs.some((l) => l.level === 40 && /verify/i.test(String(l.msg)))).toBe(true);
  });

  it('a correctly signed request with a fresh timestamp is accepted (the signer matches Slack)', async () => {
    const answer = await h.study('lang en', alice, { secret: SIGNING_SECRET });
    expect(answer.status).toBe(200);
    expect(String(h.fake.responses.at(-1)?.body.text)).toMatch(/now reads en/);
    await h.study('lang both', alice);
  });

  it('<!channel> and <!everyone> in user text never reach Slack unescaped', async () => {
    const before = h.fake.responses.length;
    await h.study('<!channel> hello', alice);
    await h.study('ask <!everyone> <@U0BOSS> dropout share', alice);
    const sent = JSON.stringify(h.fake.responses.slice(before).map((r) => r.body));
    expect(h.fake.responses.length).toBe(before + 2);
    expect(sent).toContain('&lt;!channel&gt;');
    expect(sent).not.toMatch(/<!(channel|everyone|here)|<@U/);
  });

  it('acknowledges before doing any work: Slack gets its 200 while users.info is still unanswered', async () => {
    const release = h.fake.hold('users.info');
    try {
      const before = { responses: h.fake.responses.length, lookups: h.fake.callsOf('users.info').length };
      const dana = { user: 'U0DANA', name: 'dana' };
      const answer = await h.send('ask dropout', dana);
      expect(answer.status).toBe(200);
      const lookups = await h.fake.waitForCalls('users.info', before.lookups + 1);
      expect(lookups.at(-1)?.args.user).toBe(dana.user);
      expect(h.fake.responses.length).toBe(before.responses);
      release();
      await h.adapter.idle();
      expect(h.fake.responses.length).toBe(before.responses + 1);
    } finally {
      release();
    }
  });

  it('looks the member up with users.info (name and admin) and caches it', async () => {
    const lookups = h.fake.callsOf('users.info').filter((c) => c.args.user === alice.user);
    expect(lookups).toHaveLength(1);
  });
});
