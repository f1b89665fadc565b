import { describe, expect, it } from 'vitest';
import { leaderboard, memberStats, type History } from '../../src/quiz/leaderboard.ts';
import type { UserId } from '../../src/core/types.ts';
import type { AnswerWithSeq } from '../../src/store/answers-repo.ts';
import { shippedBank } from '../helpers/runtime.ts';

const me = 'u:me' as UserId;
function answer(seq: number, user: string, correct: boolean, iso: string, card = 'dropout'): AnswerWithSeq {
  return { seq, card_id: card, round_id: `r${seq}`, user_id: user, conversation_id: 'c', user_name: user.slice(2), answer: 'A', correct: correct ? 1 : 0, answered_at: new Date(iso).getTime() };
}
const history = (answers: AnswerWithSeq[], rounds = [...new Set(answers.map((a) => a.seq))]): History => ({ rounds: rounds.map((seq) => ({ seq, open: false })), answers });

describe('leaderboard', () => {
  it('counts only the period, in the channel time zone (ISO week starts Monday)', () => {
    // 2027-01-04 is a Monday. In Asia/Shanghai (UTC+8), 2027-01-03T17:00Z is already Monday 01:00.
    const h = history([answer(1, 'u:amy', true, '2027-01-03T17:00:00Z'), answer(2, 'u:bob', true, '2027-01-03T15:00:00Z')]);
    const now = new Date('2027-01-05T00:00:00Z');
    expect(leaderboard(h, 'week', now, 'Asia/Shanghai', me).rows.map((r) => r.name)).toEqual(['amy']);
    expect(leaderboard(h, 'week', now, 'UTC', me).rows).toEqual([]);
    // Equal points (13 each): bob reached his first.
    expect(leaderboard(h, 'all', now, 'UTC', me).rows.map((r) => r.name)).toEqual(['bob', 'amy']);
  });

  it('last-week is the ISO week before the current one', () => {
    const h = history([
      answer(1, 'u:old', true, '2027-01-03T10:00:00Z'), // Sunday: last week
      answer(2, 'u:new', true, '2027-01-04T10:00:00Z'), // Monday: this week
      answer(3, 'u:older', true, '2026-12-27T10:00:00Z'), // two weeks ago
    ]);
    const now = new Date('2027-01-05T00:00:00Z');
    expect(leaderboard(h, 'last-week', now, 'UTC', me).rows.map((r) => r.name)).toEqual(['old']);
    expect(leaderboard(h, 'week', now, 'UTC', me).rows.map((r) => r.name)).toEqual(['new']);
  });

  it('breaks ties by who reached the score first', () => {
    const h = history([answer(1, 'u:bob', true, '2027-01-04T10:00:00Z'), answer(2, 'u:amy', true, '2027-01-04T09:00:00Z'), answer(3, 'u:amy', false, '2027-01-04T11:00:00Z'), answer(3, 'u:bob', false, '2027-01-04T11:00:00Z')]);
    // Both have 13 points; amy's last point came at 09:00, before bob's at 10:00.
    const { rows } = leaderboard(h, 'all', new Date('2027-01-05T00:00:00Z'), 'UTC', me);
    expect(rows.map((r) => [r.name, r.points])).toEqual([['amy', 13], ['bob', 13]]);
  });

  it('shows the top 10 and the caller’s own rank below them', () => {
    const answers = Array.from({ length: 12 }, (_, i) => answer(1, `u:p${String(i).padStart(2, '0')}`, true, `2027-01-04T10:${String(i).padStart(2, '0')}:00Z`));
    answers.push(answer(1, me, false, '2027-01-04T11:00:00Z'));
    const { rows, me: mine } = leaderboard(history(answers), 'all', new Date('2027-01-05T00:00:00Z'), 'UTC', me);
    expect(rows).toHaveLength(10);
    expect(mine).toMatchObject({ rank: 13, points: 0, answered: 1 });
  });
});

describe('memberStats', () => {
  const cards = new Map(shippedBank().cards.map((c) => [c.id, c]));
  it('reports answered, accuracy, points, streaks and topics', () => {
    const h = history([
      answer(1, 'u:amy', true, '2027-01-01T10:00:00Z', 'dropout'),
      answer(2, 'u:amy', true, '2027-01-02T10:00:00Z', 'l1-vs-l2'),
      answer(3, 'u:amy', false, '2027-01-03T10:00:00Z', 'rnn-basics'),
      answer(4, 'u:amy', true, '2027-01-04T10:00:00Z', 'dropout'),
    ]);
    const s = memberStats(h, 'u:amy', cards)!;
    expect(s).toMatchObject({ answered: 4, correct: 3, accuracy: 0.75, points: 13 + 15 + 0 + 13, currentStreak: 1, bestStreak: 2 });
    expect(s.weakestTopics).toContain(cards.get('rnn-basics')!.tags[0]);
    expect(memberStats(h, 'u:nobody', cards)).toBeUndefined();
  });
});

describe('member stats for the chart', () => {
  it('recent holds right/wrong of the last 30 rounds, oldest first; topics count per first tag, most answered first', () => {
    const cards = new Map(shippedBank().cards.map((c) => [c.id, c]));
    const other = shippedBank().cards.find((c) => c.tags[0] !== cards.get('dropout')!.tags[0])!;
    const answers = Array.from({ length: 35 }, (_, i) => answer(i + 1, me, i % 2 === 0, `2027-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`, i < 33 ? 'dropout' : other.id));
    const s = memberStats(history(answers), me, cards)!;
    expect(s.recent).toHaveLength(30);
    // Rounds 6..35: round 6 (i = 5) was wrong, round 7 right, …
    expect(s.recent!.slice(0, 3)).toEqual([false, true, false]);
    expect(s.recent!.at(-1)).toBe(true);
    expect(s.topics).toEqual([
      { topic: cards.get('dropout')!.tags[0], answered: 33, correct: 17 },
      { topic: other.tags[0], answered: 2, correct: 1 },
    ]);
  });
});
