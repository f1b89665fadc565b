/**
 * Search terms, shared by queries and the index so that both split text the same way:
 * Latin/digit words whole (lightly stemmed), runs of Chinese characters as overlapping character
 * bigrams (a lone character stays a unigram). Function words of both languages separate terms and
 * are dropped. Scripts are split even without spaces: "layernorm和batchnorm区别" gives layernorm,
 * batchnorm, 区别. Input is normalized text (see normalize.ts).
 */
export interface TermVisitor {
  /** A Chinese bigram (`second` ≥ 0) or lone character (`second` = -1), as UTF-16 code units. */
  han(first: number, second: number): void;
  /** A Latin/digit word, stemmed. */
  word(word: string): void;
}

/** Visits every term of normalized text without allocating a string per Chinese bigram (index builds). */
export function scanTerms(normalized: string, visit: TermVisitor): void {
  const n = normalized.length;
  let i = 0;
  while (i < n) {
    const code = normalized.charCodeAt(i);
    if (code === 32) {
      i++;
      continue;
    }
    let j = i + 1;
    if (isHan(code)) {
      while (j < n && isHan(normalized.charCodeAt(j))) j++;
      const run = normalized.slice(i, j);
      for (const piece of ZH_STOP.test(run) ? run.split(ZH_STOP) : [run]) {
        if (piece.length === 1) visit.han(piece.charCodeAt(0), -1);
        for (let k = 0; k + 1 < piece.length; k++) visit.han(piece.charCodeAt(k), piece.charCodeAt(k + 1));
      }
    } else {
      while (j < n) {
        const c = normalized.charCodeAt(j);
        if (c === 32 || isHan(c)) break;
        j++;
      }
      const word = normalized.slice(i, j);
      if (!EN_STOP.has(word)) visit.word(stem(word));
    }
    i = j;
  }
}

/** The terms of normalized text, as strings (queries, tests). */
export function tokenize(normalized: string): string[] {
  const terms: string[] = [];
  scanTerms(normalized, {
    han: (a, b) => terms.push(b < 0 ? String.fromCharCode(a) : String.fromCharCode(a, b)),
    word: (w) => terms.push(w),
  });
  return terms;
}

/** True when a term is Chinese (a bigram or unigram). */
export function isHanTerm(term: string): boolean {
  return isHan(term.charCodeAt(0));
}

/** True for the CJK Unified Ideographs (and Extension A) that search treats as Chinese. */
export function isHan(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

// Longest phrases first so that 为什么 is removed before 什么.
const ZH_STOP = new RegExp(
  [
    '为什么', '什么样', '有什么', '有哪些', '怎么样', '怎么办', '是什么', '什么', '怎么', '如何', '哪些', '哪个', '哪种',
    '请问', '一下', '是否', '为何', '的', '了', '吗', '呢', '吧', '啊', '和', '与', '及', '或', '是', '在', '中', '个',
  ].join('|'),
);

const EN_STOP = new Set(
  ('a an the of to in on for and or is are was be been it its this that these those what why how when which who ' +
    'does do did can could should would will with without by as at from into about vs versus between your you i we ' +
    'me my our explain tell give use used using there their than then so if not no')
    .split(' '),
);

/** A light plural stemmer: enough for "gradients"/"gradient", safe for "loss", "bias", "relus". */
function stem(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is') || word.endsWith('as')) return word;
  return word.slice(0, -1);
}
