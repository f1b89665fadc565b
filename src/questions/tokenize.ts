/**
 * Search terms, shared by queries and the index so that both split text the same way:
 * Latin/digit words whole (lower-cased, lightly stemmed), runs of Chinese characters as overlapping
 * character bigrams (a lone character stays a unigram). Function words of both languages separate
 * terms and are dropped; so does anything that is not a letter, digit, `+` or `#`. Scripts are split
 * even without spaces: "LayerNorm和BatchNorm区别" gives layernorm, batchnorm, 区别.
 *
 * The scanner is the hot loop of an index build over tens of megabytes, so it allocates nothing per
 * term: bigrams are passed as code units, words as a range of the text with their hash.
 */
export interface TermVisitor {
  /** A Chinese bigram (`second` ≥ 0) or lone character (`second` = -1), as UTF-16 code units. */
  han(first: number, second: number): void;
  /**
   * A word: the lower-cased `text.slice(start, end)`, followed by `y` when `addY` is set
   * ("properties" → "propert" + "y"); `hash` is {@link wordHash} of that word.
   */
  word(text: string, start: number, end: number, addY: boolean, hash: number): void;
}

const SEPARATOR = 0;
const WORD = 1;
const HAN = 2;
const Y = 121;
const S = 115;

/** Class and lower case of every UTF-16 code unit, computed once: table lookups in the hot loop. */
const CLASS = new Uint8Array(65536);
const LOWER = new Uint16Array(65536);
{
  const wordChar = /[\p{L}\p{N}\p{M}]/u;
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    LOWER[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
    if (c >= 0x3400 && c <= 0x9fff) CLASS[c] = HAN;
    else if (c >= 0xd800 && c <= 0xdfff) CLASS[c] = SEPARATOR;
    else if (c === 43 || c === 35 || wordChar.test(ch)) CLASS[c] = WORD;
  }
}

/**
 * FNV-1a over lower-cased code units, cut to 30 bits: the hash words are passed with. (30 bits keep
 * it a small integer in V8; a larger number would be boxed on the heap for every word scanned.)
 */
export function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ LOWER[word.charCodeAt(i)]!, 16777619);
  return h & SMALL;
}

const SMALL = 0x3fffffff;

/** True when the lower-cased range of `text` spells `word`. */
export function rangeEquals(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (LOWER[text.charCodeAt(start + i)] !== word.charCodeAt(i)) return false;
  return true;
}

// Chinese function words, by first character; longest first, as they are tried in order.
const ZH_STOP_PHRASES = [
  '为什么', '什么样', '有什么', '有哪些', '怎么样', '怎么办', '是什么', '什么', '怎么', '如何', '哪些', '哪个', '哪种',
  '请问', '一下', '是否', '为何', '的', '了', '吗', '呢', '吧', '啊', '和', '与', '及', '或', '是', '在', '中', '个',
];
const ZH_STOP = new Map<number, string[]>();
/** 1 for a character that starts some function word: most characters skip the Map lookup. */
const ZH_STOP_FIRST = new Uint8Array(65536);
for (const phrase of ZH_STOP_PHRASES) {
  const first = phrase.charCodeAt(0);
  ZH_STOP.set(first, [...(ZH_STOP.get(first) ?? []), phrase]);
  ZH_STOP_FIRST[first] = 1;
}

const EN_STOP_WORDS = (
  'a an the of to in on for and or is are was be been it its this that these those what why how when which who ' +
  'does do did can could should would will with without by as at from into about vs versus between your you i we ' +
  'me my our explain tell give use used using there their than then so if not no'
).split(' ');
const EN_STOP = new Map<number, string>(EN_STOP_WORDS.map((w) => [wordHash(w), w]));
/** A one-hash Bloom filter over the stop words' hashes: most words skip the Map lookup. */
const EN_STOP_BLOOM = new Uint8Array(1 << 16);
for (const h of EN_STOP.keys()) EN_STOP_BLOOM[h & 0xffff] = 1;

/** Visits every term of `text` (any case; lower-cased on the fly). */
export function scanTerms(text: string, visit: TermVisitor): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const kind = CLASS[text.charCodeAt(i)];
    if (kind === SEPARATOR) i++;
    else if (kind === HAN) i = scanHanRun(text, i, visit);
    else i = scanWord(text, i, visit);
  }
}

