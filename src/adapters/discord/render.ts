import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { LABELS, leaderboardScore, renderPlainText, revealSummary, tallyLine } from '../../core/plain-text.ts';
import { localize, t, type LangPreference, type Localized } from '../../core/i18n.ts';
import { inline, labelled, prose, valueText } from '../../core/layout.ts';
import { statsRows } from '../../core/stats-rows.ts';
import { answerButtonId, parseAnswerButton } from '../../core/answer-button.ts';
import type { Reply, RoundView } from '../../core/types.ts';
import { CHOICE_LETTERS } from '../../questions/schema.ts';
import { chunkLines, cut, fitEmbed, LIMITS } from './limits.ts';
import { inert, SUPPRESS_EMBEDS } from './inert.ts';
import { renderReviewForDiscord } from './review-render.ts';

/** A message as the adapter sends it with discord.js (camelCase options). */
export interface DiscordPayload {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  /** Always `{ parse: [] }`: nothing the bot echoes may ping anyone. */
  allowedMentions: { parse: [] };
  /** Only the user who acted sees it (interaction replies only). */
  ephemeral: boolean;
  /**
   * Message flags to send besides ephemeral: SUPPRESS_EMBEDS on text-only messages, so no link in
   * them is previewed (rich embeds would be hidden by it too, so it is never set on those).
   */
  flags: number;
}

/** Extras an adapter adds to a rendered reply. */
export interface DiscordRenderOptions {
  /** File name of an image attached to the message, shown as the embed's image. */
  image?: string;
}

const COLORS = { card: 0x5865f2, question: 0xfee75c, closed: 0x99aab5, reveal: 0x57f287, error: 0xed4245, board: 0xeb459e } as const;

const MORE = {
  card: (id: string) => t(`内容过长已截断：用 /lang zh 或 /lang en 后再 /show ${id} 查看全文`, `Cut to fit Discord: set /lang zh or /lang en, then /show ${id} for the full text`),
  generic: t('内容过长已截断', 'Cut to fit Discord'),
};

/** The custom id of an answer button: the core's one format (see core/answer-button.ts). */
export const buttonId = answerButtonId;

/** Reads a button custom id back; undefined when it is not an answer button. */
export function parseButtonId(customId: string): ReturnType<typeof parseAnswerButton> | undefined {
  return parseAnswerButton(customId) ?? undefined;
}

/**
 * Renders one reply as a Discord message: cards, quiz rounds, reveals, leaderboards and stats as
 * embeds within Discord's limits (cut with a pointer, never rejected), quiz questions with A–D
 * buttons, plain texts as message content. Pure: no network, no discord.js client.
 */
