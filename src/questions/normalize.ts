import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Brings text to the one form that search compares: NFKC (full-width → half-width), lower case,
 * traditional → simplified Chinese, "3×3" / "3*3" → "3x3", every other punctuation run → one space.
 * Idempotent. Pass `convertScript: false` for text known to be simplified already (card bodies):
 * the character conversion is the slow part.
 */
export function normalize(text: string, convertScript = true): string {
  // NFKC is the slow step on long card text; most text has nothing for it to fold.
  let s = (NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  if (convertScript && /[\u3400-\u9fff]/.test(s)) s = toSimplified(s);
  return s
    .replace(/(\d)\s*[*×]\s*(?=\d)/g, '$1x')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
}

/** Characters NFKC changes that matter here: full-width forms, ideographic space, compatibility letters. */
const NEEDS_NFKC = /[\u00a0-\u024f\u2000-\u2bff\u3000\u3200-\u33ff\uf900-\ufaff\ufb00-\ufb4f\ufe30-\ufe4f\uff00-\uffef]/;

/** The key under which ids and aliases are matched exactly: normalized, with spaces and hyphens dropped. */
export function exactKey(text: string, convertScript = true): string {
  return normalize(text, convertScript).replace(/[\s-]+/g, '');
}
