import { LABELS, renderPlainText } from '../../core/plain-text.ts';
import { localize, t } from '../../core/i18n.ts';
import { labelled } from '../../core/layout.ts';
import type { Reply } from '../../core/types.ts';

const ONLY_YOU = t('（仅你可见）', '(only you can see this)');

/**
 * Renders a reply for a terminal: the plain text, with Markdown emphasis markers dropped (a
 * terminal shows them literally), marked when it is private to the sender.
 */
export function renderForConsole(reply: Reply): string {
  // A terminal cannot edit what it printed: an update is one line, not the whole question again.
  const body =
    reply.kind === 'round-update'
      ? `· ${labelled(LABELS.answered, String(reply.round.answeredCount), reply.lang)}${reply.round.status === 'closed' ? ` · ${localize(LABELS.closed, reply.lang, ' / ')}` : ''}`
      : withoutEmphasis(renderPlainText(reply));
  return reply.visibility === 'private' ? `${localize(ONLY_YOU, reply.lang, ' ')}\n${body}` : body;
}

/** `**bold**` and `__bold__` → their text; code spans and everything else stay as written. */
function withoutEmphasis(text: string): string {
  return text.replace(/\*\*(\S(?:.*?\S)?)\*\*/g, '$1').replace(/__(\S(?:.*?\S)?)__/g, '$1');
}
