import type { LangPreference } from './i18n.ts';
import type { ConversationId } from './types.ts';

/** Per-conversation preferences the core keeps. */
export interface ConversationSettings {
  /** The conversation's language, or undefined when never set. */
  getLang(conversation: ConversationId): Promise<LangPreference | undefined>;
  setLang(conversation: ConversationId, lang: LangPreference): Promise<void>;
}

/** Settings kept in memory only (tests, the CLI); the store provides the durable kind. */
export function memorySettings(): ConversationSettings {
  const langs = new Map<ConversationId, LangPreference>();
  return {
    getLang: async (c) => langs.get(c),
    setLang: async (c, lang) => void langs.set(c, lang),
  };
}
