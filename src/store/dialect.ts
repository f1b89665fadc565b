import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import {
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  SqliteDriver,
  sql,
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type RawBuilder,
  type SelectQueryBuilder,
} from 'kysely';

/**
 * Everything that differs between SQLite and Postgres lives here: parsing the URL, the Kysely
 * dialect (SQLite with `BEGIN IMMEDIATE` and busy retries, Postgres with a pool), the cross-process
 * migration lock, row locks, batches of rows passed as parameters, and how errors are recognised
 * and described. Repositories are
 * written once against Kysely and ask this file when they must differ.
 */

/** Which database a URL names. */
export type DialectName = 'sqlite' | 'postgres';

/** A parsed DATABASE_URL. */
export type DatabaseTarget =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; url: string; host: string; port: number; database: string };

/** Thrown for a DATABASE_URL that cannot be used; the message is one line, without secrets. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * Parses `sqlite:<path>` (`~` is the home directory; `sqlite::memory:` an explicit throw-away
 * database; an empty path is refused) and `postgres://` / `postgresql://` URLs.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    let path = url.slice('sqlite:'.length).trim();
    if (path.startsWith('//')) path = path.slice(2); // sqlite://relative/or/absolute
    if (path === '') throw new DatabaseUrlError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/studybot.db (an empty path would lose every score at exit)');
    if (path === ':memory:') return { dialect: 'sqlite', path };
    if (path === '~' || path.startsWith('~/')) path = homedir() + path.slice(1);
    return { dialect: 'sqlite', path: resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseUrlError('DATABASE_URL: not a valid postgres:// URL (expected postgres://user:password@host:5432/database)');
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!parsed.hostname) throw new DatabaseUrlError('DATABASE_URL: the postgres URL has no host (expected postgres://user:password@host:5432/database)');
    if (!database) throw new DatabaseUrlError(`DATABASE_URL: the postgres URL names no database (expected postgres://user:password@${parsed.hostname}:${parsed.port || 5432}/database)`);
    return { dialect: 'postgres', url, host: parsed.hostname, port: Number(parsed.port || 5432), database };
  }
  throw new DatabaseUrlError('DATABASE_URL must start with sqlite: (e.g. sqlite:./data/studybot.db) or postgres:// (e.g. postgres://user:password@host:5432/studybot)');
}

/** `host:port/database` of a target: safe to print (never the password). */
export function describeTarget(target: DatabaseTarget): string {
  return target.dialect === 'sqlite' ? target.path : `${target.host}:${target.port}/${target.database}`;
}

// ---------------------------------------------------------------- SQLite under contention

/** How SQLITE_BUSY is waited out: SQLite's own short wait, then async retries with jitter. */
export const SQLITE_BUSY_TIMEOUT_MS = 100;
/** Total time a statement keeps retrying on SQLITE_BUSY before the error reaches the caller. */
export const SQLITE_BUSY_BUDGET_MS = 30_000;

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `attempt` again while SQLite says the database is busy, with exponential backoff and full
 * jitter (so that processes that collided do not collide again), until the budget is spent.
 */
export async function retryBusy<T>(attempt: () => T | Promise<T>, budgetMs = SQLITE_BUSY_BUDGET_MS): Promise<T> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() - started > budgetMs) throw error;
      await sleep(Math.random() * Math.min(500, 5 * 2 ** n));
    }
  }
}

/**
 * The one SQLite connection of a process, with writes that cannot fail on a lock upgrade:
 * transactions begin IMMEDIATE (the write lock is taken up front, waiting for it if needed), and
 * a statement outside a transaction that meets SQLITE_BUSY is retried. Inside a transaction
 * nothing is retried: the lock is already held.
 */
class RetryingSqliteConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly sqlite: BetterSqlite3.Database,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.sqlite.inTransaction) return this.inner.executeQuery<R>(query);
    return retryBusy(() => this.inner.executeQuery<R>(query));
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly sqlite: BetterSqlite3.Database,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new RetryingSqliteConnection(await super.acquireConnection(), this.sqlite);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: withStatementCache(this.sqlite) }, this.sqlite);
  }
}

/** How many prepared statements a SQLite connection keeps (the store issues a few dozen distinct ones). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The connection as Kysely's driver sees it, with prepared statements kept by their SQL (least
 * recently used dropped first): Kysely prepares every query afresh, which was an eighth of the CPU
 * of recording an answer. Safe to share: the driver runs one query at a time on the connection.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) cache.delete(text);
      else statement = sqlite.prepare(text);
      cache.set(text, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/** The Kysely dialect for an open SQLite connection (pragmas already set). */
export function sqliteDialect(sqlite: BetterSqlite3.Database): Dialect {
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  return new ImmediateSqliteDialect(sqlite);
}

// ---------------------------------------------------------------- Postgres

