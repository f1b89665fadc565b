import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql } from 'kysely';
import {
  describeConnectError,
  describeTarget,
  parseDatabaseUrl,
  postgresDialect,
  probePostgres,
  retryBusy,
  sqliteDialect,
  withMigrationLock,
  type DatabaseTarget,
  type DialectName,
} from './dialect.ts';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';

/** The database file used when DATABASE_URL is not set: data/studybot.db in the checkout. */
export const DEFAULT_DATABASE_URL = `sqlite:${fileURLToPath(new URL('../../data/studybot.db', import.meta.url))}`;

/** An open store: the Kysely handle, which dialect it speaks, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** Where it is, printable (a path, or host:port/database; never a password). */
  where: string;
  close(): Promise<void>;
}

/** Thrown when the database cannot be opened or used; its message is one line naming where and why. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** How a database is opened. */
export interface OpenOptions {
  /** Postgres pool size (default 10). */
  poolSize?: number;
  /** Run pending migrations (default true). `db migrate` and `db copy` pass their own choice. */
  migrate?: boolean;
}

/**
 * Opens the database named by a URL — `sqlite:<path>` (default), or `postgres://` /
 * `postgresql://` — checks that it is usable, and brings its schema up to date (one process at a
 * time). SQLite runs in WAL mode with synchronous=NORMAL (an acknowledged answer survives a killed
 * process) and foreign keys on; a read-only, corrupt or unreachable database is refused here with
 * one clear line rather than failing every command later.
 */
export async function openDatabase(url: string = DEFAULT_DATABASE_URL, options: OpenOptions = {}): Promise<Db> {
  const target = parseDatabaseUrl(url);
  const db = target.dialect === 'sqlite' ? openSqlite(target) : await openPostgres(target, options.poolSize ?? 10);
  try {
    if (options.migrate !== false) await migrate(db.kysely, db.dialect);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}

function openSqlite(target: Extract<DatabaseTarget, { dialect: 'sqlite' }>): Db {
  const { path } = target;
  const fail = (why: string) => new DatabaseOpenError(`cannot use the SQLite database ${path}: ${why}`);
  if (path !== ':memory:') {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw fail(`cannot create its folder (${(error as Error).message})`);
    }
    if (existsSync(path)) {
      try {
        accessSync(path, constants.R_OK | constants.W_OK);
      } catch {
        throw fail('the file is read-only (scores could not be saved); fix its permissions');
      }
    }
  }
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path);
  } catch (error) {
    throw fail((error as Error).message);
  }
  try {
    if (path !== ':memory:') {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
    }
    sqlite.pragma('foreign_keys = ON');
    // Reading the schema finds a file that is not a database; a header check finds gross corruption cheaply.
    sqlite.prepare('select count(*) from sqlite_master').get();
    const check = sqlite.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
  } catch (error) {
    sqlite.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw fail('the file is corrupt or not a SQLite database; restore it from a backup or move it away');
    if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') throw fail('the file or its folder is read-only; fix the permissions');
    throw fail((error as Error).message);
  }
  const kysely = new Kysely<Database>({ dialect: sqliteDialect(sqlite) });
  return { kysely, dialect: 'sqlite', where: describeTarget(target), close: () => kysely.destroy() };
}

async function openPostgres(target: Extract<DatabaseTarget, { dialect: 'postgres' }>, poolSize: number): Promise<Db> {
  try {
    await probePostgres(target.url);
  } catch (error) {
    throw new DatabaseOpenError(describeConnectError(target, error));
  }
  const { dialect } = postgresDialect(target.url, poolSize);
  const kysely = new Kysely<Database>({ dialect });
  return { kysely, dialect: 'postgres', where: describeTarget(target), close: () => kysely.destroy() };
}

/**
 * Runs every pending migration, holding the database's migration lock so that processes starting
 * together on a new database migrate one after another; throws with the failing migration's error.
 * Migrations added on parallel branches may have run in either order (each is independent).
 */
export async function migrate(kysely: Kysely<Database>, dialect: DialectName): Promise<void> {
  await withMigrationLock(dialect, kysely, async (conn) => {
    const { error, results } = await new Migrator({ db: conn, provider: migrationProvider, allowUnorderedMigrations: true }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new DatabaseOpenError(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  if (dialect === 'sqlite') {
    // A write that the file system refuses (read-only mount, no space for the WAL) shows at start-up.
    await retryBusy(async () => {
      const { rows } = await sql<{ user_version: number }>`pragma user_version`.execute(kysely);
      await sql.raw(`pragma user_version = ${Number(rows[0]?.user_version ?? 0)}`).execute(kysely);
    }).catch((error: { code?: string; message?: string }) => {
      throw new DatabaseOpenError(`cannot use the SQLite database: it cannot be written (${error.code ?? error.message}); fix the file's permissions`);
    });
  }
}
