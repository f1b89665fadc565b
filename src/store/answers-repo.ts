import type { Kysely } from 'kysely';
import { forShare, type DialectName } from './dialect.ts';
import type { AnswersTable, Database } from './schema.ts';

/** A stored answer. */
export type AnswerRow = AnswersTable;

/** An answer joined with the sequence number of its round (for streaks). */
export interface AnswerWithSeq extends AnswerRow {
  seq: number;
  card_id: string;
}

/** Store access for answers. */
export class AnswersRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName = 'sqlite',
  ) {}

  /**
   * Records an answer while its round is open, unless the member already answered it (the primary
   * key decides, so concurrent double clicks cannot both land). Returns the stored answer and
   * whether it is new, or `closed` when the round closed first. One statement: the insert takes its
   * values from the round row only while it is open, share-locking it (Postgres), so a close waits
   * for the insert and an answer recorded here is always in the round's reveal.
   */
  async record(answer: AnswerRow): Promise<{ stored: AnswerRow; created: boolean } | { closed: true }> {
    const openRound = this.db
      .selectFrom('rounds')
      .select((eb) => [
        'rounds.id as round_id',
        eb.cast<string>(eb.val(answer.user_id), 'text').as('user_id'),
        eb.cast<string>(eb.val(answer.conversation_id), 'text').as('conversation_id'),
        eb.cast<string>(eb.val(answer.user_name), 'text').as('user_name'),
        eb.cast<string>(eb.val(answer.answer), 'text').as('answer'),
        eb.cast<number>(eb.val(answer.correct), 'integer').as('correct'),
        eb.cast<number>(eb.val(answer.answered_at), 'bigint').as('answered_at'),
      ])
      .where('rounds.id', '=', answer.round_id)
      .where('rounds.closed_at', 'is', null);
    const result = await this.db
      .insertInto('answers')
      .columns(['round_id', 'user_id', 'conversation_id', 'user_name', 'answer', 'correct', 'answered_at'])
      .expression(forShare(this.dialect, openRound))
      .onConflict((oc) => oc.columns(['round_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) return { stored: answer, created: true };
    const stored = await this.db
      .selectFrom('answers')
      .selectAll()
      .where('round_id', '=', answer.round_id)
      .where('user_id', '=', answer.user_id)
      .executeTakeFirst();
    if (!stored) return { closed: true };
    return { stored: { ...stored, answered_at: Number(stored.answered_at) }, created: false };
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
