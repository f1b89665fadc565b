import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberOf } from '../../src/core/member.ts';
import { userId, type Reply } from '../../src/core/types.ts';
import { teachingOrder } from '../../src/review/queue.ts';
import { CHOICE_LETTERS, type Card } from '../../src/questions/schema.ts';
import { CHANNEL, only, say, shippedBank, testRuntime } from '../helpers/runtime.ts';

let t: Awaited<ReturnType<typeof testRuntime>>;
beforeAll(async () => (t = await testRuntime()));
afterAll(() => t.cleanup());

const MIN = 60_000;
const cards = new Map(shippedBank().cards.map((c) => [c.id, c]));
const member = (who: string) => memberOf(CHANNEL, userId('test', who));

function press(sessionId: string, step: number, p: 'A' | 'B' | 'C' | 'D' | 'next' | 'new' | 'hard' | 'easy', who = 'alice') {
  return t.runtime.bot.handle({ conversation: CHANNEL, sender: { id: userId('test', who), name: who, isAdmin: false }, action: { kind: 'review', sessionId, step, press: p } });
}
const rightLetter = (card: Card) => (card.quiz.type === 'choice' ? card.quiz.correct : 'A');
function wrongLetter(card: Card) {
  const quiz = card.quiz;
  return quiz.type === 'choice' ? CHOICE_LETTERS.find((l) => l !== quiz.correct)! : 'A';
}
const allPrivate = (replies: Reply[]) => expect(replies.every((r) => r.visibility === 'private')).toBe(true);

