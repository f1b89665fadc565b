import { describe, expect, it } from 'vitest';
import { awardPoints } from '../../src/quiz/scoring.ts';

const a = (roundSeq: number, userId: string, correct: boolean, answeredAt = roundSeq * 100) => ({ roundSeq, userId, correct, answeredAt });

describe('awardPoints', () => {
  it('gives 10 for a correct answer, +3 to the first correct, 0 for wrong', () => {
    const awards = awardPoints([1], [a(1, 'bob', true, 5), a(1, 'amy', true, 7), a(1, 'cat', false, 1)]);
    const by = Object.fromEntries(awards.map((w) => [w.answer.userId, w.points]));
    expect(by).toEqual({ bob: 13, amy: 10, cat: 0 });
  });

  it('adds +2 per consecutive correct round, capped at +10', () => {
    const rounds = [1, 2, 3, 4, 5, 6, 7, 8];
    const answers = rounds.map((r) => a(r, 'amy', true));
    // amy is alone, so each round she is also first (+3).
    expect(awardPoints(rounds, answers).map((w) => w.points - 3)).toEqual([10, 12, 14, 16, 18, 20, 20, 20]);
  });

  it('a skipped or wrong round breaks the streak', () => {
    const answers = [a(1, 'amy', true), a(2, 'bob', true), a(3, 'amy', true), a(4, 'amy', false), a(5, 'amy', true), a(6, 'amy', true)];
    const mine = awardPoints([1, 2, 3, 4, 5, 6], answers).filter((w) => w.answer.userId === 'amy');
    expect(mine.map((w) => w.streak)).toEqual([1, 1, 0, 1, 2]);
  });

  it('ties for first go to the earlier answer, then the smaller user id', () => {
    const awards = awardPoints([1], [a(1, 'zed', true, 10), a(1, 'abe', true, 10)]);
    expect(awards.find((w) => w.first)?.answer.userId).toBe('abe');
  });
});
