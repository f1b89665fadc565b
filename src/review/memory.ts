import { randomUUID } from 'node:crypto';
import type { MemberId } from '../core/member.ts';
import type { CardStateRow, MemoryRepo, ReviewLogRow } from '../store/memory-repo.ts';
import { retrievability, review, type MemoryPhase, type MemoryState, type ReviewRating } from './fsrs.ts';

/** Where a graded answer came from. */
export type GradeSource = 'quiz' | 'review';

/** The result of recording a graded answer. */
export interface Graded {
  logId: string;
  before: MemoryState | null;
  after: MemoryState;
}

/** A stored row as FSRS memory. */
export function memoryOf(row: CardStateRow): MemoryState {
  return {
    phase: row.phase as MemoryPhase,
    stability: row.stability,
    difficulty: row.difficulty,
    due: row.due,
    reps: row.reps,
    lapses: row.lapses,
    lastReview: row.last_review,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
  };
}

function rowOf(member: string, cardId: string, m: MemoryState): CardStateRow {
  return {
    member_id: member,
    card_id: cardId,
    phase: m.phase,
    stability: m.stability,
    difficulty: m.difficulty,
    due: m.due,
    reps: m.reps,
    lapses: m.lapses,
    last_review: m.lastReview,
    scheduled_days: m.scheduledDays,
    learning_steps: m.learningSteps,
  };
}

/**
 * What a rated answer does to a member's stored memory of a card (`prior` undefined: the card is
 * new to them): the memory to store and its review log row. Pure; callers write both together.
 */
export function nextMemory(prior: CardStateRow | undefined, member: string, cardId: string, rating: ReviewRating, source: GradeSource, now: number): { state: CardStateRow; log: ReviewLogRow } {
  const before = prior ? memoryOf(prior) : null;
  const after = review(before, rating, now);
  const log: ReviewLogRow = {
    id: randomUUID(),
    member_id: member,
    card_id: cardId,
    rating,
    source,
    reviewed_at: now,
    prior: before ? JSON.stringify(before) : null,
    phase: after.phase,
    stability: after.stability,
    difficulty: after.difficulty,
    due: after.due,
  };
  return { state: rowOf(member, cardId, after), log };
}

/**
 * How often a write that lost a race is recomputed before giving up. Every round of a race has a
 * winner, so this many writers of one member's card at once all land.
 */
const RETRIES = 16;

/**
 * Members' memories of cards: a private review answer goes through {@link MemoryBook.grade},
 * which applies FSRS to the stored memory and logs it. Channel quiz answers apply the same
 * {@link nextMemory} through {@link MemoryRepo.apply} in the transaction that records them
 * (quiz/answer-writer.ts).
 */
export class MemoryBook {
  constructor(private readonly repo: MemoryRepo) {}

  /** Records a rating of a member's answer at `now`; returns the memory before and after. */
  async grade(member: MemberId, cardId: string, rating: ReviewRating, source: GradeSource, now: number): Promise<Graded> {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const row = await this.repo.get(member, cardId);
      const { state, log } = nextMemory(row, member, cardId, rating, source, now);
      const saved = await this.repo.saveReview(row ? row.reps : null, state, log);
      if (saved) return { logId: log.id, before: row ? memoryOf(row) : null, after: memoryOf(state) };
    }
    throw new Error(`could not record a review of ${cardId}: the card kept changing`);
  }

  /**
   * Re-rates a member's latest review (Hard or Easy instead of the Good a right answer got), as if
   * they had said so at the time. Null when the review is not theirs or no longer the latest.
   */
  async rerate(logId: string, member: MemberId, rating: ReviewRating): Promise<MemoryState | null> {
    const log = await this.repo.logById(logId);
    if (!log || log.member_id !== member) return null;
    const current = await this.repo.get(member, log.card_id);
    if (!current || current.last_review !== log.reviewed_at) return null;
    const prior = log.prior === null ? null : (JSON.parse(log.prior) as MemoryState);
    const after = review(prior, rating, log.reviewed_at);
    const ok = await this.repo.replaceLatest(
      { ...log, rating, phase: after.phase, stability: after.stability, difficulty: after.difficulty, due: after.due },
      current.reps,
      rowOf(member, log.card_id, after),
    );
    return ok ? after : null;
  }

  /** One review log entry. */
  logEntry(id: string): ReturnType<MemoryRepo['logById']> {
    return this.repo.logById(id);
  }

  /** The member's memory of a card, or null when they never saw it. */
  async memory(member: MemberId, cardId: string): Promise<MemoryState | null> {
    const row = await this.repo.get(member, cardId);
    return row ? memoryOf(row) : null;
  }

  /**
   * The mean recall probability of each card among the members who have seen it (cards nobody
   * of `members` has seen are absent): what the channel's question picker aims at.
   */
  async meanRetrievability(members: readonly MemberId[], cardIds: readonly string[], now: number): Promise<Map<string, number>> {
    const sums = new Map<string, { sum: number; n: number }>();
    for (const row of await this.repo.ofMembers(members, cardIds)) {
      const s = sums.get(row.card_id) ?? { sum: 0, n: 0 };
      s.sum += retrievability(memoryOf(row), now);
      s.n += 1;
      sums.set(row.card_id, s);
    }
    return new Map([...sums].map(([id, s]) => [id, s.sum / s.n]));
  }
}
