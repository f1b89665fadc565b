import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { reviewsMigration } from './migrations/013-reviews.ts';
import { roundAnswerCountsMigration } from './migrations/014-round-answer-counts.ts';

/**
 * The schema's history, oldest first. SQL stays portable (SQLite and Postgres): bigint epoch
 * milliseconds, integer flags, partial indexes. Never edit a migration that has shipped; add one.
 */
const migrations: Record<string, Migration> = {
  '001-quiz': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('lang', 'text')
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
        .addColumn('deadline_hours', 'integer', (c) => c.notNull().defaultTo(8))
        .addColumn('topics', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('rounds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
        .addColumn('card_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('posted_at', 'bigint', (c) => c.notNull())
        .addColumn('closes_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .addColumn('revealed_at', 'bigint')
        .addColumn('message_ref', 'text')
        .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('rounds_conversation_seq', ['conversation_id', 'seq'])
        .execute();
      // At most one open round per conversation, enforced by the database itself.
      await sql`create unique index rounds_one_open on rounds (conversation_id) where closed_at is null`.execute(db);
      await db.schema.createIndex('rounds_open_deadline').on('rounds').columns(['closed_at', 'closes_at']).execute();
      await db.schema
        .createTable('answers')
        .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('correct', 'integer', (c) => c.notNull())
        .addColumn('answered_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('answers_pk', ['round_id', 'user_id'])
        .execute();
      await db.schema.createIndex('answers_conversation_time').on('answers').columns(['conversation_id', 'answered_at']).execute();
    },
  },
  '002-reports': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('card_id', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '003-schedules': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('schedules')
        .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id'))
        .addColumn('cron', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('weekly_leaderboard', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('paused_reason', 'text')
        .addColumn('next_slot_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // One row per conversation, post kind and slot: inserting it is the claim that makes a slot run once.
      await db.schema
        .createTable('schedule_slots')
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('slot_at', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addPrimaryKeyConstraint('schedule_slots_pk', ['conversation_id', 'kind', 'slot_at'])
        .execute();
    },
  },
  '004-fleet-slot-leases': {
    async up(db: Kysely<unknown>) {
      // Claims still in flight, by last renewal: what the lease sweep of every process looks for.
      await sql`create index schedule_slots_claimed on schedule_slots (updated_at) where status = 'claimed'`.execute(db);
    },
  },
  // Numbered after its issue, so it sorts after migrations other branches add meanwhile.
  '013-reviews': reviewsMigration,
  '014-round-answer-counts': roundAnswerCountsMigration,
};

/** Kysely's Migrator reads the migrations from here. */
export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
