import { Writable } from 'node:stream';
import { pino } from 'pino';
import { SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import type { Bot } from '../../../src/core/bot.ts';
import type { Logger } from '../../../src/log.ts';
import { FakeSlackApi } from '../../fakes/slack-api.ts';
import { buttonClickBody, slashCommandBody, type SlackOrigin } from '../../fakes/slack-payloads.ts';
import { sendSigned, type SlackHttpAnswer } from '../../fakes/slack-signer.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** A member of the fake workspace. */
export interface Who {
  user: string;
  name: string;
  channel?: string;
}

/** One log line the adapter wrote. */
export type LogLine = Record<string, unknown> & { msg?: string; level: number };

/** A running Slack adapter in HTTP mode, wired to a fake Web API, with helpers to act as Slack. */
export interface SlackHarness {
  fake: FakeSlackApi;
  adapter: SlackAdapter;
  logs: LogLine[];
  /** Sends `/study <text>` signed by default; resolves with the HTTP answer once the bot is idle again. */
  study(text: string, who: Who, sign?: { timestamp?: number; signature?: string; secret?: string }): Promise<SlackHttpAnswer>;
  /** Sends `/study <text>` signed and resolves with the HTTP answer at once, without waiting for the work. */
  send(text: string, who: Who): Promise<SlackHttpAnswer>;
  /** Clicks a button of a message; resolves once the bot is idle again. */
  click(actionId: string, messageTs: string, who: Who): Promise<SlackHttpAnswer>;
  /** Clicks a button and resolves with the HTTP answer at once, without waiting for the work. */
  clickNow(actionId: string, messageTs: string, who: Who): Promise<SlackHttpAnswer>;
  close(): Promise<void>;
}

export const CHANNEL = 'C0GENERAL';

/** A logger that keeps its lines in memory, so tests can check what was logged. */
export function memoryLogger(): { log: Logger; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), logs };
}

/** Starts a fake Slack and the adapter (HTTP mode on 127.0.0.1, no Web API retries). */
export async function startSlackHarness(bot: Bot, options: { admins?: string[] } = {}): Promise<SlackHarness> {
  const fake = new FakeSlackApi();
  await fake.start();
  const { log, logs } = memoryLogger();
  const adapter = new SlackAdapter({
    bot,
    log,
    botToken: fake.botToken,
    transport: { mode: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
    apiUrl: fake.apiUrl,
    admins: options.admins ?? [],
    retries: 0,
  });
  await adapter.start();
  const url = adapter.eventsUrl!;
  let requests = 0;
  const origin = (who: Who): SlackOrigin => ({
    teamId: fake.teamId,
    channelId: who.channel ?? CHANNEL,
    userId: who.user,
    userName: who.name,
    responseUrl: fake.responseUrl(`r${++requests}`),
  });
  return {
    fake,
    adapter,
    logs,
    async study(text, who, sign = {}) {
      const answer = await sendSigned(url, slashCommandBody('/study', text, origin(who)), {
        signingSecret: sign.secret ?? SIGNING_SECRET,
        ...(sign.timestamp !== undefined ? { timestamp: sign.timestamp } : {}),
        ...(sign.signature !== undefined ? { signature: sign.signature } : {}),
      });
      await adapter.idle();
      return answer;
    },
    send(text, who) {
      return sendSigned(url, slashCommandBody('/study', text, origin(who)), { signingSecret: SIGNING_SECRET });
    },
    async click(actionId, messageTs, who) {
      const value = actionId.slice(actionId.lastIndexOf(':') + 1);
      const answer = await sendSigned(url, buttonClickBody(actionId, value, messageTs, origin(who)), { signingSecret: SIGNING_SECRET });
      await adapter.idle();
      return answer;
    },
    clickNow(actionId, messageTs, who) {
      const value = actionId.slice(actionId.lastIndexOf(':') + 1);
      return sendSigned(url, buttonClickBody(actionId, value, messageTs, origin(who)), { signingSecret: SIGNING_SECRET });
    },
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}
