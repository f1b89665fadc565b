import type { MemberId } from '../core/member.ts';
import type { Card } from '../questions/schema.ts';
import type { CardStateRow, MemoryRepo } from '../store/memory-repo.ts';

/**
 * Main topics a newcomer should meet first: the basics every other topic builds on. A card counts
 * as foundational when any of its tags is one of these.
 */
export const FOUNDATION_TOPICS: readonly string[] = [
  'fundamentals',
  'training',
  'activation-functions',
  'initialization',
  'loss-functions',
  'optimization',
  'regularization',
  'generalization',
  'evaluation',
];

/**
 * New cards in an order that teaches: lower difficulty first; within a difficulty, foundational
 * topics first; then the pack's own order (authors group related cards).
 */
export function teachingOrder(cards: readonly Card[]): Card[] {
  const position = new Map(cards.map((c, i) => [c.id, i]));
  const foundation = (c: Card) => (c.tags.some((t) => FOUNDATION_TOPICS.includes(t)) ? 0 : 1);
  return [...cards].sort((a, b) => a.difficulty - b.difficulty || foundation(a) - foundation(b) || position.get(a.id)! - position.get(b.id)!);
}

/** What comes next in a member's review. */
export type NextCard =
  | { kind: 'due'; card: Card; state: CardStateRow; dueCount: number }
  | { kind: 'new'; card: Card; dueCount: number }
  | { kind: 'empty'; nextDue: number | null; newCards: number };

/**
 * Chooses a member's next review card among `cards` (the bank, or the session's topics): the most
 * overdue one first; when nothing is due and `allowNew`, the first unseen card in teaching order.
 */
export class ReviewQueue {
  readonly #ordered: Card[];
  readonly #byId: Map<string, Card>;

  constructor(
    private readonly repo: MemoryRepo,
    cards: readonly Card[],
  ) {
    this.#ordered = teachingOrder(cards);
    this.#byId = new Map(cards.map((c) => [c.id, c]));
  }

  /** The cards of some topics, in teaching order (all cards for null). */
  cardsOf(topics: readonly string[] | null): Card[] {
    return topics ? this.#ordered.filter((c) => c.tags.some((t) => topics.includes(t))) : this.#ordered;
  }

  async next(member: MemberId, topics: readonly string[] | null, allowNew: boolean, now: number): Promise<NextCard> {
    const pool = topics ? this.cardsOf(topics).map((c) => c.id) : null;
    const skip: string[] = [];
    // A card whose pack was removed stays in the store; it is skipped, not shown.
    for (let i = 0; i < 20; i++) {
      const state = await this.repo.mostOverdue(member, now, pool, skip);
      if (!state) break;
      const card = this.#byId.get(state.card_id);
      if (card) return { kind: 'due', card, state, dueCount: await this.#dueCount(member, now, pool) };
      skip.push(state.card_id);
    }
    const seen = await this.repo.seenCardIds(member);
    const fresh = this.cardsOf(topics).filter((c) => !seen.has(c.id));
    if (allowNew && fresh.length > 0) return { kind: 'new', card: fresh[0]!, dueCount: 0 };
    return { kind: 'empty', nextDue: await this.repo.nextDueAfter(member, now, pool), newCards: fresh.length };
  }

  async #dueCount(member: MemberId, now: number, pool: readonly string[] | null): Promise<number> {
    return this.repo.countDue(member, now, pool);
  }
}
