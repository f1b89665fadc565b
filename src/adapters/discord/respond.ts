import { MessageFlags, type InteractionReplyOptions, type Message, type RepliableInteraction } from 'discord.js';
import type { Bot } from '../../core/bot.ts';
import { localize, t } from '../../core/i18n.ts';
import type { Incoming, Reply } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { loggable } from './errors.ts';
import { renderWithImage, type DiscordMessage } from './attach.ts';

const SORRY = t('抱歉，出了点问题，请稍后再试。', 'Sorry, something went wrong. Please try again in a moment.');

/** What answering an interaction needs. */
export interface RespondDeps {
  bot: Bot;
  log: Logger;
  /** Sends replies that do not answer the interaction itself (message edits, other conversations). */
  deliver(reply: Reply): Promise<string | null>;
  /** When the bot has not answered after this long, the interaction is deferred (Discord allows 3 s); 0 defers always. */
  deferAfterMs: number;
  /** Attach images to leaderboards, stats and reveals. */
  images: boolean;
}

const options = (p: DiscordMessage): InteractionReplyOptions & { content: string } => ({
  content: p.content,
  embeds: p.embeds,
  components: p.components,
  allowedMentions: p.allowedMentions,
  ...(p.files.length > 0 ? { files: p.files.map((f) => ({ attachment: f.data, name: f.name })) } : {}),
  ...(p.ephemeral || p.flags ? { flags: (p.ephemeral ? MessageFlags.Ephemeral : 0) | p.flags } : {}),
});

/**
 * Runs the bot for one interaction and answers it. Fast answers are sent as the interaction reply
 * with the right visibility; when the bot is slower than `deferAfterMs`, the interaction is deferred
 * first (ephemeral when the first reply is expected to be private) so Discord's 3-second window is
 * never missed. `round-update` replies edit the question message; a posted `question` is recorded
 * with the bot. Errors are logged and answered with a short apology when still possible; nothing
 * here throws.
 */
export async function respond(interaction: RepliableInteraction, incoming: Incoming, deps: RespondDeps, expectPrivate: boolean): Promise<void> {
  try {
    const work = deps.bot.handle(incoming);
    let timer: NodeJS.Timeout | undefined;
    const early =
      deps.deferAfterMs <= 0 ? null : await Promise.race([work, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), deps.deferAfterMs)))]);
    clearTimeout(timer);
    if (early === null) await interaction.deferReply(expectPrivate ? { flags: MessageFlags.Ephemeral } : {});
    await send(interaction, await work, incoming, deps);
  } catch (error) {
    deps.log.error({ err: loggable(error), conversation: incoming.conversation }, 'discord interaction failed');
    await apologize(interaction, deps.log, await deps.bot.langOf(incoming.conversation).catch(() => 'both' as const));
  }
}

async function send(interaction: RepliableInteraction, replies: Reply[], incoming: Incoming, deps: RespondDeps): Promise<void> {
  // Edits (answered counts) and replies for other channels are not answers to this interaction:
  // they go out after the member has their answer, so an edit waiting on the channel's rate limit
  // can never push a reply past Discord's 3-second deadline.
  const elsewhere = replies.filter((reply) => reply.kind === 'round-update' || reply.conversation !== incoming.conversation);
  const own = replies.filter((reply) => !elsewhere.includes(reply));
  try {
    await answer(interaction, own, deps);
  } finally {
    for (const reply of elsewhere) {
      await deps.deliver(reply).catch((err: unknown) => deps.log.warn({ err: loggable(err), kind: reply.kind }, 'discord delivery failed'));
    }
  }
}

async function answer(interaction: RepliableInteraction, own: Reply[], deps: RespondDeps): Promise<void> {
  if (own.length === 0) {
    if (!interaction.deferred && !interaction.replied) await interaction.reply({ content: '✓', flags: MessageFlags.Ephemeral });
    else if (interaction.deferred) await interaction.deleteReply();
    return;
  }
  const rendered = await Promise.all(own.map(async (reply) => ({ reply, payload: await renderWithImage(reply, deps.log, deps.images) })));
  if (interaction.deferred && !interaction.replied) {
    // The deferred "thinking…" message keeps the visibility it was deferred with: fill it with the
    // first reply of that visibility, or remove it when there is none.
    const i = rendered.findIndex((r) => r.payload.ephemeral === interaction.ephemeral);
    if (i < 0) await interaction.deleteReply();
    else {
      const [first] = rendered.splice(i, 1);
      const { flags: _ignored, ...edit } = options(first!.payload);
      const message = await interaction.editReply(edit);
      await recordQuestion(first!.reply, message, deps);
    }
    for (const r of rendered) await recordQuestion(r.reply, await interaction.followUp(options(r.payload)), deps);
    return;
  }
  for (const [index, r] of rendered.entries()) {
    if (index === 0 && r.reply.kind === 'question') {
      // The message id is needed to edit the question later (answer counts, close).
      const response = await interaction.reply({ ...options(r.payload), withResponse: true });
      await recordQuestion(r.reply, response.resource?.message ?? null, deps);
    } else if (index === 0) await interaction.reply(options(r.payload));
    else await recordQuestion(r.reply, await interaction.followUp(options(r.payload)), deps);
  }
}

async function recordQuestion(reply: Reply, message: Message | null, deps: RespondDeps): Promise<void> {
  if (reply.kind !== 'question' || !message) return;
  await deps.bot.recordMessage(reply.round.roundId, `${message.channelId}/${message.id}`);
}

async function apologize(interaction: RepliableInteraction, log: Logger, lang: Reply['lang']): Promise<void> {
  const body = { content: `⚠ ${localize(SORRY, lang)}`, allowedMentions: { parse: [] as [] }, flags: MessageFlags.Ephemeral } as const;
  try {
    if (interaction.deferred || interaction.replied) await interaction.followUp(body);
    else await interaction.reply(body);
  } catch (err) {
    // Discord itself is failing (or the 3 s / 15 min window passed): nothing more to do.
    log.warn({ err: loggable(err) }, 'discord apology failed too');
  }
}
