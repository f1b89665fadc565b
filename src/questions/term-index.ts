import { buildPostings, type DocFields, type FieldWeights, type Postings } from './postings.ts';
import { hanKey, isHanTerm } from './tokenize.ts';

export type { DocFields, FieldWeights };

/** A query term with the weight it carries (1 for the term as typed, less for a typo correction). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** One query term with its alternatives (typo corrections, spellings), and how much it matters. */
export interface TermGroup {
  alternatives: WeightedTerm[];
  /** Multiplies the term's idf: 1 for a content term, less for a likely noise bigram. */
  importance: number;
}

/** A document ranked by how much of the query it covers. */
export interface Coverage {
  doc: number;
  /** Importance- and idf-weighted share of the query's term groups found in the document, each by its best field's weight, in [0, 1]. */
  coverage: number;
  /** The same share counting only terms found in the document's heaviest fields (title and aliases). */
  strong: number;
  /** The share of the query matched only through a typo correction or other alternative. */
  corrected: number;
}

/** The documents that cover a query best, and the query's total weight. */
export interface CoverResult {
  docs: Coverage[];
  /** Sum of importance × idf over the query's known term groups: how much the query says. */
  total: number;
}

/**
 * An inverted index from terms (see tokenize.ts) to documents, keeping for each pair the weight of
 * the best field the term occurs in. Built for banks of tens of thousands of cards: Chinese bigrams
 * are integer keys in an open-addressing table (no string per bigram), and postings are laid out
 * once, after the scan, in flat typed arrays (CSR). Also holds a trigram index over its Latin
 * vocabulary (typo candidates) and a character index over the two heaviest fields (a last resort
 * for Chinese typos).
 */
export class TermIndex {
  readonly #postings: Postings;
  readonly #trigrams = new Map<string, number[]>();
  readonly #strongWeight: number;

  constructor(docs: readonly DocFields[], weights: FieldWeights) {
    this.#postings = buildPostings(docs, weights);
    this.#strongWeight = Math.max(...Object.values(weights));
    this.#postings.vocabulary.forEach((word, id) => {
      for (const gram of trigramsOf(word)) {
        const ids = this.#trigrams.get(gram);
        if (ids) ids.push(id);
        else this.#trigrams.set(gram, [id]);
      }
    });
  }

  /** True when some document contains the term. */
  knows(term: string): boolean {
    return this.#idOf(term) !== undefined;
  }

  /** True when the term stands in some document's heaviest field (a title or an alias): a term people name things by. */
  namesSomething(term: string): boolean {
    const id = this.#idOf(term);
    if (id === undefined) return false;
    const { offsets, weights } = this.#postings;
    for (let j = offsets[id]!, end = offsets[id + 1]!; j < end; j++) if (weights[j]! >= this.#strongWeight) return true;
    return false;
  }

  /** Up to `limit` known Latin words sharing the most trigrams with `word`: typo candidates. */
  similarWords(word: string, limit: number): string[] {
    const shared = new Map<number, number>();
    for (const gram of trigramsOf(word)) {
      for (const id of this.#trigrams.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    const grams = word.length + 1;
    return [...shared]
      .filter(([, n]) => n >= Math.max(2, grams / 4))
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id]) => this.#postings.vocabulary[id]!);
  }

  /**
   * Documents ranked by coverage of the query. A group counts once, by its best alternative,
   * weighted by idf × importance. Terms the index does not know are ignored.
   */
  cover(groups: readonly TermGroup[], limit: number): CoverResult {
    const { offsets, docs, weights } = this.#postings;
    const n = this.#postings.docCount;
    const score = new Float64Array(n);
    const strong = new Float64Array(n);
    const corrected = new Float64Array(n);
    const touched: number[] = [];
    let total = 0;
    for (const group of groups) {
      const known = group.alternatives.flatMap((a) => {
        const id = this.#idOf(a.term);
        return id === undefined ? [] : [{ id, weight: a.weight }];
      });
      if (known.length === 0) continue;
      const idf = group.importance * Math.max(...known.map((k) => this.#idf(k.id)));
      total += idf;
      const best = new Map<number, { value: number; strong: boolean; exact: boolean }>();
      for (const { id, weight } of known) {
        for (let j = offsets[id]!, end = offsets[id + 1]!; j < end; j++) {
          const d = docs[j]!;
          const value = weight * weights[j]!;
          if (value > (best.get(d)?.value ?? 0)) best.set(d, { value, strong: weights[j]! >= this.#strongWeight, exact: weight >= 1 });
        }
      }
      for (const [d, b] of best) {
        if (score[d] === 0) touched.push(d);
        score[d] = score[d]! + idf * b.value;
        if (b.strong) strong[d] = strong[d]! + idf * b.value;
        if (!b.exact) corrected[d] = corrected[d]! + idf;
      }
    }
    if (total === 0) return { docs: [], total: 0 };
    const ranked = topDocs(touched, score, limit).map((d) => ({
      doc: d,
      coverage: score[d]! / total,
      strong: strong[d]! / total,
      corrected: corrected[d]! / total,
    }));
    return { docs: ranked, total };
  }

  /**
   * Last resort for Chinese queries whose bigrams are all unknown (a wrong character): documents
   * whose titles and aliases contain at least half of the query's distinct Chinese characters.
   */
  coverCharacters(normalized: string, limit: number): Coverage[] {
    const chars = [...new Set([...normalized].filter((ch) => isHanTerm(ch)).map((ch) => ch.charCodeAt(0)))];
    if (chars.length < 2) return [];
    const score = new Float64Array(this.#postings.docCount);
    const touched: number[] = [];
    for (const ch of chars) {
      for (const d of this.#postings.characters.get(ch) ?? []) {
        if (score[d] === 0) touched.push(d);
        score[d] = score[d]! + 1;
      }
    }
    return topDocs(touched, score, limit)
      .map((d) => ({ doc: d, coverage: (0.8 * score[d]!) / chars.length, strong: (0.8 * score[d]!) / chars.length, corrected: 1 }))
      .filter((c) => c.coverage >= 0.4);
  }

  #idOf(term: string): number | undefined {
    if (!isHanTerm(term)) return this.#postings.wordIds.get(term);
    return this.#postings.hanIds.get(hanKey(term.charCodeAt(0), term.length > 1 ? term.charCodeAt(1) : -1));
  }

  /** The idf of a term found in one document only: the weight a word the index has never seen is given. */
  get maxIdf(): number {
    return Math.log(1 + this.#postings.docCount);
  }

  /** The inverse document frequency of a known term (0 for an unknown one). */
  idf(term: string): number {
    const id = this.#idOf(term);
    return id === undefined ? 0 : this.#idf(id);
  }

  #idf(id: number): number {
    const { offsets, docCount } = this.#postings;
    return Math.log(1 + docCount / Math.max(offsets[id + 1]! - offsets[id]!, 1));
  }
}

function trigramsOf(word: string): string[] {
  const padded = `^${word}$`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

/** The `limit` touched documents with the highest score, best first (ties: lower index first). */
function topDocs(touched: number[], score: Float64Array, limit: number): number[] {
  let pool = touched;
  if (touched.length > limit * 4) {
    const values = Float64Array.from(touched, (d) => score[d]!).sort();
    const cutoff = values[values.length - limit]!;
    pool = touched.filter((d) => score[d]! >= cutoff);
  }
  return pool.sort((a, b) => score[b]! - score[a]! || a - b).slice(0, limit);
}
