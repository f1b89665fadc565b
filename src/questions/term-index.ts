import { normalizeForIndex } from './normalize.ts';
import { hanKey, isHanTerm, rangeEquals, scanTerms, type TermVisitor } from './tokenize.ts';

/** The searchable texts of one document, by field (a field may hold several texts, e.g. both languages). */
export type DocFields = Record<string, readonly string[]>;

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
 * the best field the term occurs in. Built for banks of tens of thousands of cards: Chinese bigrams
 * are integer keys in an open-addressing table (no string per bigram), and postings are laid out
 * once, after the scan, in flat typed arrays (CSR). Also holds a trigram index over its Latin
 * vocabulary (typo candidates) and a character index over the two heaviest fields (a last resort
 * for Chinese typos).
 */
export class TermIndex {
  readonly #docCount: number;
  readonly #hanIds = new IntTable();
  readonly #wordIds = new Map<string, number>();
  /** FNV-1a hash of a word → its term id (the first word with that hash; others take the Map path). */
  readonly #wordHashes = new IntTable();
  readonly #vocabularyOf: number[] = [];
  readonly #vocabulary: string[] = [];
  readonly #trigrams = new Map<string, number[]>();
  readonly #characters = new Map<number, number[]>();
  /** Postings of term t: docs/weights[offsets[t] .. offsets[t + 1]), docs ascending. */
  readonly #offsets: Int32Array;
  readonly #docs: Int32Array;
  readonly #weights: Float32Array;

