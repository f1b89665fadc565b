import type { LeaderboardRow, MemberStats, Period, UserId } from '../core/types.ts';
import type { Card } from '../questions/schema.ts';
import type { AnswerWithSeq } from '../store/answers-repo.ts';
import { startOfPeriod } from '../time/zoned.ts';
import { awardPoints } from './scoring.ts';

/** How many of a member's latest rounds the stats chart shows. */
export const RECENT_ROUNDS = 30;

/** How many rows a leaderboard shows. */
export const LEADERBOARD_SIZE = 10;

/** A conversation's history, as scoring needs it. */
export interface History {
  /** Every round's sequence number, answered or not, with whether it is still open. */
  rounds: { seq: number; open: boolean }[];
  answers: AnswerWithSeq[];
}

const toScoring = (a: AnswerWithSeq) => ({ ...a, roundSeq: a.seq, userId: a.user_id, correct: a.correct === 1, answeredAt: a.answered_at });

/**
 * Ranks the members of a conversation by points earned in a period (local day, ISO week, the ISO
 * week before, or month in the conversation's time zone, or all time). Ties go to whoever reached
 * the score first.
 * Returns the top {@link LEADERBOARD_SIZE} and the caller's own row (null when they have none).
 */
export function leaderboard(history: History, period: Period, now: Date, zone: string, caller: UserId): { rows: LeaderboardRow[]; me: LeaderboardRow | null } {
  const { since, until } = periodRange(period, now, zone);
  const totals = new Map<string, { name: string; points: number; correct: number; answered: number; reachedAt: number; lastSeen: number }>();
  for (const award of awardPoints(history.rounds.map((r) => r.seq), history.answers.map(toScoring))) {
    const a = award.answer;
    if (a.answered_at < since || a.answered_at > until) continue;
    const t = totals.get(a.user_id) ?? { name: a.user_name, points: 0, correct: 0, answered: 0, reachedAt: 0, lastSeen: 0 };
    t.answered += 1;
    t.correct += a.correct ? 1 : 0;
    if (award.points > 0) {
      t.points += award.points;
      t.reachedAt = Math.max(t.reachedAt, a.answered_at);
    }
    if (a.answered_at >= t.lastSeen) {
      t.lastSeen = a.answered_at;
      t.name = a.user_name;
    }
    totals.set(a.user_id, t);
  }
  const ranked = [...totals]
    .sort(([ida, a], [idb, b]) => b.points - a.points || a.reachedAt - b.reachedAt || ida.localeCompare(idb))
    .map(([userId, t], i): LeaderboardRow => ({ rank: i + 1, userId: userId as UserId, name: t.name, points: t.points, correct: t.correct, answered: t.answered }));
  return { rows: ranked.slice(0, LEADERBOARD_SIZE), me: ranked.find((r) => r.userId === caller) ?? null };
}

/** The instants a period covers, inclusive, as seen at `now` in a zone. */
function periodRange(period: Period, now: Date, zone: string): { since: number; until: number } {
  if (period === 'all') return { since: -Infinity, until: now.getTime() };
  if (period !== 'last-week') return { since: startOfPeriod(now, zone, period).getTime(), until: now.getTime() };
  const thisWeek = startOfPeriod(now, zone, 'week').getTime();
  return { since: startOfPeriod(new Date(thisWeek - 1), zone, 'week').getTime(), until: thisWeek - 1 };
}

/** A member's statistics in a conversation, or undefined when they never answered there. */
export function memberStats(history: History, userId: string, cards: ReadonlyMap<string, Card>): MemberStats | undefined {
  const mine = history.answers.filter((a) => a.user_id === userId);
  if (mine.length === 0) return undefined;
  const awards = awardPoints(history.rounds.map((r) => r.seq), history.answers.map(toScoring)).filter((w) => w.answer.user_id === userId);
  const bySeq = new Map(mine.map((a) => [a.seq, a]));
  let current = 0;
  let best = 0;
  for (const round of [...history.rounds].sort((a, b) => a.seq - b.seq)) {
    const answer = bySeq.get(round.seq);
    if (answer?.correct === 1) best = Math.max(best, ++current);
    else if (answer || !round.open) current = 0;
  }
  const topics = new Map<string, { answered: number; correct: number }>();
  for (const a of mine) {
    for (const tag of cards.get(a.card_id)?.tags.slice(0, 1) ?? []) {
      const t = topics.get(tag) ?? { answered: 0, correct: 0 };
      t.answered += 1;
      t.correct += a.correct;
      topics.set(tag, t);
    }
  }
  const byShare = [...topics].map(([tag, t]) => ({ tag, share: t.correct / t.answered, n: t.answered }));
  const correct = mine.filter((a) => a.correct === 1).length;
  const latest = mine.reduce((x, y) => (y.answered_at > x.answered_at ? y : x));
  return {
    userId: userId as UserId,
    name: latest.user_name,
    answered: mine.length,
    correct,
    accuracy: correct / mine.length,
    points: awards.reduce((sum, w) => sum + w.points, 0),
    currentStreak: current,
    bestStreak: best,
    strongestTopics: [...byShare].sort((a, b) => b.share - a.share || b.n - a.n).filter((t) => t.share > 0).slice(0, 2).map((t) => t.tag),
    weakestTopics: [...byShare].sort((a, b) => a.share - b.share || b.n - a.n).filter((t) => t.share < 1).slice(0, 2).map((t) => t.tag),
    recent: [...mine].sort((a, b) => a.seq - b.seq).slice(-RECENT_ROUNDS).map((a) => a.correct === 1),
    topics: [...topics].map(([topic, t]) => ({ topic, ...t })).sort((a, b) => b.answered - a.answered || a.topic.localeCompare(b.topic)),
  };
}
