import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { ConversationId } from '../core/types.ts';
import type { Store } from '../store/store.ts';
import type { ScheduleRow, SlotKind } from '../store/schedules-repo.ts';
import { nextSlot, startTimer, type SlotTimer } from './cron.ts';
import { WorkQueue } from './queue.ts';

/** After this many failures in a row a channel's schedule pauses itself. */
export const MAX_CONSECUTIVE_FAILURES = 5;

/** What the scheduler needs. */
export interface SchedulerDeps {
  store: Store;
  log: Logger;
  clock: () => Date;
  /** Posts the daily question (closing the previous round); rejects when the platform refuses. */
  postQuestion(conversation: ConversationId, options: { late: boolean }): Promise<void>;
  /** Posts last week's leaderboard. */
  postLeaderboard(conversation: ConversationId): Promise<void>;
  /** A slot missed by at most this much (the process was down) is posted late; older ones are recorded as missed. */
  graceMs: number;
  /** How many posts run at once when many channels are due in the same minute. */
  concurrency: number;
  /**
   * How often schedules changed by other processes sharing the database are picked up (ms;
   * default 60 s, 0 never). A slot whose schedule changed meanwhile is never posted in any case.
   */
  resyncMs?: number;
}

/** The rule a timer was started from: a slot only runs while its schedule still says this. */
interface Rule {
  cron: string;
  zone: string;
}

/**
 * Runs every channel's schedule: node-cron timers in each channel's time zone, a database claim
 * per (channel, slot) so a slot runs once across restarts and processes, catch-up after downtime,
 * bounded fan-out, and a pause after repeated failures. Several processes may share one database
 * (shards, instances): each re-reads the schedules periodically, and a slot is posted only if the
 * schedule in the database still has it, so a change made through one process holds for all.
 */
