import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DialectName } from '../../src/store/dialect.ts';
import { tempDatabase } from './runtime.ts';

/** A throw-away database for one test: its URL and how to remove it. */
export interface TestDatabase {
  dialect: DialectName;
  url: string;
  cleanup(): Promise<void>;
}

/**
 * The dialect this test file runs on: the `postgres` vitest project sets STUDYBOT_TEST_DIALECT,
 * so the same suites run once on SQLite and once on the run's PostgreSQL.
 */
export function testDialect(): DialectName {
  return process.env.STUDYBOT_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

/** A fresh, empty PostgreSQL database on the run's server. */
export async function postgresDatabase(): Promise<TestDatabase> {
  // Imported here, not at the top: child processes of tests load this file outside vitest.
  const { inject } = await import('vitest');
  const admin = inject('postgresUrl');
  if (!admin) throw new Error('no PostgreSQL server: the vitest global setup did not run');
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const client = new pg.Client(admin);
  await client.connect();
  try {
    await client.query(`create database ${name} strategy file_copy`);
  } finally {
    await client.end();
  }
  const url = admin.replace(/\/postgres$/, `/${name}`);
  return {
    dialect: 'postgres',
    url,
    cleanup: async () => {
      const c = new pg.Client(admin);
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A fresh database of the given dialect (default: this file's dialect). */
export async function testDatabase(dialect: DialectName = testDialect()): Promise<TestDatabase> {
  if (dialect === 'postgres') return postgresDatabase();
  const db = tempDatabase();
  return { dialect, url: db.url, cleanup: async () => db.cleanup() };
}
