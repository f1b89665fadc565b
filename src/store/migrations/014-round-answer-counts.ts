import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Each round counts its answers (issue 11): recording a batch of answers updates one row per round
 * instead of counting every answer of the round again, and the update's row lock is what a close
 * waits for. Existing rounds are counted once here.
 */
export const roundAnswerCountsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('rounds').addColumn('answered', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await sql`update rounds set answered = (select count(*) from answers where answers.round_id = rounds.id)`.execute(db);
  },
};
