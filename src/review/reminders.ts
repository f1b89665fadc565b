import { randomUUID } from 'node:crypto';
import type { Outgoing } from '../core/bot.ts';
import { fill, type LangPreference } from '../core/i18n.ts';
import { directConversation } from '../core/member.ts';
import type { ConversationId, UserId } from '../core/types.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { ReminderRow } from '../store/reminders-repo.ts';
import { zonedParts, zonedTimeToUtc } from '../time/zoned.ts';
import { REVIEW_MSG } from './messages.ts';

/** A reminder is sent at most this long after its time (the bot was down, or busy); later, that day is skipped. */
export const REMINDER_WINDOW_MS = 60 * 60_000;

/** What the reminder sender needs. */
export interface ReminderDeps {
  store: Store;
  clock: () => Date;
  log: Logger;
  /** Sends a bot-initiated reply to a conversation (here: a member's direct messages); rejects when refused. */
  deliver(replies: readonly Outgoing[], conversation: ConversationId): Promise<void>;
  /** The language of the channel where the member asked for reminders. */
  langOf(conversation: ConversationId): Promise<LangPreference>;
}

/** The latest instant at or before `now` when the zone's clock read HH:MM. */
export function latestSlot(time: string, zone: string, now: Date): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  for (const back of [0, 1, 2]) {
    const p = zonedParts(new Date(now.getTime() - back * 86_400_000), zone);
    const slot = zonedTimeToUtc(p.year, p.month, p.day, hour, minute, zone).getTime();
    if (slot <= now.getTime()) return slot;
  }
  throw new Error(`no ${time} slot in ${zone} before ${now.toISOString()}`);
}

/**
 * Sends members' opt-in review reminders: at the member's time, when cards are due, a direct
 * message. Each (member, day) slot is claimed in the scheduler's slot table first (kind
 * `reminder`), so a reminder goes out once across restarts and processes, at most once a day.
 */
export class ReminderSender {
  readonly #deps: ReminderDeps;
  readonly #instance = randomUUID();

  constructor(deps: ReminderDeps) {
    this.#deps = deps;
  }

  /** Sends every reminder whose time has come; resolves with how many were sent. */
  async sweep(): Promise<number> {
    let sent = 0;
    for (const reminder of await this.#deps.store.reminders.enabled()) {
      try {
        if (await this.#one(reminder)) sent += 1;
      } catch (err) {
        this.#deps.log.warn({ err, member: reminder.member_id }, 'review reminder failed');
      }
    }
    return sent;
  }

  async #one(reminder: ReminderRow): Promise<boolean> {
    const { store, clock } = this.#deps;
    const now = clock();
    const slot = latestSlot(reminder.time, reminder.time_zone, now);
    // Not before the member asked for it, and not hours late.
    if (slot < reminder.updated_at || now.getTime() - slot > REMINDER_WINDOW_MS) return false;
    const due = (await store.memory.ofMember(reminder.member_id)).filter((r) => r.due <= now.getTime()).length;
    if (due === 0) return false;
    if (!(await store.schedules.claim(reminder.member_id, 'reminder', slot, this.#instance, now.getTime()))) return false;
    const to = directConversation(reminder.conversation_id as ConversationId, reminder.user_id as UserId);
    try {
      const lang = await this.#deps.langOf(reminder.conversation_id as ConversationId);
      await this.#deps.deliver([{ kind: 'text', text: fill(REVIEW_MSG.reminder, { n: due }), visibility: 'public', lang }], to);
      await store.schedules.finishSlot(reminder.member_id, 'reminder', slot, 'posted', clock().getTime());
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await store.schedules.finishSlot(reminder.member_id, 'reminder', slot, 'failed', clock().getTime(), reason.slice(0, 500));
      throw error;
    }
  }
}
