import { normalize } from './normalize.ts';
import { isHanTerm, scanTerms, type TermVisitor } from './tokenize.ts';

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
  /** term key → [doc, weight, doc, weight, …], docs ascending. Keys: see {@link TermIndex.#keyOf}. */
  readonly #postings = new Map<number, number[]>();
  readonly #words = new Map<string, number>();
  readonly #vocabulary: string[] = [];
  readonly #trigrams = new Map<string, number[]>();
  /** Chinese character → docs whose short fields contain it. */
  readonly #characters = new Map<number, number[]>();

  constructor(docs: readonly DocFields[], weights: FieldWeights) {
    this.#docCount = docs.length;
    // Fields in descending weight: the first time a term is seen in a document is its best field.
    const fields = Object.entries(weights).sort((a, b) => b[1] - a[1]);
    const shortFields = new Set(fields.slice(0, 2).map(([name]) => name));
    let doc = 0;
    let weight = 0;
    let short = false;
    const post = (key: number) => {
      const list = this.#postings.get(key);
      if (!list) this.#postings.set(key, [doc, weight]);
      else if (list[list.length - 2] !== doc) list.push(doc, weight);
    };
    const visitor: TermVisitor = {
      han: (a, b) => {
        post(a * 65536 + (b < 0 ? 0 : b));
        if (short) {
          addDoc(this.#characters, a, doc);
          if (b >= 0) addDoc(this.#characters, b, doc);
        }
      },
      word: (w) => post(WORD_BASE + this.#wordId(w)),
    };
    docs.forEach((fieldsOfDoc, i) => {
      doc = i;
      for (const [field, w] of fields) {
        weight = w;
        short = shortFields.has(field);
        scanTerms(normalize(fieldsOfDoc[field] ?? '', false), visitor);
      }
    });
  }

  /** True when some document contains the term. */
  knows(term: string): boolean {
    const key = this.#keyOf(term);
    return key !== undefined && this.#postings.has(key);
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
   * Groups are expected to hold known terms only (see {@link knows}).
   */
  cover(groups: readonly WeightedTerm[][], limit: number): Coverage[] {
    if (groups.length === 0) return [];
    const score = new Float64Array(this.#docCount);
    const touched: number[] = [];
    let total = 0;
    for (const group of groups) {
      const lists = group.map((a) => ({ weight: a.weight, list: this.#postings.get(this.#keyOf(a.term) ?? -1) ?? [] }));
      const idf = Math.max(...lists.map((l) => this.#idf(l.list)));
      total += idf;
      const bestInGroup = new Map<number, number>();
      for (const { weight, list } of lists) {
        for (let j = 0; j < list.length; j += 2) {
          const d = list[j]!;
          const value = weight * list[j + 1]!;
          if (value > (bestInGroup.get(d) ?? 0)) bestInGroup.set(d, value);
        }
      }
      for (const [d, value] of bestInGroup) {
        if (score[d] === 0) touched.push(d);
        score[d] = score[d]! + idf * value;
      }
    }
    return topDocs(touched, score, limit).map((d) => ({ doc: d, coverage: score[d]! / total }));
  }

  /**
   * Last resort for Chinese queries whose bigrams are all unknown (a wrong character): documents
   * whose titles and aliases contain at least half of the query's distinct Chinese characters.
   */
  coverCharacters(normalized: string, limit: number): Coverage[] {
    const chars = [...new Set([...normalized].filter((ch) => isHanTerm(ch)).map((ch) => ch.charCodeAt(0)))];
    if (chars.length < 2) return [];
    const score = new Float64Array(this.#docCount);
    const touched: number[] = [];
    for (const ch of chars) {
      for (const d of this.#characters.get(ch) ?? []) {
        if (score[d] === 0) touched.push(d);
        score[d] = score[d]! + 1;
      }
    }
    return topDocs(touched, score, limit)
      .map((d) => ({ doc: d, coverage: (0.8 * score[d]!) / chars.length }))
      .filter((c) => c.coverage >= 0.4);
  }

  /** Chinese terms key by their code units; words by vocabulary id above {@link WORD_BASE}. */
  #keyOf(term: string): number | undefined {
    if (isHanTerm(term)) return term.charCodeAt(0) * 65536 + (term.length > 1 ? term.charCodeAt(1) : 0);
    const id = this.#words.get(term);
    return id === undefined ? undefined : WORD_BASE + id;
  }

  #idf(list: number[]): number {
    return Math.log(1 + this.#docCount / Math.max(list.length / 2, 1));
  }

  #wordId(word: string): number {
    let id = this.#words.get(word);
    if (id !== undefined) return id;
    id = this.#vocabulary.push(word) - 1;
    this.#words.set(word, id);
    for (const gram of trigramsOf(word)) {
      const ids = this.#trigrams.get(gram);
      if (ids) ids.push(id);
      else this.#trigrams.set(gram, [id]);
    }
    return id;
  }
}

/** Word keys start here, above every Chinese bigram key (two 16-bit code units). */
const WORD_BASE = 2 ** 32;

function addDoc(index: Map<number, number[]>, key: number, doc: number): void {
  const list = index.get(key);
  if (!list) index.set(key, [doc]);
  else if (list[list.length - 1] !== doc) list.push(doc);
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
