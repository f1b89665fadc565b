import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: every test on SQLite, and the store, quiz, scheduler and review suites again on a real
 * PostgreSQL that the run starts itself (one server per run; each test makes its own database).
 */
const POSTGRES_SUITES = ['tests/store/**/*.test.ts', 'tests/quiz/**/*.test.ts', 'tests/schedule/**/*.test.ts', 'tests/review/**/*.test.ts'];

export default defineConfig({
  // This file lives in tests/ (the top level stays as designed); paths are from the repository root.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    globalSetup: ['tests/helpers/postgres-global.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      { extends: true, test: { name: 'postgres', include: POSTGRES_SUITES, env: { STUDYBOT_TEST_DIALECT: 'postgres' } } },
    ],
  },
});
