/**
 * A work queue with bounded concurrency: at most `limit` jobs run at once, in the order pushed.
 * A failing job never stops the queue; its error goes to the job's own handling.
 */
export class WorkQueue {
  readonly #limit: number;
  readonly #waiting: (() => Promise<void>)[] = [];
  #running = 0;
  #idle: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('queue concurrency must be a positive integer');
    this.#limit = limit;
  }

  /** Adds a job; it starts as soon as a place is free. */
  push(job: () => Promise<void>): void {
    this.#waiting.push(job);
    this.#pump();
  }

  /** Jobs waiting or running. */
  get size(): number {
    return this.#waiting.length + this.#running;
  }

  /** Resolves when every job pushed so far has finished. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.#limit && this.#waiting.length > 0) {
      const job = this.#waiting.shift()!;
      this.#running += 1;
      void job()
        .catch(() => {})
        .finally(() => {
          this.#running -= 1;
          this.#pump();
          if (this.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
        });
    }
  }
}