/** The Kysely dialect for a Postgres URL, with a pool of `poolSize` connections. */
export function postgresDialect(url: string, poolSize: number): { dialect: Dialect; pool: pg.Pool } {
  // bigint (int8) comes back as a string by default; every time and count we store fits in a JS number.
  const types = { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };
  // No pool timers (idle eviction, connect timeout): a bot keeps its few connections, and the start-up
  // probe (probePostgres) bounds the first connect.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 0, types });
  // An idle client whose server went away must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return { dialect: new PostgresDialect({ pool }), pool };
}

/** Connects once (10 s at most) to check that the server answers and accepts the credentials. */
export async function probePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => {});
  }
}

/** One line naming host:port and the cause of a failed Postgres connection, never the password. */
export function describeConnectError(target: DatabaseTarget, error: unknown): string {
  const where = describeTarget(target);
  const e = error as { code?: string; message?: string } | null;
  const causes: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is PostgreSQL running and listening there?)',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    '28P01': 'password authentication failed',
    '28000': 'authentication rejected',
    '3D000': 'database does not exist',
  };
  const cause = (e?.code && causes[e.code]) ?? e?.message ?? String(error);
  return `cannot open the database at ${where}: ${cause}`.replace(/:\/\/[^@\s]*@/g, '://');
}

// ---------------------------------------------------------------- Locks and errors

/** A fixed key for the migration lock (any 64-bit number agreed by every process). */
const MIGRATION_LOCK_KEY = 4_711_2026n;

/**
 * Runs `fn` while holding the database-wide migration lock, on one connection, so that processes
 * starting together migrate one at a time. SQLite: one IMMEDIATE transaction around the whole run
 * (Kysely's SQLite migrator opens none itself). Postgres: a session advisory lock.
 */
export async function withMigrationLock<DB>(dialect: DialectName, db: Kysely<DB>, fn: (conn: Kysely<DB>) => Promise<void>): Promise<void> {
  await db.connection().execute(async (conn) => {
    if (dialect === 'sqlite') {
      await retryBusy(() => sql`begin immediate`.execute(conn));
      try {
        await fn(conn);
        await sql`commit`.execute(conn);
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw error;
      }
      return;
    }
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
    try {
      await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
    }
  });
}

/**
 * Locks the selected rows for update until the transaction ends (`of`: only that table's rows in a
 * join). Postgres needs this; SQLite's IMMEDIATE transaction already holds the database.
 */
export function forUpdate<DB, TB extends keyof DB, O>(dialect: DialectName, query: SelectQueryBuilder<DB, TB, O>, of?: TB & string): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate(of as never) : query;
}

/**
 * True when an error says the database cannot be used just now (SQLite still busy after the retry
 * budget; Postgres unreachable, shutting down or out of connections), rather than something about
 * the statement: trying the same work again at once would fail the same way.
 */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return isBusy(error) || /^E[A-Z]+$/.test(code) || code.startsWith('08') || code === '57P01' || code === '57P03' || code === '53300';
}

/** True when an error means the database was busy or unreachable (counted as a store error). */
export function isStoreError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_') || /^[0-9A-Z]{5}$/.test(code) || code.startsWith('E'));
}

// ---------------------------------------------------------------- Rows as parameters

/** The SQL type of a column of {@link rowsTable}. */
export type RowColumnType = 'text' | 'integer' | 'bigint' | 'real';

const POSTGRES_TYPES: Record<RowColumnType, string> = { text: 'text', integer: 'integer', bigint: 'bigint', real: 'double precision' };

/**
 * A table of rows passed as parameters, to select from or join, so that a batch of any size is
 * one SQL text (one prepared statement) far below each dialect's parameter limit. Postgres gets one
 * array per column and `unnest`s them (its planner then knows the row count, and looks rows up by
 * key instead of scanning); SQLite gets one JSON parameter and reads it with `json_each`. Alias it
 * with `.as(…)`.
 */
export function rowsTable<Row extends object>(dialect: DialectName, rows: readonly Row[], columns: { [K in keyof Row & string]: RowColumnType }): RawBuilder<Row> {
  const names = Object.keys(columns) as (keyof Row & string)[];
  if (dialect === 'postgres') {
    const arrays = names.map((n) => sql`${rows.map((r) => r[n])}::${sql.raw(POSTGRES_TYPES[columns[n]])}[]`);
    return sql<Row>`(select * from unnest(${sql.join(arrays)}) as r(${sql.raw(names.map((n) => `"${n}"`).join(', '))}))`;
  }
  const extracts = sql.raw(names.map((n) => `json_extract(value, '$.${n}') as "${n}"`).join(', '));
  return sql<Row>`(select ${extracts} from json_each(${JSON.stringify(rows)}))`;
}

/** The column names of a {@link rowsTable} description, in its order (for `insert … (columns) select`). */
export function columnsOf<Row extends object>(columns: { [K in keyof Row & string]: RowColumnType }): (keyof Row & string)[] {
  return Object.keys(columns) as (keyof Row & string)[];
}
