import { t } from '../core/i18n.ts';

/** Sentences of the quiz, in both languages. */
export const QUIZ_MSG = {
  roundOpen: t('本频道已经有一轮在进行中（{posted} UTC 发布），先回答它，或者让管理员 /quiz close。', 'A round is already open in this channel (posted {posted} UTC); answer it, or an admin can /quiz close it.'),
  noOpenRound: t('现在没有进行中的题目。输入 /quiz 出一道。', 'There is no open round. Type /quiz to post one.'),
  roundClosed: t('这一轮已经结束了，答案已揭晓。', 'That round is closed; its answer has been revealed.'),
  unknownRound: t('找不到这一轮题目。', 'That round does not exist.'),
  answerUsage: t('用法：/answer A（选择题 A–D）或 /answer 1792（数值题）', 'Usage: /answer A (choice, A–D) or /answer 1792 (numeric)'),
  badChoice: t('「{value}」不是有效选项，请回答 A、B、C 或 D（或 1–4）。', '"{value}" is not an option; answer A, B, C or D (or 1–4).'),
  badNumber: t('这道题需要一个数字答案，例如 /answer 1792。「{value}」不是数字。', 'This question needs a number, e.g. /answer 1792. "{value}" is not a number.'),
  alreadyAnswered: t('你已经回答过了：{answer}。每轮只能回答一次。', 'You already answered {answer}. One answer per round.'),
  right: t('✅ 回答正确（{answer}）！解析会在本轮结束时公布。', '✅ Correct ({answer})! The explanation comes when the round closes.'),
  wrong: t('❌ 回答错误（{answer}）。正确答案会在本轮结束时公布。', '❌ Not quite ({answer}). The answer is revealed when the round closes.'),
  adminOnly: t('只有频道管理员可以这样做。', 'Only channel admins can do that.'),
  closedNone: t('现在没有进行中的题目可以结束。', 'There is no open round to close.'),
  quizUsage: t('用法：/quiz [now|close|topics <主题1,主题2>|topics all|deadline <小时>]', 'Usage: /quiz [now|close|topics <t1,t2>|topics all|deadline <hours>]'),
  topicsSet: t('好的，之后只出这些主题的题目：{topics}', 'Done: questions will come from these topics: {topics}'),
  topicsCleared: t('好的，之后从所有主题出题。', 'Done: questions will come from all topics.'),
  unknownTopics: t('不认识的主题：{unknown}。可选主题：{known}', 'Unknown topics: {unknown}. Known topics: {known}'),
  deadlineSet: t('好的，之后每轮在发布 {hours} 小时后结束。', 'Done: rounds now close {hours} hours after posting.'),
  deadlineUsage: t('截止时间请填 1 到 168 之间的整数小时，例如 /quiz deadline 8。', 'Give the deadline as a whole number of hours from 1 to 168, e.g. /quiz deadline 8.'),
  topicsUsage: t('用法：/quiz topics <主题1,主题2>，或 /quiz topics all 取消筛选。', 'Usage: /quiz topics <t1,t2>, or /quiz topics all to clear the filter.'),
  noCards: t('没有符合当前主题筛选的题目。用 /quiz topics all 取消筛选。', 'No card matches the topic filter. Use /quiz topics all to clear it.'),
  leaderboardUsage: t('用法：/leaderboard [today|week|last-week|month|all]', 'Usage: /leaderboard [today|week|last-week|month|all]'),
  cardGone: t('这一轮的题目「{id}」已经不在题库里了（题库包被移除？），本轮结束，不计分。', 'The question of this round ("{id}") is no longer in the bank (was its pack removed?); the round is closed without a reveal.'),
  memberHasNoAnswers: t('这位成员还没有在本频道答过题。', 'That member has not answered in this channel yet.'),
  unknownMember: t('本频道没有叫「{name}」的答题者。', 'Nobody called "{name}" has answered in this channel.'),
} as const;
