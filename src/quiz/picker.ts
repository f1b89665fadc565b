import type { Card } from '../questions/schema.ts';

/** How a conversation has done on one card so far. */
export interface CardRecord {
  answered: number;
  correct: number;
  lastPostedSeq: number;
}

/**
 * Picks the next card for a conversation: a card it has never seen, if any is left; otherwise the
 * one its members remember worst. With `retention` (the mean FSRS recall probability of each card
 * among the members who have seen it, README "How reviews work"), that is the lowest mean
 * retrievability, a card no member has a memory of counting as 0; then the lowest share correct,
 * then the longest ago. `topics` keeps only cards with one of those tags. Random choices come from
 * `seed`, so a pick is reproducible. Returns undefined when no card matches the topics.
 */
export function pickCard(
  cards: readonly Card[],
  history: ReadonlyMap<string, CardRecord>,
  topics: readonly string[] | null,
  seed: string,
  retention?: ReadonlyMap<string, number>,
): Card | undefined {
  const eligible = topics && topics.length > 0 ? cards.filter((c) => c.tags.some((t) => topics.includes(t))) : [...cards];
  if (eligible.length === 0) return undefined;
  const random = mulberry32(hash(seed));
  const unseen = eligible.filter((c) => !history.has(c.id));
  if (unseen.length > 0) return unseen[Math.floor(random() * unseen.length)];
  const share = (c: Card) => {
    const r = history.get(c.id)!;
    return r.answered === 0 ? 0 : r.correct / r.answered;
  };
  const recall = (c: Card) => (retention ? (retention.get(c.id) ?? 0) : 0);
  return eligible
    .map((card) => ({ card, recall: recall(card), share: share(card), last: history.get(card.id)!.lastPostedSeq, tie: random() }))
    .sort((a, b) => a.recall - b.recall || a.share - b.share || a.last - b.last || a.tie - b.tie)[0]!.card;
}

/** Every tag used in the bank, sorted. */
export function allTopics(cards: readonly Card[]): string[] {
  return [...new Set(cards.flatMap((c) => c.tags))].sort();
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
