import Fuse from 'fuse.js';
import type { Card } from './schema.ts';
import { exactKey, normalize } from './normalize.ts';
import { PinyinNames } from './pinyin.ts';
import { americanSpellings, stripNumbering, wordInternalPairs } from './query-text.ts';
import { confidence, rankScore, type HitFeatures } from './ranking.ts';
import { foldHash, foldSpans, isHanTerm, tokenize } from './tokenize.ts';
import { TermIndex, type FieldWeights, type TermGroup, type WeightedTerm } from './term-index.ts';

/** One ranked search hit. */
export interface SearchHit {
  card: Card;
  /**
   * Confidence in [0, 1] that this card answers the query: 1 when the query is the card's id or one
   * of its aliases, otherwise a calibrated estimate (see ranking.ts) from how much of the query the
   * card covers, and where (title and aliases count most), how much of the query one of its aliases
   * spells out, how well the query covers the card's title, typo corrections, and how far the card
   * stands ahead of the next one.
   */
  score: number;
}

/** Tuning knobs; the defaults are what the relevance suite was measured with. */
export interface SearchOptions {
  /** Below this score a hit is "not in the bank", shown only as a suggestion (see {@link SearchIndex.search}). */
  confidentScore: number;
  /** How many candidates from the term index are scored in full. */
  rerankDepth: number;
  /** fuse.js threshold for the alias re-rank (0 exact … 1 anything). */
  fuzzyThreshold: number;
}

const DEFAULTS: SearchOptions = { confidentScore: 0.5, rerankDepth: 10, fuzzyThreshold: 0.6 };

const FIELDS: FieldWeights = { title: 1, aliases: 1, tags: 0.7, keyPoints: 0.6, answer: 0.4 };

/** The best score a hit gets without being an exact id or alias. */
const NEAR_EXACT = 0.99;

/** Longest normalized query that fuse.js re-ranks (bitap's word size). */
const FUZZY_PATTERN_MAX = 32;

/** A contained alias this long (non-space characters) or longer counts fully as naming the card. */
const ALIAS_LENGTH_FULL = 8;

/** Longest alias (in non-space characters) looked for inside a query. */
const ALIAS_SPAN_MAX = 40;

/**
 * How much a Chinese character pair counts when it crosses a word boundary and names nothing in the
 * bank: "很深时梯度" gives 深时 and 时梯, noise that would otherwise match unrelated cards.
 */
const NOISE_PAIR_IMPORTANCE = 0.25;

/** How far (in rank score) a one-word query's first card must stand ahead of the second to be the answer. */
const ONE_WORD_MARGIN = 0.1;

/** How much a lone Chinese character (one left between function words, as 好 in 你好呀) counts. */
const LONE_CHARACTER_IMPORTANCE = 0.5;

/** Maximum query length in characters, after trimming: room for a pasted interview question. */
export const MAX_QUERY_LENGTH = 500;

/** A candidate card with what the ranking reads about it. */
export interface ScoredCandidate {
  doc: number;
  features: HitFeatures;
  rank: number;
}

/**
 * The bank's search engine. A term index (words and Chinese bigrams from every field, answers
 * included, so paraphrases are found) narrows the bank to a few candidates in time that grows with
 * the query, not the bank; each candidate is then scored on a handful of features (ranking.ts), and
 * fuse.js corrects typos against the index's vocabulary ("dropuot" → "dropout") and compares short
 * queries with the candidates' aliases. An exact id or alias wins outright.
 * This is the only module that imports fuse.js.
 */
export class SearchIndex {
  readonly #cards: Card[];
  /** foldHash(id or alias) → card index; the first card to claim a key keeps it. */
  readonly #exact = new Map<number, number>();
  readonly #ids = new Map<string, Card>();
  /** Each card's aliases as fuse.js compares them, normalized the first time the card is a candidate. */
  readonly #aliasNames: (string[] | undefined)[] = [];
  /** Each card's title terms (zh, en), tokenized the first time the card is a candidate. */
  readonly #titleTerms: ([Set<string>, Set<string>] | undefined)[] = [];
  #pinyin: PinyinNames | undefined;
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

  /** The score below which a hit should be presented as a suggestion ("not in the bank"), not an answer. */
  get confidentScore(): number {
    return this.#options.confidentScore;
  }

