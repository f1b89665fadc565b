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
  /**
   * How long a claimed slot stays reserved for its process without a renewal (ms, default 60 s).
   * A process renews its claims while posting; a claim left by a killed process is taken over by
   * another process within about 1⅓ lease times.
   */
  leaseMs?: number;
  /** Told about each slot's outcome (metrics, the fleet test's measurements). */
  observe?: (event: SlotEvent) => void;
}

/** The outcome of one scheduled slot in this process. */
export interface SlotEvent {
  outcome: 'posted' | 'failed' | 'missed' | 'taken-over';
  kind: SlotKind;
  conversation: ConversationId;
  slot: number;
  late: boolean;
  /**
   * For `posted`: ms from the platform accepting the post to the slot being recorded as posted —
   * the window in which a crash would let another process post the slot again.
   */
  recordMs?: number;
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
  readonly #leaseMs: number;
  /** Background reads (resync, lease sweeps) in flight: idle() and stop() wait for them. */
  readonly #background = new Set<Promise<unknown>>();
  #resync: NodeJS.Timeout | undefined;
  #sweep: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
    this.#queue = new WorkQueue(deps.concurrency);
    this.#leaseMs = deps.leaseMs ?? 60_000;
  }

  /** This process's claim holder id (in schedule_slots.claimed_by). */
  get instance(): string {
    return this.#instance;
  }

  /** Loads every active schedule, catches up on slots missed while down, and starts the timers. */
  async start(): Promise<void> {
    for (const row of await this.#deps.store.schedules.active()) {
      await this.#catchUp(row);
      await this.#startTimers(row);
    }
    const every = this.#deps.resyncMs ?? 60_000;
    if (every > 0 && !this.#stopped) {
      this.#resync = setInterval(() => this.#inBackground(() => this.#resyncAll(), 'schedule resync failed'), every);
      this.#resync.unref();
    }
    if (!this.#stopped) {
      this.#sweep = setInterval(() => this.#inBackground(() => this.sweepLeases(), 'lease sweep failed'), Math.max(500, Math.floor(this.#leaseMs / 3)));
      this.#sweep.unref();
    }
  }

  /**
   * Takes over slots that another process claimed and stopped renewing (it died mid-post) and
   * posts them. Runs every third of a lease time; public for tests.
   */
  async sweepLeases(): Promise<void> {
    if (this.#stopped) return;
    const { store, clock } = this.#deps;
    for (const slot of await store.schedules.takeOverExpired(this.#instance, clock().getTime(), this.#leaseMs)) {
      const conversation = slot.conversation_id as ConversationId;
      this.#deps.observe?.({ outcome: 'taken-over', kind: slot.kind, conversation, slot: slot.slot_at, late: true });
      this.#deps.log.warn({ conversation, kind: slot.kind, slot: new Date(slot.slot_at).toISOString() }, 'took over a scheduled post whose process stopped');
      this.#queue.push(() => this.#post(conversation, slot.kind, slot.slot_at, true));
    }
  }

  #inBackground(work: () => Promise<unknown>, failure: string): void {
    if (this.#stopped) return;
    const running = work().catch((err) => this.#deps.log.error({ err }, failure));
    this.#background.add(running);
    void running.finally(() => this.#background.delete(running));
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
    clearInterval(this.#sweep);
    await Promise.all([...this.#timers.keys()].map((c) => this.#stopTimers(c)));
    await this.idle();
  }

  /** Resolves when every queued post and background read has finished (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.#queue.size > 0 || this.#background.size > 0) {
      await this.#queue.idle();
      await Promise.all(this.#background);
    }
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
      if (await this.#claim(conversation, 'question', slot)) {
        await this.#deps.store.schedules.finishSlot(conversation, 'question', slot, 'missed', now, 'the bot was down at this time');
        this.#deps.log.warn({ conversation, slot: new Date(slot).toISOString() }, 'scheduled question missed (outside the grace window)');
        this.#deps.observe?.({ outcome: 'missed', kind: 'question', conversation, slot, late: true });
      }
    }
    await this.#deps.store.schedules.update(row.conversation_id, { next_slot_at: nextSlot(row.cron, row.time_zone, new Date(now))?.getTime() ?? null });
  }

  /**
   * Claims a slot, retrying a claim that failed (database busy or unreachable) with backoff until
   * it succeeds or the scheduler stops: a slot is never dropped because a write failed. Returns
   * whether this process won the slot (false also when stopping first: the slot stays unclaimed,
   * so a restart or another process posts it).
   */
  async #claim(conversation: ConversationId, kind: SlotKind, slot: number): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#deps.store.schedules.claim(conversation, kind, slot, this.#instance, this.#deps.clock().getTime());
      } catch (error) {
        if (this.#stopped) return false;
        const wait = Math.min(30_000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
        this.#deps.log.warn({ conversation, kind, attempt, err: error }, 'slot claim failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Runs one slot if this process wins its claim; records the outcome and the failure streak. */
  async #run(conversation: ConversationId, kind: SlotKind, slot: number, late: boolean, rule: Rule): Promise<void> {
    const { store } = this.#deps;
    const row = await store.schedules.get(conversation);
    // Changed, paused or turned off through another process since this timer started: not a slot any more.
    if (!row || row.enabled !== 1 || row.paused_reason !== null || row.cron !== rule.cron || row.time_zone !== rule.zone || (kind === 'leaderboard' && row.weekly_leaderboard !== 1)) {
      if (!this.#stopped) await this.refresh(conversation);
      return;
    }
    if (!(await this.#claim(conversation, kind, slot))) return;
    await this.#post(conversation, kind, slot, late);
  }

  /**
   * Posts a slot this process holds the claim of, renewing the claim while the platform works, and
   * records the outcome, the failure streak and the next slot.
   */
  async #post(conversation: ConversationId, kind: SlotKind, slot: number, late: boolean): Promise<void> {
    const { store, log, clock } = this.#deps;
    const row = await store.schedules.get(conversation);
    if (!row) {
      await store.schedules.finishSlot(conversation, kind, slot, 'missed', clock().getTime(), 'the schedule was removed');
      return;
    }
    const renewal = setInterval(() => {
      void store.schedules.renew(conversation, kind, slot, this.#instance, clock().getTime()).catch((err) => log.warn({ err, conversation }, 'claim renewal failed'));
    }, Math.max(250, Math.floor(this.#leaseMs / 3)));
    renewal.unref();
    try {
      if (kind === 'question') await this.#deps.postQuestion(conversation, { late });
      else await this.#deps.postLeaderboard(conversation);
      clearInterval(renewal);
      const posted = Date.now();
      await store.schedules.finishSlot(conversation, kind, slot, 'posted', clock().getTime());
      this.#deps.observe?.({ outcome: 'posted', kind, conversation, slot, late, recordMs: Date.now() - posted });
      if (row.consecutive_failures > 0) await store.schedules.update(conversation, { consecutive_failures: 0 });
    } catch (error) {
      clearInterval(renewal);
      const reason = error instanceof Error ? error.message : String(error);
      await store.schedules.finishSlot(conversation, kind, slot, 'failed', clock().getTime(), reason.slice(0, 500));
      this.#deps.observe?.({ outcome: 'failed', kind, conversation, slot, late });
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
