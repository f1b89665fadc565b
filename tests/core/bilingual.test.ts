import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/core/commands.ts';
import type { Localized } from '../../src/core/i18n.ts';
import { MSG } from '../../src/core/messages.ts';
import { LABELS } from '../../src/core/plain-text.ts';
import { QUIZ_MSG } from '../../src/quiz/messages.ts';
import { STAT_ROWS } from '../../src/core/stats-rows.ts';
import { SCHEDULE_MSG } from '../../src/schedule/messages.ts';
import { REVIEW_LABELS } from '../../src/core/review-text.ts';
import { REVIEW_MSG } from '../../src/review/messages.ts';

/** Every Localized value in a (nested) table, with its path. */
function texts(table: object, path = ''): [string, Localized][] {
  return Object.entries(table).flatMap(([key, value]) => {
    if (value && typeof value === 'object' && 'zh' in value && 'en' in value) return [[`${path}${key}`, value as Localized]];
    return value && typeof value === 'object' ? texts(value, `${path}${key}.`) : [];
  });
}

const ALL = [
  ...texts(MSG, 'MSG.'),
  ...texts(QUIZ_MSG, 'QUIZ_MSG.'),
  ...texts(SCHEDULE_MSG, 'SCHEDULE_MSG.'),
  ...texts(LABELS, 'LABELS.'),
  ...texts(REVIEW_MSG, 'REVIEW_MSG.'),
  ...texts(REVIEW_LABELS, 'REVIEW_LABELS.'),
  ...Object.entries(COMMANDS).map(([name, c]) => [`COMMANDS.${name}`, c.summary] as [string, Localized]),
  ...STAT_ROWS.map((row, i) => [`STAT_ROWS.${i}`, row.label] as [string, Localized]),
];

describe('every bot message exists in both languages', () => {
  it('has texts to check', () => {
    expect(ALL.length).toBeGreaterThan(60);
  });

  it.each(ALL)('%s: Chinese in zh, English in en, same placeholders', (_path, text) => {
    expect(text.zh.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(text.en).toMatch(/[A-Za-z]{2}/); // English (it may quote a Chinese example query)
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(placeholders(text.zh)).toEqual(placeholders(text.en));
  });
});
