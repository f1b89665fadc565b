import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberOf } from '../../src/core/member.ts';
import { CHOICE_LETTERS } from '../../src/questions/schema.ts';
import { userId } from '../../src/core/types.ts';
import { pickCard, type CardRecord } from '../../src/quiz/picker.ts';
import { CHANNEL, only, say, shippedBank, testRuntime } from '../helpers/runtime.ts';

const DAY = 86_400_000;
const cards = new Map(shippedBank().cards.map((c) => [c.id, c]));
const member = (who: string) => memberOf(CHANNEL, userId('test', who));
const answerFor = (cardId: string, right: boolean) => {
  const quiz = cards.get(cardId)!.quiz;
  if (quiz.type === 'numeric') return String(right ? quiz.value : quiz.value * 10 + 1000);
  return right ? quiz.correct : CHOICE_LETTERS.find((l) => l !== quiz.correct)!;
};

describe('channel quizzes feed members’ memory, and the daily pick aims at what the channel forgets', () => {
  let t: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => (t = await testRuntime()));
  afterAll(() => t.cleanup());

  it('a quiz answer updates the member’s card state (wrong → Again, right → Good), and /stats shows the memory rows', async () => {
    const question = only(await say(t.runtime, '/quiz'), 'question');
    const cardId = question.round.cardId;
    await say(t.runtime, `/answer ${answerFor(cardId, true)}`, 'alice');
    await say(t.runtime, `/answer ${answerFor(cardId, false)}`, 'bob');
    const [aliceLog] = await t.runtime.store.memory.logOf(member('alice'));
    const [bobLog] = await t.runtime.store.memory.logOf(member('bob'));
    expect(aliceLog).toMatchObject({ card_id: cardId, rating: 'good', source: 'quiz' });
    expect(bobLog).toMatchObject({ card_id: cardId, rating: 'again', source: 'quiz' });
    // A repeated answer is not graded twice.
    await say(t.runtime, `/answer ${answerFor(cardId, false)}`, 'alice');
    expect(await t.runtime.store.memory.reviewCount(member('alice'))).toBe(1);

    t.clock.advance(DAY);
    const stats = only(await say(t.runtime, '/stats', 'bob'), 'stats').stats;
    expect(stats.memory).toMatchObject({ dueNow: 1, dueWeek: 1, reviews: 1, seen: 1, mastered: 0, lapseTopics: [] });
    expect(stats.memory!.retention).toBeGreaterThan(0);
    expect(stats.memory!.retention).toBeLessThan(1);
    // Someone who only reviewed privately has stats too.
    await t.runtime.memory.grade(member('carol'), 'dropout', 'again', 'review', t.clock.now().getTime() - DAY);
    const carol = only(await say(t.runtime, '/stats', 'carol'), 'stats').stats;
    expect(carol).toMatchObject({ answered: 0, memory: { dueNow: 1, reviews: 1 } });
    const text = (await import('../../src/core/plain-text.ts')).renderPlainText({ ...only(await say(t.runtime, '/stats', 'carol'), 'stats'), lang: 'en' });
    expect(text).toMatch(/Due now: 1\nDue in 7 days: 1/);
    expect(text).toMatch(/Retention: \d+%/);
  });

  it('the daily pick goes to the card the channel’s members remember worst, not the one answered worst', async () => {
    const channel = 'test:guild:aim' as typeof CHANNEL;
    const opts = { conversation: channel };
    await say(t.runtime, '/quiz topics rnn', 'mod', { admin: true, conversation: channel });
    const rnn = shippedBank().cards.filter((c) => c.tags.includes('rnn'));
    const members = ['ann', 'ben', 'cat'];
    const posted: string[] = [];
    for (let i = 0; i < rnn.length; i++) {
      const q = only(await say(t.runtime, '/quiz', 'mod', opts), 'question');
      posted.push(q.round.cardId);
      // The second card posted is the only one the channel got wrong.
      for (const who of members) await say(t.runtime, `/answer ${answerFor(q.round.cardId, i !== 1)}`, who, opts);
      await say(t.runtime, '/quiz close', 'mod', { admin: true, conversation: channel });
      t.clock.advance(60_000);
    }
    expect(new Set(posted).size).toBe(rnn.length); // unseen cards first
    const [, learned, forgotten] = posted as [string, string, string];
    // Since then the members drilled the card they got wrong, and forgot the third one.
    for (const who of members) {
      let now = t.clock.now().getTime();
      for (let k = 0; k < 4; k++) now = (await t.runtime.memory.grade(memberOf(channel, userId('test', who)), learned, 'good', 'review', now)).after.due;
      await t.runtime.memory.grade(memberOf(channel, userId('test', who)), forgotten, 'again', 'review', t.clock.now().getTime());
    }
    t.clock.advance(3 * DAY);
    const next = only(await say(t.runtime, '/quiz', 'mod', opts), 'question');
    expect(next.round.cardId).toBe(forgotten);
    // The old rule (lowest share answered right) would have picked the other one.
    const history = new Map(posted.map((id, i) => [id, { answered: 3, correct: i === 1 ? 0 : 3, lastPostedSeq: i + 1 }]));
    expect(pickCard(shippedBank().cards, history, ['rnn'], 'x')?.id).toBe(learned);
  });
});

describe('pickCard', () => {
  const bank = shippedBank().cards;
  const seen = (ids: string[]) => new Map<string, CardRecord>(ids.map((id, i) => [id, { answered: 2, correct: 1, lastPostedSeq: i + 1 }]));

  it('keeps unseen cards first, honours topics, and is reproducible from its seed', () => {
    const cnn = bank.filter((c) => c.tags.includes('cnn'));
    const history = seen(cnn.slice(1).map((c) => c.id));
    expect(pickCard(bank, history, ['cnn'], 's1', new Map())?.id).toBe(cnn[0]!.id);
    const a = pickCard(bank, new Map(), ['cnn'], 'seed-x');
    expect(pickCard(bank, new Map(), ['cnn'], 'seed-x')?.id).toBe(a?.id);
    expect(a?.tags).toContain('cnn');
  });

  it('among seen cards takes the lowest mean retrievability, not the worst share', () => {
    const rnn = bank.filter((c) => c.tags.includes('rnn'));
    const history = seen(rnn.map((c) => c.id));
    const retention = new Map(rnn.map((c, i) => [c.id, 0.9 - i * 0.01]));
    retention.set(rnn[3]!.id, 0.2);
    expect(pickCard(bank, history, ['rnn'], 'any', retention)?.id).toBe(rnn[3]!.id);
    for (const seed of ['a', 'b', 'c']) expect(pickCard(bank, history, ['rnn'], seed, retention)?.id).toBe(rnn[3]!.id);
  });
});
