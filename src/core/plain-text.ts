import { CHOICE_LETTERS } from '../questions/schema.ts';
import { localize, t, type LangPreference, type Localized } from './i18n.ts';
import type { Reply, RoundView } from './types.ts';
import { memoryStatsLines, reviewPlainText } from './review-text.ts';

const L = {
  keyPoints: t('要点', 'Key points'),
  alsoSee: t('相关题目', 'See also'),
  didYouMean: t('没有把握的匹配。你是不是想找：', 'No confident match. Did you mean:'),
  question: t('每日一题', 'Quiz'),
  answerWith: t('用 /answer A–D 回答', 'Answer with /answer A–D'),
  answerNumber: t('用 /answer <数值> 回答', 'Answer with /answer <number>'),
  answered: t('已作答', 'answered'),
  closes: t('截止', 'closes'),
  closed: t('已结束', 'closed'),
  late: t('（补发：机器人刚才离线）', '(posted late: the bot was offline at the scheduled time)'),
  reveal: t('揭晓答案', 'Answer revealed'),
  correctAnswer: t('正确答案', 'Correct answer'),
  nobody: t('本轮没有人答对。', 'Nobody got it right this round.'),
  first: t('最先答对', 'First correct'),
  rightWere: t('答对的人', 'Got it right'),
  share: t('正确率', 'correct'),
  leaderboard: t('排行榜', 'Leaderboard'),
  periods: { today: t('今天', 'today'), week: t('本周', 'this week'), 'last-week': t('上周', 'last week'), month: t('本月', 'this month'), all: t('总榜', 'all time') },
  pts: t('分', 'pts'),
  you: t('你', 'You'),
  empty: t('还没有人答题。', 'No answers yet.'),
  stats: t('个人统计', 'Stats'),
  strongest: t('最擅长', 'Strongest'),
  weakest: t('最薄弱', 'Weakest'),
} as const;

/** Labels shared by every renderer, so all platforms say the same words. */
export const LABELS = L;

/**
 * Renders any reply as plain text: the console's output, and every platform's fallback and
 * notification text. Never adds mentions; escaping for a platform's markup is the adapter's job.
 */
export function renderPlainText(reply: Reply): string {
  const lang = reply.lang;
  const say = (text: Localized) => localize(text, lang);
  switch (reply.kind) {
    case 'text':
      return say(reply.text);
    case 'error':
      return `⚠ ${say(reply.text)}`;
    case 'card': {
      const { card } = reply;
      const parts = [`【${card.id}】 ${say(card.title)}`];
      for (const l of languages(lang)) {
        parts.push('', card.answer[l], '', `${L.keyPoints[l]}:`, ...card.keyPoints[l].map((p) => `  • ${p}`));
      }
      if (reply.alternatives.length > 0) {
        parts.push('', `${say(L.alsoSee)}:`, ...reply.alternatives.map((a) => `  • ${localize(a.title, lang, ' / ')} (/show ${a.id})`));
      }
      return parts.join('\n');
    }
    case 'suggestions':
      return [say(L.didYouMean), ...reply.suggestions.map((s) => `  • ${localize(s.title, lang, ' / ')} (/show ${s.id})`)].join('\n');
    case 'question':
    case 'round-update':
      return questionText(reply.round, lang);
    case 'verdict':
      return say(reply.text);
    case 'reveal': {
      const share = reply.answered === 0 ? 0 : Math.round((100 * reply.correctCount) / reply.answered);
      return [
        `${say(L.reveal)} — ${say(reply.round.prompt)}`,
        `${say(L.correctAnswer)}: ${say(reply.correctAnswer)}`,
        say(reply.explanation),
        `${reply.answered} ${say(L.answered)}, ${share}% ${say(L.share)}`,
        reply.firstCorrect ? `${say(L.first)}: ${reply.firstCorrect}` : say(L.nobody),
        reply.winners.length > 0 ? `${say(L.rightWere)}: ${reply.winners.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n');
    }
    case 'leaderboard': {
      const rows = reply.rows.map((r) => `${String(r.rank).padStart(2)}. ${r.name} — ${r.points} ${say(L.pts)} (${r.correct}/${r.answered})`);
      const me = reply.me && !reply.rows.some((r) => r.userId === reply.me!.userId)
        ? [`…`, `${reply.me.rank}. ${say(L.you)}: ${reply.me.points} ${say(L.pts)}`]
        : [];
      return [`${say(L.leaderboard)} · ${say(L.periods[reply.period])}`, ...(rows.length ? rows : [say(L.empty)]), ...me].join('\n');
    }
    case 'stats': {
      const s = reply.stats;
      return [
        `${say(L.stats)} · ${s.name}`,
        `${say(t('答题', 'Answered'))}: ${s.answered} · ${say(t('正确率', 'Accuracy'))}: ${Math.round(s.accuracy * 100)}% · ${say(t('积分', 'Points'))}: ${s.points}`,
        `${say(t('当前连续答对', 'Current streak'))}: ${s.currentStreak} · ${say(t('最长连续', 'Best streak'))}: ${s.bestStreak}`,
        s.strongestTopics.length ? `${say(L.strongest)}: ${s.strongestTopics.join(', ')}` : '',
        s.weakestTopics.length ? `${say(L.weakest)}: ${s.weakestTopics.join(', ')}` : '',
        ...(s.memory ? memoryStatsLines(s.memory, lang) : []),
      ]
        .filter(Boolean)
        .join('\n');
    }
    case 'review-card':
    case 'review-result':
    case 'review-empty':
      return reviewPlainText(reply)!;
  }
}

/** The text of a quiz question: prompt, options, and the round's state. */
export function questionText(round: RoundView, lang: LangPreference): string {
  const say = (text: Localized) => localize(text, lang, ' / ');
  const lines = [`❓ ${say(L.question)} — ${localize(round.prompt, lang)}`];
  round.options.forEach((o, i) => lines.push(`  ${CHOICE_LETTERS[i]}. ${say(o)}`));
  if (round.status === 'open') {
    lines.push(say(round.kind === 'choice' ? L.answerWith : L.answerNumber) + (round.kind === 'numeric' && say(round.unit) ? ` (${say(round.unit)})` : ''));
  }
  const state = round.status === 'open' ? `${say(L.closes)} ${round.closesAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : say(L.closed);
  lines.push(`${round.answeredCount} ${say(L.answered)} · ${state}`);
  if (round.late) lines.push(say(L.late));
  return lines.join('\n');
}

function languages(pref: LangPreference): ('zh' | 'en')[] {
  return pref === 'both' ? ['zh', 'en'] : [pref];
}
