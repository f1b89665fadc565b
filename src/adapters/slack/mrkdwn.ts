import { COMMANDS } from '../../core/commands.ts';

/** Slack's limit for the text of a section block (and what we keep a fallback `text` under). */
export const SECTION_LIMIT = 3000;
/** Slack's limit for a header block's plain text. */
export const HEADER_LIMIT = 150;
/** Slack's limit on blocks in one message. */
export const MAX_BLOCKS = 50;

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters. Without it, user or
 * card text such as `<!channel>` or `<@U123>` would notify people, and `<http://x|y>` would disguise
 * links. Everything else (emoji, `*bold*`) is left to Slack.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undoes Slack's escaping of `&`, `<` and `>` in text members typed (once: `&amp;lt;` stays `&lt;`). */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const COMMAND_NAMES = Object.keys(COMMANDS).join('|');
const CORE_COMMAND = new RegExp(`(^|[\\s(（「"'“•:：])[/／](${COMMAND_NAMES})(?![\\w-])`, 'gu');

/**
 * Rewrites the core's command names (`/ask dropout`) into the app's one slash command
 * (`/study ask dropout`), so help and usage texts tell Slack users what they can actually type.
 */
export function slackCommands(text: string): string {
  return text.replace(CORE_COMMAND, (_m, before: string, name: string) => `${before}/study ${name}`);
}

/**
 * Turns the core's text (plain text with CommonMark `**bold**` in card answers) into safe mrkdwn:
 * escaped, bold converted to Slack's `*bold*`, commands rewritten for `/study`.
 */
export function toMrkdwn(text: string): string {
  return slackCommands(escapeMrkdwn(text).replace(/\*\*(.+?)\*\*/g, '*$1*'));
}

/**
 * Cuts text to a Slack length limit (in UTF-16 units, as Slack counts), on a code-point boundary,
 * never inside an `&amp;`-style entity, with an ellipsis when cut.
 */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]*$/, '');
  return `${cut}…`;
}
