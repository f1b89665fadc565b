/** A wall-clock date and time in some time zone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** True when the runtime knows this IANA time zone name. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a time zone. */
export function zonedParts(instant: Date, zone: string): ZonedParts {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(instant)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: WEEKDAYS[p.weekday!] ?? 1,
  };
}

/**
 * The first instant at which a zone's wall clock reads the given local date and time. When that
 * local time does not exist (a DST gap) the instant just after the gap is returned.
 */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, zone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const p = zonedParts(new Date(guess), zone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    if (seen === wanted) break;
    guess += wanted - seen;
  }
  // Prefer the earlier of two instants that read the same local time (a DST overlap).
  const earlier = guess - 3_600_000;
  const p = zonedParts(new Date(earlier), zone);
  if (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wanted) return new Date(earlier);
  return new Date(guess);
}

/** The local date as YYYY-MM-DD. */
export function localDateKey(instant: Date, zone: string): string {
  const p = zonedParts(instant, zone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Start of the leaderboard period containing `instant`: local day, ISO week (Monday), or month. */
export function startOfPeriod(instant: Date, zone: string, period: 'today' | 'week' | 'month'): Date {
  const p = zonedParts(instant, zone);
  if (period === 'today') return zonedTimeToUtc(p.year, p.month, p.day, 0, 0, zone);
  if (period === 'month') return zonedTimeToUtc(p.year, p.month, 1, 0, 0, zone);
  const monday = new Date(Date.UTC(p.year, p.month - 1, p.day - (p.weekday - 1)));
  return zonedTimeToUtc(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), 0, 0, zone);
}
