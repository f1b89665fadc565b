import type { Kysely } from 'kysely';
import type { Database, ReviewRemindersTable } from './schema.ts';

/** A member's stored reminder setting. */
export type ReminderRow = ReviewRemindersTable;

const toRow = (r: ReminderRow): ReminderRow => ({ ...r, enabled: Number(r.enabled), updated_at: Number(r.updated_at) });

/** Store access for members' opt-in review reminders. */
export class RemindersRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async get(memberId: string): Promise<ReminderRow | undefined> {
    const row = await this.db.selectFrom('review_reminders').selectAll().where('member_id', '=', memberId).executeTakeFirst();
    return row && toRow(row);
  }

  /** Creates or replaces a member's reminder. */
  async upsert(row: ReminderRow): Promise<void> {
    const { member_id: _key, ...values } = row;
    await this.db.insertInto('review_reminders').values(row).onConflict((oc) => oc.column('member_id').doUpdateSet(values)).execute();
  }

  async disable(memberId: string, now: number): Promise<boolean> {
    const result = await this.db.updateTable('review_reminders').set({ enabled: 0, updated_at: now }).where('member_id', '=', memberId).where('enabled', '=', 1).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Every reminder that is on. */
  async enabled(): Promise<ReminderRow[]> {
    const rows = await this.db.selectFrom('review_reminders').selectAll().where('enabled', '=', 1).execute();
    return rows.map(toRow);
  }
}
