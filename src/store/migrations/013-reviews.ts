import type { Kysely, Migration } from 'kysely';

/**
 * Per-member spaced repetition (issue 13): each member's FSRS memory of each card, the log of every
 * graded answer, private review sessions, and opt-in reminders. Portable SQL only (SQLite and
 * Postgres): text keys, bigint epoch milliseconds, double precision for FSRS's real numbers.
 * A member is `member_id` (platform-prefixed and per workspace/server, see core/member.ts).
 */
export const reviewsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('card_states')
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('phase', 'integer', (c) => c.notNull())
      .addColumn('stability', 'double precision', (c) => c.notNull())
      .addColumn('difficulty', 'double precision', (c) => c.notNull())
      .addColumn('due', 'bigint', (c) => c.notNull())
      .addColumn('reps', 'integer', (c) => c.notNull())
      .addColumn('lapses', 'integer', (c) => c.notNull())
      .addColumn('last_review', 'bigint')
      .addColumn('scheduled_days', 'integer', (c) => c.notNull())
      .addColumn('learning_steps', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('card_states_pk', ['member_id', 'card_id'])
      .execute();
    // A member's most overdue card is the first row of this index at or before now (card_id breaks ties
    // in index order, so no sort is needed); due counts are range scans of it.
    await db.schema.createIndex('card_states_member_due').on('card_states').columns(['member_id', 'due', 'card_id']).execute();
    await db.schema
      .createTable('review_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('rating', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', 'bigint', (c) => c.notNull())
      // The memory before this review (JSON, null for a first sight): what a later Hard/Easy re-rates from.
      .addColumn('prior', 'text')
      .addColumn('phase', 'integer', (c) => c.notNull())
      .addColumn('stability', 'double precision', (c) => c.notNull())
      .addColumn('difficulty', 'double precision', (c) => c.notNull())
      .addColumn('due', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('review_log_member_time').on('review_log').columns(['member_id', 'reviewed_at']).execute();
    await db.schema
      .createTable('review_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('topics', 'text')
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('step', 'integer', (c) => c.notNull())
      .addColumn('card_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('log_id', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('review_sessions_member').on('review_sessions').columns(['member_id', 'updated_at']).execute();
    await db.schema
      .createTable('review_reminders')
      .addColumn('member_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('time', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
