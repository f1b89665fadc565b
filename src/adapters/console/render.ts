import { renderPlainText } from '../../core/plain-text.ts';
import { localize, t } from '../../core/i18n.ts';
import type { Reply } from '../../core/types.ts';

const ONLY_YOU = t('（仅你可见）', '(only you can see this)');

/** Renders a reply for a terminal: the plain text, marked when it is private to the sender. */
export function renderForConsole(reply: Reply): string {
  const body = renderPlainText(reply);
  return reply.visibility === 'private' ? `${localize(ONLY_YOU, reply.lang, ' ')}\n${body}` : body;
}
