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
   * ("properties" → "propert" + "y"). `hash` is {@link wordHash} of that word and `check` a second,
   * independent 30-bit hash: together, 60 bits that tell words apart without comparing characters.
   */
  word(text: string, start: number, end: number, addY: boolean, hash: number, check: number): void;
}

const SEPARATOR = 0;
const WORD = 1;
const HAN = 2;
const Y = 121;
const S = 115;

/** Class and lower case of every UTF-16 code unit, computed once: table lookups in the hot loop. */
const CLASS = new Uint8Array(65536);
const LOWER = new Uint16Array(65536);
/** The folding of exact keys: the same as LOWER. */
const FOLD = new Uint16Array(65536);
{
  const wordChar = /[\p{L}\p{N}\p{M}]/u;
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    // Lower case, and full-width digits and letters as the ASCII ones NFKC makes of them.
    const lower = ch.normalize('NFKC').toLowerCase();
    const fullWidth = (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
    LOWER[c] = fullWidth ? lower.charCodeAt(0) : ch.toLowerCase().length === 1 ? ch.toLowerCase().charCodeAt(0) : c;
    FOLD[c] = LOWER[c]!;
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
const CHECK_BASIS = 0x6c8e9cf5;
const CHECK_PRIME = 0x5bd1e995;

/** True when the lower-cased range of `text` spells `word`. */
export function rangeEquals(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (LOWER[text.charCodeAt(start + i)] !== word.charCodeAt(i)) return false;
  return true;
}

// Chinese function words and question scaffolding, by first character; longest first, as they are tried in order.
const ZH_STOP_PHRASES = [
  // Question scaffolding: how interview lists phrase a question, not what it is about.
  '为什么', '什么样', '有什么', '有哪些', '怎么样', '怎么办', '是什么', '什么', '怎么', '如何', '哪些', '哪个', '哪种',
  '请问', '一下', '是否', '为何', '谈一谈', '谈谈', '说一说', '说说', '讲一讲', '讲讲', '简述', '简要', '简单', '介绍',
  '你对', '的理解', '理解', '解释', '面试官', '面试', '问我', '问到', '请', '分别', '怎样', '能否', '可以', '一般',
  '通常', '我们', '有没有', '为啥', '这个', '那个', '这种', '以及',
  // Function words.
  '的', '了', '吗', '呢', '吧', '啊', '呀', '和', '与', '及', '或', '是', '在', '中', '个', '你', '我', '它', '对',
].sort((a, b) => b.length - a.length);
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
  'me my our explain tell give use used using there their than then so if not no ' +
  // Question scaffolding of interview lists: "can you explain", "walk me through", "which … do you know".
  'please describe briefly walk through know interview interviewer asked mean means understand understanding ' +
  'talk discuss some any also just very work works happens happen'
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
  let h = 0x811c9dc5;
  let g = CHECK_BASIS;
  let j = start;
  while (j < text.length && CLASS[text.charCodeAt(j)] === WORD) {
    const c = LOWER[text.charCodeAt(j)]!;
    h = Math.imul(h ^ c, 16777619);
    g = Math.imul(g ^ c, CHECK_PRIME);
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
  if (length <= 3 || last !== S) {
    visit.word(text, start, j, false, full, g & SMALL);
    return j;
  }
  const second = LOWER[text.charCodeAt(j - 2)];
  const third = LOWER[text.charCodeAt(j - 3)];
  const fourth = LOWER[text.charCodeAt(j - 4)];
  if (second === S || second === 117 || second === 105 || second === 97) {
    if (!(second === S && third === 101 && fourth === S)) {
      visit.word(text, start, j, false, full, g & SMALL); // -ss -us -is -as stay
      return j;
    }
  }
  // Plural: "-ies" → "-y", "-sses" → "-ss", else drop the "s". Stems are rare enough to hash again.
  const ies = length > 4 && second === 101 && third === 105;
  const end = ies ? j - 3 : second === 101 && third === S && fourth === S ? j - 2 : j - 1;
  let sh = 0x811c9dc5;
  let sg = CHECK_BASIS;
  for (let k = start; k < end; k++) {
    const c = LOWER[text.charCodeAt(k)]!;
    sh = Math.imul(sh ^ c, 16777619);
    sg = Math.imul(sg ^ c, CHECK_PRIME);
  }
  if (ies) {
    sh = Math.imul(sh ^ Y, 16777619);
    sg = Math.imul(sg ^ Y, CHECK_PRIME);
  }
  visit.word(text, start, end, ies, sh & SMALL, sg & SMALL);
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
    word: (t, start, end, addY) => terms.push(foldWord(t, start, end, addY)),
  });
  return terms;
}

