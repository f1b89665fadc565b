import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import type { Adapter } from './core/adapter.ts';
import { createBot, type Bot } from './core/bot.ts';
import { createRouter } from './core/router.ts';
import type { ConversationId, Reply } from './core/types.ts';
import type { Outgoing } from './core/bot.ts';
import type { Card } from './questions/schema.ts';
import type { SearchIndex } from './questions/search.ts';
import { QuizEngine } from './quiz/engine.ts';
import { quizHandlers } from './quiz/handlers.ts';
import { leaderboard } from './quiz/leaderboard.ts';
import { loadHistory } from './quiz/history.ts';
import { scheduleHandler } from './schedule/handlers.ts';
import { Scheduler, type SlotEvent } from './schedule/scheduler.ts';
import { userId } from './core/types.ts';
import { openDatabase } from './store/db.ts';
import { memberOf } from './core/member.ts';
import { correctAnswerText, grade } from './quiz/grading.ts';
import { reviewHandlers } from './review/handlers.ts';
import { MemoryBook, nextMemory } from './review/memory.ts';
import { ReviewQueue } from './review/queue.ts';
import { ReminderSender } from './review/reminders.ts';
import { ReviewSessions } from './review/session.ts';
import { memoryStats } from './review/stats.ts';
import { isStoreError } from './store/dialect.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';
import { startOpsServer, type OpsServer } from './ops/server.ts';
import { sql } from 'kysely';
import { createStore, type Store } from './store/store.ts';

/** Everything a running bot is made of, wired once; adapters are attached after. */
export interface Runtime {
  config: Config;
  log: Logger;
  search: SearchIndex;
  cards: readonly Card[];
  store: Store;
  engine: QuizEngine;
  scheduler: Scheduler;
  bot: Bot;
  /** The adapters bot-initiated replies are routed to. */
  adapters: Adapter[];
  /** Sends bot-initiated replies (scheduled posts, reveals) through the owning adapter; rejects when the platform refuses. */
  deliver(replies: readonly Outgoing[], conversation: ConversationId): Promise<void>;
  /** Posts a quiz round to a conversation the way the daily scheduler does (closing an open round first). */
  postQuestion(conversation: ConversationId, options?: { late?: boolean }): Promise<void>;
  /** Closes and reveals overdue rounds now. */
  closeOverdue(): Promise<void>;
  /** Posts last week's leaderboard to a conversation (the weekly scheduled post). */
  postWeeklyLeaderboard(conversation: ConversationId): Promise<void>;
  /** Members' review memory (every graded answer goes through it). */
  memory: MemoryBook;
  /** Sends the review reminders whose time has come (the reminder timer runs it every minute); resolves with how many went out. */
  sendReminders(): Promise<number>;
  /** This process's Prometheus metrics. */
  metrics: Metrics;
  /** Starts the /healthz + /metrics listener on a port (0: any free one); closed by close(). */
  serveOps(port: number): Promise<OpsServer>;
  /** Stops timers, waits for scheduled posts in flight, and closes the database. */
  close(): Promise<void>;
}

/** Parts the runtime is built from; tests pass their own clock. */
export interface RuntimeParts {
  config: Config;
  log: Logger;
  search: SearchIndex;
  cards: readonly Card[];
  clock?: () => Date;
  /** How often overdue rounds are looked for, in ms (0 disables the sweep). */
  sweepMs?: number;
  /** How often schedules changed by other processes are re-read, in ms (default 60 s; 0 never). */
  scheduleResyncMs?: number;
  seed?: string;
  /** How often review reminders are looked for, in ms (default 60 s; 0 disables the timer). */
  reminderMs?: number;
  /** Told about each scheduled slot's outcome in this process (metrics; the fleet test). */
  onSlot?: (event: SlotEvent) => void;
}

