import {
  ApplicationCommandOptionType as Opt,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMANDS, type CommandName } from '../../core/commands.ts';
import { MAX_QUERY_LENGTH } from '../../questions/search.ts';

type Text = { en: string; zh: string };
type Option = APIApplicationCommandOption;

/** Name and description localized for en-US and zh-CN (the English ones are also the defaults). */
function named(name: Text, description: Text) {
  return {
    name: name.en,
    name_localizations: { 'en-US': name.en, 'zh-CN': name.zh },
    description: description.en.slice(0, 100),
    description_localizations: { 'en-US': description.en.slice(0, 100), 'zh-CN': description.zh.slice(0, 100) },
  };
}

const str = (name: Text, description: Text, extra: Partial<{ required: boolean; autocomplete: boolean; max_length: number; choices: { name: string; value: string; name_localizations?: Record<string, string> }[] }> = {}): Option =>
  ({ type: Opt.String, ...named(name, description), required: false, ...extra }) as Option;

const sub = (name: Text, description: Text, options: Option[] = []): Option =>
  ({ type: Opt.Subcommand, ...named(name, description), options }) as Option;

function command(name: CommandName, zhName: string, options: Option[] = [], admin = false): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    ...named({ en: name, zh: zhName }, COMMANDS[name].summary),
    options,
    // Study channels live in servers; DMs have no channel settings or leaderboards.
    contexts: [InteractionContextType.Guild],
    ...(admin ? { default_member_permissions: String(PermissionFlagsBits.ManageChannels) } : {}),
  };
}

const ON_OFF = [
  { name: 'on', value: 'on', name_localizations: { 'zh-CN': '开启' } },
  { name: 'off', value: 'off', name_localizations: { 'zh-CN': '关闭' } },
];

/**
 * The slash commands studybot registers, mapped one to one onto the core's commands (see
 * {@link toCommandText}). `/schedule` carries the Manage Channels default permission; the core checks
 * it again on the server side.
 */