export function renderForDiscord(reply: Reply, options: DiscordRenderOptions = {}): DiscordPayload {
  const lang = reply.lang;
  const say = (text: Localized, sep = '\n') => localize(text, lang, sep);
  const base = { content: '', embeds: [] as APIEmbed[], components: [] as DiscordPayload['components'], allowedMentions: { parse: [] as [] }, ephemeral: reply.visibility === 'private', flags: 0 };
  const image = options.image ? { image: { url: `attachment://${options.image}` } } : {};
  const embed = (e: APIEmbed, pointer: Localized = MORE.generic) => ({ ...base, embeds: [fitEmbed({ ...e, ...image }, say(pointer, ' / '))] });

  switch (reply.kind) {
    case 'text':
    case 'verdict':
    case 'error':
      // Text-only messages may quote members: markdown escaped, links broken, previews off.
      return { ...base, content: cut(inert(renderPlainText(reply)), LIMITS.content), flags: SUPPRESS_EMBEDS };
    case 'card': {
      const { card } = reply;
      const langs = lang === 'both' ? (['zh', 'en'] as const) : ([lang] as const);
      const fields = langs.flatMap((l) =>
        chunkLines(card.keyPoints[l].map((p) => `• ${p}`), LIMITS.fieldValue).map((value, i) => ({ name: i === 0 ? LABELS.keyPoints[l] : '\u200b', value })),
      );
      if (reply.alternatives.length > 0) {
        const lines = reply.alternatives.map((a) => `• ${localize(a.title, lang, ' / ')} — \`/show ${a.id}\``);
        fields.push({ name: say(LABELS.alsoSee, ' / '), value: chunkLines(lines, LIMITS.fieldValue)[0]! });
      }
      return embed(
        { title: `${say(card.title, ' / ')}`, description: langs.map((l) => card.answer[l]).join('\n\n'), fields, color: COLORS.card, footer: { text: card.id } },
        MORE.card(card.id),
      );
    }
    case 'suggestions': {
      const lines = reply.suggestions.map((s) => `• ${localize(s.title, lang, ' / ')} — \`/show ${s.id}\``);
      // The query is echoed inside the embed (links there are never previewed), escaped.
      return embed({ title: inline(LABELS.didYouMean, lang), description: [`🔎 ${inert(reply.query)}`, '', ...lines].join('\n'), color: COLORS.card });
    }
    case 'question':
    case 'round-update':
      return { ...embed(questionEmbed(reply.round, lang)), components: buttons(reply.round) };
    case 'reveal': {
      const fields = [
        { name: inline(LABELS.correctAnswer, lang), value: inline(reply.correctAnswer, lang) },
        { name: inline(LABELS.answered, lang), value: revealSummary(reply.answered, reply.correctCount, lang) },
        { name: inline(LABELS.first, lang), value: reply.firstCorrect ? inert(reply.firstCorrect) : prose(LABELS.nobody, lang) },
      ];
      const tally = reply.tally ? tallyLine(reply.tally, lang) : '';
      if (tally) fields.splice(2, 0, { name: inline(reply.tally!.kind === 'choice' ? LABELS.choseEach : LABELS.spread, lang), value: tally.slice(tally.indexOf(': ') + 2) });
      if (reply.winners.length > 0) fields.push({ name: inline(LABELS.rightWere, lang), value: inert(reply.winners.join(', ')) });
      return embed({ title: `✅ ${inline(LABELS.reveal, lang)}`, description: `${prose(reply.round.prompt, lang)}\n\n${prose(reply.explanation, lang)}`, fields, color: COLORS.reveal });
    }
    case 'leaderboard': {
      const rows = reply.rows.map((r) => `**${r.rank}.** ${inert(r.name)} — ${leaderboardScore(r, lang)}`);
      const me = reply.me && !reply.rows.some((r) => r.userId === reply.me!.userId) ? ['…', `**${reply.me.rank}.** ${labelled(LABELS.you, leaderboardScore(reply.me, lang), lang)}`] : [];
      return embed({
        title: `🏆 ${inline(LABELS.leaderboard, lang)} · ${inline(LABELS.periods[reply.period], lang)}`,
        description: [...(rows.length > 0 ? rows : [prose(LABELS.empty, lang)]), ...me].join('\n'),
        color: COLORS.board,
      });
    }
    case 'stats':
      return embed({
        title: `📊 ${inline(LABELS.stats, lang)}`,
        description: inert(reply.stats.name),
        fields: statsRows(reply.stats).map((row) => ({ name: inline(row.label, lang), value: valueText(row.value, lang), inline: true })),
        color: COLORS.board,
      });
    case 'review-card':
    case 'review-result':
    case 'review-empty':
      return renderReviewForDiscord(reply);
  }
}

/** The embed of a quiz round: prompt, options, and how many answered / closed. */
function questionEmbed(round: RoundView, lang: LangPreference): APIEmbed {
  const say = (text: Localized, sep = ' / ') => localize(text, lang, sep);
  const options = round.options.map((o, i) => `**${CHOICE_LETTERS[i]}.** ${say(o)}`);
  const closes = Math.floor(round.closesAt.getTime() / 1000);
  const how = round.kind === 'choice' ? '' : `${say(LABELS.answerNumber)}${say(round.unit) ? ` (${say(round.unit)})` : ''}`;
  const state = round.status === 'open' ? `${say(LABELS.closes)} <t:${closes}:R>` : say(LABELS.closed);
  return {
    title: `❓ ${say(LABELS.question)}`,
    description: [say(round.prompt, '\n'), '', ...options, ...(how && round.status === 'open' ? ['', how] : []), ...(round.late ? ['', say(LABELS.late)] : [])].join('\n'),
    fields: [{ name: say(LABELS.answered), value: `${round.answeredCount} · ${state}` }],
    color: round.status === 'open' ? COLORS.question : COLORS.closed,
    footer: { text: round.cardId },
  };
}

/** A–D buttons for a choice round, disabled once it closed; none for a numeric round. */
function buttons(round: RoundView): DiscordPayload['components'] {
  if (round.kind !== 'choice' || round.options.length === 0) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: round.options.slice(0, CHOICE_LETTERS.length).map((_, i) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: CHOICE_LETTERS[i]!,
        custom_id: buttonId(round.roundId, CHOICE_LETTERS[i]!),
        disabled: round.status !== 'open',
      })),
    },
  ];
}
