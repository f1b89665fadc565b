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
}

/**
 * Runs every channel's schedule: node-cron timers in each channel's time zone, a database claim
 * per (channel, slot) so a slot runs once across restarts and processes, catch-up after downtime,
 * bounded fan-out, and a pause after repeated failures.
 */
export class Scheduler {
  readonly #deps: SchedulerDeps;
  readonly #queue: WorkQueue;
  readonly #timers = new Map<string, SlotTimer[]>();
  readonly #instance = randomUUID();
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
    const fire = (kind: SlotKind) => (slot: Date) => this.#queue.push(() => this.#run(conversation, kind, slot.getTime(), false));
    const timers = [startTimer(row.cron, row.time_zone, `question:${conversation}`, fire('question'))];
    if (row.weekly_leaderboard === 1) {
      const [minute, hour] = row.cron.split(/\s+/);
      timers.push(startTimer(`${minute} ${hour} * * 1`, row.time_zone, `leaderboard:${conversation}`, fire('leaderboard')));
    }
    this.#timers.set(conversation, timers);
  }

  async #stopTimers(conversation: string): Promise<void> {
    const timers = this.#timers.get(conversation) ?? [];
    this.#timers.delete(conversation);
    await Promise.all(timers.map((t) => t.stop()));
  }

  /** A slot that passed while the process was down: post it late within the grace window, else record it missed. */
  async #catchUp(row: ScheduleRow): Promise<void> {
    const now = this.#deps.clock().getTime();
    const slot = row.next_slot_at;
    if (slot !== null && slot <= now) {
      const conversation = row.conversation_id as ConversationId;
      if (now - slot <= this.#deps.graceMs) {
        this.#queue.push(() => this.#run(conversation, 'question', slot, true));
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
  async #run(conversation: ConversationId, kind: SlotKind, slot: number, late: boolean): Promise<void> {
    const { store, log, clock } = this.#deps;
    if (!(await store.schedules.claim(conversation, kind, slot, this.#instance, clock().getTime()))) return;
    const row = await store.schedules.get(conversation);
    try {
      if (kind === 'question') await this.#deps.postQuestion(conversation, { late });
      else await this.#deps.postLeaderboard(conversation);
      await store.schedules.finishSlot(conversation, kind, slot, 'posted', clock().getTime());
      if (row && row.consecutive_failures > 0) await store.schedules.update(conversation, { consecutive_failures: 0 });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await store.schedules.finishSlot(conversation, kind, slot, 'failed', clock().getTime(), reason.slice(0, 500));
      const failures = (row?.consecutive_failures ?? 0) + 1;
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
        const next = timerNext ?? (row ? nextSlot(row.cron, row.time_zone, new Date(Math.max(slot, clock().getTime()))) : null);
        await store.schedules.update(conversation, { next_slot_at: next?.getTime() ?? null });
      }
    }
  }
}
