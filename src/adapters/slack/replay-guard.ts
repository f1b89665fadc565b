import type { IncomingMessage } from 'node:http';
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../log.ts';

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

/** HTTPReceiver's `customPropertiesExtractor`: puts the request signature into the event context. */
export function signatureOf(req: IncomingMessage): { studybotSignature: string } {
  return { studybotSignature: String(req.headers['x-slack-signature'] ?? '') };
}

/**
 * Global bolt middleware: a request whose signature was already seen is acknowledged (so Slack
 * stops resending it) and goes no further. Socket Mode events carry no signature and pass.
 */
export function replayMiddleware(guard: ReplayGuard, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const signature = (args.context as { studybotSignature?: string }).studybotSignature;
    if (signature && guard.isReplay(signature)) {
      log.warn('slack: replayed request acknowledged and ignored');
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  };
}
