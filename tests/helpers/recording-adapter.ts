import type { Adapter } from '../../src/core/adapter.ts';
import type { Reply } from '../../src/core/types.ts';

/**
 * A test adapter for the `test:` platform: it records what is delivered and can be told to refuse
 * some conversations, like a deleted channel would. Platform adapters are tested against their
 * protocol fakes instead; this one tests what the core and scheduler send.
 */
export class RecordingAdapter implements Adapter {
  readonly platform = 'test';
  readonly delivered: Reply[] = [];
  readonly failing = new Set<string>();
  #next = 0;

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async deliver(reply: Reply): Promise<string | null> {
    if (this.failing.has(reply.conversation)) throw new Error('Unknown Channel (deleted)');
    this.delivered.push(reply);
    return reply.kind === 'question' ? `msg-${++this.#next}` : null;
  }

  /** Delivered questions, optionally for one conversation. */
  questions(conversation?: string): Extract<Reply, { kind: 'question' }>[] {
    return this.delivered.filter((r): r is Extract<Reply, { kind: 'question' }> => r.kind === 'question' && (!conversation || r.conversation === conversation));
  }
}
