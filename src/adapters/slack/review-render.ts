import type { types } from '@slack/bolt';
import { fill, localize, type Localized } from '../../core/i18n.ts';
import { REVIEW_LABELS, reviewButtonLabel } from '../../core/review-text.ts';
import { reviewButtonId } from '../../core/review-button.ts';
import type { Reply, ReviewPress } from '../../core/types.ts';
import { CHOICE_LETTERS } from '../../questions/schema.ts';
import { SECTION_LIMIT, escapeMrkdwn, toMrkdwn, truncate } from './mrkdwn.ts';

type KnownBlock = types.KnownBlock;
type ReviewReply = Extract<Reply, { kind: 'review-card' | 'review-result' | 'review-empty' }>;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text || ' ', SECTION_LIMIT) } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text || ' ', SECTION_LIMIT) }] });

function actions(blockId: string, buttons: { press: ReviewPress; label: string; primary?: boolean }[], sessionId: string, step: number): KnownBlock[] {
  if (buttons.length === 0) return [];
  return [
    {
      type: 'actions',
      block_id: truncate(blockId, 255),
      elements: buttons.map((b) => ({
        type: 'button' as const,
        text: { type: 'plain_text' as const, text: truncate(b.label, 75) },
        action_id: reviewButtonId(sessionId, step, b.press),
        value: b.press,
        ...(b.primary ? { style: 'primary' as const } : {}),
      })),
    },
  ];
}

/**
 * A private review reply as Block Kit (sent ephemeral through the response_url): the card with A–D
 * buttons, the result with Next (and Hard / Easy after a right answer), or "nothing due" with a
 * New cards button. All card text is escaped.
 */
export function reviewBlocks(reply: ReviewReply): KnownBlock[] {
  const lang = reply.lang;
  const say = (text: Localized, separator = ' / ') => toMrkdwn(localize(text, lang, separator));
  switch (reply.kind) {
    case 'review-card': {
      const c = reply.card;
      const state = c.fresh ? say(REVIEW_LABELS.fresh) : say(fill(REVIEW_LABELS.due, { n: c.dueCount }));
      const blocks: KnownBlock[] = [section(`*📒 ${say(REVIEW_LABELS.title)}* · ${state} · ${escapeMrkdwn(c.topic)}\n${say(c.prompt, '\n')}`)];
      if (c.options.length > 0) blocks.push(section(c.options.map((o, i) => `*${CHOICE_LETTERS[i]}.* ${say(o)}`).join('\n')));
      const letters = c.kind === 'choice' ? CHOICE_LETTERS.slice(0, c.options.length) : [];
      blocks.push(...actions(`review:${c.sessionId}:${c.step}`, letters.map((l) => ({ press: l, label: l })), c.sessionId, c.step));
      const how = c.kind === 'choice' ? say(REVIEW_LABELS.answerWith) : `${say(REVIEW_LABELS.answerNumber)}${say(c.unit) ? ` (${say(c.unit)})` : ''}`;
      blocks.push(context(`${how} · \`${escapeMrkdwn(c.cardId)}\``));
      return blocks;
    }
    case 'review-result': {
      const buttons: { press: ReviewPress; label: string; primary?: boolean }[] = [{ press: 'next', label: reviewButtonLabel('next', lang), primary: true }];
      if (reply.canRate) buttons.push({ press: 'hard', label: reviewButtonLabel('hard', lang) }, { press: 'easy', label: reviewButtonLabel('easy', lang) });
      return [
        section(`*${say(reply.correct ? REVIEW_LABELS.right : REVIEW_LABELS.wrong)}* · ${say(REVIEW_LABELS.yourAnswer)}: ${escapeMrkdwn(reply.answer)}`),
        section(`*${say(REVIEW_LABELS.correctAnswer)}:* ${say(reply.correctAnswer)}\n\n${say(reply.explanation, '\n')}`),
        context(`⏰ ${say(REVIEW_LABELS.rated[reply.rating])} · ${say(reply.comesBack)}${reply.canRate ? ` · ${say(REVIEW_LABELS.rateHint)}` : ''}`),
        ...actions(`review:${reply.sessionId}:${reply.step}`, buttons, reply.sessionId, reply.step),
      ];
    }
    case 'review-empty': {
      const at = reply.nextDue ? Math.floor(reply.nextDue.getTime() / 1000) : 0;
      const fallback = reply.nextDue ? `${reply.nextDue.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
      const when = reply.nextDue && reply.nextIn ? say(fill(REVIEW_LABELS.nextDueIn, { span: reply.nextIn, at: '{at}' })).split('{at} UTC').join(`<!date^${at}^{date_short_pretty} {time}|${fallback}>`) : say(REVIEW_LABELS.nothingScheduled);
      const offer = reply.newCards > 0 ? say(fill(REVIEW_LABELS.offerNew, { n: reply.newCards })) : say(REVIEW_LABELS.noNew);
      const buttons = reply.newCards > 0 ? [{ press: 'new' as const, label: reviewButtonLabel('new', lang), primary: true }] : [];
      return [section(`${say(REVIEW_LABELS.nothingDue)}\n${when}\n${offer}`), ...actions(`review:${reply.sessionId}:${reply.step}`, buttons, reply.sessionId, reply.step)];
    }
  }
}