  constructor(docs: readonly DocFields[], weights: FieldWeights) {
    this.#docCount = docs.length;
    // Fields in descending weight: the first time a term is seen in a document is its best field.
    const fields = Object.entries(weights).sort((a, b) => b[1] - a[1]);
    const shortFields = new Set(fields.slice(0, 2).map(([name]) => name));
    const pairs = new PairBuffer();
    // The last document each term was posted for (a typed array: a plain one goes sparse and slow).
    let lastDoc = new Int32Array(1 << 16).fill(-1);
    let doc = 0;
    let weight = 0;
    let short = false;
    const post = (term: number) => {
      if (term >= lastDoc.length) {
        const grown = new Int32Array(lastDoc.length * 2).fill(-1);
        grown.set(lastDoc);
        lastDoc = grown;
      }
      if (lastDoc[term] === doc) return;
      lastDoc[term] = doc;
      pairs.push(term, doc, weight);
    };
    const visitor: TermVisitor = {
      han: (a, b) => {
        const id = this.#hanIds.getOrInsert(hanKey(a, b), this.#termCount);
        if (id === this.#termCount) this.#termCount++;
        post(id);
        if (short) {
          addDoc(this.#characters, a, doc);
          if (b >= 0) addDoc(this.#characters, b, doc);
        }
      },
      word: (text, start, end, addY, hash) => post(this.#wordIdOfRange(text, start, end, addY, hash)),
    };
    docs.forEach((fieldsOfDoc, i) => {
      doc = i;
      for (const [field, w] of fields) {
        weight = w;
        short = shortFields.has(field);
        for (const text of fieldsOfDoc[field] ?? []) scanTerms(normalizeForIndex(text), visitor);
      }
    });
    [this.#offsets, this.#docs, this.#weights] = pairs.toCsr(this.#termCount);
  }

  /** True when some document contains the term. */
  knows(term: string): boolean {
    return this.#idOf(term) !== undefined;
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
   * Terms the index does not know are ignored.
   */
  cover(groups: readonly WeightedTerm[][], limit: number): Coverage[] {
    const score = new Float64Array(this.#docCount);
    const touched: number[] = [];
    let total = 0;
    for (const group of groups) {
      const known = group.flatMap((a) => {
        const id = this.#idOf(a.term);
        return id === undefined ? [] : [{ id, weight: a.weight }];
      });
      if (known.length === 0) continue;
      const idf = Math.max(...known.map((k) => this.#idf(k.id)));
      total += idf;
      const bestInGroup = new Map<number, number>();
      for (const { id, weight } of known) {
        for (let j = this.#offsets[id]!, end = this.#offsets[id + 1]!; j < end; j++) {
          const d = this.#docs[j]!;
          const value = weight * this.#weights[j]!;
          if (value > (bestInGroup.get(d) ?? 0)) bestInGroup.set(d, value);
        }
      }
      for (const [d, value] of bestInGroup) {
        if (score[d] === 0) touched.push(d);
        score[d] = score[d]! + idf * value;
      }
    }
    if (total === 0) return [];
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

  #termCount = 0;

  #idOf(term: string): number | undefined {
    if (!isHanTerm(term)) return this.#wordIds.get(term);
    return this.#hanIds.get(hanKey(term.charCodeAt(0), term.length > 1 ? term.charCodeAt(1) : -1));
  }

  #idf(id: number): number {
    const df = this.#offsets[id + 1]! - this.#offsets[id]!;
    return Math.log(1 + this.#docCount / Math.max(df, 1));
  }

  /** {@link #wordId} for a range of text, without copying it when the word is known already. */
  #wordIdOfRange(text: string, start: number, end: number, addY: boolean, hash: number): number {
    const id = this.#wordHashes.get(hash);
    if (id !== undefined) {
      const word = this.#vocabulary[this.#vocabularyOf[id]!]!;
      if (addY ? word.endsWith('y') && rangeEquals(text, start, end, word.slice(0, -1)) : rangeEquals(text, start, end, word)) return id;
    }
    const wordId = this.#wordId(text.slice(start, end).toLowerCase() + (addY ? 'y' : ''));
    if (id === undefined) this.#wordHashes.getOrInsert(hash, wordId);
    return wordId;
  }

  #wordId(word: string): number {
    let id = this.#wordIds.get(word);
    if (id !== undefined) return id;
    id = this.#termCount++;
    this.#wordIds.set(word, id);
    const vocabularyId = this.#vocabulary.push(word) - 1;
    this.#vocabularyOf[id] = vocabularyId;
    for (const gram of trigramsOf(word)) {
      const ids = this.#trigrams.get(gram);
      if (ids) ids.push(vocabularyId);
      else this.#trigrams.set(gram, [vocabularyId]);
    }
    return id;
  }
}

/** An open-addressing hash table from small non-negative integer keys (< 2^30) to term ids. */
class IntTable {
  #keys = new Int32Array(1 << 14).fill(-1);
  #values = new Int32Array(1 << 14);
  #size = 0;

  get(key: number): number | undefined {
    const mask = this.#keys.length - 1;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const k = this.#keys[slot]!;
      if (k === key) return this.#values[slot];
      if (k === -1) return undefined;
    }
  }

  /** The id of a key; a new key gets `id`. */
  getOrInsert(key: number, id: number): number {
    const mask = this.#keys.length - 1;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const k = this.#keys[slot]!;
      if (k === key) return this.#values[slot]!;
      if (k === -1) {
        this.#keys[slot] = key;
        this.#values[slot] = id;
        if (++this.#size * 2 > this.#keys.length) this.#grow();
        return id;
      }
    }
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Int32Array(keys.length * 2).fill(-1);
    this.#values = new Int32Array(keys.length * 2);
    const mask = this.#keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue;
      let slot = hash(keys[i]!) & mask;
      while (this.#keys[slot] !== -1) slot = (slot + 1) & mask;
      this.#keys[slot] = keys[i]!;
      this.#values[slot] = values[i]!;
    }
  }
}

function hash(key: number): number {
  return Math.imul(key, 0x9e3779b1) ^ (key >>> 15);
}

/** (term, doc, weight) triples in growable typed arrays, laid out per term at the end. */
class PairBuffer {
  #terms = new Int32Array(1 << 16);
  #docs = new Int32Array(1 << 16);
  #weights = new Float32Array(1 << 16);
  #length = 0;

  push(term: number, doc: number, weight: number): void {
    if (this.#length === this.#terms.length) this.#grow();
    this.#terms[this.#length] = term;
    this.#docs[this.#length] = doc;
    this.#weights[this.#length] = weight;
    this.#length++;
  }

  /** Counting sort by term (stable, so docs stay ascending): offsets, docs and weights. */
  toCsr(termCount: number): [Int32Array, Int32Array, Float32Array] {
    const offsets = new Int32Array(termCount + 1);
    for (let i = 0; i < this.#length; i++) offsets[this.#terms[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const cursor = offsets.slice(0, termCount);
    const docs = new Int32Array(this.#length);
    const weights = new Float32Array(this.#length);
    for (let i = 0; i < this.#length; i++) {
      const at = cursor[this.#terms[i]!]!++;
      docs[at] = this.#docs[i]!;
      weights[at] = this.#weights[i]!;
    }
    return [offsets, docs, weights];
  }

  #grow(): void {
    const grow = <T extends Int32Array | Float32Array>(a: T, make: (n: number) => T) => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.#terms = grow(this.#terms, (n) => new Int32Array(n));
    this.#docs = grow(this.#docs, (n) => new Int32Array(n));
    this.#weights = grow(this.#weights, (n) => new Float32Array(n));
  }
}

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