  /**
   * Ranks cards for a free-text query in Chinese, English or both (typos, abbreviations, pinyin,
   * British spellings, traditional characters and whole pasted interview questions welcome). Best
   * first; at most `limit` hits; empty when nothing matches. The caller decides what to do with hits
   * under {@link confidentScore}.
   */
  search(query: string, limit = 5): SearchHit[] {
    return this.explain(query)
      .slice(0, limit)
      .map((c) => ({ card: this.#cards[c.doc]!, score: c.rank }));
  }

  /** The ranked candidates of a query with their features and scores (for tuning and tests). */
  explain(query: string): ScoredCandidate[] {
    const normalized = normalize(stripNumbering(query));
    if (!normalized) return [];
    const exact = this.#exactMatch(normalized);

    const groups = this.#groups(normalized);
    const { docs: covered, total: known } = this.#terms.cover(groups, this.#options.rerankDepth);
    // Words the bank has never seen still count in the query's weight, as the rarest terms do:
    // "Redis为什么这么快" is about Redis, and no card covers that.
    const unknown = groups.filter((g) => g.alternatives.length === 0).length * this.#terms.maxIdf;
    const total = known + unknown;
    const share = total > 0 ? known / total : 0;
    let candidates = covered.map((c) => ({ ...c, coverage: c.coverage * share, strong: c.strong * share, corrected: c.corrected * share }));
    if (candidates.length === 0) candidates = this.#terms.coverCharacters(normalized, this.#options.rerankDepth);

    const contained = this.#containedAliases(normalized, groups, total);
    for (const doc of contained.keys()) {
      if (!candidates.some((c) => c.doc === doc)) candidates.push({ doc, coverage: 0, strong: 0, corrected: 0 });
    }
    const fuzzy = this.#fuzzyAliases(normalized, candidates.map((c) => c.doc));
    const queryTerms = new Set(groups.flatMap((g) => g.alternatives.map((a) => a.term)));
    const scored = candidates.map((c) => {
      const features: HitFeatures = {
        coverage: c.coverage,
        strong: c.strong,
        corrected: c.corrected,
        alias: contained.get(c.doc)?.share ?? 0,
        aliasLength: Math.min(1, (contained.get(c.doc)?.length ?? 0) / ALIAS_LENGTH_FULL),
        title: this.#titleCoverage(c.doc, queryTerms),
        fuzzy: 1 - (fuzzy.get(c.doc) ?? 1),
        weight: total,
        margin: 0,
      };
      return { doc: c.doc, features, rank: rankScore(features) };
    });
    scored.sort((a, b) => b.rank - a.rank || a.doc - b.doc);
    const [first, second] = scored;
    if (first) first.features.margin = first.rank - (second?.rank ?? 0);
    const oneWord = groups.filter((g) => g.alternatives.length > 0).length <= 1;
    let ceiling = NEAR_EXACT;
    for (const s of scored) {
      let p = confidence(s === first ? s.features : { ...s.features, margin: 0 });
      // One word that is no card's name is an answer only when it points at one card: as typed
      // (not a typo correction: "banana" is not "Bahdanau") and clearly ahead of the next card
      // ("test" fits a dozen cards equally). Otherwise the bot offers the candidates.
      if (oneWord && (s.features.corrected > 0.5 || (s === first && s.features.margin < ONE_WORD_MARGIN))) p = Math.min(p, this.#options.confidentScore / 2);
      s.rank = round(Math.min(ceiling, p));
      ceiling = s.rank;
    }
    if (exact === undefined) return scored;
    const exactHit = scored.find((s) => s.doc === exact);
    const rest = scored.filter((s) => s.doc !== exact);
    return [{ doc: exact, features: exactHit?.features ?? emptyFeatures(), rank: 1 }, ...rest];
  }

  /** The query's term groups: each term with its alternatives and how much it counts. */
  #groups(normalized: string): TermGroup[] {
    const internal = /[\u3400-\u9fff]{3}/.test(normalized) ? wordInternalPairs(normalized) : undefined;
    const groups: TermGroup[] = [];
    for (const term of tokenize(normalized)) {
      const alternatives = this.#alternatives(term);
      if (alternatives.length === 0) {
        // A lone Chinese character or a number says little; an unknown word says what the bank lacks.
        if (!isHanTerm(term) && !/^\d+$/.test(term)) groups.push({ alternatives, importance: 1 });
        continue;
      }
      const noise = internal !== undefined && term.length === 2 && isHanTerm(term) && !internal.has(term) && !this.#terms.namesSomething(term);
      groups.push({ alternatives, importance: noise ? NOISE_PAIR_IMPORTANCE : term.length === 1 && isHanTerm(term) ? LONE_CHARACTER_IMPORTANCE : 1 });
    }
    return groups;
  }

  /** A query term and, when the index does not know it, its American spelling, its Chinese (typed as pinyin), or its closest known spellings. */
  #alternatives(term: string): WeightedTerm[] {
    // Cards mix British and American spelling: a word counts as found in either form.
    const spellings = isHanTerm(term) ? [] : americanSpellings(term).filter((t) => this.#terms.knows(t));
    if (this.#terms.knows(term)) return [{ term, weight: 1 }, ...spellings.map((t) => ({ term: t, weight: 1 }))];
    if (spellings.length > 0) return spellings.map((t) => ({ term: t, weight: 1 }));
    if (isHanTerm(term) || term.length < 4) return [];
    // Pinyin never ends in "s", so the tokenizer's plural rule leaves a pinyin word as typed.
    const han = /^[a-z]+$/.test(term) ? this.#pinyinNames().lookup(term) : undefined;
    if (han) return tokenize(han).filter((t) => this.#terms.knows(t)).map((t) => ({ term: t, weight: 1 }));
    const near = this.#terms.similarWords(term, 24);
    if (near.length === 0) return [];
    const fuse = new Fuse(near, { includeScore: true, threshold: 0.45, ignoreLocation: true });
    return fuse
      .search(term)
      .slice(0, 2)
      .map((r) => ({ term: r.item, weight: 1 - (r.score ?? 1) }));
  }

  #pinyinNames(): PinyinNames {
    this.#pinyin ??= new PinyinNames(this.#cards.map((c) => [c.title.zh, ...c.aliases.zh]));
    return this.#pinyin;
  }

  /** The card whose id or alias the query is (after folding case, width, script and punctuation). */
  #exactMatch(normalized: string): number | undefined {
    const key = exactKey(normalized, false);
    if (!key) return undefined;
    const i = this.#exact.get(foldHash(key));
    if (i === undefined) return /^[a-z ]{4,}$/.test(normalized) ? this.#pinyinNames().exact(normalized) : undefined;
    const card = this.#cards[i]!;
    // The hash found a candidate; the keys themselves confirm it.
    return exactNames(card).some((k) => exactKey(k, false) === key) ? i : undefined;
  }

  /**
   * Cards one of whose ids or aliases the query contains ("请谈谈你对批归一化的理解" holds 批归一化),
   * each with the share of the query's weight that its longest such alias spells out, and that
   * alias's length in characters.
   */
  #containedAliases(normalized: string, groups: readonly TermGroup[], total: number): Map<number, { share: number; length: number }> {
    const spans = new Map<number, { start: number; end: number }>();
    foldSpans(normalized, ALIAS_SPAN_MAX, (start, end, hash) => {
      const doc = this.#exact.get(hash);
      if (doc === undefined) return;
      const prior = spans.get(doc);
      if (prior && prior.end - prior.start >= end - start) return;
      const key = exactKey(normalized.slice(start, end), false);
      if (exactNames(this.#cards[doc]!).some((k) => exactKey(k, false) === key)) spans.set(doc, { start, end });
    });
    const found = new Map<number, { share: number; length: number }>();
    if (total === 0) return found;
    for (const [doc, { start, end }] of spans) {
      const span = normalized.slice(start, end);
      const inside = new Set(tokenize(span));
      let weight = 0;
      for (const g of groups) if (g.alternatives.some((a) => a.weight >= 1 && inside.has(a.term))) weight += g.importance * this.#terms.idf(g.alternatives[0]!.term);
      found.set(doc, { share: Math.min(1, weight / total), length: span.replace(/ /g, '').length });
    }
    return found;
  }

  /** The larger share, over the card's two titles, of title terms that the query contains. */
  #titleCoverage(doc: number, queryTerms: ReadonlySet<string>): number {
    let titles = this.#titleTerms[doc];
    if (!titles) {
      const c = this.#cards[doc]!;
      titles = this.#titleTerms[doc] = [new Set(tokenize(normalize(c.title.zh, false))), new Set(tokenize(normalize(c.title.en, false)))];
    }
    let best = 0;
    for (const title of titles) {
      if (title.size === 0) continue;
      let found = 0;
      for (const t of title) if (queryTerms.has(t)) found++;
      best = Math.max(best, found / title.size);
    }
    return best;
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

function emptyFeatures(): HitFeatures {
  return { coverage: 0, strong: 0, corrected: 0, alias: 0, aliasLength: 0, title: 0, fuzzy: 0, weight: 0, margin: 0 };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
