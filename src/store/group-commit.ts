/** How a {@link GroupCommit} forms batches. */
export interface GroupCommitOptions {
  /** The most items in one batch (default 256). */
  maxBatch?: number;
  /** How many batches may be written at once (default 1). */
  concurrency?: number;
  /**
   * Whether a failed batch's items should be written again one by one (default: always). Say no
   * for errors that would fail each of them again (the database is unavailable): they all get the
   * error at once instead of one wait each.
   */
  retryAlone?: (error: unknown) => boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a batch is being written wait and go together in the next
 * one, so a burst of N writes costs a few transactions instead of N, and a lone write waits only
 * for the end of the current event-loop turn. When a batch of several fails, each of its items is
 * written again alone (unless `retryAlone` says the error would recur), so a bad item fails only
 * itself.
 */
export class GroupCommit<I, O> {
  readonly #writeBatch: (items: I[]) => Promise<O[]>;
  readonly #maxBatch: number;
  readonly #concurrency: number;
  readonly #retryAlone: (error: unknown) => boolean;
  #queue: Waiting<I, O>[] = [];
  #running = 0;
  #scheduled = false;
  #idle: (() => void)[] = [];

  /** `writeBatch` writes items in one go and returns one result per item, in order. */
  constructor(writeBatch: (items: I[]) => Promise<O[]>, options: GroupCommitOptions = {}) {
    this.#writeBatch = writeBatch;
    this.#maxBatch = options.maxBatch ?? 256;
    this.#concurrency = options.concurrency ?? 1;
    this.#retryAlone = options.retryAlone ?? (() => true);
  }

  /** Writes an item with whichever batch it joins; resolves to its result. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Starts batches at the end of this turn of the event loop, so that everything submitted in it goes together. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  /** Resolves once every submitted item is written (or failed). */
  drained(): Promise<void> {
    if (this.#queue.length === 0 && this.#running === 0 && !this.#scheduled) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      this.#running++;
      void this.#write(batch).finally(() => {
        this.#running--;
        // Callers woken by this batch often submit again at once: let them join the next one.
        this.#schedule();
      });
    }
    if (this.#queue.length === 0 && this.#running === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #write(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.#writeBatch(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1 || !this.#retryAlone(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      for (const w of batch) {
        try {
          const [result] = await this.#writeBatch([w.item]);
          w.resolve(result!);
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  }
}
