import Fuse from 'fuse.js';
import type { Card } from './schema.ts';
import { exactKey, normalize } from './normalize.ts';
import { foldHash, isHanTerm, tokenize } from './tokenize.ts';
import { TermIndex, type FieldWeights } from './term-index.ts';

/** One ranked search hit. */
export interface SearchHit {
  card: Card;
  /**
   * Confidence in [0, 1], higher is better. 1 means the query is the card's id or one of its aliases.
   * Otherwise it is 80% "coverage" (the idf-weighted share of the query's terms that the card contains,
   * a term found only in the answer body counting 40%, a typo-corrected term by its similarity) and
   * 20% fuse.js's fuzzy similarity of the whole query to the card's aliases (queries up to 32
   * characters; longer ones are ranked by coverage alone).
   */
  score: number;
}

/** Tuning knobs; the defaults are what the relevance suite was measured with. */
export interface SearchOptions {
  /** Below this score a hit is "nothing good" (see {@link SearchIndex.search}). */
  confidentScore: number;
  /** How many candidates from the term index fuse.js re-ranks. */
  rerankDepth: number;
  /** fuse.js threshold for the alias re-rank (0 exact … 1 anything). */
  fuzzyThreshold: number;
  /** Share of the score that comes from fuse.js's alias similarity (the rest is term coverage). */
  fuzzyWeight: number;
}

const DEFAULTS: SearchOptions = { confidentScore: 0.4, rerankDepth: 10, fuzzyThreshold: 0.6, fuzzyWeight: 0.2 };

const FIELDS: FieldWeights = { title: 1, aliases: 1, tags: 0.7, keyPoints: 0.6, answer: 0.4 };

/** The best score a hit gets without being an exact id or alias. */
const NEAR_EXACT = 0.99;

/** Longest normalized query that fuse.js re-ranks (bitap's word size). */
const FUZZY_PATTERN_MAX = 32;

/** Maximum query length in characters, after trimming. */
export const MAX_QUERY_LENGTH = 200;

/**
 * The bank's search engine. A term index (words and Chinese bigrams from every field, answers
 * included, so paraphrases are found) narrows the bank to a few candidates in time that grows with
 * the query, not the bank; fuse.js then re-ranks the candidates by the fuzzy similarity of the query
 * to their aliases, and corrects typos against the index's vocabulary ("dropuot" → "dropout").
 * An exact id or alias wins outright.
 * This is the only module that imports fuse.js.
 */
export class SearchIndex {
  readonly #cards: Card[];
  /** foldHash(id or alias) → card index; the first card to claim a key keeps it. */
  readonly #exact = new Map<number, number>();
  readonly #ids = new Map<string, Card>();
  /** Each card's aliases as fuse.js compares them, normalized the first time the card is a candidate. */
  readonly #aliasNames: (string[] | undefined)[] = [];
  readonly #terms: TermIndex;
  readonly #options: SearchOptions;

