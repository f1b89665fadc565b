import { CHOICE_LETTERS } from '../questions/schema.ts';
import { t, type LangPreference, type Localized } from './i18n.ts';
import { inline, labelled, languagesOf, prose, valueText } from './layout.ts';
import { statsRows } from './stats-rows.ts';
import type { AnswerTally, LeaderboardRow, Reply, RoundView } from './types.ts';
import { reviewPlainText } from './review-text.ts';

const L = {
  keyPoints: t('要点', 'Key points'),
  alsoSee: t('相关题目', 'See also'),
  didYouMean: t('题库里没有能回答这个问题的题目。最接近的是：', 'The bank has no card that answers this. The closest ones:'),
  question: t('每日一题', 'Quiz'),
  answerWith: t('用 /answer A–D 回答', 'Answer with /answer A–D'),
  answerNumber: t('用 /answer <数值> 回答', 'Answer with /answer <number>'),
  answered: t('已作答', 'Answered'),
  closes: t('截止', 'closes'),
  closed: t('已结束', 'closed'),
  late: t('（补发：机器人刚才离线）', '(posted late: the bot was offline at the scheduled time)'),
  reveal: t('揭晓答案', 'Answer revealed'),
  correctAnswer: t('正确答案', 'Correct answer'),
  nobody: t('本轮没有人答对。', 'Nobody got it right this round.'),
  first: t('最先答对', 'First correct'),
  rightWere: t('答对的人', 'Got it right'),
  share: t('正确率', 'Correct'),
  leaderboard: t('排行榜', 'Leaderboard'),
  periods: { today: t('今天', 'today'), week: t('本周', 'this week'), 'last-week': t('上周', 'last week'), month: t('本月', 'this month'), all: t('总榜', 'all time') },
  pts: t('分', 'pts'),
  you: t('你', 'You'),
  empty: t('还没有人答题。', 'No answers yet.'),
  stats: t('个人统计', 'Stats'),
  strongest: t('最擅长', 'Strongest'),
  weakest: t('最薄弱', 'Weakest'),
  choseEach: t('各选项人数', 'Answers per option'),
  spread: t('答案分布（最小 … 中位数 … 最大）', 'Spread of answers (min … median … max)'),
} as const;

/** Labels shared by every renderer, so all platforms say the same words. */
export const LABELS = L;

/**
 * Renders any reply as plain text: the console's output, and every platform's fallback and
 * notification text. Follows the bilingual layout of `layout.ts` (labels inline, prose as a Chinese
 * block then an English block). Never adds mentions; escaping for a platform's markup is the
 * adapter's job.
 */
export function renderPlainText(reply: Reply): string {
  const lang = reply.lang;
  const label = (text: Localized) => inline(text, lang);
  switch (reply.kind) {
    case 'text':
      return prose(reply.text, lang);
    case 'error':
      return `⚠ ${prose(reply.text, lang)}`;
    case 'card': {
      const { card } = reply;
      const parts = [`【${card.id}】 ${label(card.title)}`];
      for (const l of languagesOf(lang)) {
        parts.push('', card.answer[l], '', `${L.keyPoints[l]}:`, ...card.keyPoints[l].map((p) => `  • ${p}`));
      }
      if (reply.alternatives.length > 0) {
        parts.push('', `${label(L.alsoSee)}:`, ...reply.alternatives.map((a) => `  • ${label(a.title)} (/show ${a.id})`));
      }
      return parts.join('\n');
    }
    case 'suggestions':
      return [label(L.didYouMean), ...reply.suggestions.map((s) => `  • ${label(s.title)} (/show ${s.id})`)].join('\n');
    case 'question':
    case 'round-update':
      return questionText(reply.round, lang);
    case 'verdict':
      return prose(reply.text, lang);
    case 'reveal':
      return [
        label(L.reveal),
        prose(reply.round.prompt, lang),
        labelled(L.correctAnswer, label(reply.correctAnswer), lang),
        prose(reply.explanation, lang),
        revealSummary(reply.answered, reply.correctCount, lang),
        reply.tally ? tallyLine(reply.tally, lang) : '',
        reply.firstCorrect ? labelled(L.first, reply.firstCorrect, lang) : prose(L.nobody, lang),
        reply.winners.length > 0 ? labelled(L.rightWere, reply.winners.join(', '), lang) : '',
      ]
        .filter(Boolean)
        .join('\n');
    case 'leaderboard': {
      const rows = reply.rows.map((r) => `${String(r.rank).padStart(2)}. ${r.name} — ${leaderboardScore(r, lang)}`);
      const me = reply.me && !reply.rows.some((r) => r.userId === reply.me!.userId) ? ['…', `${reply.me.rank}. ${labelled(L.you, leaderboardScore(reply.me, lang), lang)}`] : [];
      return [`${label(L.leaderboard)} · ${label(L.periods[reply.period])}`, ...(rows.length ? rows : [prose(L.empty, lang)]), ...me].join('\n');
    }
    case 'stats': {
      const s = reply.stats;
      return [`${label(L.stats)} · ${s.name}`, ...statsRows(s).map((row) => labelled(row.label, valueText(row.value, lang), lang))].join('\n');
    }
    case 'review-card':
    case 'review-result':
    case 'review-empty':
      return reviewPlainText(reply)!;
  }
}

/** `40 answered · 75% correct` as one line of labelled values. */
export function revealSummary(answered: number, correctCount: number, lang: LangPreference): string {
  const share = answered === 0 ? 0 : Math.round((100 * correctCount) / answered);
  return `${labelled(L.answered, String(answered), lang)} · ${labelled(L.share, `${share}%`, lang)}`;
}

/** The spread of a round's answers as one line (what the reveal image draws, for text readers). */
export function tallyLine(tally: AnswerTally, lang: LangPreference): string {
  if (tally.kind === 'choice') {
    return labelled(L.choseEach, CHOICE_LETTERS.map((l) => `${l} ${tally.counts[l]}${l === tally.correct ? ' ✓' : ''}`).join(' · '), lang);
  }
  if (tally.values.length === 0) return '';
  const sorted = [...tally.values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const n = (v: number) => v.toLocaleString('en-US', { maximumSignificantDigits: 4 });
  return labelled(L.spread, `${n(sorted[0]!)} … ${n(at(0.5))} … ${n(sorted.at(-1)!)}`, lang);
}

/** A leaderboard row's score on one line: `13 分 / pts (1/1)`. */
export function leaderboardScore(row: LeaderboardRow, lang: LangPreference): string {
  return `${row.points} ${inline(L.pts, lang)} (${row.correct}/${row.answered})`;
}

/** The text of a quiz question: prompt, options, and the round's state. */
export function questionText(round: RoundView, lang: LangPreference): string {
  const say = (text: Localized) => inline(text, lang);
  const lines = [`❓ ${say(L.question)}`, prose(round.prompt, lang)];
  round.options.forEach((o, i) => lines.push(`  ${CHOICE_LETTERS[i]}. ${say(o)}`));
  if (round.status === 'open') {
    lines.push(say(round.kind === 'choice' ? L.answerWith : L.answerNumber) + (round.kind === 'numeric' && say(round.unit) ? ` (${say(round.unit)})` : ''));
  }
  const state = round.status === 'open' ? `${say(L.closes)} ${round.closesAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : say(L.closed);
  lines.push(`${labelled(L.answered, String(round.answeredCount), lang)} · ${state}`);
  if (round.late) lines.push(prose(L.late, lang));
  return lines.join('\n');
}
