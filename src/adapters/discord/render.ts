import { ButtonStyle, ComponentType, escapeMarkdown, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { LABELS, renderPlainText } from '../../core/plain-text.ts';
import { localize, t, type LangPreference, type Localized } from '../../core/i18n.ts';
import { answerButtonId, parseAnswerButton } from '../../core/answer-button.ts';
import type { Reply, RoundView } from '../../core/types.ts';
import { CHOICE_LETTERS } from '../../questions/schema.ts';
import { chunkLines, cut, fitEmbed, LIMITS } from './limits.ts';
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
export function renderForDiscord(reply: Reply): DiscordPayload {
  const lang = reply.lang;
  const say = (text: Localized, sep = '\n') => localize(text, lang, sep);
  const base = { content: '', embeds: [] as APIEmbed[], components: [] as DiscordPayload['components'], allowedMentions: { parse: [] as [] }, ephemeral: reply.visibility === 'private' };
  const embed = (e: APIEmbed, pointer: Localized = MORE.generic) => ({ ...base, embeds: [fitEmbed(e, say(pointer, ' / '))] });

  switch (reply.kind) {
    case 'text':
    case 'verdict':
      return { ...base, content: cut(escapeMarkdown(renderPlainText(reply)), LIMITS.content) };
    case 'error':
      return { ...base, content: cut(renderPlainText(reply), LIMITS.content) };
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
      return { ...embed({ title: say(LABELS.didYouMean, ' '), description: lines.join('\n'), color: COLORS.card }), content: cut(`🔎 ${escapeMarkdown(reply.query)}`, LIMITS.content) };
    }
    case 'question':
    case 'round-update':
      return { ...embed(questionEmbed(reply.round, lang)), components: buttons(reply.round) };
    case 'reveal': {
      const share = reply.answered === 0 ? 0 : Math.round((100 * reply.correctCount) / reply.answered);
      const fields = [
        { name: say(LABELS.correctAnswer, ' / '), value: say(reply.correctAnswer) },
        { name: say(LABELS.answered, ' / '), value: `${reply.answered} · ${share}% ${say(LABELS.share, ' / ')}` },
        { name: say(LABELS.first, ' / '), value: reply.firstCorrect ? escapeMarkdown(reply.firstCorrect) : say(LABELS.nobody) },
      ];
      if (reply.winners.length > 0) fields.push({ name: say(LABELS.rightWere, ' / '), value: escapeMarkdown(reply.winners.join(', ')) });
      return embed({ title: `✅ ${say(LABELS.reveal, ' / ')}`, description: `${say(reply.round.prompt)}\n\n${say(reply.explanation)}`, fields, color: COLORS.reveal });
    }
    case 'leaderboard':
    case 'stats':
      return embed({
        title: reply.kind === 'leaderboard' ? `🏆 ${say(LABELS.leaderboard, ' / ')} · ${say(LABELS.periods[reply.period], ' / ')}` : `📊 ${say(LABELS.stats, ' / ')}`,
        description: escapeMarkdown(renderPlainText(reply).split('\n').slice(1).join('\n')),
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
