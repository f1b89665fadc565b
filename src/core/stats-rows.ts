import { t } from './i18n.ts';
import { REVIEW_LABELS } from './review-text.ts';
import type { LabelledValue } from './layout.ts';
import type { MemberStats } from './types.ts';

/** One line of the stats reply: its label, and its value (null hides the row). */
export interface StatRow {
  label: ReturnType<typeof t>;
  value: (stats: MemberStats) => LabelledValue['value'] | null;
}

/**
 * The rows of a member's stats, in display order: every renderer (console, Discord fields, Slack
 * fields, the stats image) draws exactly these, so a new statistic is one new entry here.
 */
export const STAT_ROWS: readonly StatRow[] = [
  { label: t('答题', 'Answered'), value: (s) => String(s.answered) },
  { label: t('正确率', 'Accuracy'), value: (s) => `${Math.round(s.accuracy * 100)}%` },
  { label: t('积分', 'Points'), value: (s) => String(s.points) },
  { label: t('当前连续答对', 'Current streak'), value: (s) => String(s.currentStreak) },
  { label: t('最长连续答对', 'Best streak'), value: (s) => String(s.bestStreak) },
  { label: t('最擅长', 'Strongest'), value: (s) => (s.strongestTopics.length ? s.strongestTopics.join(', ') : null) },
  { label: t('最薄弱', 'Weakest'), value: (s) => (s.weakestTopics.length ? s.weakestTopics.join(', ') : null) },
  // What FSRS says the member retains (present once the member has graded answers).
  { label: REVIEW_LABELS.dueNow, value: (s) => (s.memory ? String(s.memory.dueNow) : null) },
  { label: REVIEW_LABELS.dueWeek, value: (s) => (s.memory ? String(s.memory.dueWeek) : null) },
  { label: REVIEW_LABELS.reviewed, value: (s) => (s.memory ? String(s.memory.reviews) : null) },
  { label: REVIEW_LABELS.seen, value: (s) => (s.memory ? String(s.memory.seen) : null) },
  { label: REVIEW_LABELS.retention, value: (s) => (s.memory ? (s.memory.retention === null ? '—' : `${Math.round(s.memory.retention * 100)}%`) : null) },
  { label: REVIEW_LABELS.mastered, value: (s) => (s.memory ? String(s.memory.mastered) : null) },
  { label: REVIEW_LABELS.lapseTopics, value: (s) => (s.memory?.lapseTopics.length ? s.memory.lapseTopics.join(', ') : null) },
];

/** The stats rows that have a value for this member. */
export function statsRows(stats: MemberStats): LabelledValue[] {
  return STAT_ROWS.flatMap((row) => {
    const value = row.value(stats);
    return value === null ? [] : [{ label: row.label, value }];
  });
}
