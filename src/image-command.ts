import type { LangPreference } from './core/i18n.ts';
import { conversationId, userId, type ConversationId, type Period, type Reply } from './core/types.ts';
import { imageForReply } from './images/reply-image.ts';
import type { Card } from './questions/schema.ts';
import { loadHistory } from './quiz/history.ts';
import { leaderboard, memberStats } from './quiz/leaderboard.ts';
import type { Store } from './store/store.ts';

/** The periods `studybot image leaderboard --period` accepts. */
export const IMAGE_PERIODS: Period[] = ['today', 'week', 'last-week', 'month', 'all'];

/** The conversation the image commands read when no `--channel` is given: the console's. */
export const DEFAULT_IMAGE_CHANNEL = 'console:local';

/** What `studybot image …` draws. */
export type ImageRequest =
  | { kind: 'leaderboard'; channel: string; period: Period; lang?: LangPreference }
  | { kind: 'stats'; channel: string; member: string; lang?: LangPreference };

/** A drawn image, or why there is none (said to the person at the terminal). */
export type ImageResult = { ok: true; png: Buffer } | { ok: false; error: string };

/**
 * Draws a leaderboard or a member's stats from the store, exactly as the bot would attach it, so
 * anyone can look at the images without a chat platform.
 */
export async function renderImageFromStore(store: Store, cards: readonly Card[], request: ImageRequest, now = new Date()): Promise<ImageResult> {
  const conversation = conversationId(...(request.channel.split(':') as [string, ...string[]])) as ConversationId;
  const settings = await store.conversations.get(conversation);
  const lang = request.lang ?? (settings?.lang as LangPreference | null | undefined) ?? 'both';
  const history = await loadHistory(store, conversation);
  const base = { visibility: 'public' as const, lang, conversation };
  let reply: Reply;
  if (request.kind === 'leaderboard') {
    const board = leaderboard(history, request.period, now, settings?.time_zone ?? 'UTC', userId('cli', 'nobody'));
    reply = { ...base, kind: 'leaderboard', period: request.period, ...board };
  } else {
    const wanted = request.member.toLowerCase();
    const match = history.answers.find((a) => a.user_id === request.member) ?? history.answers.find((a) => a.user_name.toLowerCase() === wanted);
    if (!match) return { ok: false, error: `nobody called "${request.member}" has answered in ${request.channel}` };
    const stats = memberStats(history, match.user_id, new Map(cards.map((c) => [c.id, c])));
    if (!stats) return { ok: false, error: `no stats for "${request.member}" in ${request.channel}` };
    reply = { ...base, kind: 'stats', stats };
  }
  const image = await imageForReply(reply);
  return image ? { ok: true, png: image.png } : { ok: false, error: 'nothing to draw' };
}
