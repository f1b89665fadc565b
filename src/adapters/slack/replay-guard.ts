/** How long Slack's signature timestamp stays valid (bolt refuses older requests). */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/**
 * Remembers the request signatures of the last five minutes, so a signed request replayed within the
 * window (the same bytes, so the same `X-Slack-Signature`) is recognised. Older requests need no
 * memory: bolt refuses them by their timestamp.
 */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** True when this signature was already seen within the window; records it otherwise. */
  isReplay(signature: string): boolean {
    const now = this.#now();
    for (const [key, expires] of this.#seen) {
      // Insertion order is expiry order: stop at the first live entry.
      if (expires > now) break;
      this.#seen.delete(key);
    }
    if (this.#seen.has(signature)) return true;
    // Kept a little past the window, so a request arriving just inside it is still caught.
    this.#seen.set(signature, now + SIGNATURE_WINDOW_MS + 60_000);
    return false;
  }
}
