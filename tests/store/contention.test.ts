import { afterEach, describe, expect, it } from 'vitest';
import { conversationId } from '../../src/core/types.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/store.ts';
import { testDatabase, testDialect, type TestDatabase } from '../helpers/databases.ts';
import { only, say, testClock, testRuntime } from '../helpers/runtime.ts';
import { killAll, spawnTsx } from '../helpers/spawn.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  killAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function database(): Promise<TestDatabase> {
  const db = await testDatabase();
  cleanups.push(() => db.cleanup());
  return db;
}

/** Several runtimes on one database: on SQLite each has its own connection, like separate processes. */
async function runtimes(url: string, n: number) {
  const clock = testClock();
  const list = [];
  for (let i = 0; i < n; i++) {
    const t = await testRuntime({ url, clock });
    cleanups.push(() => t.cleanup());
    list.push(t.runtime);
  }
  return list;
}

describe(`store under contention (${testDialect()})`, { timeout: 60_000 }, () => {
  it('8 processes starting together on a new database all migrate it, once', async () => {
    const db = await database();
    const children = Array.from({ length: 8 }, () => spawnTsx('tests/store/fixtures/open-db.ts', [db.url]));
    const exits = await Promise.all(children.map((c) => c.exited));
    expect(children.map((c, i) => `${exits[i]!.code} ${c.stdout().trim()} ${c.stderr().trim()}`)).toEqual(Array(8).fill('0 ok '));
    const opened = await openDatabase(db.url);
    cleanups.push(() => opened.close());
    const names = await opened.kysely.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(names.map((r) => (r as { name: string }).name)).toEqual(['001-quiz', '002-reports', '003-schedules', '004-fleet-slot-leases', '013-reviews', '014-round-answer-counts']);
  });

  it('48 simultaneous /quiz in one channel from 4 processes: one round, 47 "already open", no failures', async () => {
    const db = await database();
    const bots = await runtimes(db.url, 4);
    const channel = conversationId('test', 'g', 'race');
    const replies = await Promise.all(Array.from({ length: 48 }, (_, i) => say(bots[i % 4]!, '/quiz', `m${i}`, { conversation: channel })));
    const kinds = replies.map((r) => r.map((x) => x.kind).join(','));
    expect(kinds.filter((k) => k === 'question')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'error')).toHaveLength(47);
    for (const r of replies) if (r[0]!.kind === 'error') expect(only(r, 'error').text.en).toMatch(/A round is already open/);
  });

  it('answers racing a close from another process: each is in the reveal or refused as closed', async () => {
    const db = await database();
    const [a, b] = await runtimes(db.url, 2);
    for (let trial = 0; trial < 8; trial++) {
      const channel = conversationId('test', 'g', `close-race-${trial}`);
      const round = only(await say(a!, '/quiz', 'admin', { conversation: channel }), 'question').round;
      const card = a!.cards.find((c) => c.id === round.cardId)!;
      const answer = card.quiz.type === 'choice' ? card.quiz.correct : String(card.quiz.value);
      const answering = Array.from({ length: 30 }, (_, i) => say(i % 2 ? a! : b!, `/answer ${answer}`, `m${i}`, { conversation: channel }));
      // The close lands somewhere in the middle of the burst.
      const closing = new Promise((r) => setTimeout(r, trial)).then(() => b!.engine.close(round.roundId));
      const [results, closed] = await Promise.all([Promise.all(answering), closing]);
      const reveal = closed.find((o) => o.kind === 'reveal') as { answered: number; winners: string[] } | undefined;
      expect(reveal).toBeDefined();
      const counted = results.filter((r) => r[0]?.kind === 'verdict').length;
      const refused = results.filter((r) => r[0]?.kind === 'error');
      for (const r of refused) expect(only(r, 'error').text).toMatchObject({ en: expect.stringMatching(/round is closed|no open round/), zh: expect.stringMatching(/结束|没有/) });
      expect(counted + refused.length).toBe(30);
      expect(reveal!.answered).toBe(counted);
      const store = createStore(a!.store.db);
      expect(await store.answers.countForRound(round.roundId)).toBe(counted);
    }
  });

  it('concurrent slot claims from many processes: exactly one winner per slot, no errors', async () => {
    const db = await database();
    const bots = await runtimes(db.url, 4);
    const claims = await Promise.all(
      Array.from({ length: 400 }, (_, i) => bots[i % 4]!.store.schedules.claim(`test:g:c${i % 100}`, 'question', 1_800_000_000_000, `p${i % 4}`, Date.now())),
    );
    expect(claims.filter(Boolean)).toHaveLength(100);
  });

  it('a claim whose process stopped renewing is taken over by exactly one other process after the lease', async () => {
    const db = await database();
    const bots = await runtimes(db.url, 3);
    const slot = 1_800_000_000_000;
    expect(await bots[0]!.store.schedules.claim('test:g:c1', 'question', slot, 'dead', 1_000)).toBe(true);
    // Not yet expired: nobody takes it.
    expect(await bots[1]!.store.schedules.takeOverExpired('p1', 1_000 + 59_000, 60_000)).toEqual([]);
    const won = await Promise.all(bots.map((b, i) => b.store.schedules.takeOverExpired(`p${i}`, 1_000 + 61_000, 60_000)));
    expect(won.flat()).toEqual([{ conversation_id: 'test:g:c1', kind: 'question', slot_at: slot }]);
    // The new holder renews; the old one cannot.
    const holder = `p${won.findIndex((w) => w.length === 1)}`;
    expect(await bots[0]!.store.schedules.renew('test:g:c1', 'question', slot, 'dead', 70_000)).toBe(false);
    expect(await bots[0]!.store.schedules.renew('test:g:c1', 'question', slot, holder, 70_000)).toBe(true);
  });
});
