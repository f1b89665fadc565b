import { fill } from './i18n.ts';
import { MSG } from './messages.ts';
import type { CardRef, ReplyBody } from './types.ts';
import { MAX_QUERY_LENGTH, type SearchHit, type SearchIndex } from '../questions/search.ts';

/** How many alternatives a lookup offers below the best card. */
const ALTERNATIVES = 3;

/**
 * Answers `/ask <query>`: the best card with up to three alternatives when the search is confident,
 * otherwise the closest titles as suggestions. Empty and over-long queries get usage errors.
 */
export function ask(search: SearchIndex, query: string): ReplyBody {
  const q = query.trim();
  if (!q) return { kind: 'error', text: MSG.askUsage };
  const length = [...q].length;
  if (length > MAX_QUERY_LENGTH) return { kind: 'error', text: fill(MSG.queryTooLong, { length, max: MAX_QUERY_LENGTH }) };
  const hits = search.search(q, ALTERNATIVES + 1);
  const [best, ...rest] = hits;
  if (!best) return { kind: 'error', text: MSG.nothingFound };
  if (best.score < search.confidentScore) return { kind: 'suggestions', query: q, suggestions: hits.map(toRef) };
  return { kind: 'card', card: best.card, alternatives: rest.filter((h) => h.score >= search.confidentScore / 2).map(toRef) };
}

/** Answers `/show <id>`. */
export function show(search: SearchIndex, id: string): ReplyBody {
  const key = id.trim().toLowerCase();
  if (!key) return { kind: 'error', text: MSG.showUsage };
  const card = search.byId(key);
  return card ? { kind: 'card', card, alternatives: [] } : { kind: 'error', text: fill(MSG.unknownCard, { id: key.slice(0, 80) }) };
}

/** A search hit as a short reference. */
export function toRef(hit: SearchHit): CardRef {
  return { id: hit.card.id, title: hit.card.title, score: hit.score };
}
