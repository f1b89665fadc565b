import type { Kysely } from 'kysely';
import type { Database, ReviewSessionsTable } from './schema.ts';

/** A stored review session. */
export type ReviewSessionRow = ReviewSessionsTable;

const toRow = (r: ReviewSessionRow): ReviewSessionRow => ({ ...r, step: Number(r.step), updated_at: Number(r.updated_at) });

/** Store access for members' private review sessions. */
export class ReviewSessionsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byId(id: string): Promise<ReviewSessionRow | undefined> {
    const row = await this.db.selectFrom('review_sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRow(row);
  }

  async insert(row: ReviewSessionRow): Promise<void> {
    await this.db.insertInto('review_sessions').values(row).execute();
  }

  /**
   * Moves a session on from the step a button was made for. True only for the one caller whose
   * step matched: a double click or an old button changes nothing.
   */
  async advance(id: string, fromStep: number, fromStatuses: readonly string[], values: Partial<Omit<ReviewSessionRow, 'id' | 'member_id'>>): Promise<boolean> {
    const result = await this.db
      .updateTable('review_sessions')
      .set(values)
      .where('id', '=', id)
      .where('step', '=', fromStep)
      .where('status', 'in', [...fromStatuses])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The member's newest session that is waiting for an answer, if any. */
  async asking(memberId: string): Promise<ReviewSessionRow | undefined> {
    const row = await this.db
      .selectFrom('review_sessions')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('status', '=', 'asking')
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /** The member's newest session that is still going, if any. */
  async latest(memberId: string): Promise<ReviewSessionRow | undefined> {
    const row = await this.db
      .selectFrom('review_sessions')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('status', '!=', 'ended')
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /** Ends the member's other sessions, so only the newest one's buttons work. */
  async endOthers(memberId: string, keep: string, now: number): Promise<void> {
    await this.db.updateTable('review_sessions').set({ status: 'ended', updated_at: now }).where('member_id', '=', memberId).where('id', '!=', keep).where('status', '!=', 'ended').execute();
  }
}
