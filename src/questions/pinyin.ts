import { pinyin } from 'pinyin-pro';

/** Longest Chinese span (in characters) that a pinyin query word is matched against. */
const MAX_SPAN = 6;
const HAN_RUN = /[\u3400-\u9fff]+/g;
const PURE_HAN = /^[\u3400-\u9fff]{2,}$/;

/**
 * Toneless pinyin of the bank's Chinese names, so that members typing without a Chinese input method
 * still find cards: `guonihe` → 过拟合, `tidu xiaoshi` → 梯度 + 消失. Keys are every 2–6 character
 * stretch of the Chinese names given (titles and aliases), spelt with `v` for ü as pinyin keyboards
 * do. This is the only module that imports pinyin-pro; it is built on the first query that needs it.
 */
export class PinyinNames {
  readonly #spans = new Map<string, string>();
  readonly #aliases = new Map<string, number>();

  /**
   * Indexes the Chinese runs of each document's texts (its title and aliases); a text that is all
   * Chinese is also an alias that a query spelt in pinyin matches exactly.
   */
  constructor(docs: readonly (readonly string[])[]) {
    docs.forEach((texts, doc) => {
      for (const text of texts) {
        if (!PURE_HAN.test(text)) continue;
        const key = pinyin(text, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase();
        if (!this.#aliases.has(key)) this.#aliases.set(key, doc);
      }
    });
    for (const text of docs.flat()) {
      for (const [run] of text.matchAll(HAN_RUN)) {
        if (run.length < 2) continue;
        const syllables = pinyin(run, { toneType: 'none', type: 'array', v: true });
        if (syllables.length !== run.length) continue;
        for (let i = 0; i < run.length; i++) {
          for (let j = i + 2; j <= Math.min(run.length, i + MAX_SPAN); j++) {
            const key = syllables.slice(i, j).join('').toLowerCase();
            if (!this.#spans.has(key)) this.#spans.set(key, run.slice(i, j));
          }
        }
      }
    }
  }

  /** The document one of whose all-Chinese names the query spells in pinyin ("guo nihe" → 过拟合), if any. */
  exact(query: string): number | undefined {
    return this.#aliases.get(query.replace(/\s+/g, '').toLowerCase());
  }

  /** The Chinese text a toneless pinyin word spells in the bank's names, if any. */
  lookup(word: string): string | undefined {
    return this.#spans.get(word.toLowerCase());
  }
}
