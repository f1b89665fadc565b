import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL, say, testClock, testRuntime } from '../helpers/runtime.ts';
import { RecordingAdapter } from '../helpers/recording-adapter.ts';
import { testDatabase, testDialect } from '../helpers/databases.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function bot(url: string, clock = testClock(), env: Record<string, string> = {}) {
  const t = await testRuntime({ url, clock, env, scheduleResyncMs: 0 });
  cleanups.push(() => t.cleanup());
  const adapter = new RecordingAdapter();
  t.runtime.adapters.push(adapter);
  return { ...t, adapter };
}

describe(`slot claims (${testDialect()})`, { timeout: 30_000 }, () => {
  it('a claim that fails (database busy) is retried until it lands: the slot is posted, once', async () => {
    const db = await testDatabase();
    cleanups.push(() => db.cleanup());
    const { runtime, adapter, clock } = await bot(db.url);
    await say(runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await runtime.store.schedules.update(CHANNEL, { next_slot_at: clock.now().getTime() - 60_000 });
    // Fault injection on the real repository: the first two claims fail as a locked database does.
    const claim = runtime.store.schedules.claim.bind(runtime.store.schedules);
    let failures = 0;
    runtime.store.schedules.claim = async (...args) => {
      if (failures < 2) {
        failures++;
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      }
      return claim(...args);
    };
    await runtime.scheduler.start();
    await runtime.scheduler.idle();
    expect(failures).toBe(2);
    expect(adapter.questions()).toHaveLength(1);
    expect(await runtime.store.schedules.slots(CHANNEL)).toMatchObject([{ status: 'posted' }]);
  });

  it('a slot claimed by a process that died is taken over after the lease and posted once', async () => {
    const db = await testDatabase();
    cleanups.push(() => db.cleanup());
    const clock = testClock();
    const survivor = await bot(db.url, clock, { SLOT_LEASE_SECONDS: '10' });
    await say(survivor.runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    const slot = clock.now().getTime() - 60_000;
    // The dead process got as far as its claim.
    expect(await survivor.runtime.store.schedules.claim(CHANNEL, 'question', slot, 'killed-process', clock.now().getTime())).toBe(true);
    await survivor.runtime.scheduler.sweepLeases();
    await survivor.runtime.scheduler.idle();
    expect(survivor.adapter.questions()).toHaveLength(0); // still within its lease
    clock.advance(11_000);
    await survivor.runtime.scheduler.sweepLeases();
    await survivor.runtime.scheduler.idle();
    expect(survivor.adapter.questions()).toHaveLength(1);
    expect(await survivor.runtime.store.schedules.slots(CHANNEL)).toMatchObject([{ slot_at: slot, status: 'posted' }]);
    clock.advance(60_000);
    await survivor.runtime.scheduler.sweepLeases();
    await survivor.runtime.scheduler.idle();
    expect(survivor.adapter.questions()).toHaveLength(1);
  });
});
