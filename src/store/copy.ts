import { sql, type Kysely } from 'kysely';
import type { Db } from './db.ts';
import type { Database } from './schema.ts';

/** Tables in an order that respects their foreign keys; tables added later are copied after these. */
const KNOWN_ORDER = ['conversations', 'rounds', 'answers', 'reports', 'schedules', 'schedule_slots'];
const BATCH = 500;

/** One table's outcome. */
export interface TableCount {
  table: string;
  source: number;
  target: number;
}

/** Thrown when the target already holds data and `force` was not given. */
export class TargetNotEmptyError extends Error {
  override name = 'TargetNotEmptyError';
}

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** The application's tables in a database (its migrations' bookkeeping excluded), in copy order. */
export async function storeTables(db: Kysely<Database>): Promise<string[]> {
  const names = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
  const known = KNOWN_ORDER.filter((n) => names.includes(n));
  return [...known, ...names.filter((n) => !KNOWN_ORDER.includes(n)).sort()];
}

async function count(db: AnyDb, table: string): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Copies every row of every table from one store to another (both already migrated to the same
 * schema), in batches inside one transaction on the target, then counts both sides. A target that
 * holds any row is refused unless `force`, which empties it first. `progress` gets one line per step.
 */
export async function copyStore(from: Db, to: Db, options: { force?: boolean; progress?: (line: string) => void } = {}): Promise<TableCount[]> {
  const say = options.progress ?? (() => {});
  const src = from.kysely as unknown as AnyDb;
  const dst = to.kysely as unknown as AnyDb;
  const tables = await storeTables(from.kysely);
  const targetTables = new Set(await storeTables(to.kysely));
  const missing = tables.filter((t) => !targetTables.has(t));
  if (missing.length > 0) throw new Error(`the target has no table ${missing.join(', ')}: run studybot db migrate there with this version first`);
  const occupied: string[] = [];
  for (const table of tables) if ((await count(dst, table)) > 0) occupied.push(table);
  if (occupied.length > 0 && !options.force) {
    throw new TargetNotEmptyError(`the target is not empty (${occupied.join(', ')} hold rows); refusing to mix two stores. Pass --force to replace its contents.`);
  }
  await dst.transaction().execute(async (trx) => {
    for (const table of [...tables].reverse()) if (occupied.includes(table)) await trx.deleteFrom(table).execute();
    for (const table of tables) {
      const total = await count(src, table);
      const columns = (await from.kysely.introspection.getTables()).find((t) => t.name === table)!.columns.map((c) => c.name);
      let done = 0;
      say(`copying ${table}: 0/${total}`);
      for (let offset = 0; offset < total; offset += BATCH) {
        // Ordered by every column: a stable page order on both dialects, whatever the key.
        let page = src.selectFrom(table).selectAll();
        for (const column of columns) page = page.orderBy(column);
        const rows = await page.limit(BATCH).offset(offset).execute();
        if (rows.length === 0) break;
        await trx.insertInto(table).values(rows).execute();
        done += rows.length;
        if (done % 10_000 < BATCH || done === total) say(`copying ${table}: ${done}/${total}`);
      }
    }
  });
  const counts: TableCount[] = [];
  for (const table of tables) counts.push({ table, source: await count(src, table), target: await count(dst, table) });
  return counts;
}
