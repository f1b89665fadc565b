import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, Rating, type Card as FsrsCard, type Grade } from 'ts-fsrs';
import type { MemberId } from '../../src/core/member.ts';
import { MemoryBook } from '../../src/review/memory.ts';
import { retrievability } from '../../src/review/fsrs.ts';
import { openDatabase, type Db } from '../../src/store/db.ts';
import { MemoryRepo } from '../../src/store/memory-repo.ts';
import { testDatabase, testDialect } from '../helpers/databases.ts';

const ALICE = 'test:guild:alice' as MemberId;
const BOB = 'test:guild:bob' as MemberId;
const T0 = Date.parse('2027-01-04T01:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function open(url?: string): Promise<{ db: Db; book: MemoryBook; repo: MemoryRepo; url: string }> {
  let dbUrl = url;
  if (!dbUrl) {
    const temp = await testDatabase();
    cleanups.push(temp.cleanup);
    dbUrl = temp.url;
  }
  const db = await openDatabase(dbUrl);
  cleanups.push(() => db.close());
  const repo = new MemoryRepo(db.kysely, db.dialect);
  return { db, repo, book: new MemoryBook(repo), url: dbUrl };
}

describe(`review memory (FSRS through the store, on a real ${testDialect() === 'postgres' ? 'PostgreSQL database' : 'SQLite file'})`, () => {
  it('stores exactly what ts-fsrs computes for a fixed answer sequence on a fixed clock', async () => {
    const { book, repo } = await open();
    // The expectation comes from ts-fsrs itself, fed the same answers at the same instants.
    const reference = fsrs({ enable_fuzz: false });
    let expected: FsrsCard = createEmptyCard(new Date(T0));
    const sequence: [('again' | 'hard' | 'good' | 'easy'), Grade][] = [
      ['good', Rating.Good], ['good', Rating.Good], ['good', Rating.Good], ['again', Rating.Again],
      ['good', Rating.Good], ['hard', Rating.Hard], ['easy', Rating.Easy], ['good', Rating.Good],
    ];
    let now = T0;
    for (const [rating, grade] of sequence) {
      expected = reference.next(expected, new Date(now), grade).card;
      await book.grade(ALICE, 'dropout', rating, 'review', now);
      const stored = (await repo.get(ALICE, 'dropout'))!;
      expect(stored.due).toBe(expected.due.getTime());
      expect(stored.stability).toBeCloseTo(expected.stability, 10);
      expect(stored.difficulty).toBeCloseTo(expected.difficulty, 10);
      expect([stored.phase, stored.reps, stored.lapses, stored.last_review]).toEqual([expected.state, expected.reps, expected.lapses, now]);
      now = expected.due.getTime(); // answer each time it falls due
    }
    const log = await repo.logOf(ALICE);
    expect(log.map((l) => l.rating)).toEqual(sequence.map(([r]) => r));
    expect(log[0]!.prior).toBeNull();
    expect(JSON.parse(log[1]!.prior!)).toMatchObject({ reps: 1 });
  });

  it('right answers make the interval grow; a wrong one brings the card back within minutes', async () => {
    const { book } = await open();
    let now = T0;
    const intervals: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { after } = await book.grade(ALICE, 'l1-vs-l2', 'good', 'review', now);
      intervals.push(after.due - now);
      now = after.due;
    }
    // Past the learning steps (1 and 10 minutes), every interval is longer than the one before.
    for (let i = 2; i < intervals.length; i++) expect(intervals[i]!).toBeGreaterThan(intervals[i - 1]!);
    expect(intervals.at(-1)!).toBeGreaterThan(20 * DAY);
    const { after } = await book.grade(ALICE, 'l1-vs-l2', 'again', 'review', now);
    expect(after.due - now).toBeLessThanOrEqual(10 * MIN);
    expect(after.lapses).toBe(1);
    expect(retrievability(after, now + 30 * DAY)).toBeLessThan(retrievability(after, now + DAY));
  });

  it('Hard or Easy after a right answer re-rates that answer as ts-fsrs would have', async () => {
    const { book, repo } = await open();
    await book.grade(ALICE, 'dropout', 'good', 'review', T0);
    const first = (await repo.get(ALICE, 'dropout'))!;
    const { logId } = await book.grade(ALICE, 'dropout', 'good', 'review', first.due);
    const easy = await book.rerate(logId, ALICE, 'easy');
    const reference = fsrs({ enable_fuzz: false });
    const card1 = reference.next(createEmptyCard(new Date(T0)), new Date(T0), Rating.Good).card;
    const card2 = reference.next(card1, card1.due, Rating.Easy).card;
    expect(easy?.due).toBe(card2.due.getTime());
    expect((await repo.get(ALICE, 'dropout'))!.due).toBe(card2.due.getTime());
    expect((await repo.logOf(ALICE)).map((l) => l.rating)).toEqual(['good', 'easy']);
    // Someone else cannot re-rate it, and a review that is no longer the latest cannot be re-rated.
    expect(await book.rerate(logId, BOB, 'hard')).toBeNull();
    await book.grade(ALICE, 'dropout', 'good', 'review', card2.due.getTime());
    expect(await book.rerate(logId, ALICE, 'hard')).toBeNull();
  });

  it('a restart keeps every member’s state', async () => {
    const first = await open();
    await first.book.grade(ALICE, 'dropout', 'good', 'quiz', T0);
    await first.book.grade(ALICE, 'batch-norm-benefits', 'again', 'review', T0 + MIN);
    const before = await first.repo.ofMember(ALICE);
    await first.db.close();
    const again = await open(first.url);
    expect(await again.repo.ofMember(ALICE)).toEqual(before);
    expect(await again.repo.reviewCount(ALICE)).toBe(2);
  });

  it('two members’ memories are independent', async () => {
    const { book, repo } = await open();
    await book.grade(ALICE, 'dropout', 'good', 'review', T0);
    await book.grade(ALICE, 'dropout', 'good', 'review', T0 + DAY);
    await book.grade(BOB, 'dropout', 'again', 'review', T0);
    const alice = (await repo.get(ALICE, 'dropout'))!;
    const bob = (await repo.get(BOB, 'dropout'))!;
    expect(alice.reps).toBe(2);
    expect(bob.reps).toBe(1);
    expect(bob.due).toBeLessThan(alice.due);
    expect(await repo.mostOverdue(BOB, T0 + DAY, null)).toMatchObject({ card_id: 'dropout' });
    expect(await repo.mostOverdue(ALICE, T0 + DAY + MIN, null)).toBeUndefined();
  });

  it('racing answers to the same card both land, one after the other (compare-and-set, no lost update)', async () => {
    const { book, repo } = await open();
    await Promise.all(Array.from({ length: 8 }, (_, i) => book.grade(ALICE, 'dropout', 'good', 'review', T0 + i)));
    expect((await repo.get(ALICE, 'dropout'))!.reps).toBe(8);
    expect(await repo.reviewCount(ALICE)).toBe(8);
  });
});
