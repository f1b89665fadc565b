import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDateKey, startOfPeriod, zonedParts, zonedTimeToUtc } from '../../src/time/zoned.ts';

describe('time zone helpers', () => {
  it('converts local wall-clock times to instants, across DST', () => {
    expect(zonedTimeToUtc(2027, 1, 4, 9, 0, 'Asia/Shanghai').toISOString()).toBe('2027-01-04T01:00:00.000Z');
    expect(zonedTimeToUtc(2027, 3, 13, 9, 0, 'America/New_York').toISOString()).toBe('2027-03-13T14:00:00.000Z');
    expect(zonedTimeToUtc(2027, 3, 14, 9, 0, 'America/New_York').toISOString()).toBe('2027-03-14T13:00:00.000Z');
    // 02:30 does not exist on 2027-03-14 in New York: the instant after the gap.
    expect(zonedTimeToUtc(2027, 3, 14, 2, 30, 'America/New_York').toISOString()).toBe('2027-03-14T07:30:00.000Z');
    // 01:30 happens twice on 2027-11-07: the first one.
    expect(zonedTimeToUtc(2027, 11, 7, 1, 30, 'America/New_York').toISOString()).toBe('2027-11-07T05:30:00.000Z');
  });

  it('reads local parts and period starts', () => {
    expect(zonedParts(new Date('2027-01-03T17:00:00Z'), 'Asia/Shanghai')).toMatchObject({ day: 4, hour: 1, weekday: 1 });
    expect(localDateKey(new Date('2027-01-03T17:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-04');
    expect(startOfPeriod(new Date('2027-01-07T12:00:00Z'), 'UTC', 'week').toISOString()).toBe('2027-01-04T00:00:00.000Z');
    expect(startOfPeriod(new Date('2027-01-07T12:00:00Z'), 'Asia/Shanghai', 'month').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('knows valid zone names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
