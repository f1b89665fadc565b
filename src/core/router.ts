import type { Adapter } from './adapter.ts';
import type { Bot } from './bot.ts';
import type { Reply } from './types.ts';

/**
 * Sends bot-initiated replies (scheduled questions, reveals, message edits) to the adapter that owns
 * each conversation (by its id prefix), and tells the bot where a question was posted so that later
 * edits find it. Rejects when no adapter owns the conversation or the platform refuses.
 */
export function createRouter(bot: Bot, adapters: () => readonly Adapter[]) {
  return async function deliver(reply: Reply): Promise<string | null> {
    const platform = reply.conversation.slice(0, reply.conversation.indexOf(':'));
    const adapter = adapters().find((a) => a.platform === platform);
    if (!adapter) throw new Error(`no adapter for platform "${platform}"`);
    const ref = await adapter.deliver(reply);
    if (ref && reply.kind === 'question') await bot.recordMessage(reply.round.roundId, ref);
    return ref;
  };
}
