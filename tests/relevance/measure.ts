import { readFileSync } from 'node:fs';
import type { SearchIndex } from '../../src/questions/search.ts';

/**
 * One labelled query. `ids` lists the cards that answer it, best first (any of them counts as right);
 * an empty list means no card in the bank answers it, so the right behaviour is to say so.
 */
export interface LabelledQuery {
  q: string;
  ids: string[];
}

/** Reads a relevance set: entries carry either `id` (one answering card), `ids`, or `ids: []`. */
export function loadRelevanceSet(name: string): LabelledQuery[] {
  const raw = JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as { q: string; id?: string; ids?: string[] }[];
  return raw.map((r) => ({ q: r.q, ids: r.ids ?? (r.id ? [r.id] : []) }));
}

/** What a relevance set measures, as counts. */
export interface RelevanceFigures {
  queries: number;
  /** Queries some card answers. */
  answerable: number;
  /** Of the answerable: a right card ranked first. */
  top1: number;
  /** Of the answerable: a right card among the first three. */
  top3: number;
  /** Of the answerable: a right card first, and the bot confident enough to show it as the answer. */
  rightAndConfident: number;
  /** Of the unanswerable: the bot not confident, so it says the bank has no answer. */
  unanswerableDeclined: number;
  /** One line per failure, for reading. */
  misses: string[];
}

/** Runs every query of a set through the search, as `/ask` would, and counts what went right. */
export function measureRelevance(search: SearchIndex, set: readonly LabelledQuery[]): RelevanceFigures {
  const f: RelevanceFigures = { queries: set.length, answerable: 0, top1: 0, top3: 0, rightAndConfident: 0, unanswerableDeclined: 0, misses: [] };
  for (const { q, ids } of set) {
    const hits = search.search(q, 3);
    const confident = hits.length > 0 && hits[0]!.score >= search.confidentScore;
    const got = hits.map((h) => `${h.card.id}(${h.score})`).join(', ') || 'nothing';
    if (ids.length === 0) {
      if (!confident) f.unanswerableDeclined += 1;
      else f.misses.push(`${JSON.stringify(q)} → want "not in the bank", got ${got}`);
      continue;
    }
    f.answerable += 1;
    const rank = hits.findIndex((h) => ids.includes(h.card.id));
    if (rank === 0) f.top1 += 1;
    if (rank >= 0) f.top3 += 1;
    if (rank === 0 && confident) f.rightAndConfident += 1;
    if (rank !== 0 || !confident) f.misses.push(`${JSON.stringify(q)} → want ${ids.join('|')}, got ${got}`);
  }
  return f;
}

/** `a/b = p%`. */
export function share(a: number, b: number): string {
  return `${a}/${b} = ${b === 0 ? '—' : ((100 * a) / b).toFixed(1)}%`;
}

/** The figures of one set as one line. */
export function formatFigures(name: string, f: RelevanceFigures): string {
  const parts = [`${name}: ${f.queries} queries`];
  if (f.answerable > 0) {
    parts.push(`coverage ${share(f.answerable, f.queries)}`, `top-1 ${share(f.top1, f.answerable)}`, `top-3 ${share(f.top3, f.answerable)}`);
    parts.push(`right and confident ${share(f.rightAndConfident, f.answerable)}`);
  }
  const unanswerable = f.queries - f.answerable;
  if (unanswerable > 0) parts.push(`not confident when unanswerable ${share(f.unanswerableDeclined, unanswerable)}`);
  return parts.join(' · ');
}