export class Scheduler {
  readonly #deps: SchedulerDeps;
  readonly #queue: WorkQueue;
  readonly #timers = new Map<string, SlotTimer[]>();
  /** The `updated_at` of the schedule each conversation's timers were started from. */
  readonly #loaded = new Map<string, number>();
  readonly #instance = randomUUID();
  #resync: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
    this.#queue = new WorkQueue(deps.concurrency);
  }

  /** Loads every active schedule, catches up on slots missed while down, and starts the timers. */
  async start(): Promise<void> {
    for (const row of await this.#deps.store.schedules.active()) {
      await this.#catchUp(row);
      await this.#startTimers(row);
    }
    const every = this.#deps.resyncMs ?? 60_000;
    if (every > 0 && !this.#stopped) {
      this.#resync = setInterval(() => void this.#resyncAll().catch((err) => this.#deps.log.error({ err }, 'schedule resync failed')), every);
      this.#resync.unref();
    }
  }

  /** Re-reads one conversation's schedule after a change: takes effect without a restart. */
  async refresh(conversation: ConversationId): Promise<void> {
    await this.#stopTimers(conversation);
    const row = await this.#deps.store.schedules.get(conversation);
    if (row && row.enabled === 1 && row.paused_reason === null && !this.#stopped) await this.#startTimers(row);
  }

  /** Stops the timers and waits for posts in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#resync);
    await Promise.all([...this.#timers.keys()].map((c) => this.#stopTimers(c)));
    await this.#queue.idle();
  }

  /** Resolves when every queued post has finished (tests, benchmarks). */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /** Number of posts waiting or running. */
  get backlog(): number {
    return this.#queue.size;
  }

  /** Starts a conversation's timers, replacing any it had (one set of timers per conversation). */
  async #startTimers(row: ScheduleRow): Promise<void> {
    const conversation = row.conversation_id as ConversationId;
    await this.#stopTimers(conversation);
    const rule: Rule = { cron: row.cron, zone: row.time_zone };
    const fire = (kind: SlotKind) => (slot: Date) => this.#queue.push(() => this.#run(conversation, kind, slot.getTime(), false, rule));
    const timers = [startTimer(row.cron, row.time_zone, `question:${conversation}`, fire('question'))];
    if (row.weekly_leaderboard === 1) {
      const [minute, hour] = row.cron.split(/\s+/);
      timers.push(startTimer(`${minute} ${hour} * * 1`, row.time_zone, `leaderboard:${conversation}`, fire('leaderboard')));
    }
    this.#timers.set(conversation, timers);
    this.#loaded.set(conversation, row.updated_at);
  }

  /** Picks up schedules another process created, changed, paused or turned off. */
  async #resyncAll(): Promise<void> {
    const active = await this.#deps.store.schedules.active();
    const current = new Set(active.map((row) => row.conversation_id));
    for (const row of active) {
      if (this.#loaded.get(row.conversation_id) !== row.updated_at) await this.refresh(row.conversation_id as ConversationId);
    }
    for (const conversation of [...this.#loaded.keys()]) if (!current.has(conversation)) await this.#stopTimers(conversation);
  }

  async #stopTimers(conversation: string): Promise<void> {
    const timers = this.#timers.get(conversation) ?? [];
    this.#timers.delete(conversation);
    this.#loaded.delete(conversation);
    await Promise.all(timers.map((t) => t.stop()));
  }

  /** A slot that passed while the process was down: post it late within the grace window, else record it missed. */
  async #catchUp(row: ScheduleRow): Promise<void> {
    const now = this.#deps.clock().getTime();
    const slot = row.next_slot_at;
    if (slot !== null && slot <= now) {
      const conversation = row.conversation_id as ConversationId;
      if (now - slot <= this.#deps.graceMs) {
        const rule: Rule = { cron: row.cron, zone: row.time_zone };
        this.#queue.push(() => this.#run(conversation, 'question', slot, true, rule));
        return;
      }
      if (await this.#deps.store.schedules.claim(conversation, 'question', slot, this.#instance, now)) {
        await this.#deps.store.schedules.finishSlot(conversation, 'question', slot, 'missed', now, 'the bot was down at this time');
        this.#deps.log.warn({ conversation, slot: new Date(slot).toISOString() }, 'scheduled question missed (outside the grace window)');
      }
    }
    await this.#deps.store.schedules.update(row.conversation_id, { next_slot_at: nextSlot(row.cron, row.time_zone, new Date(now))?.getTime() ?? null });
  }

  /** Runs one slot if this process wins its claim; records the outcome and the failure streak. */
  async #run(conversation: ConversationId, kind: SlotKind, slot: number, late: boolean, rule: Rule): Promise<void> {
    const { store, log, clock } = this.#deps;
    const row = await store.schedules.get(conversation);
    // Changed, paused or turned off through another process since this timer started: not a slot any more.
    if (!row || row.enabled !== 1 || row.paused_reason !== null || row.cron !== rule.cron || row.time_zone !== rule.zone || (kind === 'leaderboard' && row.weekly_leaderboard !== 1)) {
      if (!this.#stopped) await this.refresh(conversation);
      return;
    }
    if (!(await store.schedules.claim(conversation, kind, slot, this.#instance, clock().getTime()))) return;
    try {
      if (kind === 'question') await this.#deps.postQuestion(conversation, { late });
      else await this.#deps.postLeaderboard(conversation);
      await store.schedules.finishSlot(conversation, kind, slot, 'posted', clock().getTime());
      if (row.consecutive_failures > 0) await store.schedules.update(conversation, { consecutive_failures: 0 });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await store.schedules.finishSlot(conversation, kind, slot, 'failed', clock().getTime(), reason.slice(0, 500));
      const failures = row.consecutive_failures + 1;
      const pause = failures >= MAX_CONSECUTIVE_FAILURES;
      await store.schedules.update(conversation, {
        consecutive_failures: failures,
        ...(pause ? { paused_reason: `${failures} failures in a row; last: ${reason.slice(0, 300)}` } : {}),
      });
      log.warn({ conversation, kind, failures, err: error }, pause ? 'scheduled post failed; schedule paused' : 'scheduled post failed');
      if (pause) await this.#stopTimers(conversation);
    } finally {
      if (kind === 'question') {
        // The running timer already knows its next slot; computing it again is the slow path.
        const timerNext = late ? null : this.#timers.get(conversation)?.[0]?.nextRun();
        const next = timerNext ?? nextSlot(row.cron, row.time_zone, new Date(Math.max(slot, clock().getTime())));
        await store.schedules.update(conversation, { next_slot_at: next?.getTime() ?? null });
      }
    }
  }
}
