import { fill } from '../core/i18n.ts';
import type { CommandHandler, Outgoing, ReviewHandler } from '../core/bot.ts';
import { memberOf } from '../core/member.ts';
import type { Card } from '../questions/schema.ts';
import type { RemindersRepo } from '../store/reminders-repo.ts';
import { isValidTimeZone } from '../time/zoned.ts';
import { REVIEW_MSG } from './messages.ts';
import type { ReviewSessions } from './session.ts';

/** What the /review command needs. */
export interface ReviewHandlerDeps {
  sessions: ReviewSessions;
  reminders: RemindersRepo;
  cards: readonly Card[];
  clock: () => Date;
  /** The zone a reminder uses when the member names none (the channel's). */
  zoneOf: (conversation: string) => Promise<string>;
}

const problem = (text: Parameters<typeof fill>[0]): Outgoing[] => [{ kind: 'error', text, visibility: 'private' }];

/** The `/review` command and the review buttons. Everything they answer is private. */
export function reviewHandlers(deps: ReviewHandlerDeps): { review: CommandHandler; onReview: ReviewHandler } {
  const known = [...new Set(deps.cards.flatMap((c) => c.tags))].sort();
  const knownList = known.join(', ');

  const review: CommandHandler = async ({ incoming, args }) => {
    const member = memberOf(incoming.conversation, incoming.sender.id);
    const [sub = '', ...rest] = args.split(/\s+/).filter(Boolean);
    switch (sub.toLowerCase()) {
      case '':
      case 'start':
        return deps.sessions.start(member, incoming.conversation, null, 'due');
      case 'next':
      case 'hard':
      case 'easy': {
        const press = sub.toLowerCase() as 'next' | 'hard' | 'easy';
        // Typed instead of pressed (the console): the current session; `next` with none starts one.
        const out = await deps.sessions.pressTyped(member, press);
        return press === 'next' && out.length === 1 && out[0]!.kind === 'error' ? deps.sessions.start(member, incoming.conversation, null, 'due') : out;
      }
      case 'new':
        return deps.sessions.start(member, incoming.conversation, null, 'new');
      case 'topics':
      case 'topic': {
        const wanted = rest.join(' ').split(/[,，\s]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
        if (wanted.length === 0) return problem(fill(REVIEW_MSG.topicsUsage, { known: knownList }));
        if (wanted[0] === 'all') return deps.sessions.start(member, incoming.conversation, null, 'due');
        const unknown = wanted.filter((w) => !known.includes(w));
        if (unknown.length > 0) return problem(fill(REVIEW_MSG.unknownTopics, { unknown: unknown.join(', ').slice(0, 200), known: knownList }));
        return deps.sessions.start(member, incoming.conversation, [...new Set(wanted)], 'due');
      }
      case 'answer': {
        const value = rest.join(' ').trim();
        return value ? deps.sessions.answerTyped(member, value) : problem(REVIEW_MSG.answerUsage);
      }
      case 'remind':
        return remind(incoming.conversation, incoming.sender.id, member, rest);
      default:
        return problem(REVIEW_MSG.usage);
    }
  };

  async function remind(conversation: string, user: string, member: string, words: string[]): Promise<Outgoing[]> {
    const now = deps.clock().getTime();
    const [time = '', zoneArg] = words;
    if (time.toLowerCase() === 'off') {
      const was = await deps.reminders.disable(member, now);
      return [{ kind: 'text', text: was ? REVIEW_MSG.remindOff : REVIEW_MSG.remindWasOff, visibility: 'private' }];
    }
    if (!time || words.length > 2) return problem(REVIEW_MSG.remindUsage);
    const match = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(time);
    if (!match) return problem(fill(REVIEW_MSG.badTime, { value: time.slice(0, 20) }));
    let zone = await deps.zoneOf(conversation);
    if (zoneArg) {
      if (!isValidTimeZone(zoneArg)) return problem(fill(REVIEW_MSG.badZone, { value: zoneArg.slice(0, 40) }));
      zone = new Intl.DateTimeFormat('en-US', { timeZone: zoneArg }).resolvedOptions().timeZone;
    }
    const hhmm = `${match[1]!.padStart(2, '0')}:${match[2]}`;
    await deps.reminders.upsert({ member_id: member, user_id: user, conversation_id: conversation, time: hhmm, time_zone: zone, enabled: 1, updated_at: now });
    return [{ kind: 'text', text: fill(REVIEW_MSG.remindSet, { time: hhmm, zone }), visibility: 'private' }];
  }

  const onReview: ReviewHandler = (incoming) => {
    const member = memberOf(incoming.conversation, incoming.sender.id);
    const { sessionId, step, press } = incoming.action;
    return deps.sessions.press(member, sessionId, step, press);
  };

  return { review, onReview };
}
