import * as OpenCC from 'opencc-js';
import { foldKey } from './tokenize.ts';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const HAN = /[\u3400-\u9fff]/;

/**
 * Brings text to the one form that search compares: NFKC (full-width → half-width), lower case,
 * traditional → simplified Chinese, "3×3" / "3*3" → "3x3", every other punctuation run → one space.
 * Idempotent. Pass `convertScript: false` for text known to be simplified already (card bodies):
 * the character conversion is the slow part.
 */
export function normalize(text: string, convertScript = true): string {
  // NFKC is the slow step on long card text; most text has nothing for it to fold.
  let s = (NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  if (convertScript && HAN.test(s)) s = toSimplified(s);
  return s
    .replace(/(\d)\s*[*×]\s*(?=\d)/g, '$1x')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
}

/**
 * The cheap normalization for card text being indexed: only "3×3" → "3x3". Case, full-width forms
 * and punctuation are left to the tokenizer, and the script is not converted (card text is
 * simplified Chinese): on tens of megabytes of text, every extra pass costs a noticeable share.
 */
export function normalizeForIndex(text: string): string {
  return hasDigitTimesDigit(text) ? text.replace(/(\d)\s*[*×]\s*(?=\d)/g, '$1x') : text;
}

/** True when a `*` or `×` stands between two digits (Markdown's `**` usually does not). */
function hasDigitTimesDigit(text: string): boolean {
  for (const sign of ['*', '×']) {
    for (let i = text.indexOf(sign); i >= 0; i = text.indexOf(sign, i + 1)) {
      let before = i - 1;
      while (text.charCodeAt(before) === 32) before--;
      let after = i + 1;
      while (text.charCodeAt(after) === 32) after++;
      if (isAsciiDigit(text.charCodeAt(before)) && isAsciiDigit(text.charCodeAt(after))) return true;
    }
  }
  return false;
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Characters NFKC changes that matter here: full-width forms, ideographic space, compatibility letters. */
const NEEDS_NFKC = /[\u00a0-\u024f\u2000-\u2bff\u3000\u3200-\u33ff\uf900-\ufaff\ufb00-\ufb4f\ufe30-\ufe4f\uff00-\uffef]/;

/**
 * The key under which ids and aliases are matched exactly: traditional characters simplified
 * (unless `convertScript` is false, for card text), then {@link foldKey}. Cheap: it runs for every
 * alias at start-up.
 */
export function exactKey(text: string, convertScript = true): string {
  return foldKey(convertScript && HAN.test(text) ? toSimplified(text) : text);
}
