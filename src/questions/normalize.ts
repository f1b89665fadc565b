import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Brings text to the one form that search compares: NFKC (full-width → half-width), lower case,
 * traditional → simplified Chinese, "3×3" / "3*3" → "3x3", every other punctuation run → one space.
 * Idempotent. Pass `convertScript: false` for text known to be simplified already (card bodies):
 * the character conversion is the slow part.
 */
export function normalize(text: string, convertScript = true): string {
  let s = text.normalize('NFKC').toLowerCase();
  if (convertScript && /[\u3400-\u9fff]/.test(s)) s = toSimplified(s);
  return s
    .replace(/(\d)\s*[*×]\s*(?=\d)/g, '$1x')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
}

/** The key under which ids and aliases are matched exactly: normalized, with spaces and hyphens dropped. */
export function exactKey(text: string): string {
  return normalize(text).replace(/[\s-]+/g, '');
}
