import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { pino, type Logger } from 'pino';
import { createDiscordAdapter } from '../../../src/adapters/discord/setup.ts';
import type { DiscordAdapter } from '../../../src/adapters/discord/adapter.ts';
import type { Runtime } from '../../../src/runtime.ts';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord, snowflake, type FakeGuild, type FakeMember, type FakeMessage } from '../../fakes/discord-fake.ts';
import { conversationId } from '../../../src/core/types.ts';
import { say, testRuntime, type TestClock } from '../../helpers/runtime.ts';

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

/**
 * Runs `/quiz now` (as `poster`) until a choice round, with A–D buttons, is posted; a numeric round
 * is closed (by `admin`) and drawn again. Returns the question message and its round id.
 */
export async function postChoiceRound(bot: DiscordBotUnderTest, where: { guild: FakeGuild; channel: string; poster: FakeMember; admin: FakeMember }): Promise<{ message: FakeMessage; roundId: string }> {
  const { guild, channel, poster, admin } = where;
  for (let attempt = 0; attempt < 10; attempt++) {
    const token = bot.fake.command({ guild, channel, member: poster, name: 'quiz', subcommand: 'now' });
    const data = (await bot.fake.callback(token)).data as { embeds?: { title?: string }[]; components?: { components: { custom_id: string }[] }[] };
    expect(data.embeds?.[0]?.title).toMatch(/Quiz/);
    const button = data.components?.[0]?.components[0];
    if (button) return { message: bot.fake.state.originalMessage(token), roundId: /^quiz:(.+):A$/.exec(button.custom_id)![1]! };
    await bot.fake.callback(bot.fake.command({ guild, channel, member: admin, name: 'quiz', subcommand: 'close' }));
  }
  throw new Error('no choice round in 10 draws');
}

/**
 * Gives each guild's first channel a daily schedule whose slot passed a minute ago, in the store at
 * `url`: processes starting on it must catch up on every slot, each exactly once.
 */
export async function scheduleMissedSlots(url: string, guilds: readonly FakeGuild[]): Promise<void> {
  const { runtime, cleanup } = await testRuntime({ url });
  try {
    for (const g of guilds) {
      const conversation = conversationId('discord', g.id, g.channels[0]!);
      await say(runtime, '/schedule set 09:30 UTC', 'mod', { admin: true, conversation });
      await runtime.store.schedules.update(conversation, { next_slot_at: Date.now() - 60_000 });
    }
  } finally {
    await cleanup();
  }
}
