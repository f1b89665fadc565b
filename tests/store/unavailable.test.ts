import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { isUnavailable } from '../../src/store/dialect.ts';
import { tempDatabase } from '../helpers/runtime.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** The error a call throws (or rejects with). */
async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('telling "the database is unavailable" from "this statement failed"', () => {
  it('real errors: a locked SQLite file and a refused Postgres connection are unavailable; a duplicate key is not', async () => {
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    const holder = new SQLite(db.path);
    const other = new SQLite(db.path, { timeout: 0 });
    cleanups.push(() => other.close(), () => holder.close());
    holder.exec('create table t (id integer primary key)');
    holder.exec('begin immediate');
    const busy = await errorOf(() => other.exec('begin immediate'));
    holder.exec('insert into t values (1)');
    holder.exec('commit');
    const duplicate = await errorOf(() => other.exec('insert into t values (1)'));
    // Port 1 on loopback: nothing listens there.
    const client = new pg.Client({ host: '127.0.0.1', port: 1, user: 'x', database: 'x', connectionTimeoutMillis: 5_000 });
    client.on('error', () => {});
    const refused = await errorOf(() => client.connect());
    expect([busy, refused].map((e) => [(e as { code?: string }).code, isUnavailable(e)])).toEqual([
      ['SQLITE_BUSY', true],
      ['ECONNREFUSED', true],
    ]);
    expect([(duplicate as { code?: string }).code, isUnavailable(duplicate)]).toEqual(['SQLITE_CONSTRAINT_PRIMARYKEY', false]);
    expect(isUnavailable(new Error('no code'))).toBe(false);
    // Postgres SQLSTATEs by class: connection exceptions and shutdown are unavailability, a deadlock is not.
    expect(['08006', '57P01', '53300', '40P01', '23505'].map((code) => isUnavailable({ code }))).toEqual([true, true, true, false, false]);
  });
});
