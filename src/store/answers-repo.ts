import type { Kysely } from 'kysely';
import { columnsOf, rowsTable, type DialectName, type RowColumnType } from './dialect.ts';
import type { AnswersTable, Database } from './schema.ts';
import type { RoundsRepo } from './rounds-repo.ts';

/** A stored answer. */
export type AnswerRow = AnswersTable;

/** An answer joined with the sequence number of its round (for streaks). */
export interface AnswerWithSeq extends AnswerRow {
  seq: number;
  card_id: string;
}

/** One answer's key: its round and member. */
export function answerKey(answer: Pick<AnswerRow, 'round_id' | 'user_id'>): string {
  return `${answer.round_id}\u0000${answer.user_id}`;
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const ANSWER_COLUMNS: Record<keyof AnswerRow, RowColumnType> = {
  round_id: 'text',
  user_id: 'text',
  conversation_id: 'text',
  user_name: 'text',
  answer: 'text',
  correct: 'integer',
  answered_at: 'bigint',
};

/** Store access for answers. */
export class AnswersRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /**
   * Inserts answers, each unless its member already answered that round (the primary key decides,
   * so double clicks cannot both land); returns the keys ({@link answerKey}) inserted. The caller
   * holds the rounds open ({@link RoundsRepo.countAnswers} in the same transaction). One statement
   * for the whole batch, whatever its size.
   */
  async insertNew(answers: readonly AnswerRow[]): Promise<Set<string>> {
    if (answers.length === 0) return new Set();
    // Sorted: concurrent batches meet each other's keys in one order, so they cannot deadlock.
    const rows = [...answers].sort((a, b) => compareKeys(answerKey(a), answerKey(b)));
    const inserted = await this.db
      .insertInto('answers')
      .columns(columnsOf(ANSWER_COLUMNS))
      .expression((eb) => eb.selectFrom(rowsTable(this.dialect, rows, ANSWER_COLUMNS).as('i')).selectAll().where((w) => w.lit(true)))
      .onConflict((oc) => oc.columns(['round_id', 'user_id']).doNothing())
      .returning(['round_id', 'user_id'])
      .execute();
    return new Set(inserted.map(answerKey));
  }

  /** The stored answers of some (round, member) pairs. */
  async byKeys(keys: readonly Pick<AnswerRow, 'round_id' | 'user_id'>[]): Promise<AnswerRow[]> {
    if (keys.length === 0) return [];
    const rows = await this.db
      .selectFrom('answers')
      .innerJoin(rowsTable(this.dialect, keys.map((k) => ({ round_id: k.round_id, user_id: k.user_id })), { round_id: 'text', user_id: 'text' }).as('k'), (join) =>
        join.onRef('k.round_id', '=', 'answers.round_id').onRef('k.user_id', '=', 'answers.user_id'),
      )
      .selectAll('answers')
      .execute();
    return rows.map((r) => ({ ...r, answered_at: Number(r.answered_at) }));
  }

  async countForRound(roundId: string): Promise<number> {
    const { n } = await this.db
      .selectFrom('answers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundId)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async ofRound(roundId: string): Promise<AnswerRow[]> {
    const rows = await this.db.selectFrom('answers').selectAll().where('round_id', '=', roundId).orderBy('answered_at').execute();
    return rows.map((r) => ({ ...r, answered_at: Number(r.answered_at) }));
  }

  /** Every answer in a conversation with its round's sequence number, for scoring. */
  async ofConversation(conversationId: string): Promise<AnswerWithSeq[]> {
    const rows = await this.db
      .selectFrom('answers')
      .innerJoin('rounds', 'rounds.id', 'answers.round_id')
      .selectAll('answers')
      .select(['rounds.seq', 'rounds.card_id'])
      .where('answers.conversation_id', '=', conversationId)
      .execute();
    return rows.map((r) => ({ ...r, answered_at: Number(r.answered_at), seq: Number(r.seq) }));
  }
}
