import { normalize } from './normalize.ts';
import { isHanTerm, tokenize } from './tokenize.ts';

/** The searchable text of one document, by field. */
export type DocFields = Record<string, string>;

/** How much a term found in each field counts, in (0, 1]. Fields not listed are not indexed. */
export type FieldWeights = Record<string, number>;

/** A query term with the weight it carries (1 for the term as typed, less for a typo correction). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** A document ranked by how much of the query it covers. */
export interface Coverage {
  doc: number;
  /** Idf-weighted share of the query's term groups found in the document, in [0, 1]. */
  coverage: number;
}

/**
 * An inverted index from terms (see tokenize.ts) to documents, keeping for each pair the weight of
 * the best field the term occurs in. Also holds a trigram index over its Latin vocabulary (for
 * typo candidates) and a character index over the first two fields (a last resort for Chinese typos).
 */
export class TermIndex {
  readonly #docCount: number;
  /** term → [doc, weight, doc, weight, …], docs ascending. */
  readonly #postings = new Map<string, number[]>();
  readonly #vocabulary: string[] = [];
  readonly #trigrams = new Map<string, number[]>();
  readonly #characters = new Map<string, number[]>();

  constructor(docs: readonly DocFields[], weights: FieldWeights) {
    this.#docCount = docs.length;
    const fields = Object.entries(weights).sort((a, b) => b[1] - a[1]);
    const shortFields = fields.slice(0, 2).map(([name]) => name);
    const best = new Map<string, number>();
    docs.forEach((doc, i) => {
      best.clear();
      for (const [field, weight] of fields) {
        for (const term of tokenize(normalize(doc[field] ?? '', false))) {
          if (!best.has(term)) best.set(term, weight);
        }
      }
      for (const [term, weight] of best) {
        let list = this.#postings.get(term);
        if (!list) {
          list = [];
          this.#postings.set(term, list);
          if (!isHanTerm(term)) this.#addWord(term);
        }
        list.push(i, weight);
      }
      this.#indexCharacters(shortFields.map((f) => doc[f] ?? '').join(' '), i);
    });
  }

  /** True when some document contains the term. */
  knows(term: string): boolean {
    return this.#postings.has(term);
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
      .map(([id]) => this.#vocabulary[id]!);
  }

  /**
   * Documents ranked by coverage of the query, where each group holds one query term and its
   * alternatives (typo corrections); a group counts once, by its best alternative, weighted by idf.
   */
  cover(groups: readonly WeightedTerm[][], limit: number): Coverage[] {
    if (groups.length === 0) return [];
    const score = new Float64Array(this.#docCount);
    const touched: number[] = [];
    let total = 0;
    for (const group of groups) {
      const idf = Math.max(...group.map((a) => this.#idf(a.term)));
      total += idf;
      const bestInGroup = new Map<number, number>();
      for (const { term, weight } of group) {
        const list = this.#postings.get(term)!;
        for (let j = 0; j < list.length; j += 2) {
          const doc = list[j]!;
          const value = weight * list[j + 1]!;
          if (value > (bestInGroup.get(doc) ?? 0)) bestInGroup.set(doc, value);
        }
      }
      for (const [doc, value] of bestInGroup) {
        if (score[doc] === 0) touched.push(doc);
        score[doc] = score[doc]! + idf * value;
      }
    }
    return topDocs(touched, score, limit).map((doc) => ({ doc, coverage: score[doc]! / total }));
  }

  /**
   * Last resort for Chinese queries whose bigrams are all unknown (a wrong character): documents
   * whose titles and aliases contain at least half of the query's distinct Chinese characters.
   */
  coverCharacters(normalized: string, limit: number): Coverage[] {
    const chars = [...new Set(normalized.match(/[\u3400-\u9fff]/g) ?? [])];
    if (chars.length < 2) return [];
    const score = new Float64Array(this.#docCount);
    const touched: number[] = [];
    for (const ch of chars) {
      for (const doc of this.#characters.get(ch) ?? []) {
        if (score[doc] === 0) touched.push(doc);
        score[doc] = score[doc]! + 1;
      }
    }
    return topDocs(touched, score, limit)
      .map((doc) => ({ doc, coverage: (0.8 * score[doc]!) / chars.length }))
      .filter((c) => c.coverage >= 0.4);
  }

  #idf(term: string): number {
    const df = (this.#postings.get(term)?.length ?? 0) / 2;
    return Math.log(1 + this.#docCount / Math.max(df, 1));
  }

  #addWord(word: string): void {
    const id = this.#vocabulary.push(word) - 1;
    for (const gram of trigramsOf(word)) {
      const ids = this.#trigrams.get(gram);
      if (ids) ids.push(id);
      else this.#trigrams.set(gram, [id]);
    }
  }

  #indexCharacters(text: string, doc: number): void {
    for (const ch of new Set(normalize(text, false).match(/[\u3400-\u9fff]/g) ?? [])) {
      const docs = this.#characters.get(ch);
      if (docs) docs.push(doc);
      else this.#characters.set(ch, [doc]);
    }
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
