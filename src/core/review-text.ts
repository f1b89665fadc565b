import { CHOICE_LETTERS } from '../questions/schema.ts';
import { fill, localize, t, type LangPreference, type Localized } from './i18n.ts';
import type { MemoryStats, Reply } from './types.ts';

/** Words of the private review, shared by every renderer. */
export const REVIEW_LABELS = {
  title: t('复习', 'Review'),
  fresh: t('新题', 'New card'),
  due: t('待复习 {n} 张', '{n} due'),
  answerWith: t('点按钮作答，或 /review answer A–D', 'Press a button, or /review answer A–D'),
  answerNumber: t('用 /review answer <数值> 作答', 'Answer with /review answer <number>'),
  right: t('✅ 答对了', '✅ Right'),
  wrong: t('❌ 答错了', '❌ Wrong'),
  yourAnswer: t('你的答案', 'Your answer'),
  correctAnswer: t('正确答案', 'Correct answer'),
  rated: { again: t('忘记', 'Again'), hard: t('困难', 'Hard'), good: t('良好', 'Good'), easy: t('简单', 'Easy') },
  rateHint: t('觉得太难或太简单？点「困难」或「简单」；不点就算「良好」。', 'Was it hard, or too easy? Press Hard or Easy; otherwise it counts as Good.'),
  next: t('下一题', 'Next'),
  newCards: t('学新题', 'New cards'),
  nextHint: t('点「下一题」或输入 /review 继续。', 'Press Next or type /review to continue.'),
  nothingDue: t('🎉 现在没有要复习的题目。', '🎉 Nothing is due right now.'),
  nextDueIn: t('下一张在 {span}后到期（{at} UTC）。', 'The next card is due in {span} ({at} UTC).'),
  nothingScheduled: t('还没有安排任何复习。', 'Nothing is scheduled yet.'),
  offerNew: t('还有 {n} 道新题可以学：点「学新题」或输入 /review new。', '{n} new cards are waiting: press New cards or type /review new.'),
  noNew: t('这些主题的题目你都见过了。', 'You have seen every card in these topics.'),
  dueNow: t('现在到期', 'Due now'),
  dueWeek: t('7 天内到期', 'Due in 7 days'),
  reviewed: t('已复习', 'Reviewed'),
  seen: t('见过的题', 'Cards seen'),
  retention: t('记忆保持率', 'Retention'),
  mastered: t('已掌握（≥ 21 天）', 'Mastered (≥ 21 d)'),
  lapseTopics: t('最常遗忘的主题', 'Most lapses'),
} as const;

/** The button labels of a review, in a conversation's language(s). */
export function reviewButtonLabel(press: 'next' | 'new' | 'hard' | 'easy', lang: LangPreference): string {
  const label = press === 'next' ? REVIEW_LABELS.next : press === 'new' ? REVIEW_LABELS.newCards : REVIEW_LABELS.rated[press];
  return localize(label, lang, ' / ');
}

/** The review replies as plain text (console, fallbacks); null for every other kind. */
export function reviewPlainText(reply: Reply): string | null {
  const lang = reply.lang;
  const say = (text: Localized) => localize(text, lang);
  const short = (text: Localized) => localize(text, lang, ' / ');
  switch (reply.kind) {
    case 'review-card': {
      const c = reply.card;
      const head = `📒 ${short(REVIEW_LABELS.title)} · ${c.fresh ? short(REVIEW_LABELS.fresh) : short(fill(REVIEW_LABELS.due, { n: c.dueCount }))} · ${c.topic}`;
      const lines = [head, say(c.prompt)];
      c.options.forEach((o, i) => lines.push(`  ${CHOICE_LETTERS[i]}. ${short(o)}`));
      lines.push(short(c.kind === 'choice' ? REVIEW_LABELS.answerWith : REVIEW_LABELS.answerNumber) + (c.kind === 'numeric' && short(c.unit) ? ` (${short(c.unit)})` : ''));
      return lines.join('\n');
    }
    case 'review-result':
      return [
        `${short(reply.correct ? REVIEW_LABELS.right : REVIEW_LABELS.wrong)} · ${short(REVIEW_LABELS.yourAnswer)}: ${reply.answer}`,
        `${short(REVIEW_LABELS.correctAnswer)}: ${short(reply.correctAnswer)}`,
        say(reply.explanation),
        `⏰ ${short(REVIEW_LABELS.rated[reply.rating])} · ${short(reply.comesBack)}`,
        reply.canRate ? short(REVIEW_LABELS.rateHint) : '',
        short(REVIEW_LABELS.nextHint),
      ]
        .filter(Boolean)
        .join('\n');
    case 'review-empty': {
      const at = reply.nextDue ? reply.nextDue.toISOString().slice(0, 16).replace('T', ' ') : '';
      return [
        short(REVIEW_LABELS.nothingDue),
        reply.nextDue && reply.nextIn ? short(fill(REVIEW_LABELS.nextDueIn, { span: reply.nextIn, at })) : short(REVIEW_LABELS.nothingScheduled),
        reply.newCards > 0 ? short(fill(REVIEW_LABELS.offerNew, { n: reply.newCards })) : short(REVIEW_LABELS.noNew),
      ].join('\n');
    }
    default:
      return null;
  }
}

