import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.ts';
import { describeSlackError } from './errors.ts';

/** What the bot needs to know about a member. */
export interface Member {
  name: string;
  isAdmin: boolean;
}

/** Options of {@link MemberDirectory}. */
export interface MemberDirectoryOptions {
  client: webApi.WebClient;
  log: Logger;
  /** Slack member ids (`U…`) that are admins for the bot, whatever their workspace role (STUDYBOT_ADMINS). */
  admins: readonly string[];
  /** How long a users.info answer is trusted; a demoted admin loses the right after at most this long. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Looks members up with users.info: their display name, and whether they are a bot admin
 * (workspace admin or owner, or listed in STUDYBOT_ADMINS). Answers are cached so that a busy quiz
 * round does not spend the users.info rate limit; a failed lookup logs and falls back to the name
 * Slack sent with the event and to the STUDYBOT_ADMINS list alone.
 */
export class MemberDirectory {
  readonly #options: MemberDirectoryOptions;
  readonly #admins: ReadonlySet<string>;
  readonly #cache = new Map<string, { member: Member; until: number }>();

  constructor(options: MemberDirectoryOptions) {
    this.#options = options;
    this.#admins = new Set(options.admins);
  }

  /** The member `user`, named `fallbackName` if Slack cannot say more. Never rejects. */
  async lookup(user: string, fallbackName: string): Promise<Member> {
    const now = (this.#options.now ?? Date.now)();
    const cached = this.#cache.get(user);
    if (cached && cached.until > now) return cached.member;
    const listed = this.#admins.has(user);
    try {
      const result = await this.#options.client.users.info({ user });
      const info = result.user;
      const name = info?.profile?.display_name || info?.real_name || info?.name || fallbackName;
      const member = { name, isAdmin: listed || Boolean(info?.is_admin || info?.is_owner) };
      this.#cache.set(user, { member, until: now + (this.#options.ttlMs ?? 10 * 60_000) });
      return member;
    } catch (error) {
      this.#options.log.warn({ user, slackError: describeSlackError(error) }, 'users.info failed; using the name from the event');
      return { name: fallbackName, isAdmin: listed };
    }
  }
}
