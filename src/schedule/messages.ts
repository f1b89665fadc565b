import { t } from '../core/i18n.ts';

/** Sentences of /schedule, in both languages. */
export const SCHEDULE_MSG = {
  usage: t(
    '用法：/schedule set <HH:MM> [时区] [daily|weekdays|<cron 表达式>]，/schedule show，/schedule off，/schedule weekly-leaderboard on|off。例如：/schedule set 09:00 Asia/Shanghai weekdays',
    'Usage: /schedule set <HH:MM> [zone] [daily|weekdays|<cron expression>], /schedule show, /schedule off, /schedule weekly-leaderboard on|off. Example: /schedule set 09:00 Asia/Shanghai weekdays',
  ),
  adminOnly: t('只有频道管理员可以修改每日一题的时间。', 'Only channel admins can change the daily question schedule.'),
  badTime: t('「{value}」不是有效时间，请用 24 小时制 HH:MM，例如 09:00 或 21:30。', '"{value}" is not a time; use 24-hour HH:MM, e.g. 09:00 or 21:30.'),
  badZone: t('不认识的时区「{value}」。请用 IANA 时区名，例如 Asia/Shanghai、America/New_York、Europe/Berlin、UTC。', 'Unknown time zone "{value}". Use an IANA name, e.g. Asia/Shanghai, America/New_York, Europe/Berlin, UTC.'),
  badCron: t(
    '「{value}」不是有效的日期规则。可以写 daily、weekdays，或 cron 表达式的日期部分，例如 "* * 1,3,5"（周一三五）或完整的 "0 9 * * 1-5"（分钟和小时由 HH:MM 决定）。',
    '"{value}" is not a valid day rule. Use daily, weekdays, or the day fields of a cron expression, e.g. "* * 1,3,5" (Mon, Wed, Fri) or a full "0 9 * * 1-5" (minute and hour come from HH:MM).',
  ),
  set: t('好的！每日一题时间：{time}（{zone}，{label}）。下一次：{next}。', 'Done! Daily question at {time} ({zone}, {label}). Next: {next}.'),
  none: t('本频道还没有设置每日一题。管理员可以用 /schedule set 09:00 Asia/Shanghai 设置。', 'No daily question is scheduled here. An admin can set one with /schedule set 09:00 Asia/Shanghai.'),
  show: t('每日一题：{time}（{zone}，{label}）。下一次：{next}。每周排行榜：{weekly}。', 'Daily question: {time} ({zone}, {label}). Next: {next}. Weekly leaderboard: {weekly}.'),
  off: t('已关闭本频道的每日一题。', 'The daily question is off for this channel.'),
  isOff: t('每日一题已关闭（之前是 {time} {zone}）。', 'The daily question is off (it was {time} {zone}).'),
  paused: t('⚠ 已自动暂停：{reason}。检查机器人的频道权限后，用 /schedule set 重新开启。', '⚠ Paused automatically: {reason}. Check the bot’s permissions in this channel, then /schedule set to resume.'),
  weekly: t('每周一 {time} 发布上周排行榜：{state}。', 'Last week’s leaderboard every Monday at {time}: {state}.'),
  weeklyNeedsSchedule: t('请先用 /schedule set 设置每日一题的时间。', 'Set a daily question time first with /schedule set.'),
  on: t('开', 'on'),
  offWord: t('关', 'off'),
} as const;