/** Opens the store and wires the quiz engine, the bot and the router. */
export async function createRuntime(parts: RuntimeParts): Promise<Runtime> {
  const { config, log, search, cards } = parts;
  const clock = parts.clock ?? (() => new Date());
  const store = createStore(await openDatabase(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE }));
  const memory = new MemoryBook(store.memory);
  const cardsById = new Map(cards.map((c) => [c.id, c]));
  const engine = new QuizEngine({
    store,
    cards,
    clock,
    ...(parts.seed ? { seed: parts.seed } : {}),
    // A channel answer is a review too: wrong → Again, right → Good.
    learning: {
      memberOf: (answer) => memberOf(answer.conversation_id as ConversationId, answer.user_id as Parameters<typeof memberOf>[1]),
      next: (prior, member, cardId, correct, at) => nextMemory(prior, member, cardId, correct ? 'good' : 'again', 'quiz', at),
    },
    retention: async (conversation, cardIds) => {
      const users = new Set((await store.answers.ofConversation(conversation)).map((a) => a.user_id));
      const members = [...users].map((u) => memberOf(conversation, u as Parameters<typeof memberOf>[1]));
      return memory.meanRetrievability(members, cardIds, clock().getTime());
    },
  });
  const quiz = quizHandlers({
    engine,
    store,
    cards,
    clock,
    memoryStats: (conversation, user) => memoryStats(store.memory, memberOf(conversation as ConversationId, user), cardsById, clock().getTime()),
  });
  const sessions = new ReviewSessions({ sessions: store.reviewSessions, memory, queue: new ReviewQueue(store.memory, cards), cards, grader: { grade, correctAnswerText }, clock });
  const review = reviewHandlers({ sessions, reminders: store.reminders, cards, clock, zoneOf: async (c) => (await store.conversations.ensure(c as ConversationId, clock().getTime())).time_zone });
  // The scheduler needs delivery, delivery needs the bot: bound late through this reference.
  let scheduler!: Scheduler;
  const schedule = scheduleHandler({ store, clock, onChange: (conversation) => scheduler.refresh(conversation) });
  const metrics = createMetrics();
  const inner = createBot({
    search,
    settings: store.conversations,
    handlers: { ...quiz.handlers, schedule, review: review.review },
    onChoice: quiz.onChoice,
    onReview: review.onReview,
    onMessagePosted: (roundId, ref) => engine.recordMessage(roundId, ref),
    defaultLang: config.STUDYBOT_LANG,
    logError: (error, incoming) => {
      if (isStoreError(error)) metrics.storeError();
      log.error({ err: error, conversation: incoming.conversation }, 'command failed');
    },
  });
  // Every command is counted and timed here, whichever adapter it came through.
  const bot: Bot = {
    ...inner,
    async handle(incoming) {
      const started = performance.now();
      const replies = await inner.handle(incoming);
      const platform = incoming.conversation.slice(0, incoming.conversation.indexOf(':'));
      const { action } = incoming;
      const command = action.kind === 'choice' ? 'answer-button' : action.kind === 'review' ? 'review-button' : (/^\/?(\S+)/.exec(action.text.trim())?.[1]?.toLowerCase() ?? 'empty');
      metrics.commandHandled(/^[a-z-]{1,20}$/.test(command) ? command : 'other', platform, (performance.now() - started) / 1000);
      for (const r of replies) if (r.kind === 'verdict' && !r.repeated) metrics.answerRecorded(platform);
      return replies;
    },
  };
  const adapters: Adapter[] = [];
  const route = createRouter(bot, () => adapters);

  async function deliver(replies: readonly Outgoing[], conversation: ConversationId): Promise<void> {
    const lang = await bot.langOf(conversation);
    for (const r of replies) {
      const reply = { visibility: 'public', conversation, lang, ...r } as Reply;
      await route(reply);
    }
  }

  async function closeOverdue(): Promise<void> {
    const replies = await engine.closeOverdue();
    for (const r of replies) {
      // The engine addresses every closure reply to its round's conversation.
      await deliver([r], r.conversation!).catch((err) =>
        log.warn({ err, conversation: r.conversation }, 'could not deliver a round closure'),
      );
    }
  }

  const postQuestion: Runtime['postQuestion'] = async (conversation, options = {}) =>
    deliver(await engine.post(conversation, { ...options, replaceOpen: true }), conversation);

  async function postWeeklyLeaderboard(conversation: ConversationId): Promise<void> {
    const zone = (await store.conversations.ensure(conversation, clock().getTime())).time_zone;
    // Posted on Mondays: the week that just ended.
    const board = leaderboard(await loadHistory(store, conversation), 'last-week', clock(), zone, userId('none'));
    await deliver([{ kind: 'leaderboard', period: 'last-week', rows: board.rows, me: null }], conversation);
  }

  scheduler = new Scheduler({
    store,
    log,
    clock,
    postQuestion,
    postLeaderboard: postWeeklyLeaderboard,
    graceMs: config.CATCH_UP_GRACE_MINUTES * 60_000,
    concurrency: config.SCHEDULER_CONCURRENCY,
    leaseMs: config.SLOT_LEASE_SECONDS * 1000,
    observe: (event) => {
      metrics.slot(event.outcome === 'posted' && event.late ? 'late' : event.outcome, event.kind);
      parts.onSlot?.(event);
    },
    ...(parts.scheduleResyncMs === undefined ? {} : { resyncMs: parts.scheduleResyncMs }),
  });

  const reminders = new ReminderSender({ store, clock, log, deliver, langOf: (c) => bot.langOf(c) });
  const reminderMs = parts.reminderMs ?? 60_000;
  const reminderTimer = reminderMs > 0 ? setInterval(() => void reminders.sweep().catch((err) => log.error({ err }, 'reminder sweep failed')), reminderMs) : undefined;
  reminderTimer?.unref();

  let ops: OpsServer | undefined;
  const sweepMs = parts.sweepMs ?? 30_000;
  const sweep = sweepMs > 0 ? setInterval(() => void closeOverdue().catch((err) => log.error({ err }, 'sweep failed')), sweepMs) : undefined;
  sweep?.unref();

  return {
    config,
    log,
    search,
    cards,
    store,
    engine,
    scheduler,
    bot,
    adapters,
    deliver,
    postQuestion,
    postWeeklyLeaderboard,
    closeOverdue,
    memory,
    sendReminders: () => reminders.sweep(),
    metrics,
    async serveOps(port) {
      ops = await startOpsServer(port, metrics, {
        store: async () => void (await sql`select 1`.execute(store.db.kysely)),
        platforms: () => Object.fromEntries(adapters.map((a) => [a.platform, a.connected ? a.connected() : true])),
      });
      return ops;
    },
    close: async () => {
      await ops?.close();
      if (sweep) clearInterval(sweep);
      if (reminderTimer) clearInterval(reminderTimer);
      await scheduler.stop();
      await engine.answersWritten();
      await store.db.close();
    },
  };
}
