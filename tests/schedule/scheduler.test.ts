import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conversationId } from '../../src/core/types.ts';
import { CHANNEL, only, say, testRuntime } from '../helpers/runtime.ts';
import { testDatabase, testDialect, type TestDatabase } from '../helpers/databases.ts';
import type { Runtime } from '../../src/runtime.ts';
import { RecordingAdapter } from '../helpers/recording-adapter.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
let db: TestDatabase;
const open: { runtime: Runtime; cleanup: () => Promise<void> }[] = [];

// Days of fake time, stepped minute by minute on Postgres: a generous ceiling, not a timed assertion.
vi.setConfig({ testTimeout: 60_000 });

beforeEach(async () => {
  db = await testDatabase();
});
afterEach(async () => {
  for (const t of open.splice(0)) await t.cleanup();
  vi.useRealTimers();
  await db.cleanup();
});

/** A runtime on the shared test database whose clock is the (fake) system clock, with a recording adapter. */
async function bot(env: Record<string, string> = {}, scheduleResyncMs?: number) {
  // Lease sweeps every 20 fake minutes, not 20 s: days of fake time stay cheap (leases have their own tests).
  const t = await testRuntime({ url: db.url, clock: { now: () => new Date(), set() {}, advance() {} }, env: { SLOT_LEASE_SECONDS: '3600', ...env }, ...(scheduleResyncMs === undefined ? {} : { scheduleResyncMs }) });
  open.push(t);
  const adapter = new RecordingAdapter();
  t.runtime.adapters.push(adapter);
  return { runtime: t.runtime, adapter, stop: async () => { open.splice(open.indexOf(t), 1); await t.cleanup(); } };
}

/**
 * Advances the fake clock. On Postgres the store answers over a socket (real time), so the clock
 * steps from timer to timer and waits for every scheduler's posts in between: a post then carries
 * the time of its slot, as it would in production, instead of wherever the fake clock ran to.
 */
async function advance(ms: number): Promise<void> {
  if (testDialect() === 'sqlite' || ms < MINUTE) {
    await vi.advanceTimersByTimeAsync(ms);
    return;
  }
  // Timer by timer (node-cron sets one timer per next slot), waiting for the store after each; a
  // sentinel timer at the target keeps the clock from running past it.
  let reached = false;
  setTimeout(() => (reached = true), ms);
  while (!reached) {
    await vi.advanceTimersToNextTimerAsync();
    await Promise.all(open.map((t) => t.runtime.scheduler.idle()));
  }
}

