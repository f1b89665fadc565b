import { t, type Localized } from './i18n.ts';

/** What the help page says of a command. */
export interface CommandSpec {
  usage: string;
  summary: Localized;
  /** Only channel admins may run it (or some of its subcommands); said in help. */
  admin?: boolean;
}

/** Every command the core understands, in help order. Adapters map their UI onto these names. */
export const COMMANDS = {
  ask: { usage: '/ask <query>', summary: t('搜索题库，显示最匹配的题目和答案', 'Search the bank and show the best card with its answer') },
  show: { usage: '/show <card-id>', summary: t('按 id 显示一道题', 'Show a card by its id') },
  quiz: {
    usage: '/quiz [now|close|topics <t1,t2>|deadline <hours>]',
    summary: t('现在出一道题；close 结束本轮；topics 限定主题', 'Post a question now; close ends the round; topics filters topics'),
  },
  answer: { usage: '/answer <A-D|number>', summary: t('回答当前这一轮', 'Answer the open round') },
  leaderboard: { usage: '/leaderboard [today|week|last-week|month|all]', summary: t('排行榜', 'Leaderboard') },
  stats: { usage: '/stats [member]', summary: t('个人统计：正确率、积分、连续答对', 'Personal stats: accuracy, points, streaks') },
  schedule: {
    usage: '/schedule set <HH:MM> [zone] [daily|weekdays|<cron>] | show | off | weekly-leaderboard on|off',
    summary: t('设置每日一题的时间与时区', 'Set the daily question time and zone'),
    admin: true,
  },
  review: {
    usage: '/review [new|topics <t1,t2>|answer <A-D|number>|hard|easy|next|remind <HH:MM> [zone]|remind off]',
    summary: t('私人复习：按遗忘曲线（FSRS）安排的题目；remind 每天提醒', 'Private review: cards scheduled by FSRS for when you are about to forget; remind sends a daily DM'),
  },
  report: { usage: '/report <card-id> <what is wrong>', summary: t('报告题目中的错误', 'Report a mistake in a card') },
  lang: { usage: '/lang zh|en|both', summary: t('本频道的显示语言', 'Display language of this channel') },
  help: { usage: '/help', summary: t('显示帮助', 'Show this help') },
} as const satisfies Record<string, CommandSpec>;

/** A command name the core knows. */
export type CommandName = keyof typeof COMMANDS;

/** The outcome of parsing a typed line. */
export type ParsedCommand =
  | { ok: true; name: CommandName; args: string }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'unknown'; name: string };

/**
 * Splits `/name args…` (the slash is optional; names are case-insensitive) into a known command and
 * the rest of the line. Full-width slashes and spaces from Chinese keyboards are accepted.
 */
export function parseCommand(text: string): ParsedCommand {
  const line = text.replace(/\u3000/g, ' ').trim().replace(/^[/／]/, '');
  if (!line) return { ok: false, reason: 'empty' };
  const [word = '', ...rest] = line.split(/\s+/);
  const name = word.toLowerCase();
  if (!Object.hasOwn(COMMANDS, name)) return { ok: false, reason: 'unknown', name: word };
  return { ok: true, name: name as CommandName, args: rest.join(' ').trim() };
}