  constructor(cards: readonly Card[], options: Partial<SearchOptions> = {}) {
    this.#cards = [...cards];
    this.#options = { ...DEFAULTS, ...options };
    this.#cards.forEach((card, i) => {
      this.#ids.set(card.id, card);
      for (const key of exactNames(card)) {
        const h = foldHash(key);
        if (!this.#exact.has(h)) this.#exact.set(h, i);
      }
    });
    this.#terms = new TermIndex(
      this.#cards.map((card) => ({
        title: [card.title.zh, card.title.en],
        aliases: [...card.aliases.zh, ...card.aliases.en],
        tags: card.tags,
        keyPoints: [...card.keyPoints.zh, ...card.keyPoints.en],
        answer: [card.answer.zh, card.answer.en],
      })),
      FIELDS,
    );
  }

  /** Number of cards indexed. */
  get size(): number {
    return this.#cards.length;
  }

  /** The card with this id, if any. */
  byId(id: string): Card | undefined {
    return this.#ids.get(id);
  }

  /** The score below which a hit should be presented as a guess, not an answer. */
  get confidentScore(): number {
    return this.#options.confidentScore;
  }

  /**
   * Ranks cards for a free-text query in Chinese, English or both (typos, abbreviations and
   * traditional characters welcome). Best first; at most `limit` hits; empty when nothing matches.
   * The caller decides what to do with hits under {@link confidentScore}.
   */
  search(query: string, limit = 5): SearchHit[] {
    const normalized = normalize(query);
    if (!normalized) return [];
    const exact = this.#exactMatch(query);

    const terms = tokenize(normalized);
    const groups = terms.map((term) => this.#alternatives(term)).filter((g) => g.length > 0);
    let candidates = this.#terms.cover(groups, this.#options.rerankDepth);
    if (candidates.length === 0) candidates = this.#terms.coverCharacters(normalized, this.#options.rerankDepth);

    const fuzzy = this.#fuzzyAliases(normalized, candidates.map((c) => c.doc));
    const hits = candidates.map(({ doc, coverage }) => ({
      doc,
      // Only an exact id or alias scores 1; anything else stops just short of it.
      score: Math.min(NEAR_EXACT, (1 - this.#options.fuzzyWeight) * coverage + this.#options.fuzzyWeight * (1 - (fuzzy.get(doc) ?? 1))),
    }));
    const ranked = exact === undefined ? hits : [{ doc: exact, score: 1 }, ...hits.filter((h) => h.doc !== exact)];
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return ranked.slice(0, limit).map((h) => ({ card: this.#cards[h.doc]!, score: round(h.score) }));
  }

  /** The card whose id or alias the query is (after folding case, width, script and punctuation). */
  #exactMatch(query: string): number | undefined {
    const key = exactKey(query);
    if (!key) return undefined;
    const i = this.#exact.get(foldHash(key));
    if (i === undefined) return undefined;
    const card = this.#cards[i]!;
    // The hash found a candidate; the keys themselves confirm it.
    return exactNames(card).some((k) => exactKey(k, false) === key) ? i : undefined;
  }

  /** A query term and, when the index does not know it, its closest known spellings. */
  #alternatives(term: string): { term: string; weight: number }[] {
    if (this.#terms.knows(term)) return [{ term, weight: 1 }];
    if (isHanTerm(term) || term.length < 4) return [];
    const near = this.#terms.similarWords(term, 24);
    if (near.length === 0) return [];
    const fuse = new Fuse(near, { includeScore: true, threshold: 0.45, ignoreLocation: true });
    return fuse
      .search(term)
      .slice(0, 2)
      .map((r) => ({ term: r.item, weight: 1 - (r.score ?? 1) }));
  }

  /** fuse.js scores (0 = perfect) of the whole query against the candidates' aliases (short names, where typos and abbreviations live). */
  #fuzzyAliases(normalized: string, docs: number[]): Map<number, number> {
    const scores = new Map<number, number>();
    // Bitap's cost explodes past its 32-character word size, and a long query is ranked well by
    // term coverage alone: fuse.js re-ranks short queries, where typos matter most.
    if (docs.length === 0 || normalized.length > FUZZY_PATTERN_MAX) return scores;
    const records = docs.map((doc) => {
      let names = this.#aliasNames[doc];
      if (!names) {
        const c = this.#cards[doc]!;
        names = this.#aliasNames[doc] = [...c.aliases.zh, ...c.aliases.en].map((s) => normalize(s, false));
      }
      return { doc, names };
    });
    const fuse = new Fuse(records, {
      keys: ['names'],
      includeScore: true,
      ignoreLocation: true,
      threshold: this.#options.fuzzyThreshold,
      ignoreFieldNorm: true,
    });
    for (const r of fuse.search(normalized)) scores.set(r.item.doc, r.score ?? 1);
    return scores;
  }
}

/** The names an exact match compares a query with: the card's id and every alias. */
function exactNames(card: Card): string[] {
  return [card.id, ...card.aliases.zh, ...card.aliases.en];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
