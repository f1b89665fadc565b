import type { Kysely } from 'kysely';
import type { Database, SchedulesTable } from './schema.ts';

/** A stored schedule, times as epoch milliseconds. */
export type ScheduleRow = SchedulesTable;

/** What a slot claim is for. */
export type SlotKind = 'question' | 'leaderboard' | 'reminder';

const toRow = (r: ScheduleRow): ScheduleRow => ({ ...r, next_slot_at: r.next_slot_at === null ? null : Number(r.next_slot_at), updated_at: Number(r.updated_at) });

/** Store access for schedules and their slot claims. */
export class SchedulesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async get(conversationId: string): Promise<ScheduleRow | undefined> {
    const row = await this.db.selectFrom('schedules').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
    return row && toRow(row);
  }

  /** Every schedule that should be running (enabled and not paused). */
  async active(): Promise<ScheduleRow[]> {
    const rows = await this.db.selectFrom('schedules').selectAll().where('enabled', '=', 1).where('paused_reason', 'is', null).execute();
    return rows.map(toRow);
  }

  /** Creates or replaces a conversation's schedule (re-enabling it and clearing a pause). */
  async upsert(row: ScheduleRow): Promise<void> {
    await this.db
      .insertInto('schedules')
      .values(row)
      .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ ...row }))
      .execute();
  }

  async update(conversationId: string, values: Partial<Omit<ScheduleRow, 'conversation_id'>>): Promise<void> {
    await this.db.updateTable('schedules').set(values).where('conversation_id', '=', conversationId).execute();
  }

  /**
   * Claims a slot for one process. True only for the first claimant: the primary key decides, so
   * two processes (or a restarted one) cannot both run the same slot.
   */
  async claim(conversationId: string, kind: SlotKind, slotAt: number, claimedBy: string, now: number): Promise<boolean> {
    const result = await this.db
      .insertInto('schedule_slots')
      .values({ conversation_id: conversationId, kind, slot_at: slotAt, status: 'claimed', claimed_by: claimedBy, updated_at: now, detail: null })
      .onConflict((oc) => oc.columns(['conversation_id', 'kind', 'slot_at']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /**
   * Keeps a claim alive while its post is in flight: true while `claimedBy` still holds it. A claim
   * not renewed for a lease time may be taken over by another process (see {@link takeOverExpired}).
   */
  async renew(conversationId: string, kind: SlotKind, slotAt: number, claimedBy: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('schedule_slots')
      .set({ updated_at: now })
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', kind)
      .where('slot_at', '=', slotAt)
      .where('status', '=', 'claimed')
      .where('claimed_by', '=', claimedBy)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Takes over claims whose process stopped renewing them (it was killed mid-post) for `claimedBy`.
   * Each takeover is a compare-and-set on the claim's holder and last renewal, so of several
   * processes sweeping at once exactly one wins each slot. Returns the slots won.
   */
  async takeOverExpired(claimedBy: string, now: number, leaseMs: number, limit = 100): Promise<{ conversation_id: string; kind: SlotKind; slot_at: number }[]> {
    const stale = await this.db
      .selectFrom('schedule_slots')
      .select(['conversation_id', 'kind', 'slot_at', 'claimed_by', 'updated_at'])
      .where('status', '=', 'claimed')
      .where('updated_at', '<', now - leaseMs)
      .orderBy('slot_at')
      .limit(limit)
      .execute();
    const won: { conversation_id: string; kind: SlotKind; slot_at: number }[] = [];
    for (const row of stale) {
      const result = await this.db
        .updateTable('schedule_slots')
        .set({ claimed_by: claimedBy, updated_at: now })
        .where('conversation_id', '=', row.conversation_id)
        .where('kind', '=', row.kind)
        .where('slot_at', '=', row.slot_at)
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', row.claimed_by)
        .where('updated_at', '=', row.updated_at)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) won.push({ conversation_id: row.conversation_id, kind: row.kind as SlotKind, slot_at: Number(row.slot_at) });
    }
    return won;
  }

  async finishSlot(conversationId: string, kind: SlotKind, slotAt: number, status: 'posted' | 'failed' | 'missed', now: number, detail: string | null = null): Promise<void> {
    await this.db
      .updateTable('schedule_slots')
      .set({ status, updated_at: now, detail })
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', kind)
      .where('slot_at', '=', slotAt)
      .execute();
  }

  /** Slots of a conversation, newest first (tests, /schedule show). */
  async slots(conversationId: string, kind: SlotKind = 'question'): Promise<{ slot_at: number; status: string; detail: string | null }[]> {
    const rows = await this.db
      .selectFrom('schedule_slots')
      .select(['slot_at', 'status', 'detail'])
      .where('conversation_id', '=', conversationId)
      .where('kind', '=', kind)
      .orderBy('slot_at', 'desc')
      .execute();
    return rows.map((r) => ({ ...r, slot_at: Number(r.slot_at) }));
  }
}
