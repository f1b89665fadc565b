import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { createBot } from '../../../src/core/bot.ts';
import { memorySettings } from '../../../src/core/settings.ts';
import { SearchIndex } from '../../../src/questions/search.ts';
import { SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import { slackConfig } from '../../../src/adapters/slack/setup.ts';
import { FakeSlackApi } from '../../fakes/slack-api.ts';
import { memoryLogger } from './harness.ts';

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A1-abc';
const SECRET = '0123456789abcdef0123456789abcdef';

describe('Slack configuration', () => {
  it('is off without Slack variables', () => {
    expect(slackConfig(loadConfig({}))).toBeUndefined();
  });

  it('uses Socket Mode with an app token, HTTP with a signing secret and PORT', () => {
    expect(slackConfig(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }))?.transport).toEqual({ mode: 'socket', appToken: APP });
    expect(slackConfig(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '8080' }))?.transport).toEqual({ mode: 'http', signingSecret: SECRET, port: 8080 });
    expect(slackConfig(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }))?.transport).toMatchObject({ port: 3000 });
  });

  it('reads STUDYBOT_ADMINS and SLACK_API_URL', () => {
    const slack = slackConfig(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, STUDYBOT_ADMINS: 'U01, U02', SLACK_API_URL: 'http://127.0.0.1:9/api/' }));
    expect(slack).toMatchObject({ admins: ['U01', 'U02'], apiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('names the missing variable', () => {
    expect(() => slackConfig(loadConfig({ SLACK_BOT_TOKEN: BOT }))).toThrow(/SLACK_APP_TOKEN or SLACK_SIGNING_SECRET/);
    expect(() => slackConfig(loadConfig({ SLACK_APP_TOKEN: APP }))).toThrow(/SLACK_BOT_TOKEN: required/);
    expect(() => slackConfig(loadConfig({ SLACK_SIGNING_SECRET: SECRET }))).toThrow(ConfigError);
  });

  it('rejects malformed values without echoing them', () => {
    let message = '';
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret', SLACK_APP_TOKEN: 'nope-secret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SLACK_BOT_TOKEN: .*xoxb-/);
    expect(message).toMatch(/SLACK_APP_TOKEN: .*xapp-/);
    expect(message).not.toContain('secret');
  });
});

describe('Slack start-up against a fake Web API', () => {
  const fake = new FakeSlackApi();
  beforeAll(() => fake.start());
  afterAll(() => fake.close());

  it('a token Slack rejects (invalid_auth) fails start() with a clear error, and nothing listens', async () => {
    const { log } = memoryLogger();
    const adapter = new SlackAdapter({
      bot: createBot({ search: new SearchIndex([]), settings: memorySettings() }),
      log,
      botToken: 'xoxb-wrong',
      transport: { mode: 'http', signingSecret: SECRET, port: 0, host: '127.0.0.1' },
      apiUrl: fake.apiUrl,
      retries: 0,
    });
    await expect(adapter.start()).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
    expect(adapter.eventsUrl).toBeNull();
    expect(fake.callsOf('auth.test').map((c) => c.token)).toEqual(['xoxb-wrong']);
  });

  it('an unreachable Web API fails start() saying so, at once (no retries)', async () => {
    const down = new FakeSlackApi();
    await down.start();
    const apiUrl = down.apiUrl;
    await down.close();
    const adapter = new SlackAdapter({
      bot: createBot({ search: new SearchIndex([]), settings: memorySettings() }),
      log: memoryLogger().log,
      botToken: BOT,
      transport: { mode: 'http', signingSecret: SECRET, port: 0, host: '127.0.0.1' },
      apiUrl,
      retries: 0,
    });
    await expect(adapter.start()).rejects.toThrow(/could not reach the Slack Web API/);
  });
});
