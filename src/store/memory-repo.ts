import type { Kysely, QueryCreator } from 'kysely';
import { columnsOf, forUpdate, rowsTable, type DialectName, type RowColumnType } from './dialect.ts';
import type { CardStatesTable, Database, ReviewLogTable } from './schema.ts';

/** A member's stored memory of one card, times as epoch milliseconds. */
export type CardStateRow = CardStatesTable;
/** One stored graded answer. */
export type ReviewLogRow = ReviewLogTable;

const toState = (r: CardStateRow): CardStateRow => ({
  ...r,
  phase: Number(r.phase),
  stability: Number(r.stability),
  difficulty: Number(r.difficulty),
  due: Number(r.due),
  reps: Number(r.reps),
  lapses: Number(r.lapses),
  last_review: r.last_review === null ? null : Number(r.last_review),
  scheduled_days: Number(r.scheduled_days),
  learning_steps: Number(r.learning_steps),
});
const toLog = (r: ReviewLogRow): ReviewLogRow => ({ ...r, reviewed_at: Number(r.reviewed_at), phase: Number(r.phase), stability: Number(r.stability), difficulty: Number(r.difficulty), due: Number(r.due) });

/** One memory's key: its member and card. */
export function memoryKey(row: Pick<CardStateRow, 'member_id' | 'card_id'>): string {
  return `${row.member_id}\u0000${row.card_id}`;
}

const STATE_COLUMNS: Record<keyof CardStateRow, RowColumnType> = {
  member_id: 'text',
  card_id: 'text',
  phase: 'integer',
  stability: 'real',
  difficulty: 'real',
  due: 'bigint',
  reps: 'integer',
  lapses: 'integer',
  last_review: 'bigint',
  scheduled_days: 'integer',
  learning_steps: 'integer',
};

const LOG_COLUMNS: Record<keyof ReviewLogRow, RowColumnType> = {
  id: 'text',
  member_id: 'text',
  card_id: 'text',
  rating: 'text',
  source: 'text',
  reviewed_at: 'bigint',
  prior: 'text',
  phase: 'integer',
  stability: 'real',
  difficulty: 'real',
  due: 'bigint',
};

/** A change to one member's memory of one card. */
export interface MemoryChange {
  member_id: string;
  card_id: string;
  /** The memory to store and its log row, given the memory stored before (undefined: new to the member). */
  next(prior: CardStateRow | undefined): { state: CardStateRow; log: ReviewLogRow };
}

/** How often changes are computed again when other transactions insert the same new memories. */
const APPLY_ATTEMPTS = 4;

/** Inserts memories of cards new to their members, skipping any another transaction inserted first. */
function insertFresh(db: QueryCreator<Database>, dialect: DialectName, states: readonly CardStateRow[]) {
  return db
    .insertInto('card_states')
    .columns(columnsOf(STATE_COLUMNS))
    .expression((eb) => eb.selectFrom(rowsTable(dialect, states, STATE_COLUMNS).as('s')).selectAll().where((w) => w.lit(true)))
    .onConflict((oc) => oc.columns(['member_id', 'card_id']).doNothing())
    .returning(['member_id', 'card_id']);
}

/** Overwrites memories the transaction holds. */
function overwrite(db: QueryCreator<Database>, dialect: DialectName, states: readonly CardStateRow[]) {
  return db
    .updateTable('card_states')
    .from(rowsTable(dialect, states, STATE_COLUMNS).as('s'))
    .set((eb) => ({
      phase: eb.ref('s.phase'),
      stability: eb.ref('s.stability'),
      difficulty: eb.ref('s.difficulty'),
      due: eb.ref('s.due'),
      reps: eb.ref('s.reps'),
      lapses: eb.ref('s.lapses'),
      last_review: eb.ref('s.last_review'),
      scheduled_days: eb.ref('s.scheduled_days'),
      learning_steps: eb.ref('s.learning_steps'),
    }))
    .whereRef('card_states.member_id', '=', 's.member_id')
    .whereRef('card_states.card_id', '=', 's.card_id');
}

/**
 * Store access for members' card memories and the review log. A review answer is one
 * compare-and-set on `reps` ({@link MemoryRepo.saveReview}); a batch of channel answers locks the
 * memories first ({@link MemoryRepo.apply}). Either way two answers racing for the same card
 * cannot both apply to the same prior state, on any dialect. (One review at a time, the plain
 * compare-and-set costs half the CPU of the batch path.)
 */
