import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the run's PostgreSQL server. */
    postgresUrl: string;
  }
}

// One server per test run, whichever projects ask for it (global setup may run once per project).
const shared = globalThis as { studybotPostgres?: { server: Promise<PostgresServer>; users: number } };

/** Vitest global setup: starts one PostgreSQL for the run and provides its admin URL. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.studybotPostgres ??= { server: startPostgres(), users: 0 };
  const entry = shared.studybotPostgres;
  entry.users += 1;
  const server = await entry.server;
  project.provide('postgresUrl', server.url);
  return async () => {
    entry.users -= 1;
    if (entry.users === 0) {
      shared.studybotPostgres = undefined;
      await server.stop();
    }
  };
}
