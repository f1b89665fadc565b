import type { types } from '@slack/bolt';
import { localize, type LangPreference, type Localized } from '../../core/i18n.ts';
import { LABELS, renderPlainText } from '../../core/plain-text.ts';
import type { Reply, RoundView } from '../../core/types.ts';
import { CHOICE_LETTERS } from '../../questions/schema.ts';
import { HEADER_LIMIT, MAX_BLOCKS, SECTION_LIMIT, escapeMrkdwn, slackCommands, toMrkdwn, truncate } from './mrkdwn.ts';
import { quizActionId } from './ids.ts';
import { reviewBlocks } from './review-render.ts';

type KnownBlock = types.KnownBlock;

/** A message as chat.postMessage, chat.update, chat.postEphemeral and response_url accept it. */
export interface SlackMessage {
  /** Fallback for notifications and clients without Block Kit; escaped mrkdwn. */
  text: string;
  blocks: KnownBlock[];
}

const SLACK_LABELS = {
  answerButtons: { zh: '点击按钮作答', en: 'Click a button to answer' },
  answerNumber: { zh: '用 /study answer <数值> 回答', en: 'Answer with /study answer <number>' },
} satisfies Record<string, Localized>;

/**
 * Renders one reply as Block Kit, within Slack's limits (3,000 characters per section, 50 blocks),
 * with a fallback `text` on every message. Every piece of user or card text is escaped, so nothing
 * rendered here can notify anyone. Pure: no I/O, no clock.
 */
export function renderForSlack(reply: Reply): SlackMessage {
  return { text: fallbackText(reply), blocks: blocksFor(reply).slice(0, MAX_BLOCKS) };
}

/** The plain-text rendering, made safe for mrkdwn; every message carries it. */
export function fallbackText(reply: Reply): string {
  return truncate(slackCommands(escapeMrkdwn(renderPlainText(reply))), SECTION_LIMIT);
}

function blocksFor(reply: Reply): KnownBlock[] {
  const lang = reply.lang;
  const say = (text: Localized, separator = '\n') => toMrkdwn(localize(text, lang, separator));
  switch (reply.kind) {
    case 'text':
      return [section(say(reply.text))];
    case 'error':
      return [section(`:warning: ${say(reply.text)}`)];
    case 'card': {
      const { card } = reply;
      // The title is card text: a bold mrkdwn section (escaped) rather than a plain-text header.
      const blocks: KnownBlock[] = [section(`*${say(card.title, ' / ')}*`)];
      for (const l of languages(lang)) {
        blocks.push(section(toMrkdwn(card.answer[l])));
        blocks.push(section(`*${LABELS.keyPoints[l]}*\n${card.keyPoints[l].map((p) => `• ${toMrkdwn(p)}`).join('\n')}`));
      }
      const alternatives = reply.alternatives.map((a) => `${escapeMrkdwn(localize(a.title, lang, ' / '))} (\`/study show ${escapeMrkdwn(a.id)}\`)`);
      if (alternatives.length > 0) blocks.push(section(`*${say(LABELS.alsoSee, ' / ')}*\n${alternatives.map((a) => `• ${a}`).join('\n')}`));
      blocks.push(context(`\`${escapeMrkdwn(card.id)}\` · ${card.tags.map(escapeMrkdwn).join(', ')}`));
      return blocks;
    }
    case 'suggestions':
      return [
        section(say(LABELS.didYouMean, ' ')),
        section(reply.suggestions.map((s) => `• ${escapeMrkdwn(localize(s.title, lang, ' / '))} (\`/study show ${escapeMrkdwn(s.id)}\`)`).join('\n')),
      ];
    case 'question':
    case 'round-update':
      return questionBlocks(reply.round, lang);
    case 'verdict':
      return [section(say(reply.text))];
    case 'reveal': {
      const share = reply.answered === 0 ? 0 : Math.round((100 * reply.correctCount) / reply.answered);
      const people = [
        reply.firstCorrect ? `${say(LABELS.first, ' / ')}: ${escapeMrkdwn(reply.firstCorrect)}` : say(LABELS.nobody, ' '),
        reply.winners.length > 0 ? `${say(LABELS.rightWere, ' / ')}: ${reply.winners.map(escapeMrkdwn).join(', ')}` : '',
      ].filter(Boolean);
      return [
        section(`*${say(LABELS.reveal, ' / ')}* — ${say(reply.round.prompt)}`),
        section(`*${say(LABELS.correctAnswer, ' / ')}:* ${say(reply.correctAnswer, ' / ')}\n\n${say(reply.explanation)}`),
        context(`${reply.answered} ${say(LABELS.answered, ' / ')} · ${share}% ${say(LABELS.share, ' / ')}`),
        section(people.join('\n')),
      ];
    }
    case 'leaderboard': {
      const rows = reply.rows.map((r) => `*${r.rank}.* ${escapeMrkdwn(r.name)} — ${r.points} ${say(LABELS.pts, ' ')} (${r.correct}/${r.answered})`);
      const blocks: KnownBlock[] = [
        header(`${localize(LABELS.leaderboard, lang, ' / ')} · ${localize(LABELS.periods[reply.period], lang, ' / ')}`),
        section(rows.length > 0 ? rows.join('\n') : say(LABELS.empty, ' ')),
      ];
      const me = reply.me;
      if (me && !reply.rows.some((r) => r.userId === me.userId)) {
        blocks.push(context(`${me.rank}. ${say(LABELS.you, ' / ')}: ${me.points} ${say(LABELS.pts, ' ')}`));
      }
      return blocks;
    }
    case 'stats': {
      const s = reply.stats;
      const lines = renderPlainText(reply).split('\n').slice(1);
      return [section(`*${say(LABELS.stats, ' / ')} · ${escapeMrkdwn(s.name)}*\n${lines.map(toMrkdwn).join('\n')}`)];
    }
    case 'review-card':
    case 'review-result':
    case 'review-empty':
      return reviewBlocks(reply);
  }
}

