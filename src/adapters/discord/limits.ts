import type { APIEmbed, APIEmbedField } from 'discord.js';

/** Discord's documented size limits, in characters. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  choiceName: 100,
  choiceValue: 100,
  choices: 25,
  buttonLabel: 80,
} as const;

/**
 * Cuts `text` to at most `max` characters (code points, as Discord counts), preferring a line or
 * word boundary in the last fifth, and ends it with `suffix` (counted in `max`).
 */
export function cut(text: string, max: number, suffix = '…'): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const room = Math.max(0, max - [...suffix].length);
  let head = chars.slice(0, room).join('');
  const floor = Math.floor(room * 0.8);
  const newline = head.lastIndexOf('\n');
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('，'), head.lastIndexOf('。'));
  if (newline >= floor) head = head.slice(0, newline);
  else if (space >= floor) head = head.slice(0, space + 1);
  return `${head.trimEnd()}${suffix}`;
}

/** Splits lines into chunks of at most `max` characters each, never splitting a line unless it alone is too long. */
export function chunkLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const piece = cut(line, max);
    if (current && [...current].length + 1 + [...piece].length > max) {
      chunks.push(current);
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}

const len = (s: string | undefined) => (s ? [...s].length : 0);

function embedSize(e: APIEmbed): number {
  return len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name) + (e.fields ?? []).reduce((n, f) => n + len(f.name) + len(f.value), 0);
}

/**
 * Makes an embed fit every Discord limit. Too-long parts are cut at a boundary; when the whole embed
 * is still over 6,000 characters, trailing fields are dropped (then the description cut) and
 * `pointer` (where to read the rest) goes into the footer, so the message is never rejected.
 */
export function fitEmbed(embed: APIEmbed, pointer: string): APIEmbed {
  const fields: APIEmbedField[] = (embed.fields ?? []).map((f) => ({ ...f, name: cut(f.name, LIMITS.fieldName), value: cut(f.value, LIMITS.fieldValue) }));
  let truncated = (embed.fields?.length ?? 0) > LIMITS.fields || fields.some((f, i) => f.value !== embed.fields![i]!.value);
  const out: APIEmbed = { ...embed, fields: fields.slice(0, LIMITS.fields) };
  if (out.title) out.title = cut(out.title, LIMITS.title);
  if (out.description) {
    const d = cut(out.description, LIMITS.description);
    truncated ||= d !== out.description;
    out.description = d;
  }
  const footer = () => (truncated ? [embed.footer?.text, pointer].filter(Boolean).join(' · ') : (embed.footer?.text ?? ''));
  const withFooter = () => {
    const text = cut(footer(), LIMITS.footer);
    if (text) out.footer = { ...embed.footer, text };
  };
  withFooter();
  while (embedSize(out) > LIMITS.embedTotal && out.fields!.length > 0) {
    out.fields!.pop();
    truncated = true;
    withFooter();
  }
  if (embedSize(out) > LIMITS.embedTotal && out.description) {
    truncated = true;
    withFooter();
    const room = LIMITS.embedTotal - (embedSize(out) - len(out.description));
    out.description = cut(out.description, Math.max(1, room));
  }
  if (out.fields!.length === 0) delete out.fields;
  return out;
}
