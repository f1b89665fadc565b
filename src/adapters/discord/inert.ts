import { escapeMarkdown } from 'discord.js';

/** Discord's message flag that hides link previews of a message (SUPPRESS_EMBEDS, 1 << 2). */
export const SUPPRESS_EMBEDS = 1 << 2;

// A scheme Discord turns into a clickable link (and a preview) wherever it appears in text.
const LINK_SCHEME = /\b([a-z][a-z0-9+.-]{1,20}):(?=\/\/)/gi;
// Invite links Discord previews even without a scheme.
const INVITE_HOST = /\b(discord(?:app)?\.(?:gg|com|io|me|li))(?=\/)/gi;

/**
 * Makes member text inert for Discord markdown before the bot repeats it: emphasis, code, headings,
 * lists and masked links (`[text](url)`) are escaped, and bare links are broken with an escaped
 * colon (`https\://…`) so they render as the same characters but are neither clickable nor
 * previewed. Mentions are not touched here: every message is sent with `allowed_mentions: { parse: [] }`.
 */
export function inert(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true })
    .replace(/[[\]]/g, (c) => `\\${c}`)
    .replace(LINK_SCHEME, '$1\\:')
    .replace(INVITE_HOST, (host: string) => host.replace('.', '\\.'));
}
