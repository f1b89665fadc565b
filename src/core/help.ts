import { COMMANDS } from './commands.ts';
import type { Localized } from './i18n.ts';
import { MSG } from './messages.ts';

/** The help page: one line per command, with its usage and what it does, in both languages. */
export function helpText(): Localized {
  const lines = (lang: 'zh' | 'en') =>
    [
      MSG.helpTitle[lang],
      ...Object.values(COMMANDS).map(
        (c) => `• ${c.usage} — ${c.summary[lang]}${'admin' in c && c.admin ? ` ${MSG.adminOnly[lang]}` : ''}`,
      ),
    ].join('\n');
  return { zh: lines('zh'), en: lines('en') };
}
