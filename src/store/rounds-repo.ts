import type { Kysely } from 'kysely';
import { forUpdate, rowsTable, type DialectName } from './dialect.ts';
import type { Database, RoundsTable } from './schema.ts';

/** A stored round, times as epoch milliseconds. */
export type RoundRow = RoundsTable;

const toRow = (r: RoundRow): RoundRow => ({
  ...r,
  posted_at: Number(r.posted_at),
  closes_at: Number(r.closes_at),
  closed_at: r.closed_at === null ? null : Number(r.closed_at),
  revealed_at: r.revealed_at === null ? null : Number(r.revealed_at),
});

/** Store access for quiz rounds. */
export class RoundsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName = 'sqlite',
  ) {}

  async byId(id: string): Promise<RoundRow | undefined> {
    const row = await this.db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRow(row);
  }

  /** Some rounds (fresh from the store), each with how many answers it has. */
  async withAnswerCounts(ids: readonly string[]): Promise<Map<string, { round: RoundRow; answered: number }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('rounds')
      .innerJoin(rowsTable(this.dialect, ids.map((id) => ({ id })), { id: 'text' }).as('wanted'), 'wanted.id', 'rounds.id')
      .selectAll('rounds')
      .select((eb) => eb.selectFrom('answers').select((a) => a.fn.countAll<number>().as('n')).whereRef('answers.round_id', '=', 'rounds.id').as('answered'))
      .execute();
    return new Map(rows.map(({ answered, ...round }) => [round.id, { round: toRow(round), answered: Number(answered) }]));
  }

  /** The conversation's open round, if any (the database allows at most one). */
  async open(conversationId: string): Promise<RoundRow | undefined> {
    const row = await this.db
      .selectFrom('rounds')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return row && toRow(row);
  }

  /**
   * Inserts a round with the next sequence number, in one transaction that holds the conversation
   * (so concurrent posts to one channel take turns). Returns `{ open }` instead when the conversation
   * still has an open round (another process posted first): callers close it or say so.
   */
  async insert(round: Omit<RoundRow, 'seq' | 'closed_at' | 'revealed_at' | 'message_ref'>): Promise<RoundRow | { open: RoundRow }> {
    return this.db.transaction().execute(async (trx) => {
      await forUpdate(this.dialect, trx.selectFrom('conversations').select('id').where('id', '=', round.conversation_id)).execute();
      const open = await trx.selectFrom('rounds').selectAll().where('conversation_id', '=', round.conversation_id).where('closed_at', 'is', null).executeTakeFirst();
      if (open) return { open: toRow(open) };
      const { max } = await trx
        .selectFrom('rounds')
        .select((eb) => eb.fn.max('seq').as('max'))
        .where('conversation_id', '=', round.conversation_id)
        .executeTakeFirstOrThrow();
      const row: RoundRow = { ...round, seq: Number(max ?? 0) + 1, closed_at: null, revealed_at: null, message_ref: null };
      await trx.insertInto('rounds').values(row).execute();
      return row;
    });
  }

  /** Marks a round closed. True only for the one caller that closed it (closing happens exactly once). */
  async close(id: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('rounds')
      .set({ closed_at: now })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markRevealed(id: string, now: number): Promise<void> {
    await this.db.updateTable('rounds').set({ revealed_at: now }).where('id', '=', id).execute();
  }

  async setMessageRef(id: string, ref: string): Promise<void> {
    await this.db.updateTable('rounds').set({ message_ref: ref }).where('id', '=', id).execute();
  }

  /** Open rounds past their deadline, and closed rounds whose reveal never went out (a crash in between). */
  async needingClosure(now: number): Promise<RoundRow[]> {
    const rows = await this.db
      .selectFrom('rounds')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('closed_at', 'is', null), eb('closes_at', '<=', now)]),
          eb.and([eb('closed_at', 'is not', null), eb('revealed_at', 'is', null)]),
        ]),
      )
      .orderBy('closes_at')
      .execute();
    return rows.map(toRow);
  }

  /** Every round of a conversation, oldest first: what streaks and question picking need. */
  async ofConversation(conversationId: string): Promise<Pick<RoundRow, 'id' | 'seq' | 'card_id' | 'posted_at'>[]> {
    const rows = await this.db
      .selectFrom('rounds')
      .select(['id', 'seq', 'card_id', 'posted_at'])
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ ...r, posted_at: Number(r.posted_at) }));
  }
}