export const SLASH_COMMANDS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  command('ask', '提问', [
    str({ en: 'query', zh: '问题' }, { en: 'What to look for (Chinese or English)', zh: '要搜索的内容（中文或英文）' }, { required: true, autocomplete: true, max_length: MAX_QUERY_LENGTH }),
  ]),
  command('show', '查看', [str({ en: 'id', zh: '编号' }, { en: 'Card id, e.g. dropout', zh: '题目 id，例如 dropout' }, { required: true, autocomplete: true, max_length: 80 })]),
  command('quiz', '出题', [
    sub({ en: 'now', zh: '现在' }, { en: 'Post a question now', zh: '现在出一道题' }),
    sub({ en: 'close', zh: '结束' }, { en: 'Close the open round and reveal the answer', zh: '结束本轮并揭晓答案' }),
    sub({ en: 'topics', zh: '主题' }, { en: 'Limit the questions to some topics', zh: '限定出题主题' }, [
      str({ en: 'topics', zh: '主题' }, { en: 'Comma-separated topics, e.g. cnn,rnn', zh: '用逗号分隔的主题，例如 cnn,rnn' }, { required: true, max_length: 200 }),
    ]),
    sub({ en: 'deadline', zh: '时限' }, { en: 'How many hours a round stays open', zh: '每轮开放多少小时' }, [
      { type: Opt.Integer, ...named({ en: 'hours', zh: '小时' }, { en: '1 to 168', zh: '1 到 168' }), required: true, min_value: 1, max_value: 168 } as Option,
    ]),
  ]),
  command('answer', '回答', [str({ en: 'value', zh: '答案' }, { en: 'A–D, or a number', zh: 'A–D 或数值' }, { required: true, max_length: 40 })]),
  command('leaderboard', '排行榜', [
    str({ en: 'period', zh: '时间段' }, { en: 'Which period', zh: '时间段' }, {
      choices: [
        { name: 'today', value: 'today', name_localizations: { 'zh-CN': '今天' } },
        { name: 'this week', value: 'week', name_localizations: { 'zh-CN': '本周' } },
        { name: 'last week', value: 'last-week', name_localizations: { 'zh-CN': '上周' } },
        { name: 'this month', value: 'month', name_localizations: { 'zh-CN': '本月' } },
        { name: 'all time', value: 'all', name_localizations: { 'zh-CN': '总榜' } },
      ],
    }),
  ]),
  command('stats', '统计', [{ type: Opt.User, ...named({ en: 'member', zh: '成员' }, { en: 'Whose stats (default: yours)', zh: '查看谁的统计（默认自己）' }), required: false } as Option]),
  command(
    'schedule',
    '定时',
    [
      sub({ en: 'set', zh: '设置' }, { en: 'Post a daily question at a time', zh: '设置每日一题的时间' }, [
        str({ en: 'time', zh: '时间' }, { en: 'HH:MM, e.g. 09:30', zh: 'HH:MM，例如 09:30' }, { required: true, max_length: 5 }),
        str({ en: 'zone', zh: '时区' }, { en: 'IANA time zone, e.g. Asia/Shanghai', zh: 'IANA 时区，例如 Asia/Shanghai' }, { max_length: 64 }),
        str({ en: 'repeat', zh: '重复' }, { en: 'daily, weekdays, or a cron expression', zh: 'daily、weekdays 或 cron 表达式' }, { max_length: 64 }),
      ]),
      sub({ en: 'show', zh: '查看' }, { en: 'Show this channel’s schedule', zh: '查看本频道的定时设置' }),
      sub({ en: 'off', zh: '关闭' }, { en: 'Stop the daily question here', zh: '关闭本频道的每日一题' }),
      sub({ en: 'weekly-leaderboard', zh: '周榜' }, { en: 'Post the leaderboard every week', zh: '每周发布排行榜' }, [
        str({ en: 'state', zh: '状态' }, { en: 'on or off', zh: '开启或关闭' }, { required: true, choices: ON_OFF }),
      ]),
    ],
    true,
  ),
  command('review', '复习', [
    sub({ en: 'start', zh: '开始' }, { en: 'Review the cards due now (only you see it)', zh: '复习现在到期的题目（仅自己可见）' }),
    sub({ en: 'new', zh: '新题' }, { en: 'Learn new cards, easiest and most basic first', zh: '学新题：从基础、简单的开始' }),
    sub({ en: 'topics', zh: '主题' }, { en: 'Review only some topics', zh: '只复习某些主题' }, [
      str({ en: 'topics', zh: '主题' }, { en: 'Comma-separated topics, e.g. cnn,optimization', zh: '用逗号分隔的主题，例如 cnn,optimization' }, { required: true, max_length: 200 }),
    ]),
    sub({ en: 'answer', zh: '回答' }, { en: 'Answer the review card with a letter or a number', zh: '用字母或数值回答复习题' }, [
      str({ en: 'value', zh: '答案' }, { en: 'A–D, or a number', zh: 'A–D 或数值' }, { required: true, max_length: 40 }),
    ]),
    sub({ en: 'remind', zh: '提醒' }, { en: 'A daily direct message when cards are due (or off)', zh: '有题到期时每天私信提醒（或 off 关闭）' }, [
      str({ en: 'time', zh: '时间' }, { en: 'HH:MM, e.g. 20:00, or off', zh: 'HH:MM，例如 20:00，或 off' }, { required: true, max_length: 5 }),
      str({ en: 'zone', zh: '时区' }, { en: 'IANA time zone, e.g. Asia/Shanghai', zh: 'IANA 时区，例如 Asia/Shanghai' }, { max_length: 64 }),
    ]),
  ]),
  command('report', '报错', [
    str({ en: 'id', zh: '编号' }, { en: 'Card id', zh: '题目 id' }, { required: true, autocomplete: true, max_length: 80 }),
    str({ en: 'problem', zh: '问题' }, { en: 'What is wrong', zh: '哪里有错' }, { required: true, max_length: 500 }),
  ]),
  command('lang', '语言', [
    str({ en: 'language', zh: '语言' }, { en: 'zh, en or both', zh: '中文、英文或双语' }, {
      required: true,
      choices: [
        { name: '中文', value: 'zh' },
        { name: 'English', value: 'en' },
        { name: '中文 + English', value: 'both' },
      ],
    }),
  ]),
  command('help', '帮助'),
];

/** An invoked slash command as the adapter reads it from discord.js. */
export interface InvokedCommand {
  name: string;
  subcommand: string | null;
  /** Option values by name, in the order they were declared. */
  options: { name: string; value: string | number | boolean; type: 'user' | 'other' }[];
}

/**
 * The core command line for a slash command: `/ask dropout`, `/quiz close`,
 * `/schedule set 09:30 Asia/Shanghai weekdays`, `/stats discord:<userId>`.
 */
export function toCommandText(cmd: InvokedCommand): string {
  // Discord sends options in the order the user filled them; the core reads them positionally.
  const declared = declaredOptions(cmd.name, cmd.subcommand);
  const rank = (name: string) => (declared.indexOf(name) + 1 || declared.length + 1);
  const ordered = [...cmd.options].sort((a, b) => rank(a.name) - rank(b.name));
  const values = ordered.map((o) => (o.type === 'user' ? `discord:${String(o.value)}` : String(o.value).replace(/\s+/g, ' ').trim()));
  return ['/' + cmd.name, cmd.subcommand ?? '', ...values].filter(Boolean).join(' ');
}

function declaredOptions(name: string, subcommand: string | null): string[] {
  const top = SLASH_COMMANDS.find((c) => c.name === name)?.options ?? [];
  const scope = subcommand ? top.find((o) => o.name === subcommand) : undefined;
  const list = scope && 'options' in scope ? (scope.options ?? []) : top;
  return list.map((o) => o.name);
}
