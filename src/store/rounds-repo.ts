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
  answered: Number(r.answered),
});

const ROUND_COLUMNS = ['id', 'conversation_id', 'card_id', 'seq', 'posted_at', 'closes_at', 'closed_at', 'revealed_at', 'message_ref', 'late', 'answered'] as const satisfies readonly (keyof RoundRow)[];

/** Store access for quiz rounds. */
export class RoundsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  async byId(id: string): Promise<RoundRow | undefined> {
    const row = await this.db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRow(row);
  }

  /**
   * Adds new answers to the counts of rounds that are still open, and returns the rounds as stored
   * after the update; a closed round is returned unchanged (its answers must be refused), an
   * unknown one is absent. Run it in the transaction that inserts the answers: the rounds stay
   * locked until it ends, so a close waits for it, and every answer it lets in is in the reveal.
   */
  async countAnswers(added: readonly { id: string; n: number }[]): Promise<RoundRow[]> {
    if (added.length === 0) return [];
    // Sorted, so concurrent batches usually lock rounds in one order; a batch that still deadlocks
    // fails and its answers are retried one by one (GroupCommit).
    const rows = [...added].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const updated = await this.db
      .updateTable('rounds')
      .from(rowsTable(this.dialect, rows, { id: 'text', n: 'integer' }).as('added'))
      // Open or not is decided in the SET, not the WHERE: with the key as its only condition,
      // SQLite looks each round up by key rather than scanning every open round.
      .set((eb) => ({ answered: eb(eb.ref('rounds.answered'), '+', eb.case().when('rounds.closed_at', 'is', null).then(eb.ref('added.n')).else(0).end()) }))
      .whereRef('rounds.id', '=', 'added.id')
      .returning(ROUND_COLUMNS.map((c) => `rounds.${c}` as const))
      .execute();
    return updated.map(toRow);
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
  async insert(round: Omit<RoundRow, 'seq' | 'closed_at' | 'revealed_at' | 'message_ref' | 'answered'>): Promise<RoundRow | { open: RoundRow }> {
    return this.db.transaction().execute(async (trx) => {
      await forUpdate(this.dialect, trx.selectFrom('conversations').select('id').where('id', '=', round.conversation_id)).execute();
      const open = await trx.selectFrom('rounds').selectAll().where('conversation_id', '=', round.conversation_id).where('closed_at', 'is', null).executeTakeFirst();
      if (open) return { open: toRow(open) };
      const { max } = await trx
        .selectFrom('rounds')
        .select((eb) => eb.fn.max('seq').as('max'))
        .where('conversation_id', '=', round.conversation_id)
        .executeTakeFirstOrThrow();
      const row: RoundRow = { ...round, seq: Number(max ?? 0) + 1, closed_at: null, revealed_at: null, message_ref: null, answered: 0 };
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