export class MemoryRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  async get(memberId: string, cardId: string): Promise<CardStateRow | undefined> {
    const row = await this.db.selectFrom('card_states').selectAll().where('member_id', '=', memberId).where('card_id', '=', cardId).executeTakeFirst();
    return row && toState(row);
  }

  /** Every card the member has seen. */
  async ofMember(memberId: string): Promise<CardStateRow[]> {
    const rows = await this.db.selectFrom('card_states').selectAll().where('member_id', '=', memberId).execute();
    return rows.map(toState);
  }

  /** The memories some members have of some cards (a channel's members, for question picking). */
  async ofMembers(memberIds: readonly string[], cardIds: readonly string[]): Promise<CardStateRow[]> {
    if (memberIds.length === 0 || cardIds.length === 0) return [];
    const out: CardStateRow[] = [];
    // Chunked: bound parameter lists stay well under every dialect's limit.
    for (let i = 0; i < memberIds.length; i += 400) {
      const rows = await this.db
        .selectFrom('card_states')
        .selectAll()
        .where('member_id', 'in', memberIds.slice(i, i + 400))
        .where('card_id', 'in', [...cardIds])
        .execute();
      out.push(...rows.map(toState));
    }
    return out;
  }

  /**
   * The member's most overdue card due at or before `now` (earliest due first), optionally among
   * some cards only; the (member_id, due) index serves it.
   */
  async mostOverdue(memberId: string, now: number, cardIds: readonly string[] | null, skip: readonly string[] = []): Promise<CardStateRow | undefined> {
    let query = this.db.selectFrom('card_states').selectAll().where('member_id', '=', memberId).where('due', '<=', now);
    if (cardIds) query = query.where('card_id', 'in', cardIds.length > 0 ? [...cardIds] : ['']);
    if (skip.length > 0) query = query.where('card_id', 'not in', [...skip]);
    const row = await query.orderBy('due').orderBy('card_id').limit(1).executeTakeFirst();
    return row && toState(row);
  }

  /** How many of the member's cards (optionally among some) are due at or before `until`. */
  async countDue(memberId: string, until: number, cardIds: readonly string[] | null): Promise<number> {
    let query = this.db.selectFrom('card_states').select((eb) => eb.fn.countAll<number>().as('n')).where('member_id', '=', memberId).where('due', '<=', until);
    if (cardIds) query = query.where('card_id', 'in', cardIds.length > 0 ? [...cardIds] : ['']);
    const { n } = await query.executeTakeFirstOrThrow();
    return Number(n);
  }

  /** The ids of the cards the member has seen. */
  async seenCardIds(memberId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('card_states').select('card_id').where('member_id', '=', memberId).execute();
    return new Set(rows.map((r) => r.card_id));
  }

  /** When the member's next card falls due after `now` (optionally among some cards), or null. */
  async nextDueAfter(memberId: string, now: number, cardIds: readonly string[] | null): Promise<number | null> {
    let query = this.db.selectFrom('card_states').select('due').where('member_id', '=', memberId).where('due', '>', now);
    if (cardIds) query = query.where('card_id', 'in', cardIds.length > 0 ? [...cardIds] : ['']);
    const row = await query.orderBy('due').limit(1).executeTakeFirst();
    return row ? Number(row.due) : null;
  }

  /**
   * Applies changes inside the caller's transaction: locks the memories, computes each change in
   * turn from the memory before it (one member may change the same card twice in one batch), and
   * writes the memories and their log. A memory new to its member that another transaction
   * inserted meanwhile is read again and its changes computed again, so no change is lost and none
   * overwrites another's.
   */
  async apply(changes: readonly MemoryChange[]): Promise<void> {
    let pending = changes;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === APPLY_ATTEMPTS) throw new Error('could not update review memory: other writers kept inserting the same cards');
      const pairs = new Map(pending.map((c) => [memoryKey(c), { member_id: c.member_id, card_id: c.card_id }]));
      const current = new Map((await this.#lockMany([...pairs.values()])).map((row) => [memoryKey(row), row]));
      const existed = new Set(current.keys());
      const logs: ReviewLogRow[] = [];
      for (const change of pending) {
        const { state, log } = change.next(current.get(memoryKey(change)));
        current.set(memoryKey(change), state);
        logs.push(log);
      }
      const states = [...current.values()];
      const lost = await this.#writeLocked(
        states.filter((s) => !existed.has(memoryKey(s))),
        states.filter((s) => existed.has(memoryKey(s))),
        logs,
      );
      pending = pending.filter((c) => lost.has(memoryKey(c)));
    }
  }

  /**
   * Stores a review: the new memory and its log row, in one transaction. `expectedReps` is the
   * `reps` of the memory the review was computed from (null: the card was new to the member).
   * False, with nothing written, when another write got there first; the caller recomputes.
   */
  async saveReview(expectedReps: number | null, state: CardStateRow, log: ReviewLogRow): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      let applied: bigint;
      if (expectedReps === null) {
        const result = await trx.insertInto('card_states').values(state).onConflict((oc) => oc.columns(['member_id', 'card_id']).doNothing()).executeTakeFirst();
        applied = result.numInsertedOrUpdatedRows ?? 0n;
      } else {
        const { member_id, card_id, ...values } = state;
        const result = await trx.updateTable('card_states').set(values).where('member_id', '=', member_id).where('card_id', '=', card_id).where('reps', '=', expectedReps).executeTakeFirst();
        applied = result.numUpdatedRows;
      }
      if (Number(applied) !== 1) return false;
      await trx.insertInto('review_log').values(log).execute();
      return true;
    });
  }

  /**
   * The stored memories of some (member, card) pairs, locked until the transaction ends: Postgres
   * row locks taken in key order (concurrent batches cannot deadlock); SQLite's write transaction
   * already holds the database. A pair without a row is not locked: {@link #writeLocked} says if
   * another transaction inserted it first.
   */
  async #lockMany(pairs: readonly Pick<CardStateRow, 'member_id' | 'card_id'>[]): Promise<CardStateRow[]> {
    if (pairs.length === 0) return [];
    const wanted = pairs.map((p) => ({ member_id: p.member_id, card_id: p.card_id }));
    const query = this.db
      .selectFrom('card_states')
      .innerJoin(rowsTable(this.dialect, wanted, { member_id: 'text', card_id: 'text' }).as('k'), (join) =>
        join.onRef('k.member_id', '=', 'card_states.member_id').onRef('k.card_id', '=', 'card_states.card_id'),
      )
      .selectAll('card_states')
      .orderBy('card_states.member_id')
      .orderBy('card_states.card_id');
    const rows = await forUpdate(this.dialect, query, 'card_states').execute();
    return rows.map(toState);
  }

  /**
   * Writes what this transaction computed from {@link #lockMany}: memories of cards new to their
   * members are inserted (unless another transaction inserted one first), locked ones overwritten,
   * and the log rows of those written appended. Returns the keys ({@link memoryKey}) of new
   * memories another transaction inserted first: nothing of theirs was written. On Postgres this
   * is one statement (data-modifying CTEs); SQLite, which has none, runs the three in turn.
   */
  async #writeLocked(fresh: readonly CardStateRow[], locked: readonly CardStateRow[], logs: readonly ReviewLogRow[]): Promise<Set<string>> {
    const lostOf = (inserted: { member_id: string; card_id: string }[]) => {
      const written = new Set(inserted.map(memoryKey));
      return new Set(fresh.map(memoryKey).filter((key) => !written.has(key)));
    };
    if (this.dialect === 'sqlite') {
      const lost = lostOf(fresh.length > 0 ? await insertFresh(this.db, this.dialect, fresh).execute() : []);
      if (locked.length > 0) await overwrite(this.db, this.dialect, locked).execute();
      const kept = logs.filter((l) => !lost.has(memoryKey(l)));
      if (kept.length > 0) await this.db.insertInto('review_log').columns(columnsOf(LOG_COLUMNS)).expression((eb) => eb.selectFrom(rowsTable(this.dialect, kept, LOG_COLUMNS).as('l')).selectAll()).execute();
      return lost;
    }
    const inserted = await this.db
      .with('ins', (db) => insertFresh(db, this.dialect, fresh))
      // (The builder's type forgets the CTE before it; the statement is the same.)
      .with('upd', (db) => overwrite(db as unknown as QueryCreator<Database>, this.dialect, locked).returning(['card_states.member_id', 'card_states.card_id']))
      .with('log', (db) =>
        db
          .insertInto('review_log')
          .columns(columnsOf(LOG_COLUMNS))
          .expression((eb) =>
            eb
              .selectFrom(rowsTable(this.dialect, logs, LOG_COLUMNS).as('l'))
              .selectAll('l')
              .where((w) =>
                w.or([
                  w.exists(w.selectFrom('ins').select('ins.member_id').whereRef('ins.member_id', '=', 'l.member_id').whereRef('ins.card_id', '=', 'l.card_id')),
                  w.exists(w.selectFrom('upd').select('upd.member_id').whereRef('upd.member_id', '=', 'l.member_id').whereRef('upd.card_id', '=', 'l.card_id')),
                ]),
              ),
          )
          .returning('id'),
      )
      .selectFrom('ins')
      .select(['member_id', 'card_id'])
      .execute();
    return lostOf(inserted);
  }

  /**
   * Replaces the outcome of a member's latest review of a card (Hard or Easy instead of Good):
   * applies only while that review is still the card's latest (same `reps` and last review time).
   */
  async replaceLatest(log: ReviewLogRow, expectedReps: number, state: CardStateRow): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const { member_id, card_id, ...values } = state;
      const result = await trx
        .updateTable('card_states')
        .set(values)
        .where('member_id', '=', member_id)
        .where('card_id', '=', card_id)
        .where('reps', '=', expectedReps)
        .where('last_review', '=', log.reviewed_at)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx
        .updateTable('review_log')
        .set({ rating: log.rating, phase: log.phase, stability: log.stability, difficulty: log.difficulty, due: log.due })
        .where('id', '=', log.id)
        .execute();
      return true;
    });
  }

  async logById(id: string): Promise<ReviewLogRow | undefined> {
    const row = await this.db.selectFrom('review_log').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toLog(row);
  }

  /** How many graded answers the member has (quiz and review). */
  async reviewCount(memberId: string): Promise<number> {
    const { n } = await this.db.selectFrom('review_log').select((eb) => eb.fn.countAll<number>().as('n')).where('member_id', '=', memberId).executeTakeFirstOrThrow();
    return Number(n);
  }

  /** The member's review log, oldest first (tests, exports). */
  async logOf(memberId: string): Promise<ReviewLogRow[]> {
    const rows = await this.db.selectFrom('review_log').selectAll().where('member_id', '=', memberId).orderBy('reviewed_at').orderBy('id').execute();
    return rows.map(toLog);
  }
}
