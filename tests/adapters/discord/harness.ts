import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { createDiscordAdapter } from '../../../src/adapters/discord/setup.ts';
import type { DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import type { Runtime } from '../../../src/runtime.ts';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord, snowflake, type FakeGuild, type FakeMember } from '../../fakes/discord-fake.ts';
import { testRuntime, type TestClock } from '../../helpers/runtime.ts';

/** Log lines the adapter wrote, with a way to wait for one. */
export class LogSink {
  readonly lines: { msg: string; level: number }[] = [];
  #waiters: { msg: string; resolve: () => void }[] = [];
  readonly logger: Logger = pino(
    { level: 'warn' },
    new Writable({
      write: (chunk: Buffer, _enc, done) => {
        for (const raw of String(chunk).split('\n').filter(Boolean)) {
          const line = JSON.parse(raw) as { msg: string; level: number };
          this.lines.push(line);
          this.#waiters = this.#waiters.filter((w) => (line.msg === w.msg ? (w.resolve(), false) : true));
        }
        done();
      },
    }),
  );

  /** Resolves once a line with this message was logged. */
  waitFor(msg: string): Promise<void> {
    if (this.lines.some((l) => l.msg === msg)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ msg, resolve }));
  }
}

/** A guild with two text channels. */
export function makeGuild(name = 'study group'): FakeGuild {
  return { id: snowflake(), name, channels: [snowflake(), snowflake()] };
}

/** A member; `admin` gives Manage Channels. */
export function member(name: string, admin = false): FakeMember {
  return { id: snowflake(), name, ...(admin ? { permissions: String(1 << 4) } : {}) };
}

/** The running bot under test, its fake Discord and its runtime. */
export interface DiscordBotUnderTest {
  fake: FakeDiscord;
  runtime: Runtime;
  adapter: DiscordAdapter;
  logs: LogSink;
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * Starts a fake Discord and the bot against it, configured the way `studybot start` configures it
 * (DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_API_URL through the config), on a temporary database.
 */
export async function startBot(options: { guilds: FakeGuild[]; deferAfterMs?: number }): Promise<DiscordBotUnderTest> {
  const fake = await FakeDiscord.start(options.guilds);
  const { runtime, clock, cleanup } = await testRuntime({ env: { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APP_ID: FAKE_APP_ID, DISCORD_API_URL: fake.apiUrl } });
  const logs = new LogSink();
  const adapter = createDiscordAdapter({ ...runtime, log: logs.logger, ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}) });
  if (!adapter) throw new Error('the Discord adapter was not configured');
  runtime.adapters.push(adapter);
  await adapter.start();
  return {
    fake,
    runtime,
    adapter,
    logs,
    clock,
    close: async () => {
      await adapter.stop();
      await fake.close();
      await cleanup();
    },
  };
}
