import { createEmptyCard, fsrs, Rating, State, type Card as FsrsCard, type Grade } from 'ts-fsrs';

/**
 * The only module that imports ts-fsrs: a member's memory of one card, and what a rating does to it.
 * Default FSRS-6 parameters (90% requested retention), no fuzz, so the same answers on the same
 * clock always give the same schedule. Times are epoch milliseconds, as everywhere in the store.
 */

/** How a member did on a card: wrong → again; right → good, or hard / easy when they say so. */
export type ReviewRating = 'again' | 'hard' | 'good' | 'easy';

/** The ratings, in FSRS order (1–4). */
export const RATINGS: readonly ReviewRating[] = ['again', 'hard', 'good', 'easy'];

/** FSRS's card states: 0 new, 1 learning, 2 review, 3 relearning. */
export type MemoryPhase = 0 | 1 | 2 | 3;

/** A member's memory of one card, as stored. */
export interface MemoryState {
  phase: MemoryPhase;
  /** Days until recall probability falls to 90%. */
  stability: number;
  /** 1 (easy) … 10 (hard). */
  difficulty: number;
  /** When the card should be reviewed next. */
  due: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
  scheduledDays: number;
  learningSteps: number;
}

const scheduler = fsrs({ enable_fuzz: false });
const GRADE: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** The memory of a card never reviewed: due now. */
export function newMemory(now: number): MemoryState {
  return fromFsrs(createEmptyCard(new Date(now)));
}

/** The memory after a review with a rating at `now` (a null `before` is a card seen for the first time). */
export function review(before: MemoryState | null, rating: ReviewRating, now: number): MemoryState {
  const card = toFsrs(before ?? newMemory(now));
  return fromFsrs(scheduler.next(card, new Date(now), GRADE[rating]).card);
}

/**
 * The probability (0–1) that the member recalls the card at `now`, by FSRS's forgetting curve;
 * 0 for a card never reviewed.
 */
export function retrievability(memory: MemoryState, now: number): number {
  if (memory.phase === 0 || memory.lastReview === null) return 0;
  return scheduler.get_retrievability(toFsrs(memory), new Date(Math.max(now, memory.lastReview)), false);
}

function toFsrs(m: MemoryState): FsrsCard {
  return {
    due: new Date(m.due),
    stability: m.stability,
    difficulty: m.difficulty,
    elapsed_days: 0,
    scheduled_days: m.scheduledDays,
    learning_steps: m.learningSteps,
    reps: m.reps,
    lapses: m.lapses,
    state: m.phase as State,
    ...(m.lastReview === null ? {} : { last_review: new Date(m.lastReview) }),
  };
}

function fromFsrs(c: FsrsCard): MemoryState {
  return {
    phase: c.state as MemoryPhase,
    stability: c.stability,
    difficulty: c.difficulty,
    due: c.due.getTime(),
    reps: c.reps,
    lapses: c.lapses,
    lastReview: c.last_review ? c.last_review.getTime() : null,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
  };
}