/** A Chinese bigram or lone character as a small integer (below 2^30): `second` is -1 for a lone one. */
export function hanKey(first: number, second: number): number {
  return (first - 0x3400) * 27649 + (second < 0 ? 0 : second - 0x3400 + 1);
}

/** Emits one word starting at `start` (stemmed, unless a function word); returns where it ends. */
function scanWord(text: string, start: number, visit: TermVisitor): number {
  // Prefix hashes of the last three characters are kept for the stemmed forms.
  let h = 0x811c9dc5;
  let h1 = h;
  let h2 = h;
  let h3 = h;
  let j = start;
  while (j < text.length && CLASS[text.charCodeAt(j)] === WORD) {
    h3 = h2;
    h2 = h1;
    h1 = h;
    h = Math.imul(h ^ LOWER[text.charCodeAt(j)]!, 16777619);
    j++;
  }
  const full = h & SMALL;
  if (EN_STOP_BLOOM[full & 0xffff] === 1) {
    const stop = EN_STOP.get(full);
    if (stop !== undefined && rangeEquals(text, start, j, stop)) return j;
  }
  const length = j - start;
  // No closures here: the build runs this for every word, and tsx wraps each closure it creates.
  const last = LOWER[text.charCodeAt(j - 1)];
  const second = length > 1 ? LOWER[text.charCodeAt(j - 2)] : 0;
  const third = length > 2 ? LOWER[text.charCodeAt(j - 3)] : 0;
  const fourth = length > 3 ? LOWER[text.charCodeAt(j - 4)] : 0;
  if (length <= 3 || last !== S) visit.word(text, start, j, false, full);
  else if (length > 4 && second === 101 && third === 105) visit.word(text, start, j - 3, true, Math.imul(h3 ^ Y, 16777619) & SMALL); // -ies → -y
  else if (second === 101 && third === S && fourth === S) visit.word(text, start, j - 2, false, h2 & SMALL); // -sses → -ss
  else if (second === S || second === 117 || second === 105 || second === 97) visit.word(text, start, j, false, full); // -ss -us -is -as
  else visit.word(text, start, j - 1, false, h1 & SMALL);
  return j;
}

/** Emits the bigrams of a Chinese run starting at `start`, split at function words; returns where the run ends. */
function scanHanRun(text: string, start: number, visit: TermVisitor): number {
  let prev = -1;
  let length = 0;
  let i = start;
  while (i < text.length && CLASS[text.charCodeAt(i)] === HAN) {
    const code = text.charCodeAt(i);
    const stop = stopPhraseAt(text, i, code);
    if (stop > 0) {
      if (length === 1) visit.han(prev, -1);
      prev = -1;
      length = 0;
      i += stop;
      continue;
    }
    if (prev >= 0) visit.han(prev, code);
    prev = code;
    length++;
    i++;
  }
  if (length === 1) visit.han(prev, -1);
  return i;
}

/** Length of the Chinese function word starting at `i`, or 0. */
function stopPhraseAt(text: string, i: number, code: number): number {
  if (ZH_STOP_FIRST[code] === 0) return 0;
  for (const phrase of ZH_STOP.get(code)!) if (text.startsWith(phrase, i)) return phrase.length;
  return 0;
}

/** The terms of text, as strings (queries, tests). */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  scanTerms(text, {
    han: (a, b) => terms.push(b < 0 ? String.fromCharCode(a) : String.fromCharCode(a, b)),
    word: (t, start, end, addY) => terms.push(t.slice(start, end).toLowerCase() + (addY ? 'y' : '')),
  });
  return terms;
}

/**
 * The letters, digits and Chinese characters of a text, lower-cased, with everything else dropped:
 * "Batch-Norm" and "batch norm" both give "batchnorm". The key exact id/alias matching compares.
 */
export function foldKey(text: string): string {
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (CLASS[c] !== SEPARATOR) codes.push(LOWER[c]!);
  }
  return String.fromCharCode(...codes);
}

/** True when a term is Chinese (a bigram or unigram). */
export function isHanTerm(term: string): boolean {
  return CLASS[term.charCodeAt(0)] === HAN;
}
