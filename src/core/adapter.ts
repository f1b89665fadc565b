import type { Reply } from './types.ts';

/**
 * A chat platform connection, grouped by lifecycle like bolt's receivers: `start` connects,
 * `stop` disconnects and lets in-flight work finish, `deliver` sends what the bot says on its own
 * (scheduled questions, reveals, message edits). Every method is required: no silent defaults.
 */
export interface Adapter {
  /** The id prefix this adapter owns (`discord`, `slack`, `console`). */
  readonly platform: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Sends one reply to its conversation. A `round-update` edits the message named by its
   * `round.messageRef`. Resolves to the platform reference of a newly posted message (null when
   * there is none), and rejects when the platform refuses (deleted channel, missing permission).
   */
  deliver(reply: Reply): Promise<string | null>;
  /**
   * Whether the platform connection is up now (health checks). Only adapters that hold a
   * connection that can drop (a gateway, a socket) have it; the others have none to lose.
   */
  connected?(): boolean;
}