/**
 * The letters, digits and Chinese characters of a text, lower-cased and with full-width forms folded,
 * everything else dropped, and "3×3" / "3*3" spelled "3x3": "Batch-Norm" and "batch norm" both
 * give "batchnorm". The key exact id/alias matching compares; one pass, as it runs for every alias.
 */
export function foldKey(text: string): string {
  let key = '';
  let runStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (CLASS[c] !== SEPARATOR) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0) key += foldRun(text, runStart, i);
    runStart = -1;
    if ((c === 42 || c === 215) && isDigit(neighbour(text, i, -1)) && isDigit(neighbour(text, i, 1))) key += 'x';
  }
  return runStart >= 0 ? key + foldRun(text, runStart, text.length) : key;
}

/** The nearest character before (step -1) or after (step 1) position i that is not a space. */
function neighbour(text: string, i: number, step: 1 | -1): number {
  let j = i + step;
  while (j >= 0 && j < text.length && text.charCodeAt(j) === 32) j += step;
  return j >= 0 && j < text.length ? text.charCodeAt(j) : -1;
}

/**
 * A 53-bit hash of {@link foldKey}(text), computed without building the key: what the exact-match
 * table is keyed by, so that loading tens of thousands of aliases allocates nothing per alias.
 * Two keys sharing a hash are told apart by comparing the keys themselves.
 */
export function foldHash(text: string): number {
  let h = 0x811c9dc5;
  let g = CHECK_BASIS;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let code = FOLD[c]!;
    if (CLASS[c] === SEPARATOR) {
      if (!((c === 42 || c === 215) && isDigit(neighbour(text, i, -1)) && isDigit(neighbour(text, i, 1)))) continue;
      code = 120;
    }
    h = Math.imul(h ^ code, 16777619);
    g = Math.imul(g ^ code, CHECK_PRIME);
  }
  return (h & SMALL) * 0x800000 + (g & 0x7fffff);
}

function foldRun(text: string, start: number, end: number): string {
  let i = start;
  while (i < end && FOLD[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === end) return text.slice(start, end);
  let out = text.slice(start, i);
  for (; i < end; i++) out += String.fromCharCode(FOLD[text.charCodeAt(i)]!);
  return out;
}

function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** The word a {@link TermVisitor.word} range stands for, as a string (full width folded, lower case). */
export function foldWord(text: string, start: number, end: number, addY: boolean): string {
  return foldRun(text, start, end) + (addY ? 'y' : '');
}

/** True when a term is Chinese (a bigram or unigram). */
export function isHanTerm(term: string): boolean {
  return CLASS[term.charCodeAt(0)] === HAN;
}

/**
 * Visits every span of a normalized text (see normalize.ts: spaces are its only separators) that
 * starts and ends on a term boundary — any Chinese character, or the first and last letter of a
 * Latin word — and holds at most `maxChars` non-space characters, with the {@link foldHash} of the
 * span. One rolling hash per start: finding every id or alias that a long query contains costs a few
 * thousand integer steps, whatever the size of the bank.
 */
export function foldSpans(text: string, maxChars: number, visit: (start: number, end: number, hash: number) => void): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const first = CLASS[text.charCodeAt(i)];
    if (first === SEPARATOR || (first === WORD && i > 0 && CLASS[text.charCodeAt(i - 1)] === WORD)) continue;
    let h = 0x811c9dc5;
    let g = CHECK_BASIS;
    let taken = 0;
    for (let j = i; j < n && taken < maxChars; j++) {
      const c = text.charCodeAt(j);
      const kind = CLASS[c];
      if (kind === SEPARATOR) continue;
      const code = FOLD[c]!;
      h = Math.imul(h ^ code, 16777619);
      g = Math.imul(g ^ code, CHECK_PRIME);
      taken++;
      if (kind === WORD && j + 1 < n && CLASS[text.charCodeAt(j + 1)] === WORD) continue;
      visit(i, j + 1, (h & SMALL) * 0x800000 + (g & 0x7fffff));
    }
  }
}
