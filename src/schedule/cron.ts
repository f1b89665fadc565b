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

/** Starts a node-cron task for an expression in a zone. */
export function startTimer(expression: string, zone: string, name: string, fire: (slot: Date) => void): SlotTimer {
  const task: ScheduledTask = cron.schedule(
    expression,
    (ctx) => fire(new Date(Math.floor(ctx.date.getTime() / 60_000) * 60_000)),
    { timezone: zone, name, noOverlap: false },
  );
  return { nextRun: () => task.getNextRun(), stop: async () => void (await task.destroy()) };
}
