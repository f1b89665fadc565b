import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { conversationId, userId, type ConversationId, type Incoming, type Reply } from '../../src/core/types.ts';
import { DEFAULT_PACK_DIR, loadBank, packFilesIn } from '../../src/questions/bank.ts';
import type { Card } from '../../src/questions/schema.ts';
import { SearchIndex } from '../../src/questions/search.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { testDatabase } from './databases.ts';

let cached: { cards: Card[]; search: SearchIndex } | undefined;

/** The shipped bank, loaded once per test file. */
export function shippedBank(): { cards: Card[]; search: SearchIndex } {
  if (!cached) {
    const bank = loadBank(packFilesIn(DEFAULT_PACK_DIR));
    cached = { cards: bank.cards, search: new SearchIndex(bank.cards) };
  }
  return cached;
}

/** A settable clock for tests. */
export interface TestClock {
  now: () => Date;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function testClock(start = '2027-01-04T01:00:00Z'): TestClock {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), set: (iso) => void (t = new Date(iso).getTime()), advance: (ms) => void (t += ms) };
}

/** A fresh temp folder with a database path in it; `cleanup` removes it. */
export function tempDatabase(): { url: string; path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'studybot-test-'));
  const path = join(dir, 'studybot.db');
  return { url: `sqlite:${path}`, path, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A runtime with the shipped bank and a fixed clock, on a fresh database of this file's dialect
 * (a real SQLite file, or a real PostgreSQL database in the `postgres` project) unless `url` is given.
 */
export async function testRuntime(options: { url?: string; clock?: TestClock; env?: Record<string, string>; scheduleResyncMs?: number } = {}) {
  const db = options.url ? undefined : await testDatabase();
  const clock = options.clock ?? testClock();
  const config = loadConfig({ DATABASE_URL: options.url ?? db!.url, LOG_LEVEL: 'silent', STUDYBOT_LANG: 'en', ...options.env });
  const runtime: Runtime = await createRuntime({ config, log: pino({ level: 'silent' }), ...shippedBank(), clock: clock.now, sweepMs: 0, reminderMs: 0, seed: 'test', ...(options.scheduleResyncMs === undefined ? {} : { scheduleResyncMs: options.scheduleResyncMs }) });
  return {
    runtime,
    clock,
    cleanup: async () => {
      await runtime.close();
      await db?.cleanup();
    },
  };
}

/** The conversation most tests talk in. */
export const CHANNEL: ConversationId = conversationId('test', 'guild', 'channel');

/** Says something in a conversation as a member, the way an adapter would pass it on. */
export function say(runtime: Runtime, text: string, who = 'alice', opts: { admin?: boolean; conversation?: ConversationId } = {}): Promise<Reply[]> {
  const incoming: Incoming = {
    conversation: opts.conversation ?? CHANNEL,
    sender: { id: userId('test', who), name: who, isAdmin: opts.admin ?? false },
    action: { kind: 'command', text },
  };
  return runtime.bot.handle(incoming);
}

/** Presses an answer button. */
export function click(runtime: Runtime, roundId: string, choice: 'A' | 'B' | 'C' | 'D', who = 'alice', conversation = CHANNEL): Promise<Reply[]> {
  return runtime.bot.handle({
    conversation,
    sender: { id: userId('test', who), name: who, isAdmin: false },
    action: { kind: 'choice', roundId, choice },
  });
}

/** The one reply of a kind in a list (fails the test when there is not exactly one). */
export function only<K extends Reply['kind']>(replies: Reply[], kind: K): Extract<Reply, { kind: K }> {
  const found = replies.filter((r) => r.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} reply, got ${JSON.stringify(replies.map((r) => r.kind))}`);
  return found[0] as Extract<Reply, { kind: K }>;
}
