import { randomUUID } from 'node:crypto';
import type { Outgoing } from '../core/bot.ts';
import { spanInWords } from '../core/durations.ts';
import { fill, type Localized } from '../core/i18n.ts';
import type { MemberId } from '../core/member.ts';
import type { ConversationId, ReviewPress } from '../core/types.ts';
import type { Card, Quiz } from '../questions/schema.ts';
import type { ReviewSessionRow, ReviewSessionsRepo } from '../store/review-sessions-repo.ts';
import type { ReviewRating } from './fsrs.ts';
import type { MemoryBook } from './memory.ts';
import { REVIEW_MSG } from './messages.ts';
import type { ReviewQueue } from './queue.ts';

/** How an answer is graded (the quiz's rules, passed in so review does not reach into quiz). */
export interface Grader {
  grade(quiz: Quiz, raw: string): { ok: true; answer: string; correct: boolean } | { ok: false; error: Localized };
  correctAnswerText(quiz: Quiz): Localized;
}

/** What review sessions need. */
export interface SessionDeps {
  sessions: ReviewSessionsRepo;
  memory: MemoryBook;
  queue: ReviewQueue;
  cards: readonly Card[];
  grader: Grader;
  clock: () => Date;
}

const privately = (o: Outgoing): Outgoing => ({ ...o, visibility: 'private' });
const problem = (text: Localized): Outgoing[] => [privately({ kind: 'error', text })];

/**
 * A member's private review session: one card at a time, from the most overdue; every state change
 * is a compare-and-set on the session's step and status, so a double click, an old button or
 * someone else's button changes nothing. Every reply is private.
 */
