import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';

/** The database file used when DATABASE_URL is not set: data/studybot.db in the checkout. */
export const DEFAULT_DATABASE_URL = `sqlite:${fileURLToPath(new URL('../../data/studybot.db', import.meta.url))}`;

/** An open store: the Kysely handle and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * Opens the database named by a URL (`sqlite:<path>`; `sqlite::memory:` for a throw-away one) and
 * brings its schema up to date. SQLite runs in WAL mode with synchronous=NORMAL (an answer that was
 * acknowledged survives a killed process), a busy timeout so that several processes can share the
 * file, and foreign keys on.
 */
export async function openDatabase(url: string = DEFAULT_DATABASE_URL): Promise<Db> {
  if (!url.startsWith('sqlite:')) throw new Error('only sqlite: database URLs are supported in this version');
  const path = url.slice('sqlite:'.length);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(kysely);
  return { kysely, close: () => kysely.destroy() };
}

/** Runs every pending migration; throws with the failing migration's error. */
export async function migrate(kysely: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db: kysely, provider: migrationProvider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
