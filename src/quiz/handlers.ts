import { fill, t } from '../core/i18n.ts';
import type { ChoiceHandler, CommandHandler, Outgoing } from '../core/bot.ts';
import type { CommandName } from '../core/commands.ts';
import type { MemoryStats, Period, UserId } from '../core/types.ts';
import type { Card } from '../questions/schema.ts';
import type { Store } from '../store/store.ts';
import type { QuizEngine } from './engine.ts';
import { leaderboard, memberStats } from './leaderboard.ts';
import { loadHistory } from './history.ts';
import { QUIZ_MSG } from './messages.ts';
import { allTopics } from './picker.ts';

/** What the quiz commands need. */
export interface QuizHandlerDeps {
  engine: QuizEngine;
  store: Store;
  cards: readonly Card[];
  clock: () => Date;
  /** A member's spaced-repetition figures for /stats (the review module), if any. */
  memoryStats?: (conversation: string, user: UserId) => Promise<MemoryStats | undefined>;
}

const PERIODS: Period[] = ['today', 'week', 'last-week', 'month', 'all'];
const REPORT_MSG = {
  usage: t('用法：/report <题目 id> <哪里有问题>', 'Usage: /report <card-id> <what is wrong>'),
  thanks: t('谢谢！已记录你对「{id}」的报告，维护者会处理。', 'Thanks! Your report on "{id}" was recorded for the maintainers.'),
  unknownCard: t('没有 id 为「{id}」的题目。', 'There is no card with the id "{id}".'),
};

/** Stats of a member who has reviewed privately but never answered in this channel. */
function noQuizStats(userId: UserId, name: string) {
  return { userId, name, answered: 0, correct: 0, accuracy: 0, points: 0, currentStreak: 0, bestStreak: 0, strongestTopics: [], weakestTopics: [] };
}

/** The quiz, answer, leaderboard, stats and report commands, and the answer buttons. */
export function quizHandlers(deps: QuizHandlerDeps): { handlers: Partial<Record<CommandName, CommandHandler>>; onChoice: ChoiceHandler } {
  const { engine, store } = deps;
  const cardsById = new Map(deps.cards.map((c) => [c.id, c]));
  const topics = allTopics(deps.cards);
  const denied: Outgoing = { kind: 'error', text: QUIZ_MSG.adminOnly, visibility: 'private' };
  const note = (text: ReturnType<typeof t>): Outgoing[] => [{ kind: 'text', text }];
  const problem = (text: ReturnType<typeof t>): Outgoing[] => [{ kind: 'error', text, visibility: 'private' }];

  const history = (conversation: string) => loadHistory(store, conversation);

  const quiz: CommandHandler = async ({ incoming, args }) => {
    const [sub = 'now', ...rest] = args.split(/\s+/).filter(Boolean);
    const conversation = incoming.conversation;
    switch (sub.toLowerCase()) {
      case 'now':
        return engine.post(conversation);
      case 'close': {
        if (!incoming.sender.isAdmin) return [denied];
        const open = await engine.openRound(conversation);
        return open ? engine.close(open.id) : problem(QUIZ_MSG.closedNone);
      }
      case 'topics': {
        if (!incoming.sender.isAdmin) return [denied];
        const wanted = rest.join(' ').normalize('NFKC').split(/[,，、\s]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
        // Nothing but separators (`,,,`) or nothing at all is a mistake, not a request to clear the filter.
        if (wanted.length === 0) return problem(QUIZ_MSG.topicsUsage);
        if (wanted.length === 1 && wanted[0] === 'all') {
          await store.conversations.update(conversation, { topics: null });
          return note(QUIZ_MSG.topicsCleared);
        }
        const unknown = wanted.filter((w) => !topics.includes(w));
        if (unknown.length > 0) return problem(fill(QUIZ_MSG.unknownTopics, { unknown: unknown.join(', ').slice(0, 200), known: topics.join(', ') }));
        await store.conversations.update(conversation, { topics: wanted.join(',') });
        return note(fill(QUIZ_MSG.topicsSet, { topics: wanted.join(', ') }));
      }
      case 'deadline': {
        if (!incoming.sender.isAdmin) return [denied];
        // Plain decimal digits only: Number() would also read `1e2` as 100 and `0x10` as 16.
        const typed = (rest[0] ?? '').normalize('NFKC');
        const hours = /^\d{1,3}$/.test(typed) && rest.length === 1 ? Number(typed) : NaN;
        if (!Number.isInteger(hours) || hours < 1 || hours > 168) return problem(QUIZ_MSG.deadlineUsage);
        await store.conversations.update(conversation, { deadline_hours: hours });
        return note(fill(QUIZ_MSG.deadlineSet, { hours }));
      }
      default:
        return problem(QUIZ_MSG.quizUsage);
    }
  };

  const answer: CommandHandler = ({ incoming, args }) =>
    args.trim() ? engine.answer(incoming.conversation, incoming.sender, args) : problem(QUIZ_MSG.answerUsage);

  const board: CommandHandler = async ({ incoming, args }) => {
    const period = (args.trim().toLowerCase() || 'week') as Period;
    if (!PERIODS.includes(period)) return problem(QUIZ_MSG.leaderboardUsage);
    const settings = await store.conversations.ensure(incoming.conversation, deps.clock().getTime());
    const result = leaderboard(await history(incoming.conversation), period, deps.clock(), settings.time_zone, incoming.sender.id);
    return [{ kind: 'leaderboard', period, ...result }];
  };

  const stats: CommandHandler = async ({ incoming, args }) => {
    const h = await history(incoming.conversation);
    const who = args.trim().replace(/^@/, '');
    let userId: string = incoming.sender.id;
    if (who) {
      const lower = who.toLowerCase();
      const match = h.answers.find((a) => a.user_id === who) ?? h.answers.find((a) => a.user_name.toLowerCase() === lower);
      // A platform id (a picked member on Discord or Slack) is not a name to show back.
      if (!match) return problem(who.includes(':') ? QUIZ_MSG.memberHasNoAnswers : fill(QUIZ_MSG.unknownMember, { name: who.slice(0, 40) }));
      userId = match.user_id;
    }
    const memory = await deps.memoryStats?.(incoming.conversation, userId as UserId);
    const s = memberStats(h, userId, cardsById) ?? (memory && !who ? noQuizStats(userId as UserId, incoming.sender.name) : undefined);
    if (!s) return problem(fill(QUIZ_MSG.unknownMember, { name: who || incoming.sender.name }));
    return [{ kind: 'stats', stats: memory ? { ...s, memory } : s }];
  };

  const report: CommandHandler = async ({ incoming, args }) => {
    const [id = '', ...words] = args.split(/\s+/).filter(Boolean);
    const text = words.join(' ').trim();
    if (!id || !text) return problem(REPORT_MSG.usage);
    const cardId = id.toLowerCase();
    if (!cardsById.has(cardId)) return problem(fill(REPORT_MSG.unknownCard, { id: cardId.slice(0, 80) }));
    await store.reports.add({
      card_id: cardId,
      conversation_id: incoming.conversation,
      user_id: incoming.sender.id,
      user_name: incoming.sender.name,
      text: text.slice(0, 1000),
      created_at: deps.clock().getTime(),
    });
    return [{ kind: 'text', text: fill(REPORT_MSG.thanks, { id: cardId }), visibility: 'private' }];
  };

  return {
    handlers: { quiz, answer, leaderboard: board, stats, report },
    onChoice: (incoming) => engine.answer(incoming.conversation, incoming.sender, incoming.action.choice, incoming.action.roundId),
  };
}
