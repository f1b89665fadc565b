import type { types } from '@slack/bolt';
import { localize, type LangPreference, type Localized } from '../../core/i18n.ts';
import { LABELS, leaderboardScore, renderPlainText, revealSummary, tallyLine } from '../../core/plain-text.ts';
import { inline, labelled, prose, valueText } from '../../core/layout.ts';
import { statsRows } from '../../core/stats-rows.ts';
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
      const people = [
        reply.firstCorrect ? `*${toMrkdwn(inline(LABELS.first, lang))}:* ${escapeMrkdwn(reply.firstCorrect)}` : toMrkdwn(prose(LABELS.nobody, lang)),
        reply.winners.length > 0 ? `*${toMrkdwn(inline(LABELS.rightWere, lang))}:* ${reply.winners.map(escapeMrkdwn).join(', ')}` : '',
      ].filter(Boolean);
      return [
        section(`*${toMrkdwn(inline(LABELS.reveal, lang))}*\n${toMrkdwn(prose(reply.round.prompt, lang))}`),
        section(`*${toMrkdwn(inline(LABELS.correctAnswer, lang))}:* ${toMrkdwn(inline(reply.correctAnswer, lang))}\n\n${toMrkdwn(prose(reply.explanation, lang))}`),
        context(toMrkdwn([revealSummary(reply.answered, reply.correctCount, lang), reply.tally ? tallyLine(reply.tally, lang) : ''].filter(Boolean).join('\n'))),
        section(people.join('\n')),
      ];
    }
    case 'leaderboard': {
      const rows = reply.rows.map((r) => `*${r.rank}.* ${escapeMrkdwn(r.name)} — ${toMrkdwn(leaderboardScore(r, lang))}`);
      const blocks: KnownBlock[] = [
        header(`${inline(LABELS.leaderboard, lang)} · ${inline(LABELS.periods[reply.period], lang)}`),
        section(rows.length > 0 ? rows.join('\n') : toMrkdwn(prose(LABELS.empty, lang))),
      ];
      const me = reply.me;
      if (me && !reply.rows.some((r) => r.userId === me.userId)) {
        blocks.push(context(toMrkdwn(`${me.rank}. ${labelled(LABELS.you, leaderboardScore(me, lang), lang)}`)));
      }
      return blocks;
    }
    case 'stats': {
      const fields = statsRows(reply.stats).map((row) => `*${toMrkdwn(inline(row.label, lang))}*\n${toMrkdwn(valueText(row.value, lang))}`);
      const blocks: KnownBlock[] = [section(`*${toMrkdwn(inline(LABELS.stats, lang))} · ${escapeMrkdwn(reply.stats.name)}*`)];
      // Slack allows 10 fields per section: longer stats continue in the next section.
      for (let i = 0; i < fields.length; i += 10) blocks.push(fieldsSection(fields.slice(i, i + 10)));
      return blocks;
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
    ? `${how} · ${toMrkdwn(labelled(LABELS.answered, String(round.answeredCount), lang))} · ${say(LABELS.closes)} <!date^${closes}^{date_short_pretty} {time}|${fallbackTime}>`
    : `${toMrkdwn(labelled(LABELS.answered, String(round.answeredCount), lang))} · *${say(LABELS.closed)}*`;
  blocks.push(context(state));
  if (round.late) blocks.push(context(say(LABELS.late)));
  return blocks;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text || ' ', SECTION_LIMIT) } };
}

/** A section of two-column fields (each at most 2,000 characters, as Slack allows). */
function fieldsSection(fields: string[]): KnownBlock {
  return { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn' as const, text: truncate(text || ' ', 2000) })) };
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
