import cron, { type ScheduledTask } from 'node-cron';

/**
 * The only module that imports node-cron: validation, next-slot arithmetic and timers, all in a
 * conversation's IANA time zone.
 */

/** True when node-cron accepts a 5-field expression. */
export function isValidCron(expression: string): boolean {
  return expression.trim().split(/\s+/).length === 5 && cron.validate(expression);
}

/** The first slot of an expression strictly after `after`, in a time zone; null when there is none. */
export function nextSlot(expression: string, zone: string, after: Date): Date | null {
  // A task that is never started: node-cron's own matcher, so slots agree with its timers.
  const task = cron.createTask(expression, () => {}, { timezone: zone });
  // Every zone's offset is a multiple of 15 minutes, so only UTC minutes congruent (mod 15) to an
  // allowed local minute can match: that skips most of node-cron's per-minute checks.
  const allowed = new Set(cron.parse(expression).minute.map((m) => m % 15));
  try {
    for (let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000, n = 0; n < 60 * 24 * 366; n++, t += 60_000) {
      if (allowed.has((t / 60_000) % 15) && task.match(new Date(t))) return new Date(t);
    }
    return null;
  } finally {
    void task.destroy();
  }
}

/** A running timer that calls `fire` with each slot's instant (to the minute). */
export interface SlotTimer {
  /** The next slot the timer will fire for (node-cron's own computation). */
  nextRun(): Date | null;
  stop(): Promise<void>;
}

/** How late node-cron may fire a slot and still run it (its default, 1 s, drops slots under load). */
const LATE_TOLERANCE_MS = 60_000;

/**
 * Starts a node-cron task for an expression in a zone. A slot node-cron reports as missed (the
 * event loop was too busy, e.g. thousands of channels due in the same minute) is fired all the
 * same: a daily question is late rather than silently skipped, and the slot claim keeps it once.
 */
export function startTimer(expression: string, zone: string, name: string, fire: (slot: Date) => void): SlotTimer {
  const toSlot = (date: Date) => new Date(Math.floor(date.getTime() / 60_000) * 60_000);
  const task: ScheduledTask = cron.schedule(expression, (ctx) => fire(toSlot(ctx.date)), {
    timezone: zone,
    name,
    noOverlap: false,
    missedExecutionTolerance: LATE_TOLERANCE_MS,
  });
  task.on('execution:missed', (ctx) => fire(toSlot(ctx.date)));
  return { nextRun: () => task.getNextRun(), stop: async () => void (await task.destroy()) };
}
