import { afterEach, describe, expect, it } from 'vitest';
import { conversationId, userId, type ConversationId } from '../../src/core/types.ts';
import { memberOf } from '../../src/core/member.ts';
import { nextMemory } from '../../src/review/memory.ts';
import { AnswerWriter, type AnswerLearning } from '../../src/quiz/answer-writer.ts';
import { openDatabase } from '../../src/store/db.ts';
import type { AnswerRow } from '../../src/store/answers-repo.ts';
import { MemoryRepo } from '../../src/store/memory-repo.ts';
import { createStore } from '../../src/store/store.ts';
import { testDialect } from '../helpers/databases.ts';
import { CHANNEL, click, only, say, testRuntime } from '../helpers/runtime.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function runtime() {
  const t = await testRuntime();
  cleanups.push(t.cleanup);
  return t;
}

/** The runtime's own rule: a channel answer rates the member's memory Good or Again. */
const learning: AnswerLearning = {
  memberOf: (a) => memberOf(a.conversation_id as ConversationId, a.user_id as Parameters<typeof memberOf>[1]),
  next: (prior, member, cardId, correct, at) => nextMemory(prior, member, cardId, correct ? 'good' : 'again', 'quiz', at),
};

function answerRow(roundId: string, conversation: ConversationId, who: string, at: number): AnswerRow {
  return { round_id: roundId, user_id: userId('test', who), conversation_id: conversation, user_name: who, answer: 'A', correct: 1, answered_at: at };
}

