import { t } from './i18n.ts';

/** Every fixed sentence the bot says, in both languages. Placeholders are `{name}`. */
export const MSG = {
  askUsage: t('用法：/ask <问题>，例如 /ask dropout 或 /ask 梯度消失', 'Usage: /ask <query>, e.g. /ask dropout or /ask 梯度消失'),
  queryTooLong: t('问题太长了（{length} 个字符），请控制在 {max} 个字符以内。', 'That query is too long ({length} characters); keep it under {max}.'),
  nothingFound: t('没有找到相关的题目。试试更短的关键词，或者 /help。', 'Nothing in the bank matches that. Try shorter keywords, or /help.'),
  showUsage: t('用法：/show <题目 id>，例如 /show dropout', 'Usage: /show <card-id>, e.g. /show dropout'),
  unknownCard: t('没有 id 为「{id}」的题目。', 'There is no card with the id "{id}".'),
  unknownCommand: t('不认识的命令「{name}」。输入 /help 查看所有命令。', 'Unknown command "{name}". Type /help to see all commands.'),
  emptyCommand: t('请输入命令，例如 /ask dropout。输入 /help 查看所有命令。', 'Type a command, e.g. /ask dropout. Type /help for the list.'),
  langUsage: t('用法：/lang zh|en|both（当前：{current}）', 'Usage: /lang zh|en|both (now: {current})'),
  langSet: t('好的，本频道今后使用：{lang}', 'Done: this channel now reads {lang}'),
  helpTitle: t('studybot：深度学习面试刷题机器人', 'studybot: a deep-learning interview study bot'),
  adminOnly: t('（仅管理员）', '(admins only)'),
  internalError: t('抱歉，处理这条命令时出错了，请稍后再试。', 'Sorry, something went wrong with that command. Please try again later.'),
  notYet: t('这个功能还没有上线。', 'This feature is not available yet.'),
} as const;
