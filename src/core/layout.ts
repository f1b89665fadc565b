import { localize, type Lang, type LangPreference, type Localized } from './i18n.ts';

/**
 * The bilingual layout every renderer follows, so that in `both` a label never lands on a
 * different line from its value:
 * - short labels (headings, field names, units) are inline: `中文 / English`;
 * - prose (prompts, explanations, verdicts) is a Chinese block, then an English block;
 * - a labelled value is one line: `中文 / English: value`.
 */

/** A short label or unit on one line: `中文 / English` in `both`. */
export function inline(text: Localized, lang: LangPreference): string {
  return localize(text, lang, ' / ');
}

/** Prose: the Chinese block, then the English block on the next line, in `both`. */
export function prose(text: Localized, lang: LangPreference): string {
  return localize(text, lang, '\n');
}

/** One labelled value on one line: `中文 / English: value`. */
export function labelled(label: Localized, value: string, lang: LangPreference): string {
  return `${inline(label, lang)}: ${value}`;
}

/** The languages a preference shows, in order (Chinese first). */
export function languagesOf(lang: LangPreference): Lang[] {
  return lang === 'both' ? ['zh', 'en'] : [lang];
}

/** A row of a data-driven block (stats): a label and its value, which may itself be bilingual. */
export interface LabelledValue {
  label: Localized;
  value: string | Localized;
}

/** A value as one line: plain values as they are, bilingual ones inline. */
export function valueText(value: string | Localized, lang: LangPreference): string {
  return typeof value === 'string' ? value : inline(value, lang);
}
