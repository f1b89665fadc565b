/** The scoring rules (README "Scoring"): all points derive from stored answers with these numbers. */
export const SCORING = {
  correct: 10,
  /** Per earlier consecutive correct round: a streak of n correct rounds earns 2 × (n − 1) extra… */
  streakStep: 2,
  /** …capped at +10. */
  streakCap: 10,
  firstCorrect: 3,
} as const;

/** A stored answer, as scoring needs it. */
export interface ScoredAnswerInput {
  roundSeq: number;
  userId: string;
  correct: boolean;
  answeredAt: number;
}

/** An answer with what it earned. */
export interface Award<A extends ScoredAnswerInput = ScoredAnswerInput> {
  answer: A;
  points: number;
  /** Consecutive correct rounds ending with this one (0 when wrong). */
  streak: number;
  first: boolean;
}

/**
 * Awards points to every answer of one conversation. `roundSeqs` lists every round of the
 * conversation (answered or not) so that a round a member skipped breaks their streak.
 * Pure and deterministic: the same answers always give the same points.
 */
export function awardPoints<A extends ScoredAnswerInput>(roundSeqs: readonly number[], answers: readonly A[]): Award<A>[] {
  const order = [...new Set(roundSeqs)].sort((a, b) => a - b);
  const position = new Map(order.map((seq, i) => [seq, i]));
  const byRound = new Map<number, A[]>();
  for (const a of answers) {
    const list = byRound.get(a.roundSeq);
    if (list) list.push(a);
    else byRound.set(a.roundSeq, [a]);
  }
  const last = new Map<string, { position: number; streak: number }>();
  const awards: Award<A>[] = [];
  for (const seq of order) {
    const inRound = (byRound.get(seq) ?? []).sort((x, y) => x.answeredAt - y.answeredAt || x.userId.localeCompare(y.userId));
    const here = position.get(seq)!;
    let firstGiven = false;
    for (const answer of inRound) {
      if (!answer.correct) {
        last.set(answer.userId, { position: here, streak: 0 });
        awards.push({ answer, points: 0, streak: 0, first: false });
        continue;
      }
      const before = last.get(answer.userId);
      const streak = before && before.position === here - 1 && before.streak > 0 ? before.streak + 1 : 1;
      last.set(answer.userId, { position: here, streak });
      const first = !firstGiven;
      firstGiven = true;
      const bonus = Math.min(SCORING.streakStep * (streak - 1), SCORING.streakCap);
      awards.push({ answer, points: SCORING.correct + bonus + (first ? SCORING.firstCorrect : 0), streak, first });
    }
  }
  return awards;
}