function fakeTime(iso: string) {
  vi.useFakeTimers({ now: new Date(iso), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

const postedAt = (adapter: RecordingAdapter) => adapter.questions().map((q) => q.round.postedAt.toISOString());

describe('daily schedule', () => {
  it('posts at 09:00 Asia/Shanghai, once per day', async () => {
    fakeTime('2027-01-04T00:00:00Z'); // 08:00 in Shanghai
    const { runtime, adapter } = await bot();
    await runtime.scheduler.start();
    const set = only(await say(runtime, '/schedule set 09:00 Asia/Shanghai', 'admin', { admin: true }), 'text');
    expect(set.text.en).toContain('Next: 2027-01-04 09:00 (Asia/Shanghai)');
    await advance(2 * HOUR);
    await runtime.scheduler.idle();
    expect(postedAt(adapter)).toEqual(['2027-01-04T01:00:00.000Z']);
    await advance(24 * HOUR);
    await runtime.scheduler.idle();
    expect(postedAt(adapter)).toEqual(['2027-01-04T01:00:00.000Z', '2027-01-05T01:00:00.000Z']);
  });

  it.each([
    ['spring forward', '2027-03-12T15:00:00Z', ['2027-03-13T14:00:00.000Z', '2027-03-14T13:00:00.000Z', '2027-03-15T13:00:00.000Z']],
    ['fall back', '2027-11-05T15:00:00Z', ['2027-11-06T13:00:00.000Z', '2027-11-07T14:00:00.000Z', '2027-11-08T14:00:00.000Z']],
  ])('posts at local 09:00 in America/New_York across DST (%s)', async (_name, start, expected) => {
    fakeTime(start);
    const { runtime, adapter } = await bot();
    await runtime.scheduler.start();
    await say(runtime, '/schedule set 09:00 America/New_York', 'admin', { admin: true });
    for (let day = 0; day < 3; day++) {
      await advance(24 * HOUR);
      await runtime.scheduler.idle();
    }
    expect(postedAt(adapter)).toEqual(expected);
  });

  it('weekdays skip the weekend, a change takes effect at once, and off stops it', async () => {
    fakeTime('2027-01-08T00:00:00Z'); // Friday
    const { runtime, adapter } = await bot();
    await runtime.scheduler.start();
    await say(runtime, '/schedule set 09:00 UTC weekdays', 'admin', { admin: true });
    for (let day = 0; day < 4; day++) {
      await advance(24 * HOUR);
      await runtime.scheduler.idle();
    }
    // Fri 8th, (Sat, Sun skipped), Mon 11th.
    expect(postedAt(adapter)).toEqual(['2027-01-08T09:00:00.000Z', '2027-01-11T09:00:00.000Z']);
    await say(runtime, '/schedule set 10:30 UTC', 'admin', { admin: true });
    await advance(24 * HOUR);
    await runtime.scheduler.idle();
    expect(postedAt(adapter).at(-1)).toBe('2027-01-12T10:30:00.000Z');
    expect(only(await say(runtime, '/schedule off', 'admin', { admin: true }), 'text').text.en).toMatch(/off/);
    const before = adapter.questions().length;
    await advance(48 * HOUR);
    await runtime.scheduler.idle();
    expect(adapter.questions()).toHaveLength(before);
  });

  it('a slot that fires late (a blocked event loop) is still posted, once', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const { runtime, adapter } = await bot();
    await runtime.scheduler.start();
    await say(runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await advance(HOUR - 2_000);
    // The clock jumps past the slot while no timer runs, as when the process is busy for minutes.
    vi.setSystemTime(new Date('2027-01-04T09:05:00Z'));
    await advance(5_000);
    await runtime.scheduler.idle();
    await advance(HOUR);
    await runtime.scheduler.idle();
    expect(adapter.questions()).toHaveLength(1);
    expect(await runtime.store.schedules.slots(CHANNEL)).toMatchObject([{ slot_at: Date.parse('2027-01-04T09:00:00Z'), status: 'posted' }]);
  });

  it('weekly-leaderboard on posts last week’s leaderboard on Monday at the same time', async () => {
    fakeTime('2027-01-07T08:00:00Z'); // Thursday
    const { runtime, adapter } = await bot();
    await runtime.scheduler.start();
    expect(only(await say(runtime, '/schedule weekly-leaderboard on', 'admin', { admin: true }), 'error').text.en).toMatch(/Set a daily question time first/);
    await say(runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    expect(only(await say(runtime, '/schedule weekly-leaderboard on', 'admin', { admin: true }), 'text').text.en).toMatch(/every Monday at 09:00: on/);
    await advance(2 * HOUR); // Thursday's question
    await runtime.scheduler.idle();
    const [thursday] = adapter.questions();
    const quiz = runtime.cards.find((c) => c.id === thursday!.round.cardId)!.quiz;
    await say(runtime, `/answer ${quiz.type === 'choice' ? quiz.correct : quiz.value}`, 'amy');
    await advance(4 * 24 * HOUR); // to Monday 10:00
    await runtime.scheduler.idle();
    const boards = adapter.delivered.filter((r) => r.kind === 'leaderboard');
    expect(boards).toHaveLength(1);
    expect(boards[0]).toMatchObject({ period: 'last-week', rows: [{ name: 'amy', rank: 1 }] });
    expect(only(await say(runtime, '/schedule show'), 'text').text.en).toMatch(/Weekly leaderboard: on/);
  });

  it('posting the daily question closes and reveals the previous round', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const { runtime, adapter } = await bot();
    await runtime.scheduler.start();
    await say(runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await say(runtime, '/quiz deadline 48', 'admin', { admin: true });
    await advance(25 * HOUR + MINUTE);
    await runtime.scheduler.idle();
    expect(adapter.delivered.map((r) => r.kind)).toEqual(['question', 'round-update', 'reveal', 'question']);
  });
});

describe('exactly once, across restarts and processes', () => {
  it('a restart mid-day does not post again', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const first = await bot();
    await first.runtime.scheduler.start();
    await say(first.runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await advance(2 * HOUR);
    await first.runtime.scheduler.idle();
    expect(first.adapter.questions()).toHaveLength(1);
    await first.stop();
    await advance(2 * HOUR);
    const second = await bot();
    await second.runtime.scheduler.start();
    await advance(HOUR);
    await second.runtime.scheduler.idle();
    expect(second.adapter.questions()).toHaveLength(0);
  });

  it('down across a slot and back within the grace window: one late post', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const first = await bot();
    await say(first.runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await first.stop();
    vi.setSystemTime(new Date('2027-01-04T10:30:00Z'));
    const second = await bot();
    await second.runtime.scheduler.start();
    await second.runtime.scheduler.idle();
    const [late] = second.adapter.questions();
    expect(late?.round.late).toBe(true);
    expect(second.adapter.questions()).toHaveLength(1);
    const third = await bot();
    await third.runtime.scheduler.start();
    await third.runtime.scheduler.idle();
    expect(third.adapter.questions()).toHaveLength(0);
  });

  it('down past the grace window: the slot is recorded as missed, not posted', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const first = await bot();
    await say(first.runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await first.stop();
    vi.setSystemTime(new Date('2027-01-04T12:00:00Z'));
    const second = await bot();
    await second.runtime.scheduler.start();
    await second.runtime.scheduler.idle();
    expect(second.adapter.questions()).toHaveLength(0);
    expect(await second.runtime.store.schedules.slots(CHANNEL)).toMatchObject([{ slot_at: Date.parse('2027-01-04T09:00:00Z'), status: 'missed' }]);
  });

  it('two schedulers on one database file: one post per slot', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const a = await bot();
    const b = await bot();
    await say(a.runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await a.runtime.scheduler.start();
    await b.runtime.scheduler.start();
    for (let day = 0; day < 3; day++) {
      await advance(24 * HOUR);
      await Promise.all([a.runtime.scheduler.idle(), b.runtime.scheduler.idle()]);
    }
    expect(a.adapter.questions().length + b.adapter.questions().length).toBe(3);
  });
});

describe('several processes on one database', () => {
  it('a schedule changed through another process never posts at its old time', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const a = await bot();
    await say(a.runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    const b = await bot({}, 0); // B never re-reads on its own: only the slot check protects it
    await a.runtime.scheduler.start();
    await b.runtime.scheduler.start();
    await say(a.runtime, '/schedule set 10:00 UTC', 'admin', { admin: true });
    await advance(3 * HOUR);
    await Promise.all([a.runtime.scheduler.idle(), b.runtime.scheduler.idle()]);
    const posted = [...a.adapter.questions(), ...b.adapter.questions()].map((q) => q.round.postedAt.toISOString());
    expect(posted).toEqual(['2027-01-04T10:00:00.000Z']);
  });

  it('a schedule created through another process is picked up within a minute', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const b = await bot();
    await b.runtime.scheduler.start();
    const a = await bot();
    await say(a.runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await a.stop(); // only B is running now
    await advance(2 * HOUR);
    await b.runtime.scheduler.idle();
    expect(b.adapter.questions().map((q) => q.round.postedAt.toISOString())).toEqual(['2027-01-04T09:00:00.000Z']);
  });
});

describe('shutdown', () => {
  it('stop() stops the timers and waits for a post in flight before the database closes', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const first = await bot();
    await say(first.runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await first.stop();
    vi.setSystemTime(new Date('2027-01-04T09:30:00Z'));
    const { runtime, adapter } = await bot();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const deliver = adapter.deliver.bind(adapter);
    adapter.deliver = async (reply) => {
      await gate;
      return deliver(reply);
    };
    await runtime.scheduler.start(); // the late post starts and waits at the gate
    let stopped = false;
    const stopping = runtime.scheduler.stop().then(() => (stopped = true));
    await advance(1_000);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(adapter.questions()).toHaveLength(1);
    expect(await runtime.store.schedules.slots(CHANNEL)).toMatchObject([{ status: 'posted' }]);
    // No timer survives stop(): a day later nothing more is posted.
    await advance(24 * HOUR);
    expect(adapter.questions()).toHaveLength(1);
  });
});

describe('failures and permissions', () => {
  it('a failing channel never blocks the healthy ones and pauses itself after 5 failures', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const { runtime, adapter } = await bot();
    const channels = [1, 2, 3].map((n) => conversationId('test', 'g', `c${n}`));
    for (const c of channels) await say(runtime, '/schedule set 09:00 UTC', 'admin', { admin: true, conversation: c });
    adapter.failing.add(channels[1]!);
    await runtime.scheduler.start();
    for (let day = 0; day < 6; day++) {
      await advance(24 * HOUR);
      await runtime.scheduler.idle();
    }
    expect(adapter.questions(channels[0]).length).toBe(6);
    expect(adapter.questions(channels[2]).length).toBe(6);
    const slots = await runtime.store.schedules.slots(channels[1]!);
    expect(slots.map((s) => s.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    const show = only(await say(runtime, '/schedule show', 'amy', { conversation: channels[1] }), 'text');
    expect(show.text.en).toMatch(/Paused automatically: 5 failures in a row; last: Unknown Channel/);
  });

  it('only admins change schedules; bad input gets a clear error with examples', async () => {
    fakeTime('2027-01-04T08:00:00Z');
    const { runtime } = await bot();
    expect(only(await say(runtime, '/schedule set 09:00'), 'error').text.en).toMatch(/Only channel admins/);
    const err = async (args: string) => only(await say(runtime, `/schedule ${args}`, 'admin', { admin: true }), 'error').text.en;
    expect(await err('set 25:00')).toMatch(/"25:00" is not a time; use 24-hour HH:MM, e.g. 09:00/);
    expect(await err('set 09:00 Mars/Base')).toMatch(/Unknown time zone "Mars\/Base".*Asia\/Shanghai/);
    expect(await err('set 09:00 UTC * * 9')).toMatch(/not a valid day rule.*weekdays/);
    expect(await err('dance')).toMatch(/Usage: \/schedule set/);
    expect(only(await say(runtime, '/schedule show'), 'text').text.en).toMatch(/No daily question is scheduled/);
  });
});
