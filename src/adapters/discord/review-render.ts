import { ButtonStyle, ComponentType, escapeMarkdown, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { fill, localize, t, type Localized } from '../../core/i18n.ts';
import { REVIEW_LABELS, reviewButtonLabel, reviewPlainText } from '../../core/review-text.ts';
import { reviewButtonId } from '../../core/review-button.ts';
import type { Reply } from '../../core/types.ts';
import { CHOICE_LETTERS } from '../../questions/schema.ts';
import { cut, fitEmbed, LIMITS } from './limits.ts';
import type { DiscordPayload } from './render.ts';

type ReviewReply = Extract<Reply, { kind: 'review-card' | 'review-result' | 'review-empty' }>;

const COLORS = { card: 0x5865f2, right: 0x57f287, wrong: 0xed4245 } as const;
const CUT = t('内容过长已截断', 'Cut to fit Discord');

const button = (customId: string, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary): APIButtonComponent => ({
  type: ComponentType.Button,
  style,
  label: cut(label, 80),
  custom_id: customId,
});
const row = (components: APIButtonComponent[]): DiscordPayload['components'] => (components.length ? [{ type: ComponentType.ActionRow, components }] : []);

/**
 * A private review reply as a Discord message (always sent ephemeral, as an interaction answer):
 * the card as an embed with A–D buttons, the result with Next (and Hard / Easy after a right
 * answer), or "nothing due" with a New cards button.
 */
export function renderReviewForDiscord(reply: ReviewReply): DiscordPayload {
  const lang = reply.lang;
  const say = (text: Localized, sep = ' / ') => localize(text, lang, sep);
  const base = { content: '', embeds: [] as APIEmbed[], components: [] as DiscordPayload['components'], allowedMentions: { parse: [] as [] }, ephemeral: reply.visibility === 'private', flags: 0 };
  const fit = (e: APIEmbed) => fitEmbed(e, say(CUT));
  switch (reply.kind) {
    case 'review-card': {
      const c = reply.card;
      const state = c.fresh ? say(REVIEW_LABELS.fresh) : say(fill(REVIEW_LABELS.due, { n: c.dueCount }));
      const options = c.options.map((o, i) => `**${CHOICE_LETTERS[i]}.** ${say(o)}`);
      const how = c.kind === 'choice' ? '' : `${say(REVIEW_LABELS.answerNumber)}${say(c.unit) ? ` (${say(c.unit)})` : ''}`;
      const embed = fit({
        title: `📒 ${say(REVIEW_LABELS.title)} · ${state} · ${c.topic}`,
        description: [say(c.prompt, '\n'), '', ...options, ...(how ? ['', how] : [])].join('\n'),
        color: COLORS.card,
        footer: { text: c.cardId },
      });
      const letters = c.kind === 'choice' ? CHOICE_LETTERS.slice(0, c.options.length) : [];
      return { ...base, embeds: [embed], components: row(letters.map((l) => button(reviewButtonId(c.sessionId, c.step, l), l))) };
    }
    case 'review-result': {
      const embed = fit({
        title: `${say(reply.correct ? REVIEW_LABELS.right : REVIEW_LABELS.wrong)} · ${escapeMarkdown(reply.answer)}`,
        description: say(reply.explanation, '\n'),
        fields: [
          { name: say(REVIEW_LABELS.correctAnswer), value: cut(say(reply.correctAnswer), LIMITS.fieldValue) },
          { name: `⏰ ${say(REVIEW_LABELS.rated[reply.rating])}`, value: cut(say(reply.comesBack), LIMITS.fieldValue) },
        ],
        color: reply.correct ? COLORS.right : COLORS.wrong,
        footer: { text: reply.cardId },
      });
      const buttons = [button(reviewButtonId(reply.sessionId, reply.step, 'next'), reviewButtonLabel('next', lang), ButtonStyle.Primary)];
      if (reply.canRate) {
        buttons.push(button(reviewButtonId(reply.sessionId, reply.step, 'hard'), reviewButtonLabel('hard', lang)));
        buttons.push(button(reviewButtonId(reply.sessionId, reply.step, 'easy'), reviewButtonLabel('easy', lang)));
      }
      return { ...base, content: reply.canRate ? cut(say(REVIEW_LABELS.rateHint), LIMITS.content) : '', embeds: [embed], components: row(buttons) };
    }
    case 'review-empty': {
      const buttons = reply.newCards > 0 ? [button(reviewButtonId(reply.sessionId, reply.step, 'new'), reviewButtonLabel('new', lang), ButtonStyle.Primary)] : [];
      return { ...base, content: cut(escapeMarkdown(reviewPlainText(reply) ?? ''), LIMITS.content), components: row(buttons) };
    }
  }
}