describe(`answers written in batches (${testDialect()})`, { timeout: 60_000 }, () => {
  it('one batch with a double click, a second member and an answer to a round closed elsewhere: each gets its own outcome', async () => {
    const t = await runtime();
    const other = conversationId('test', 'guild', 'other');
    const open = only(await say(t.runtime, '/quiz'), 'question').round;
    const closed = only(await say(t.runtime, '/quiz', 'alice', { conversation: other }), 'question').round;
    // Closed straight in the store, as another process would: nothing here knows.
    expect(await t.runtime.store.rounds.close(closed.roundId, t.clock.now().getTime())).toBe(true);
    const writer = new AnswerWriter(t.runtime.store.db, learning);
    const at = t.clock.now().getTime();
    // Submitted in one turn of the event loop: one batch, one transaction.
    const written = await Promise.all([
      writer.write({ cardId: open.cardId, answer: answerRow(open.roundId, CHANNEL, 'alice', at) }),
      writer.write({ cardId: open.cardId, answer: { ...answerRow(open.roundId, CHANNEL, 'alice', at + 1), answer: 'B' } }),
      writer.write({ cardId: open.cardId, answer: answerRow(open.roundId, CHANNEL, 'bob', at + 2) }),
      writer.write({ cardId: closed.cardId, answer: answerRow(closed.roundId, other, 'carol', at + 3) }),
    ]);
    expect(written.map((w) => w.outcome)).toEqual(['created', 'repeated', 'created', 'closed']);
    // The double click finds the first answer stored, not its own.
    expect(written[1]).toMatchObject({ stored: { answer: 'A', answered_at: at } });
    // Every recorded answer reports the count as stored after the batch.
    expect(written.slice(0, 3).map((w) => (w.outcome === 'closed' ? -1 : w.round.answered))).toEqual([2, 2, 2]);
    expect(await t.runtime.store.answers.countForRound(open.roundId)).toBe(2);
    expect((await t.runtime.store.rounds.byId(open.roundId))!.answered).toBe(2);
    expect((await t.runtime.store.rounds.byId(closed.roundId))!.answered).toBe(0);
    expect(await t.runtime.store.answers.countForRound(closed.roundId)).toBe(0);
    // A later batch: alice again (already stored, so not counted twice) and a new member.
    const later = await Promise.all([
      writer.write({ cardId: open.cardId, answer: answerRow(open.roundId, CHANNEL, 'alice', at + 10) }),
      writer.write({ cardId: open.cardId, answer: answerRow(open.roundId, CHANNEL, 'dave', at + 11) }),
    ]);
    expect(later.map((w) => (w.outcome === 'closed' ? 'closed' : `${w.outcome} ${w.round.answered}`))).toEqual(['repeated 3', 'created 3']);
    expect((await t.runtime.store.rounds.byId(open.roundId))!.answered).toBe(3);
    // Memory learned in the same transaction: one log row per recorded answer, none for the refused one.
    const member = (who: string, conversation = CHANNEL) => memberOf(conversation, userId('test', who));
    expect(await t.runtime.store.memory.reviewCount(member('alice'))).toBe(1);
    expect(await t.runtime.store.memory.reviewCount(member('bob'))).toBe(1);
    expect(await t.runtime.store.memory.reviewCount(member('carol', other))).toBe(0);
    expect((await t.runtime.store.memory.get(member('alice'), open.cardId))!.reps).toBe(1);
  });

  it('a click on a round another process closed is refused as closed, though this process saw it open', async () => {
    const t = await runtime();
    let round = only(await say(t.runtime, '/quiz'), 'question').round;
    // Buttons need a choice question: close and post again until one comes up.
    while (round.kind !== 'choice') {
      await t.runtime.engine.close(round.roundId);
      round = only(await say(t.runtime, '/quiz'), 'question').round;
    }
    expect(only(await click(t.runtime, round.roundId, 'A', 'alice'), 'verdict').repeated).toBe(false);
    await createStore(t.runtime.store.db).rounds.close(round.roundId, t.clock.now().getTime());
    expect(only(await click(t.runtime, round.roundId, 'B', 'bob'), 'error').text.en).toMatch(/round is closed/);
    expect(await t.runtime.store.answers.countForRound(round.roundId)).toBe(1);
  });

  it('a member answering the same card in two channels in one batch: the second answer builds on the first', async () => {
    const t = await runtime();
    const second = conversationId('test', 'guild', 'second');
    const a = only(await say(t.runtime, '/quiz'), 'question').round;
    const b = only(await say(t.runtime, '/quiz', 'alice', { conversation: second }), 'question').round;
    const writer = new AnswerWriter(t.runtime.store.db, learning);
    const at = t.clock.now().getTime();
    // Both rounds are treated as asking one card: what matters is the member's memory of it.
    const written = await Promise.all([
      writer.write({ cardId: 'dropout', answer: answerRow(a.roundId, CHANNEL, 'alice', at) }),
      writer.write({ cardId: 'dropout', answer: answerRow(b.roundId, second, 'alice', at + 60_000) }),
    ]);
    expect(written.map((w) => w.outcome)).toEqual(['created', 'created']);
    const alice = memberOf(CHANNEL, userId('test', 'alice'));
    const once = nextMemory(undefined, alice, 'dropout', 'good', 'quiz', at).state;
    const twice = nextMemory(once, alice, 'dropout', 'good', 'quiz', at + 60_000).state;
    expect(await t.runtime.store.memory.get(alice, 'dropout')).toEqual(twice);
    const log = await t.runtime.store.memory.logOf(alice);
    expect(log).toHaveLength(2);
    expect(JSON.parse(log[1]!.prior!)).toMatchObject({ reps: 1 });
  });

  it('a card another process gives the member meanwhile is built on, not overwritten', async () => {
    const t = await runtime();
    const round = only(await say(t.runtime, '/quiz'), 'question').round;
    const alice = memberOf(CHANNEL, userId('test', 'alice'));
    const at = t.clock.now().getTime();
    // "Another process": its own connection, holding a transaction that creates alice's memory of the card.
    const otherDb = await openDatabase(t.runtime.config.DATABASE_URL);
    cleanups.push(() => otherDb.close());
    let commit!: () => void;
    const gate = new Promise<void>((r) => (commit = r));
    const inserted = new Promise<void>((started) => {
      void otherDb.kysely.transaction().execute(async (trx) => {
        const repo = new MemoryRepo(trx, otherDb.dialect);
        const first = nextMemory(undefined, alice, round.cardId, 'again', 'review', at - 1000);
        await repo.apply([{ member_id: alice, card_id: round.cardId, next: () => first }]);
        started();
        await gate;
      });
    });
    await inserted;
    const writing = new AnswerWriter(t.runtime.store.db, learning).write({ cardId: round.cardId, answer: answerRow(round.roundId, CHANNEL, 'alice', at) });
    await new Promise((r) => setTimeout(r, 300)); // the batch is now waiting for the other transaction
    commit();
    expect((await writing).outcome).toBe('created');
    const log = await t.runtime.store.memory.logOf(alice);
    expect(log.map((l) => [l.source, l.rating])).toEqual([['review', 'again'], ['quiz', 'good']]);
    expect((await t.runtime.store.memory.get(alice, round.cardId))!.reps).toBe(2);
  });
});
