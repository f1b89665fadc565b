import type { webApi } from '@slack/bolt';
import { renderPlainText } from '../../core/plain-text.ts';
import type { Reply } from '../../core/types.ts';
import { hasImage, imageForReply } from '../../images/reply-image.ts';
import type { Logger } from '../../log.ts';
import { describeSlackError } from './errors.ts';

/**
 * Shares the image of a public leaderboard, stats or reveal in a channel (a reveal's in the
 * question's thread) through Slack's upload flow: files.getUploadURLExternal, the upload, then
 * files.completeUploadExternal (WebClient.filesUploadV2; needs `files:write`). Private replies get
 * no image: Slack files cannot be ephemeral. The text already went out, so a failure (no scope, the
 * bot not in a private channel) is logged and the member still has everything.
 */
export async function shareReplyImage(deps: { client: webApi.WebClient; log: Logger }, reply: Reply, channel: string, threadTs?: string): Promise<void> {
  if (reply.visibility !== 'public' || !hasImage(reply.kind)) return;
  try {
    const image = await imageForReply(reply);
    if (!image) return;
    // For screen readers: the same words as the message.
    const file = { channel_id: channel, file: image.png, filename: image.name, title: image.name, alt_text: renderPlainText(reply).slice(0, 1000) };
    await deps.client.filesUploadV2(threadTs ? { ...file, thread_ts: threadTs } : file);
  } catch (error) {
    deps.log.warn({ kind: reply.kind, slackError: describeSlackError(error) }, 'slack: could not share the image; the text was sent');
  }
}