export class ReviewSessions {
  readonly #deps: SessionDeps;
  readonly #cards: Map<string, Card>;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
    this.#cards = new Map(deps.cards.map((c) => [c.id, c]));
  }

  /** Starts a new session (ending the member's older ones) and shows its first card. */
  async start(member: MemberId, conversation: ConversationId, topics: readonly string[] | null, mode: 'due' | 'new'): Promise<Outgoing[]> {
    const now = this.#now();
    const row: ReviewSessionRow = { id: randomUUID(), member_id: member, conversation_id: conversation, topics: topics ? topics.join(',') : null, mode, step: 0, card_id: null, status: 'starting', log_id: null, updated_at: now };
    await this.#deps.sessions.insert(row);
    await this.#deps.sessions.endOthers(member, row.id, now);
    return this.#serve(row, ['starting']);
  }

  /** A typed answer (`/review answer B`, `/review answer 1792`) to the member's waiting card. */
  async answerTyped(member: MemberId, raw: string): Promise<Outgoing[]> {
    const session = await this.#deps.sessions.asking(member);
    if (!session) return problem(REVIEW_MSG.noQuestion);
    return this.#answer(session, raw);
  }

  /**
   * A typed button press (`/review hard`, `/review easy`, `/review next`) for the member's current
   * session: how the console, which has no buttons, rates and moves on.
   */
  async pressTyped(member: MemberId, press: 'next' | 'hard' | 'easy'): Promise<Outgoing[]> {
    const session = await this.#deps.sessions.latest(member);
    if (!session) return problem(REVIEW_MSG.noQuestion);
    return this.press(member, session.id, session.step, press);
  }

  /** A review button press. */
  async press(member: MemberId, sessionId: string, step: number, press: ReviewPress): Promise<Outgoing[]> {
    const session = await this.#deps.sessions.byId(sessionId);
    if (!session) return problem(REVIEW_MSG.staleButton);
    if (session.member_id !== member) return problem(REVIEW_MSG.notYours);
    if (session.step !== step || session.status === 'ended') return problem(REVIEW_MSG.staleButton);
    switch (press) {
      case 'next':
        return session.status === 'answered' || session.status === 'rated' ? this.#serve(session, ['answered', 'rated']) : problem(REVIEW_MSG.staleButton);
      case 'new':
        return session.status === 'empty' ? this.#serve({ ...session, mode: 'new' }, ['empty']) : problem(REVIEW_MSG.staleButton);
      case 'hard':
      case 'easy':
        return this.#rate(session, press);
      default:
        return session.status === 'asking' ? this.#answer(session, press) : problem(REVIEW_MSG.staleButton);
    }
  }

  /** Shows the session's next card (or "nothing due"), moving it on from its current step. */
  async #serve(session: ReviewSessionRow, fromStatuses: readonly string[]): Promise<Outgoing[]> {
    const now = this.#now();
    const topics = session.topics ? session.topics.split(',') : null;
    const next = await this.#deps.queue.next(session.member_id as MemberId, topics, session.mode === 'new', now);
    const step = session.step + 1;
    if (next.kind === 'empty') {
      const moved = await this.#deps.sessions.advance(session.id, session.step, fromStatuses, { step, status: 'empty', card_id: null, log_id: null, mode: session.mode, updated_at: now });
      if (!moved) return problem(REVIEW_MSG.staleButton);
      const nextIn = next.nextDue === null ? null : spanInWords(next.nextDue - now);
      return [privately({ kind: 'review-empty', sessionId: session.id, step, nextDue: next.nextDue === null ? null : new Date(next.nextDue), nextIn, newCards: next.newCards })];
    }
    const moved = await this.#deps.sessions.advance(session.id, session.step, fromStatuses, { step, status: 'asking', card_id: next.card.id, log_id: null, mode: session.mode, updated_at: now });
    if (!moved) return problem(REVIEW_MSG.staleButton);
    const { card } = next;
    const quiz = card.quiz;
    return [
      privately({
        kind: 'review-card',
        card: {
          sessionId: session.id,
          step,
          cardId: card.id,
          topic: card.tags[0]!,
          prompt: quiz.prompt,
          options: quiz.type === 'choice' ? quiz.options : [],
          kind: quiz.type,
          unit: quiz.type === 'numeric' ? quiz.unit : { zh: '', en: '' },
          fresh: next.kind === 'new',
          dueCount: next.dueCount,
        },
      }),
    ];
  }

  async #answer(session: ReviewSessionRow, raw: string): Promise<Outgoing[]> {
    const card = session.card_id ? this.#cards.get(session.card_id) : undefined;
    if (!card) return problem(REVIEW_MSG.cardGone);
    const graded = this.#deps.grader.grade(card.quiz, raw);
    if (!graded.ok) return problem(graded.error);
    const now = this.#now();
    // The session moves first: of two racing answers only one is graded.
    if (!(await this.#deps.sessions.advance(session.id, session.step, ['asking'], { status: 'answered', updated_at: now }))) return problem(REVIEW_MSG.staleButton);
    const rating: ReviewRating = graded.correct ? 'good' : 'again';
    const result = await this.#deps.memory.grade(session.member_id as MemberId, card.id, rating, 'review', now);
    await this.#deps.sessions.advance(session.id, session.step, ['answered'], { log_id: result.logId });
    return [this.#result(session, card, graded.answer, graded.correct, rating, result.after.due, now, graded.correct)];
  }

  async #rate(session: ReviewSessionRow, rating: 'hard' | 'easy'): Promise<Outgoing[]> {
    if (session.status !== 'answered' || !session.log_id) return problem(REVIEW_MSG.staleButton);
    const log = await this.#deps.memory.logEntry(session.log_id);
    if (!log || log.rating !== 'good') return problem(REVIEW_MSG.rateOnlyRight);
    const card = this.#cards.get(log.card_id);
    if (!card) return problem(REVIEW_MSG.cardGone);
    const now = this.#now();
    if (!(await this.#deps.sessions.advance(session.id, session.step, ['answered'], { status: 'rated', updated_at: now }))) return problem(REVIEW_MSG.staleButton);
    const after = await this.#deps.memory.rerate(log.id, session.member_id as MemberId, rating);
    if (!after) return problem(REVIEW_MSG.staleButton);
    // Only a right answer can be re-rated, so the member's answer was the correct one.
    const quiz = card.quiz;
    const answer = quiz.type === 'choice' ? quiz.correct : String(quiz.value);
    return [this.#result(session, card, answer, true, rating, after.due, log.reviewed_at, false)];
  }

  #result(session: ReviewSessionRow, card: Card, answer: string, correct: boolean, rating: ReviewRating, due: number, at: number, canRate: boolean): Outgoing {
    const span = spanInWords(due - at);
    return privately({
      kind: 'review-result',
      sessionId: session.id,
      step: session.step,
      cardId: card.id,
      correct,
      answer,
      correctAnswer: this.#deps.grader.correctAnswerText(card.quiz),
      explanation: card.quiz.explanation,
      rating,
      nextDue: new Date(due),
      comesBack: fill(rating === 'again' ? REVIEW_MSG.comesBackAgain : REVIEW_MSG.comesBackIn, { span }),
      canRate,
    });
  }

  #now(): number {
    return this.#deps.clock().getTime();
  }
}
