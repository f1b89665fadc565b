import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/store/db.ts';
import { migrationProvider } from '../../src/store/migrations.ts';
import { createStore } from '../../src/store/store.ts';
import { testDatabase, testDialect } from '../helpers/databases.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe(`rounds count their answers (${testDialect()})`, () => {
  it('a store from before the count (migration 014) has every round counted when it is upgraded', async () => {
    const temp = await testDatabase();
    cleanups.push(temp.cleanup);
    const db = await openDatabase(temp.url, { migrate: false });
    cleanups.push(() => db.close());
    const migrated = await new Migrator({ db: db.kysely, provider: migrationProvider, allowUnorderedMigrations: true }).migrateTo('013-reviews');
    expect(migrated.error).toBeUndefined();
    const k = db.kysely as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
    await k.insertInto('conversations').values({ id: 'test:g:c', lang: null, time_zone: 'UTC', deadline_hours: 8, topics: null, created_at: 0 }).execute();
    for (const [id, answers] of [['r1', 3], ['r2', 0], ['r3', 1]] as const) {
      await k.insertInto('rounds').values({ id, conversation_id: 'test:g:c', card_id: 'dropout', seq: Number(id.slice(1)), posted_at: 0, closes_at: 1, closed_at: 1, revealed_at: 1, message_ref: null, late: 0 }).execute();
      for (let a = 0; a < answers; a++) await k.insertInto('answers').values({ round_id: id, user_id: `test:m${a}`, conversation_id: 'test:g:c', user_name: `m${a}`, answer: 'A', correct: 1, answered_at: a }).execute();
    }
    await migrate(db.kysely, db.dialect);
    const store = createStore(db);
    expect(await Promise.all(['r1', 'r2', 'r3'].map(async (id) => (await store.rounds.byId(id))!.answered))).toEqual([3, 0, 1]);
  });
});
