import { normalizeForIndex } from './normalize.ts';
import { foldWord, hanKey, scanTerms, type TermVisitor } from './tokenize.ts';

/** The searchable texts of one document, by field (a field may hold several texts, e.g. both languages). */
export type DocFields = Record<string, readonly string[]>;

/** How much a term found in each field counts, in (0, 1]. Fields not listed are not indexed. */
export type FieldWeights = Record<string, number>;

/** Term ids and their postings, laid out flat. */
export interface Postings {
  docCount: number;
  /** Chinese term key ({@link hanKey}) → term id. */
  hanIds: IntTable;
  /** Word → term id. */
  wordIds: Map<string, number>;
  /** Every distinct word, in first-seen order. */
  vocabulary: string[];
  /** Chinese character → documents whose heaviest two fields contain it (ascending). */
  characters: Map<number, number[]>;
  /** Postings of term t: docs/weights[offsets[t] .. offsets[t + 1]), docs ascending. */
  offsets: Int32Array;
  docs: Int32Array;
  weights: Float32Array;
}

/**
 * Scans every document once and lays the postings out per term (a counting sort into flat typed
 * arrays). The hot path keeps its state in local variables and typed arrays on purpose: this loop
 * sees every term of a bank of tens of thousands of cards, and field or method lookups per term
 * cost more than the rest of the work.
 */
export function buildPostings(docs: readonly DocFields[], weights: FieldWeights): Postings {
  // Fields in descending weight: the first time a term is seen in a document is its best field.
  const fields = Object.entries(weights).sort((a, b) => b[1] - a[1]);
  const shortFields = new Set(fields.slice(0, 2).map(([name]) => name));
  const hanIds = new IntTable();
  const wordHashes = new IntTable();
  const wordIds = new Map<string, number>();
  /** The second hash of each word's term id: a hash hit with the same check is the same word. */
  let checkOf = new Int32Array(1 << 16);
  const vocabulary: string[] = [];
  const characters = new Map<number, number[]>();
  let termCount = 0;
  // The last document each term was posted for, and the (term, doc, weight) triples.
  let lastDoc = new Int32Array(1 << 16).fill(-1);
  // Sized from the text so that the arrays rarely grow: about one new (term, doc) pair per 5 characters.
  let textLength = 0;
  for (const doc of docs) for (const [field] of fields) for (const text of doc[field] ?? []) textLength += text.length;
  const initialPairs = Math.max(1 << 12, Math.ceil(textLength / 5));
  let pairTerms = new Int32Array(initialPairs);
  let pairDocs = new Int32Array(initialPairs);
  let pairWeights = new Float32Array(initialPairs);
  let pairs = 0;
  let doc = 0;
  let weight = 0;
  let short = false;

  function post(term: number): void {
    if (term >= lastDoc.length) lastDoc = grow(lastDoc, -1);
    if (lastDoc[term] === doc) return;
    lastDoc[term] = doc;
    if (pairs === pairTerms.length) {
      pairTerms = grow(pairTerms, 0);
      pairDocs = grow(pairDocs, 0);
      pairWeights = grow(pairWeights, 0);
    }
    pairTerms[pairs] = term;
    pairDocs[pairs] = doc;
    pairWeights[pairs] = weight;
    pairs++;
  }

  function wordId(text: string, start: number, end: number, addY: boolean, hash: number, check: number): number {
    const known = wordHashes.get(hash);
    // 60 bits of hash agree: the same word (two distinct words of a bank agreeing is ~1e-8 likely).
    if (known !== undefined && checkOf[known] === check) return known;
    // A new word, or another word with the same first hash (then the Map decides).
    const word = foldWord(text, start, end, addY);
    let id = wordIds.get(word);
    if (id === undefined) {
      id = termCount++;
      wordIds.set(word, id);
      vocabulary.push(word);
      if (id >= checkOf.length) checkOf = grow(checkOf, 0);
      checkOf[id] = check;
    }
    if (known === undefined) wordHashes.getOrInsert(hash, id);
    return id;
  }

  const visitor: TermVisitor = {
    han(a, b) {
      const id = hanIds.getOrInsert(hanKey(a, b), termCount);
      if (id === termCount) termCount++;
      post(id);
      if (short) {
        addDoc(characters, a, doc);
        if (b >= 0) addDoc(characters, b, doc);
      }
    },
    word(text, start, end, addY, hash, check) {
      post(wordId(text, start, end, addY, hash, check));
    },
  };

  for (let i = 0; i < docs.length; i++) {
    doc = i;
    for (const [field, w] of fields) {
      weight = w;
      short = shortFields.has(field);
      for (const text of docs[i]![field] ?? []) scanTerms(normalizeForIndex(text), visitor);
    }
  }

  // Counting sort by term; stable, so each term's docs stay ascending.
  const offsets = new Int32Array(termCount + 1);
  for (let i = 0; i < pairs; i++) offsets[pairTerms[i]! + 1]!++;
  for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
  const cursor = offsets.slice(0, termCount);
  const postedDocs = new Int32Array(pairs);
  const postedWeights = new Float32Array(pairs);
  for (let i = 0; i < pairs; i++) {
    const at = cursor[pairTerms[i]!]!++;
    postedDocs[at] = pairDocs[i]!;
    postedWeights[at] = pairWeights[i]!;
  }
  return { docCount: docs.length, hanIds, wordIds, vocabulary, characters, offsets, docs: postedDocs, weights: postedWeights };
}

/** An open-addressing hash table from small non-negative integer keys (< 2^30) to term ids. */
export class IntTable {
  #keys = new Int32Array(1 << 14).fill(-1);
  #values = new Int32Array(1 << 14);
  #size = 0;

  get(key: number): number | undefined {
    const keys = this.#keys;
    const mask = keys.length - 1;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === key) return this.#values[slot];
      if (k === -1) return undefined;
    }
  }

  /** The id of a key; a new key gets `id`. */
  getOrInsert(key: number, id: number): number {
    const keys = this.#keys;
    const mask = keys.length - 1;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === key) return this.#values[slot]!;
      if (k === -1) {
        keys[slot] = key;
        this.#values[slot] = id;
        if (++this.#size * 2 > keys.length) this.#grow();
        return id;
      }
    }
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Int32Array(keys.length * 2).fill(-1);
    this.#values = new Int32Array(keys.length * 2);
    this.#size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) this.getOrInsert(keys[i]!, values[i]!);
  }
}

function hash(key: number): number {
  return Math.imul(key, 0x9e3779b1) ^ (key >>> 15);
}

function grow<T extends Int32Array | Float32Array>(array: T, fill: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}

function addDoc(index: Map<number, number[]>, key: number, doc: number): void {
  const list = index.get(key);
  if (!list) index.set(key, [doc]);
  else if (list[list.length - 1] !== doc) list.push(doc);
}
