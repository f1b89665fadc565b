import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, click, only, say, testClock, testRuntime } from '../helpers/runtime.ts';
import { testDatabase } from '../helpers/databases.ts';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { conversationId } from '../../src/core/types.ts';
import { SearchIndex } from '../../src/questions/search.ts';
import { createRuntime } from '../../src/runtime.ts';

let t: Awaited<ReturnType<typeof testRuntime>>;
beforeEach(async () => (t = await testRuntime()));
afterEach(() => t.cleanup());

/** Posts a round and returns it with the letter of its correct option (a choice card is forced by topic). */
async function postChoiceRound() {
  for (let i = 0; i < 50; i++) {
    const question = only(await say(t.runtime, '/quiz'), 'question');
    if (question.round.kind === 'choice') {
      const card = t.runtime.cards.find((c) => c.id === question.round.cardId)!;
      if (card.quiz.type !== 'choice') throw new Error('unreachable');
      return { round: question.round, correct: card.quiz.correct, wrong: card.quiz.correct === 'A' ? 'B' : 'A' } as const;
    }
    await say(t.runtime, '/quiz close', 'admin', { admin: true });
  }
  throw new Error('no choice card found');
}

describe('quiz rounds', () => {
  it('posts one open round per channel; a second /quiz points at it', async () => {
    const { round } = await postChoiceRound();
    expect(round.options).toHaveLength(4);
    const second = only(await say(t.runtime, '/quiz'), 'error');
    expect(second.text.en).toMatch(/already open/);
    expect(second.visibility).toBe('private');
  });

  it('one answer per member: a second click gets "you already answered B", not a second row', async () => {
    const { round, correct, wrong } = await postChoiceRound();
    const first = await click(t.runtime, round.roundId, correct, 'amy');
    expect(only(first, 'verdict')).toMatchObject({ correct: true, repeated: false, visibility: 'private' });
    expect(only(first, 'round-update').round.answeredCount).toBe(1);
    const again = only(await click(t.runtime, round.roundId, wrong, 'amy'), 'verdict');
    expect(again).toMatchObject({ repeated: true, answer: correct });
    expect(again.text.en).toBe(`You already answered ${correct}. One answer per round.`);
    expect(await t.runtime.store.answers.countForRound(round.roundId)).toBe(1);
  });

  it('the verdict does not spoil the explanation', async () => {
    const { round, wrong } = await postChoiceRound();
    const verdict = only(await click(t.runtime, round.roundId, wrong, 'amy'), 'verdict');
    const card = t.runtime.cards.find((c) => c.id === round.cardId)!;
    expect(verdict.text.en).not.toContain(card.quiz.explanation.en.slice(0, 30));
  });

  it('closing reveals answer, explanation, counts and the first correct member, exactly once', async () => {
    const { round, correct, wrong } = await postChoiceRound();
    await click(t.runtime, round.roundId, wrong, 'amy');
    t.clock.advance(1000);
    await click(t.runtime, round.roundId, correct, 'bob');
    t.clock.advance(1000);
    await click(t.runtime, round.roundId, correct, 'cat');
    expect(only(await say(t.runtime, '/quiz close', 'amy'), 'error').text.en).toMatch(/Only channel admins/);
    const closed = await say(t.runtime, '/quiz close', 'admin', { admin: true });
    const reveal = only(closed, 'reveal');
    expect(reveal).toMatchObject({ answered: 3, correctCount: 2, firstCorrect: 'bob', winners: ['bob', 'cat'], visibility: 'public' });
    expect(reveal.correctAnswer.en.startsWith(`${correct}. `)).toBe(true);
    expect(only(closed, 'round-update').round.status).toBe('closed');
    expect(await t.runtime.engine.close(round.roundId)).toEqual([]);
    expect(only(await click(t.runtime, round.roundId, correct, 'dan'), 'error').text.en).toMatch(/closed/);
  });

  it('rejects out-of-range options, non-numbers, unknown rounds and answers with no round', async () => {
    expect(only(await say(t.runtime, '/answer B'), 'error').text.en).toMatch(/no open round/);
    await postChoiceRound();
    expect(only(await say(t.runtime, '/answer E'), 'error').text.en).toMatch(/"E" is not an option/);
    expect(only(await click(t.runtime, 'no-such-round', 'A'), 'error').text.en).toMatch(/does not exist/);
  });

  it('/stats of someone who never answered says so, without echoing a platform id', async () => {
    expect(only(await say(t.runtime, '/stats ghost'), 'error').text.en).toBe('Nobody called "ghost" has answered in this channel.');
    expect(only(await say(t.runtime, '/stats test:u999'), 'error').text.en).toBe('That member has not answered in this channel yet.');
  });

  it('grades numeric cards with tolerance and refuses non-numbers', async () => {
    const numeric = t.runtime.cards.find((c) => c.id === 'conv-layer-parameter-count')!;
    expect(numeric.quiz.type).toBe('numeric');
    if (numeric.quiz.type !== 'numeric') return;
    await t.runtime.store.conversations.update(CHANNEL, { topics: numeric.tags[0]! });
    let question;
    for (let i = 0; i < 80; i++) {
      question = only(await say(t.runtime, '/quiz'), 'question');
      if (question.round.cardId === numeric.id) break;
      await say(t.runtime, '/quiz close', 'admin', { admin: true });
    }
    expect(question!.round.cardId).toBe(numeric.id);
    expect(only(await say(t.runtime, '/answer lots'), 'error').text.en).toMatch(/needs a number/);
    const value = numeric.quiz.value.toLocaleString('en-US');
    expect(only(await say(t.runtime, `/answer ${value}`, 'amy'), 'verdict').correct).toBe(true);
    expect(only(await say(t.runtime, `/answer ${numeric.quiz.value + numeric.quiz.tolerance + 1}`, 'bob'), 'verdict').correct).toBe(false);
  });

  it('the deadline closes a round, and a restart closes overdue rounds exactly once', async () => {
    const db = await testDatabase();
    const clock = testClock();
    const first = await testRuntime({ url: db.url, clock });
    const { round } = { round: only(await say(first.runtime, '/quiz'), 'question').round };
    expect(round.closesAt.getTime() - round.postedAt.getTime()).toBe(8 * 3_600_000);
    await first.cleanup();
    clock.advance(9 * 3_600_000);
    const second = await testRuntime({ url: db.url, clock });
    const out = await second.runtime.engine.closeOverdue();
    expect(out.filter((o) => o.kind === 'reveal')).toHaveLength(1);
    expect(await second.runtime.engine.closeOverdue()).toEqual([]);
    await second.cleanup();
    await db.cleanup();
  });

  it('a round whose card left the bank (pack removed) answers clearly and still closes once', async () => {
    const db = await testDatabase();
    const clock = testClock();
    const first = await testRuntime({ url: db.url, clock });
    const round = only(await say(first.runtime, '/quiz'), 'question').round;
    await first.cleanup();
    const cards = first.runtime.cards.filter((c) => c.id !== round.cardId);
    const later = await createRuntime({ config: loadConfig({ DATABASE_URL: db.url, STUDYBOT_LANG: 'en' }), log: pino({ level: 'silent' }), search: new SearchIndex(cards), cards, clock: clock.now, sweepMs: 0 });
    expect(only(await say(later, '/answer A'), 'error').text.en).toContain(`"${round.cardId}") is no longer in the bank`);
    clock.advance(9 * 3_600_000);
    const closed = await later.engine.closeOverdue();
    expect(closed).toMatchObject([{ kind: 'text', conversation: CHANNEL }]);
    expect(await later.engine.closeOverdue()).toEqual([]);
    expect(only(await say(later, '/quiz'), 'question').round.cardId).not.toBe(round.cardId);
    await later.close();
    await db.cleanup();
  });

  it('posting the next round closes and reveals the previous one (daily post)', async () => {
    const out = await t.runtime.engine.post(CHANNEL);
    const firstRound = only(out as never, 'question' as never) as { round: { roundId: string } };
    const next = await t.runtime.engine.post(CHANNEL, { replaceOpen: true });
    expect(next.map((o) => o.kind)).toEqual(['round-update', 'reveal', 'question']);
    expect((next[1] as { round: { roundId: string } }).round.roundId).toBe(firstRound.round.roundId);
  });

  it('picks unseen cards first, reproducibly for the same seed', async () => {
    const other = conversationId('test', 'g', 'other');
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const q = only(await say(t.runtime, '/quiz', 'amy', { conversation: other }), 'question');
      expect(seen.has(q.round.cardId)).toBe(false);
      seen.add(q.round.cardId);
      await say(t.runtime, '/quiz close', 'admin', { admin: true, conversation: other });
    }
    const again = await testRuntime();
    const replay: string[] = [];
    for (let i = 0; i < 10; i++) {
      replay.push(only(await say(again.runtime, '/quiz', 'amy', { conversation: other }), 'question').round.cardId);
      await say(again.runtime, '/quiz close', 'admin', { admin: true, conversation: other });
    }
    await again.cleanup();
    expect(replay).toEqual([...seen]);
  });

  it('a topic filter limits picks and rejects unknown topics', async () => {
    expect(only(await say(t.runtime, '/quiz topics nonsense-topic', 'admin', { admin: true }), 'error').text.en).toMatch(/Unknown topics: nonsense-topic/);
    const topic = t.runtime.cards[0]!.tags[0]!;
    await say(t.runtime, `/quiz topics ${topic}`, 'admin', { admin: true });
    for (let i = 0; i < 5; i++) {
      const q = only(await say(t.runtime, '/quiz'), 'question');
      expect(t.runtime.cards.find((c) => c.id === q.round.cardId)!.tags).toContain(topic);
      await say(t.runtime, '/quiz close', 'admin', { admin: true });
    }
  });
});
