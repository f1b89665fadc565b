import { t, type Localized } from './i18n.ts';

/**
 * A span of time in words, both languages, rounded to what a member cares about: minutes under an
 * hour, hours under a day, days after ("10 minutes", "3 hours", "4 days").
 */
export function spanInWords(ms: number): Localized {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return t(`${minutes} 分钟`, minutes === 1 ? '1 minute' : `${minutes} minutes`);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return t(`${hours} 小时`, hours === 1 ? '1 hour' : `${hours} hours`);
  const days = Math.round(hours / 24);
  return t(`${days} 天`, days === 1 ? '1 day' : `${days} days`);
}
