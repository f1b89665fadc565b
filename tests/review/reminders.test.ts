import { afterEach, describe, expect, it } from 'vitest';
import { memberOf } from '../../src/core/member.ts';
import { userId } from '../../src/core/types.ts';
import { latestSlot } from '../../src/review/reminders.ts';
import { RecordingAdapter } from '../helpers/recording-adapter.ts';
import { CHANNEL, only, say, testClock, testRuntime } from '../helpers/runtime.ts';
import { testDatabase } from '../helpers/databases.ts';

const DAY = 86_400_000;
let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function runtimeOn(url: string, clock: ReturnType<typeof testClock>) {
  const t = await testRuntime({ url, clock });
  const adapter = new RecordingAdapter();
  t.runtime.adapters.push(adapter);
  return { ...t, adapter };
}

describe('review reminders', () => {
  it('validate their time and zone, privately', async () => {
    const db = await testDatabase();
    cleanups.push(db.cleanup);
    const t = await runtimeOn(db.url, testClock());
    cleanups.push(t.cleanup);
    for (const [args, message] of [['25:00', /"25:00" is not a time/], ['20:00 Mars/Olympus', /Unknown time zone "Mars\/Olympus"/], ['', /Usage: \/review remind/]] as const) {
      const error = only(await say(t.runtime, `/review remind ${args}`), 'error');
      expect(error.visibility).toBe('private');
      expect(error.text.en).toMatch(message);
    }
    expect(await t.runtime.store.reminders.get(memberOf(CHANNEL, userId('test', 'alice')))).toBeUndefined();
    expect(only(await say(t.runtime, '/review remind off'), 'text').text.en).toMatch(/no reminder on/);
  });

  it('go out once a day when cards are due: once across two processes and a restart, not when nothing is due, not after off', async () => {
    const db = await testDatabase();
    cleanups.push(db.cleanup);
    const clock = testClock('2027-01-04T08:00:00Z');
    const one = await runtimeOn(db.url, clock);
    const two = await runtimeOn(db.url, clock);
    cleanups.push(two.cleanup);
    only(await say(one.runtime, '/review remind 20:00 Asia/Shanghai'), 'text'); // 12:00 UTC
    only(await say(one.runtime, '/review remind 20:30', 'bob'), 'text'); // the channel's zone: UTC
    const alice = memberOf(CHANNEL, userId('test', 'alice'));
    await one.runtime.memory.grade(alice, 'dropout', 'again', 'review', clock.now().getTime());

    clock.set('2027-01-04T11:59:00Z');
    expect(await one.runtime.sendReminders()).toBe(0); // not yet
    clock.set('2027-01-04T12:00:20Z');
    const sent = await Promise.all([one.runtime.sendReminders(), two.runtime.sendReminders()]);
    expect(sent.sort()).toEqual([0, 1]);
    const dms = [...one.adapter.delivered, ...two.adapter.delivered];
    expect(dms.map((r) => [r.conversation, r.kind])).toEqual([['test:guild:@alice', 'text']]);
    expect(dms[0]!.kind === 'text' && dms[0]!.text.en).toMatch(/Cards due for review: 1\./);

    await one.cleanup(); // a restart
    const three = await runtimeOn(db.url, clock);
    cleanups.push(three.cleanup);
    clock.set('2027-01-04T12:30:00Z');
    expect(await three.runtime.sendReminders()).toBe(0);
    // bob has nothing due at 20:30 UTC: no message.
    clock.set('2027-01-04T20:31:00Z');
    expect(await three.runtime.sendReminders()).toBe(0);
    // The next day alice is reminded again; after `off`, never.
    clock.set('2027-01-05T12:01:00Z');
    expect(await three.runtime.sendReminders()).toBe(1);
    await say(three.runtime, '/review remind off');
    clock.set('2027-01-06T12:01:00Z');
    expect(await three.runtime.sendReminders()).toBe(0);
    expect(await three.runtime.store.schedules.slots(alice, 'reminder')).toEqual([
      { slot_at: Date.parse('2027-01-05T12:00:00Z'), status: 'posted', detail: null },
      { slot_at: Date.parse('2027-01-04T12:00:00Z'), status: 'posted', detail: null },
    ]);
  });

  it('the slot is the latest local HH:MM at or before now, across days and zones', () => {
    expect(latestSlot('20:00', 'Asia/Shanghai', new Date('2027-01-04T11:00:00Z'))).toBe(Date.parse('2027-01-03T12:00:00Z'));
    expect(latestSlot('20:00', 'Asia/Shanghai', new Date('2027-01-04T12:00:00Z'))).toBe(Date.parse('2027-01-04T12:00:00Z'));
    expect(latestSlot('00:30', 'America/New_York', new Date('2027-01-04T06:00:00Z')) - Date.parse('2027-01-04T05:30:00Z')).toBe(0);
    expect(Date.parse('2027-01-04T05:30:00Z') - latestSlot('00:30', 'America/New_York', new Date('2027-01-04T05:29:00Z'))).toBe(DAY);
  });
});
