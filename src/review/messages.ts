import { t } from '../core/i18n.ts';

/** Sentences of the private review, in both languages. */
export const REVIEW_MSG = {
  usage: t(
    '用法：/review（开始复习）、/review new（学新题）、/review topics cnn,optimization、/review answer <A–D|数值>、/review hard|easy|next（代替按钮）、/review remind 20:00 [时区]、/review remind off',
    'Usage: /review (start), /review new (new cards), /review topics cnn,optimization, /review answer <A–D|number>, /review hard|easy|next (instead of buttons), /review remind 20:00 [zone], /review remind off',
  ),
  unknownTopics: t('不认识的主题：{unknown}。可选主题：{known}', 'Unknown topics: {unknown}. Known topics: {known}'),
  topicsUsage: t('用法：/review topics cnn,optimization（可选主题：{known}）', 'Usage: /review topics cnn,optimization (known topics: {known})'),
  answerUsage: t('用法：/review answer A（选择题 A–D）或 /review answer 1792（数值题）', 'Usage: /review answer A (choice, A–D) or /review answer 1792 (numeric)'),
  noQuestion: t('你现在没有待回答的复习题。输入 /review 开始。', 'You have no review card waiting for an answer. Type /review to start.'),
  staleButton: t('这个按钮已经过期了（来自之前的题目）。输入 /review 继续复习。', 'That button is from an earlier card and no longer works. Type /review to continue.'),
  notYours: t('这是别人的复习，按钮只对本人有效。输入 /review 开始你自己的复习。', 'That is someone else’s review; its buttons only work for them. Type /review to start your own.'),
  cardGone: t('这道题已经不在题库里了。输入 /review 继续。', 'That card is no longer in the bank. Type /review to continue.'),
  rateOnlyRight: t('只有答对之后才能选「困难」或「简单」。', 'Hard and Easy are only for a right answer.'),
  comesBackAgain: t('{span}后再来一次', 'Again in {span}'),
  comesBackIn: t('{span}后复习', 'Comes back in {span}'),
  remindUsage: t('用法：/review remind 20:00 [Asia/Shanghai] 或 /review remind off', 'Usage: /review remind 20:00 [Asia/Shanghai] or /review remind off'),
  badTime: t('「{value}」不是有效时间，请用 HH:MM（00:00–23:59），例如 20:00。', '"{value}" is not a time; use HH:MM (00:00–23:59), e.g. 20:00.'),
  badZone: t('不认识的时区「{value}」，请用 IANA 时区名，例如 Asia/Shanghai。', 'Unknown time zone "{value}"; use an IANA name such as Asia/Shanghai.'),
  remindSet: t('好的：有题目到期时，每天 {time}（{zone}）私信提醒你，一天最多一次。/review remind off 关闭。', 'Done: when cards are due, you get a direct message at {time} ({zone}), at most once a day. /review remind off stops it.'),
  remindOff: t('好的，不再提醒。', 'Done: no more reminders.'),
  remindWasOff: t('你没有开启提醒。', 'You had no reminder on.'),
  reminder: t('📒 你有 {n} 道题到期要复习了。在学习频道输入 /review 开始（只有你能看到）。', '📒 Cards due for review: {n}. Type /review in your study channel to start (only you see it).'),
} as const;
