import { fill, type Localized } from '../core/i18n.ts';
import type { CommandHandler, Outgoing } from '../core/bot.ts';
import type { ConversationId } from '../core/types.ts';
import type { Store } from '../store/store.ts';
import type { ScheduleRow } from '../store/schedules-repo.ts';
import { zonedParts } from '../time/zoned.ts';
import { nextSlot } from './cron.ts';
import { SCHEDULE_MSG } from './messages.ts';
import { parseScheduleSpec, timeOfCron } from './spec.ts';

/** What /schedule needs. */
export interface ScheduleHandlerDeps {
  store: Store;
  clock: () => Date;
  /** Tells the running scheduler that a conversation's schedule changed. */
  onChange(conversation: ConversationId): Promise<void>;
}

/**
 * `/schedule set|show|off|weekly-leaderboard`. Changing a schedule is for channel admins only;
 * `show` is open to everyone (it reveals nothing but the time).
 */
export function scheduleHandler(deps: ScheduleHandlerDeps): CommandHandler {
  const { store, clock } = deps;
  const reply = (text: Localized, visibility: Outgoing['visibility'] = 'public'): Outgoing[] => [{ kind: 'text', text, visibility }];
  const problem = (text: Localized): Outgoing[] => [{ kind: 'error', text, visibility: 'private' }];

  const describe = (row: ScheduleRow): Record<string, string> => ({
    time: timeOfCron(row.cron),
    zone: row.time_zone,
    label: row.label,
    next: formatLocal(nextSlot(row.cron, row.time_zone, clock()), row.time_zone),
  });

  return async ({ incoming, args }) => {
    const [sub = '', ...rest] = args.split(/\s+/).filter(Boolean);
    const conversation = incoming.conversation;
    const command = sub.toLowerCase();
    if (!['set', 'show', 'off', 'weekly-leaderboard'].includes(command)) return problem(SCHEDULE_MSG.usage);
    if (command !== 'show' && !incoming.sender.isAdmin) return problem(SCHEDULE_MSG.adminOnly);
    const existing = await store.schedules.get(conversation);
    const now = clock().getTime();

    if (command === 'show') {
      if (!existing) return reply(SCHEDULE_MSG.none);
      if (existing.enabled !== 1) return reply(fill(SCHEDULE_MSG.isOff, describe(existing)));
      const weekly = existing.weekly_leaderboard === 1 ? SCHEDULE_MSG.on : SCHEDULE_MSG.offWord;
      const shown = fill(SCHEDULE_MSG.show, { ...describe(existing), weekly });
      if (existing.paused_reason) {
        const paused = fill(SCHEDULE_MSG.paused, { reason: existing.paused_reason });
        return reply({ zh: `${shown.zh}\n${paused.zh}`, en: `${shown.en}\n${paused.en}` });
      }
      return reply(shown);
    }

    if (command === 'off') {
      if (existing) await store.schedules.update(conversation, { enabled: 0, updated_at: now });
      await deps.onChange(conversation);
      return reply(SCHEDULE_MSG.off);
    }

    if (command === 'weekly-leaderboard') {
      const state = rest[0]?.toLowerCase();
      if (state !== 'on' && state !== 'off') return problem(SCHEDULE_MSG.usage);
      if (!existing) return problem(SCHEDULE_MSG.weeklyNeedsSchedule);
      await store.schedules.update(conversation, { weekly_leaderboard: state === 'on' ? 1 : 0, updated_at: now });
      await deps.onChange(conversation);
      const word = state === 'on' ? SCHEDULE_MSG.on : SCHEDULE_MSG.offWord;
      return reply(fill(SCHEDULE_MSG.weekly, { time: timeOfCron(existing.cron), state: word }));
    }

    const settings = await store.conversations.ensure(conversation, now);
    const parsed = parseScheduleSpec(rest.join(' '), existing?.time_zone ?? settings.time_zone);
    if (!parsed.ok) return problem(parsed.error);
    const { spec } = parsed;
    const row: ScheduleRow = {
      conversation_id: conversation,
      cron: spec.cron,
      time_zone: spec.zone,
      label: spec.label,
      enabled: 1,
      weekly_leaderboard: existing?.weekly_leaderboard ?? 0,
      consecutive_failures: 0,
      paused_reason: null,
      next_slot_at: nextSlot(spec.cron, spec.zone, clock())?.getTime() ?? null,
      updated_at: now,
    };
    await store.schedules.upsert(row);
    await store.conversations.update(conversation, { time_zone: spec.zone });
    await deps.onChange(conversation);
    return reply(fill(SCHEDULE_MSG.set, describe(row)));
  };
}

/** "2027-01-05 09:00 (Asia/Shanghai)", or a dash when there is no next slot. */
export function formatLocal(instant: Date | null, zone: string): string {
  if (!instant) return '—';
  const p = zonedParts(instant, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)} (${zone})`;
}
