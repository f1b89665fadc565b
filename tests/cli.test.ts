import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDatabase } from './helpers/runtime.ts';

const db = tempDatabase();
afterAll(() => db.cleanup());
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['src/bin.js', ...args], { encoding: 'utf8', timeout: 60_000, input, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' } });

describe('the studybot command line', { timeout: 30_000 }, () => {
  it('search --json prints the documented shape, best first', () => {
    const out = run(['search', '--json', '--limit', '3', 'dropuot']);
    expect(out.status).toBe(0);
    const parsed = JSON.parse(out.stdout);
    expect(Object.keys(parsed)).toEqual(['query', 'results']);
    expect(parsed.query).toBe('dropuot');
    expect(parsed.results[0]).toEqual({ id: 'dropout', title: { zh: expect.any(String), en: expect.any(String) }, score: 1 });
    expect(out.stdout).toMatch(/^\{"query": "dropuot", "results": \[\{"id": "dropout", "title": \{"zh": "[^"]+", "en": "[^"]+"\}, "score": 1\.0\}/);
    const scores = parsed.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('search rejects a bad --limit and an over-long query', () => {
    expect(run(['search', '--limit', 'lots', 'bn']).status).not.toBe(0);
    const long = run(['search', 'x'.repeat(501)]);
    expect(long.status).toBe(2);
    expect(long.stderr).toContain('longer than 500 characters');
  });

  it('show prints one card in the chosen language, and fails clearly for an unknown id', () => {
    const en = run(['show', 'l1-vs-l2', '--lang', 'en']);
    expect(en.status).toBe(0);
    expect(en.stdout).toContain('Key points:');
    expect(en.stdout).not.toMatch(/要点/);
    const missing = run(['show', 'nope']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no card with id "nope"');
  });

  it('reports lists what members reported with /report', () => {
    const chat = run(['console'], '/report dropout the zh key points repeat\n/report nope broken\n');
    expect(chat.status).toBe(0);
    expect(chat.stdout).toContain('Your report on "dropout" was recorded');
    expect(chat.stdout).toContain('There is no card with the id "nope"');
    const listed = run(['reports', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ card_id: 'dropout', text: 'the zh key points repeat', user_name: 'me' }]);
  });

  it('reports strips terminal escape sequences and control characters from member text', () => {
    const hostile = '/report dropout \u001b]0;pwned\u0007title \u001b[2Jcleared \u009b31mred\u202eevil\u0000end\n';
    expect(run(['console'], hostile).status).toBe(0);
    const listed = run(['reports']);
    expect(listed.status).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.includes('cleared'))!;
    expect(line).toContain('title cleared');
    expect(line).toContain('red');
    expect(line).toContain('evilend');
    expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    // The stored text is unchanged: only what reaches the terminal is cleaned.
    expect(JSON.parse(run(['reports', '--json']).stdout).at(-1).text).toContain('\u001b[2J');
  });

  it('image leaderboard and image stats write PNGs drawn from the store; bad options fail clearly', () => {
    expect(run(['console'], '/quiz\n/answer 1\n/as 小明🚀\n/answer 2\n/as me\n/quiz close\n').status).toBe(0);
    const board = join(db.dir, 'board.png');
    const out = run(['image', 'leaderboard', '--period', 'all', '-o', board]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(readFileSync(board).subarray(1, 4).toString('ascii')).toBe('PNG');
    const stats = join(db.dir, 'stats.png');
    expect(run(['image', 'stats', '--member', '小明🚀', '--channel', 'console:local', '-o', stats]).status).toBe(0);
    expect(readFileSync(stats).readUInt32BE(16)).toBe(720);
    const unknown = run(['image', 'stats', '--member', 'nobody', '-o', stats]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('nobody called "nobody"');
    expect(run(['image', 'leaderboard', '--period', 'never', '-o', board]).stderr).toContain('--period must be one of');
  });

  it('a database that cannot be opened stops start-up with one clear line', () => {
    const out = spawnSync(process.execPath, ['src/bin.js', 'console'], { encoding: 'utf8', timeout: 60_000, input: '', env: { ...process.env, DATABASE_URL: 'sqlite:/etc/passwd/studybot.db' } });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^studybot: .+/m);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('a bad .env value stops with a message naming the variable, without echoing it', () => {
    const out = spawnSync(process.execPath, ['src/bin.js', 'search', 'bn'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, CATCH_UP_GRACE_MINUTES: 'soon-ish-secret' } });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('CATCH_UP_GRACE_MINUTES');
    expect(out.stderr).not.toContain('soon-ish-secret');
  });
});
