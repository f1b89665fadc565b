/** The two languages every user-facing text exists in. */
export type Lang = 'zh' | 'en';

/** How a conversation wants to read the bot: one language, or both side by side. */
export type LangPreference = Lang | 'both';

/** A text in both languages. Every user-facing string in the core is one of these. */
export interface Localized {
  zh: string;
  en: string;
}

/** Builds a {@link Localized} value; reads better than an object literal in message tables. */
export function t(zh: string, en: string): Localized {
  return { zh, en };
}

/** Picks the text for a preference: one language, or both (Chinese first, then English). */
export function localize(text: Localized, pref: LangPreference, separator = '\n'): string {
  if (pref === 'both') return text.zh === text.en ? text.zh : `${text.zh}${separator}${text.en}`;
  return text[pref];
}

/** Fills `{name}` placeholders in both languages at once; a {@link Localized} value fills each language with its own text. */
export function fill(text: Localized, values: Record<string, string | number | Localized>): Localized {
  const apply = (lang: Lang) =>
    text[lang].replace(/\{(\w+)\}/g, (m, k: string) => {
      const v = values[k];
      return v === undefined ? m : typeof v === 'object' ? v[lang] : String(v);
    });
  return { zh: apply('zh'), en: apply('en') };
}
