/**
 * What a query says before it is searched: list numbering of pasted interview questions removed,
 * British spellings offered in American form, and which Chinese character pairs form a word by
 * ICU's dictionary (Node ships it; `Intl.Segmenter('zh')`).
 */

const NUMBERING = /^\s*(?:(?:q(?:uestion)?|问题|题)\s*\d{1,3}\s*[.:：、)）-]?|\d{1,3}\s*[.:：、)）-]|[(（]\s*\d{1,3}\s*[)）]|第\s*\d{1,3}\s*题\s*[.:：、]?)\s*/i;

/** The query without leading list numbering ("3. ", "Q12:", "(4)", "第5题：", "1、"). */
export function stripNumbering(query: string): string {
  const stripped = query.replace(NUMBERING, '');
  return stripped.trim() ? stripped : query;
}

/** British → American endings, tried in order; each rule keeps at least three letters of stem. */
const SPELLING_RULES: [RegExp, string][] = [
  [/isation$/, 'ization'],
  [/ise(d|r)?$/, 'ize$1'],
  [/ising$/, 'izing'],
  [/yse(d)?$/, 'yze$1'],
  [/ysing$/, 'yzing'],
  [/our$/, 'or'],
  [/tre$/, 'ter'],
  [/ll(ed|ing|er)$/, 'l$1'],
  [/ogue$/, 'og'],
  [/ence$/, 'ense'],
];

/** American spellings of a (lower-case) word that looks British; empty when no rule applies. */
export function americanSpellings(word: string): string[] {
  const out: string[] = [];
  for (const [rule, replacement] of SPELLING_RULES) {
    if (word.length < 6 || !rule.test(word)) continue;
    out.push(word.replace(rule, replacement));
  }
  return out;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The Chinese character pairs that stand inside one word of the text, by ICU's word segmentation. */
export function wordInternalPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike || segment.length < 2) continue;
    for (let i = 0; i + 1 < segment.length; i++) pairs.add(segment.slice(i, i + 2));
  }
  return pairs;
}