describe('/review: a private FSRS session in the core', () => {
  it('with nothing seen, says nothing is due and offers the new cards', async () => {
    const replies = await say(t.runtime, '/review');
    allPrivate(replies);
    const empty = only(replies, 'review-empty');
    expect(empty.nextDue).toBeNull();
    expect(empty.newCards).toBe(cards.size);
  });

  it('new cards come in teaching order; a right answer schedules, Hard re-rates, Next continues; all private', async () => {
    const empty = only(await say(t.runtime, '/review'), 'review-empty');
    const first = only(await press(empty.sessionId, empty.step, 'new'), 'review-card');
    const order = teachingOrder(shippedBank().cards);
    expect(first.card.cardId).toBe(order[0]!.id);
    expect(first.card.fresh).toBe(true);
    const card = cards.get(first.card.cardId)!;
    const result = only(await press(first.card.sessionId, first.card.step, rightLetter(card)), 'review-result');
    expect(result).toMatchObject({ correct: true, rating: 'good', canRate: true, visibility: 'private' });
    expect(result.comesBack.en).toBe('Comes back in 10 minutes');
    expect(result.comesBack.zh).toBe('10 分钟后复习');
    const hard = only(await press(result.sessionId, result.step, 'hard'), 'review-result');
    expect(hard).toMatchObject({ rating: 'hard', canRate: false });
    expect((await t.runtime.store.memory.logOf(member('alice'))).map((l) => l.rating)).toEqual(['hard']);
    // A second rating press is stale and changes nothing.
    expect(only(await press(result.sessionId, result.step, 'easy'), 'error').text.en).toMatch(/earlier card/);
    const next = only(await press(result.sessionId, result.step, 'next'), 'review-card');
    expect(next.card.cardId).toBe(order[1]!.id);
    const wrong = only(await press(next.card.sessionId, next.card.step, wrongLetter(cards.get(next.card.cardId)!)), 'review-result');
    expect(wrong).toMatchObject({ correct: false, rating: 'again', canRate: false });
    expect(wrong.comesBack.en).toBe('Again in 1 minute');
  });

  it('old buttons, double clicks and someone else’s buttons get a private error and change nothing', async () => {
    const start = only(await say(t.runtime, '/review new', 'carol'), 'review-card');
    const before = await t.runtime.store.memory.ofMember(member('carol'));
    const theirs = only(await press(start.card.sessionId, start.card.step, 'A', 'dave'), 'error');
    expect(theirs.text.en).toMatch(/someone else/);
    expect(theirs.visibility).toBe('private');
    expect(only(await press(start.card.sessionId, start.card.step - 1, 'A', 'carol'), 'error').text.en).toMatch(/earlier card/);
    expect(only(await press('00000000-0000-0000-0000-000000000000', 1, 'next', 'carol'), 'error').text.en).toMatch(/earlier card/);
    expect(await t.runtime.store.memory.ofMember(member('carol'))).toEqual(before);
    expect(await t.runtime.store.memory.ofMember(member('dave'))).toEqual([]);
    only(await press(start.card.sessionId, start.card.step, 'A', 'carol'), 'review-result');
    expect(only(await press(start.card.sessionId, start.card.step, 'B', 'carol'), 'error').text.en).toMatch(/earlier card/);
    expect(await t.runtime.store.memory.reviewCount(member('carol'))).toBe(1);
    // A new /review ends the old session: its buttons stop working.
    await say(t.runtime, '/review', 'carol');
    expect(only(await press(start.card.sessionId, start.card.step, 'next', 'carol'), 'error').text.en).toMatch(/earlier card/);
  });

  it('the most overdue card comes first; when nothing is due it says when the next one is', async () => {
    const erin = member('erin');
    const now = t.clock.now().getTime();
    await t.runtime.memory.grade(erin, 'dropout', 'good', 'review', now - 3 * 24 * 60 * MIN);
    await t.runtime.memory.grade(erin, 'l1-vs-l2', 'good', 'review', now - 5 * 24 * 60 * MIN);
    await t.runtime.memory.grade(erin, 'batch-norm-benefits', 'good', 'review', now);
    const first = only(await say(t.runtime, '/review', 'erin'), 'review-card');
    expect(first.card).toMatchObject({ cardId: 'l1-vs-l2', fresh: false, dueCount: 2 });
    const r1 = only(await press(first.card.sessionId, first.card.step, rightLetter(cards.get('l1-vs-l2')!), 'erin'), 'review-result');
    const second = only(await press(r1.sessionId, r1.step, 'next', 'erin'), 'review-card');
    expect(second.card.cardId).toBe('dropout');
    const r2 = only(await press(second.card.sessionId, second.card.step, rightLetter(cards.get('dropout')!), 'erin'), 'review-result');
    const empty = only(await press(r2.sessionId, r2.step, 'next', 'erin'), 'review-empty');
    expect(empty.nextDue!.getTime()).toBe(Math.min(...(await t.runtime.store.memory.ofMember(erin)).map((r) => r.due)));
    expect(empty.nextIn!.en).toMatch(/minutes?$/);
    expect(empty.newCards).toBe(cards.size - 3);
  });

  it('/review topics narrows the queue; an unknown topic lists the known ones', async () => {
    const card = only(await say(t.runtime, '/review topics rnn', 'frank'), 'review-empty');
    expect(card.newCards).toBe(shippedBank().cards.filter((c) => c.tags.includes('rnn')).length);
    const fresh = only(await press(card.sessionId, card.step, 'new', 'frank'), 'review-card');
    expect(cards.get(fresh.card.cardId)!.tags).toContain('rnn');
    const error = only(await say(t.runtime, '/review topics rnn,quantum-gravity', 'frank'), 'error');
    expect(error.visibility).toBe('private');
    expect(error.text.en).toMatch(/Unknown topics: quantum-gravity\. Known topics: .*cnn.*optimization/);
  });

  it('a numeric card is answered by typing a number', async () => {
    const numeric = shippedBank().cards.find((c) => c.quiz.type === 'numeric')!;
    const gina = member('gina');
    await t.runtime.memory.grade(gina, numeric.id, 'again', 'review', t.clock.now().getTime() - 60 * MIN);
    const shown = only(await say(t.runtime, '/review', 'gina'), 'review-card');
    expect(shown.card).toMatchObject({ cardId: numeric.id, kind: 'numeric', options: [] });
    expect(only(await say(t.runtime, '/review answer lots', 'gina'), 'error').text.en).toMatch(/not a number/);
    const value = numeric.quiz.type === 'numeric' ? numeric.quiz.value : 0;
    const result = only(await say(t.runtime, `/review answer ${value}`, 'gina'), 'review-result');
    expect(result.correct).toBe(true);
    expect(only(await say(t.runtime, '/review answer 1', 'gina'), 'error').text.en).toMatch(/no review card waiting/);
  });

  it('bad subcommands get usage help, privately', async () => {
    const error = only(await say(t.runtime, '/review frobnicate'), 'error');
    expect(error.visibility).toBe('private');
    expect(error.text.en).toMatch(/Usage: \/review/);
  });
});
