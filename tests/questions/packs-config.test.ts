import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { loadSearch } from '../../src/main.ts';
import { formatProblem } from '../../src/questions/bank.ts';
import { loadConfiguredBank } from '../../src/questions/load-default.ts';
import { shippedBank, tempDatabase } from '../helpers/runtime.ts';

const tmp = tempDatabase();
afterAll(() => tmp.cleanup());

describe('team packs (STUDYBOT_PACKS)', () => {
  const base = shippedBank().cards[0]!;
  const team = { ...structuredClone(base), id: 'our-team-card', aliases: { zh: ['我们的题'], en: ['our team card'] } };
  const good = join(tmp.dir, 'team.json');
  writeFileSync(good, JSON.stringify({ pack: { id: 'team', name: { zh: '团队', en: 'Team' }, version: 1 }, cards: [team] }));
  const broken = join(tmp.dir, 'broken.json');
  writeFileSync(broken, '{"pack": {"id": "broken"}, "cards": [');

  it('loads extra packs next to the shipped ones, and a broken one is reported without stopping the rest', () => {
    const bank = loadConfiguredBank(`${broken}:${good}`);
    expect(bank.cards.some((c) => c.id === 'our-team-card')).toBe(true);
    expect(bank.cards.length).toBe(shippedBank().cards.length + 1);
    expect(bank.problems.map(formatProblem)).toEqual([expect.stringContaining('broken.json: file: not valid JSON')]);
  });

  it('start-up logs each problem as a warning and searches the good cards', () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const { search } = loadSearch(loadConfig({ STUDYBOT_PACKS: `${good},${broken}` }), log);
    expect(search.search('our team card')[0]?.card.id).toBe('our-team-card');
    expect(lines.join('\n')).toMatch(/pack problem, card skipped: .*broken\.json: file: not valid JSON/);
  });
});

describe('configuration', () => {
  it('names every bad variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', STUDYBOT_LANG: 'fr', SCHEDULER_CONCURRENCY: '0' })).toThrow(
      /DATABASE_URL: .*sqlite:[\s\S]*STUDYBOT_LANG[\s\S]*SCHEDULER_CONCURRENCY/,
    );
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@h/db' }).DATABASE_URL).toBe('postgres://u:p@h/db');
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:' })).toThrow(/DATABASE_URL: sqlite: needs a file path/);
  });

  it('treats the blank values of .env.example as unset', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const blank = Object.fromEntries([...example.matchAll(/^([A-Z_]+)=\s*$/gm)].map((m) => [m[1]!, '']));
    expect(Object.keys(blank).length).toBeGreaterThan(10);
    expect(loadConfig(blank)).toMatchObject({ STUDYBOT_LANG: 'both', LOG_LEVEL: 'info', CATCH_UP_GRACE_MINUTES: 120, SCHEDULER_CONCURRENCY: 8 });
  });

  it('has defaults for everything', () => {
    expect(loadConfig({})).toMatchObject({ STUDYBOT_LANG: 'both', LOG_LEVEL: 'info', CATCH_UP_GRACE_MINUTES: 120, SCHEDULER_CONCURRENCY: 8 });
  });
});
