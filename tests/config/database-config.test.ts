import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DatabaseOpenError, openDatabase } from '../../src/store/db.ts';
import { parseDatabaseUrl } from '../../src/store/dialect.ts';
import { tempDatabase } from '../helpers/runtime.ts';
import { killAll, spawnNode } from '../helpers/spawn.ts';
import { inject } from 'vitest';

const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => {
  killAll();
  for (const c of cleanups.splice(0)) c();
});

async function openError(url: string): Promise<string> {
  const error = await openDatabase(url).then(
    async (db) => {
      await db.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseOpenError);
  return (error as Error).message;
}

/** Runs `studybot reports` (it opens the store) as a user would, optionally as another OS user. */
async function reports(url: string, as?: number) {
  const db = tempDatabase();
  cleanups.push(() => db.cleanup());
  chmodSync(db.dir, 0o777);
  const child = spawnNode([BIN, 'reports'], { cwd: db.dir, env: { PATH: process.env.PATH ?? '', HOME: db.dir, DATABASE_URL: url }, ...(as === undefined ? {} : { uid: as }) });
  const { code } = await child.exited;
  return { code, stderr: child.stderr() };
}

describe('bad database configuration gets one clear line, and nothing is lost', { timeout: 30_000 }, () => {
  it('sqlite: with an empty path is refused (it would have been a throw-away database)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:' })).toThrow(/DATABASE_URL: sqlite: needs a file path/);
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:   ' })).toThrow(/DATABASE_URL: sqlite: needs a file path/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://h/db' })).toThrow(/DATABASE_URL must start with sqlite: .* or postgres:\/\//);
  });

  it('sqlite:~/x.db is in the home directory, not a folder named ~', () => {
    expect(parseDatabaseUrl('sqlite:~/x.db')).toEqual({ dialect: 'sqlite', path: join(homedir(), 'x.db') });
    expect(parseDatabaseUrl('sqlite:./rel.db')).toEqual({ dialect: 'sqlite', path: join(process.cwd(), 'rel.db') });
  });

  it('postgres:// and postgresql:// are both accepted', () => {
    for (const scheme of ['postgres', 'postgresql']) {
      expect(parseDatabaseUrl(`${scheme}://u:p@db.internal:6543/studybot`)).toMatchObject({ dialect: 'postgres', host: 'db.internal', port: 6543, database: 'studybot' });
    }
    expect(() => parseDatabaseUrl('postgres://u:p@h:5432/')).toThrow(/names no database/);
  });

  it('an unreachable Postgres: one line with host:port and the cause, never the password', async () => {
    const message = await openError('postgres://studybot:s3cret-pw@127.0.0.1:1/studybot');
    expect(message).toBe('cannot open the database at 127.0.0.1:1/studybot: connection refused (is PostgreSQL running and listening there?)');
  });

  it('a wrong Postgres password: one line naming the cause, never the password', async () => {
    const admin = new URL(inject('postgresUrl'));
    admin.password = 'wrong-pw-123';
    const message = await openError(admin.toString());
    expect(message).toMatch(new RegExp(`^cannot open the database at 127\\.0\\.0\\.1:${admin.port}/postgres: password authentication failed$`));
    expect(message).not.toContain('wrong-pw-123');
  });

  it('a corrupt database file is refused at start-up, and left as it was', async () => {
    const db = tempDatabase();
    cleanups.push(() => db.cleanup());
    writeFileSync(db.path, 'this is not a database, but somebody’s scores might be in here'.repeat(100));
    expect(await openError(db.url)).toMatch(/the file is corrupt or not a SQLite database/);
    const cli = await reports(db.url);
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/^studybot: cannot use the SQLite database .*corrupt/);
    expect(readFileSync(db.path, 'utf8')).toBe('this is not a database, but somebody’s scores might be in here'.repeat(100));
  });

  it('a read-only database file is refused at start-up', async () => {
    const db = tempDatabase();
    cleanups.push(() => db.cleanup());
    const opened = await openDatabase(db.url);
    await opened.close();
    chmodSync(db.path, 0o444);
    chmodSync(db.dir, 0o755);
    // root may write anything: meet the file as an ordinary user instead.
    const cli = await reports(db.url, process.getuid?.() === 0 ? 65534 : undefined);
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim()).toMatch(/^studybot: cannot use the SQLite database .*read-only/);
  });
});
