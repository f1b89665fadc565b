/**
 * Splits normalized text (see normalize.ts) into search terms: Latin/digit words whole (lightly
 * stemmed), runs of Chinese characters as overlapping character bigrams (a lone character stays
 * a unigram). Function words of both languages separate terms and are dropped. Scripts are split
 * even without spaces, so "layernorm和batchnorm区别" gives layernorm, batchnorm, 区别.
 */
export function tokenize(normalized: string): string[] {
  const terms: string[] = [];
  for (const match of normalized.matchAll(RUN)) {
    const run = match[0];
    if (isHan(run.charCodeAt(0))) {
      for (const piece of run.split(ZH_STOP)) addBigrams(piece, terms);
    } else if (!EN_STOP.has(run)) {
      terms.push(stem(run));
    }
  }
  return terms;
}

/** True when a term is a run of Chinese characters (a bigram or unigram). */
export function isHanTerm(term: string): boolean {
  return isHan(term.charCodeAt(0));
}

const RUN = /[\u3400-\u9fff]+|[^\s\u3400-\u9fff]+/g;

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

function isHan(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

function addBigrams(run: string, out: string[]): void {
  if (run.length === 1) {
    out.push(run);
    return;
  }
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
}

/** A light plural stemmer: enough for "gradients"/"gradient", safe for "loss", "bias", "relus". */
function stem(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is') || word.endsWith('as')) return word;
  return word.slice(0, -1);
}