/** A quiz question (or its edited state): prompt, options, A–D buttons while open, and its status. */
function questionBlocks(round: RoundView, lang: LangPreference): KnownBlock[] {
  const say = (text: Localized, separator = ' / ') => toMrkdwn(localize(text, lang, separator));
  const blocks: KnownBlock[] = [section(`*❓ ${say(LABELS.question)}*\n${say(round.prompt, '\n')}`)];
  if (round.options.length > 0) {
    blocks.push(section(round.options.map((o, i) => `*${CHOICE_LETTERS[i]}.* ${say(o)}`).join('\n')));
  }
  const open = round.status === 'open';
  if (open && round.kind === 'choice') {
    blocks.push({
      type: 'actions',
      block_id: truncate(`quiz:${round.roundId}`, 255),
      elements: CHOICE_LETTERS.slice(0, round.options.length).map((letter) => ({
        type: 'button' as const,
        text: { type: 'plain_text' as const, text: letter },
        action_id: quizActionId(round.roundId, letter),
        value: letter,
      })),
    });
  }
  const how = round.kind === 'choice' ? say(SLACK_LABELS.answerButtons) : `${say(SLACK_LABELS.answerNumber)}${say(round.unit) ? ` (${say(round.unit)})` : ''}`;
  const closes = Math.floor(round.closesAt.getTime() / 1000);
  const fallbackTime = `${round.closesAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const state = open
    ? `${how} · ${round.answeredCount} ${say(LABELS.answered)} · ${say(LABELS.closes)} <!date^${closes}^{date_short_pretty} {time}|${fallbackTime}>`
    : `${round.answeredCount} ${say(LABELS.answered)} · *${say(LABELS.closed)}*`;
  blocks.push(context(state));
  if (round.late) blocks.push(context(say(LABELS.late)));
  return blocks;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text || ' ', SECTION_LIMIT) } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text || ' ', SECTION_LIMIT) }] };
}

/** Header blocks are plain text; only our own labels go there, never user or card text. */
function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, HEADER_LIMIT), emoji: true } };
}

function languages(pref: LangPreference): ('zh' | 'en')[] {
  return pref === 'both' ? ['zh', 'en'] : [pref];
}
