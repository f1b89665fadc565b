import type { Reply } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { imageForReply } from '../../images/reply-image.ts';
import { renderForDiscord, type DiscordPayload } from './render.ts';

/** A file sent with a message. */
export interface DiscordFile {
  name: string;
  data: Buffer;
}

/** A rendered message with the files it carries (the image its embed shows). */
export type DiscordMessage = DiscordPayload & { files: DiscordFile[] };

/**
 * Renders a reply and, for the kinds that have one (leaderboard, stats, reveal), draws its image
 * and shows it as the embed's image (`attachment://…`). The text stays in the embed, as the
 * fallback and for screen readers; when drawing fails, the text alone goes out.
 */
export async function renderWithImage(reply: Reply, log: Logger, images = true): Promise<DiscordMessage> {
  if (images) {
    try {
      const image = await imageForReply(reply);
      if (image) return { ...renderForDiscord(reply, { image: image.name }), files: [{ name: image.name, data: image.png }] };
    } catch (err) {
      log.warn({ err, kind: reply.kind }, 'discord: image could not be drawn; sending text only');
    }
  }
  return { ...renderForDiscord(reply), files: [] };
}
