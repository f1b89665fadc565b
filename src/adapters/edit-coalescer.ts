import type { RoundView } from '../core/types.ts';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Slot<T> {
  /** The value of the edit in flight, if one is. */
  inFlight: T | null;
  /** The newest value waiting for the edit in flight to finish, with everyone waiting on it. */
  pending: { value: T; waiters: Waiter[] } | null;
  /** The newest value started or queued: a value not newer than it is dropped. */
  latest: T;
}

/** How many idle message slots are remembered (so a late, stale edit is still recognised). */
const REMEMBERED = 1000;

/**
 * Coalesces edits of one message: at most one edit in flight per key, and while it runs only the
 * newest value waits; older values are dropped, since the newest carries everything they said. A
 * platform's per-channel edit limit (Discord: about 5 per 5 s) then costs a burst of answers a few
 * edits, not one each, and never delays anything that is not an edit.
 */
export class EditCoalescer<T> {
  readonly #slots = new Map<string, Slot<T>>();
  readonly #apply: (value: T) => Promise<void>;
  readonly #isNewer: (candidate: T, current: T) => boolean;
  readonly #running = new Set<Promise<void>>();

  /**
   * @param apply performs one edit.
   * @param isNewer whether `candidate` should replace `current` (default: always).
   */
  constructor(apply: (value: T) => Promise<void>, isNewer: (candidate: T, current: T) => boolean = () => true) {
    this.#apply = apply;
    this.#isNewer = isNewer;
  }

  /**
   * Asks for `value` to be shown. Resolves when an edit showing it (or a newer value) has been
   * made; rejects with that edit's error. A value older than one already shown resolves at once.
   */
  submit(key: string, value: T): Promise<void> {
    const slot = this.#slots.get(key);
    if (!slot) {
      this.#slots.set(key, { inFlight: null, pending: null, latest: value });
      this.#forget();
      return this.#start(key, value, []);
    }
    if (!this.#isNewer(value, slot.latest)) return slot.pending ? this.#wait(slot.pending.waiters) : Promise.resolve();
    slot.latest = value;
    if (slot.inFlight === null) return this.#start(key, value, []);
    if (slot.pending) slot.pending.value = value;
    else slot.pending = { value, waiters: [] };
    return this.#wait(slot.pending.waiters);
  }

  /** Resolves once no edit is in flight or waiting. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  #wait(waiters: Waiter[]): Promise<void> {
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  }

  #start(key: string, value: T, waiters: Waiter[]): Promise<void> {
    const slot = this.#slots.get(key)!;
    slot.inFlight = value;
    const run = this.#apply(value).then(
      () => waiters.forEach((w) => w.resolve()),
      (error: unknown) => {
        waiters.forEach((w) => w.reject(error));
        throw error;
      },
    );
    const done = run.catch(() => {}).finally(() => {
      this.#running.delete(done);
      slot.inFlight = null;
      const next = slot.pending;
      slot.pending = null;
      if (next) void this.#start(key, next.value, next.waiters).catch(() => {});
    });
    this.#running.add(done);
    return run;
  }

  /** Drops the oldest idle slots beyond {@link REMEMBERED}. */
  #forget(): void {
    if (this.#slots.size <= REMEMBERED) return;
    for (const [key, slot] of this.#slots) {
      if (this.#slots.size <= REMEMBERED) break;
      if (slot.inFlight === null && slot.pending === null) this.#slots.delete(key);
    }
  }
}

/**
 * Whether a round's state should replace the one shown: a closed round is never reopened, and an
 * answered-count never goes down (two answers counted at once may report out of order).
 */
export function isNewerRound(candidate: { round: RoundView }, current: { round: RoundView }): boolean {
  if (current.round.status === 'closed' && candidate.round.status === 'open') return false;
  if (candidate.round.status === current.round.status && candidate.round.answeredCount < current.round.answeredCount) return false;
  return true;
}
