import type { Reply, ReplyKind } from '../core/types.ts';
import { drawLeaderboard } from './leaderboard-image.ts';
import { drawReveal } from './reveal-image.ts';
import { drawStats } from './stats-image.ts';

/** A drawn image, ready to attach. */
export interface ReplyImage {
  /** File name (also used in `attachment://` links). */
  name: string;
  png: Buffer;
}

type Drawers = { [K in ReplyKind]?: (reply: Extract<Reply, { kind: K }>) => Promise<Buffer> | null };

/** The reply kinds that come with a picture, and how each is drawn; a new kind adds one entry. */
const DRAWERS: Drawers = {
  leaderboard: drawLeaderboard,
  stats: drawStats,
  reveal: drawReveal,
};

/** Whether a reply kind comes with an image. */
export function hasImage(kind: ReplyKind): boolean {
  return kind in DRAWERS;
}

/**
 * The picture of a reply (leaderboard, stats, reveal), or null for kinds that are text only. The
 * text rendering stays the message itself: the image adds to it, for a glance.
 */
export async function imageForReply(reply: Reply): Promise<ReplyImage | null> {
  const draw = DRAWERS[reply.kind] as ((r: Reply) => Promise<Buffer> | null) | undefined;
  const bytes = await draw?.(reply);
  return bytes ? { name: `${reply.kind}.png`, png: bytes } : null;
}
