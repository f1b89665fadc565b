import { fill, type Localized } from '../core/i18n.ts';
import { isValidTimeZone } from '../time/zoned.ts';
import { isValidCron } from './cron.ts';
import { SCHEDULE_MSG } from './messages.ts';

/** A parsed `/schedule set` request. */
export interface ScheduleSpec {
  hour: number;
  minute: number;
  zone: string;
  /** node-cron expression with the minute and hour from HH:MM. */
  cron: string;
  /** What the admin asked for (`daily`, `weekdays` or the expression), shown back to them. */
  label: string;
}

/**
 * Parses `<HH:MM> [zone] [daily|weekdays|<cron>]`. A cron expression may be just its three day
 * fields (`* * 1,3,5`) or all five, in which case its minute and hour are replaced by HH:MM.
 */
export function parseScheduleSpec(args: string, defaultZone: string): { ok: true; spec: ScheduleSpec } | { ok: false; error: Localized } {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  const time = tokens.shift() ?? '';
  const match = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(time);
  if (!match) return { ok: false, error: fill(SCHEDULE_MSG.badTime, { value: time.slice(0, 20) }) };
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  let zone = defaultZone;
  if (tokens[0] && /[A-Za-z]/.test(tokens[0]) && !/^(daily|weekdays)$/i.test(tokens[0])) {
    const candidate = tokens.shift()!;
    if (!isValidTimeZone(candidate)) return { ok: false, error: fill(SCHEDULE_MSG.badZone, { value: candidate.slice(0, 40) }) };
    zone = new Intl.DateTimeFormat('en-US', { timeZone: candidate }).resolvedOptions().timeZone;
  }
  const rule = tokens.join(' ');
  const lower = rule.toLowerCase();
  let days: string;
  if (lower === '' || lower === 'daily') days = '* * *';
  else if (lower === 'weekdays') days = '* * 1-5';
  else {
    const fields = rule.split(' ');
    if (fields.length !== 3 && fields.length !== 5) return { ok: false, error: fill(SCHEDULE_MSG.badCron, { value: rule.slice(0, 60) }) };
    days = fields.slice(-3).join(' ');
  }
  const cron = `${minute} ${hour} ${days}`;
  if (!isValidCron(cron)) return { ok: false, error: fill(SCHEDULE_MSG.badCron, { value: rule.slice(0, 60) }) };
  return { ok: true, spec: { hour, minute, zone, cron, label: lower === '' ? 'daily' : lower === 'weekdays' || lower === 'daily' ? lower : days } };
}

/** HH:MM of a cron expression made by {@link parseScheduleSpec}. */
export function timeOfCron(cron: string): string {
  const [minute = '0', hour = '0'] = cron.split(/\s+/);
  return `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
}
