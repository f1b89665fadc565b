import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);

describe('architecture rules', () => {
  it('the core never imports a platform SDK', () => {
    const offenders = files(join(SRC, 'core')).filter((f) => importsOf(f).some((i) => /discord\.js|@slack\/bolt|node:readline/.test(i)));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('fuse.js is imported in exactly one file, node-cron in at most one', () => {
    const all = files(SRC);
    const using = (pkg: string) => all.filter((f) => importsOf(f).includes(pkg)).map((f) => relative(SRC, f));
    expect(using('fuse.js')).toEqual(['questions/search.ts']);
    expect(using('node-cron').length).toBeLessThanOrEqual(1);
    expect(using('ts-fsrs')).toEqual(['review/fsrs.ts']);
  });

  it('review/ and quiz/ sit side by side: neither imports the other', () => {
    const crossing = (from: string, to: string) =>
      files(join(SRC, from)).filter((f) => importsOf(f).some((i) => i.startsWith(`../${to}/`))).map((f) => relative(SRC, f));
    expect(crossing('review', 'quiz')).toEqual([]);
    expect(crossing('quiz', 'review')).toEqual([]);
  });

  it('the canvas library is imported only in src/images, which imports no platform SDK', () => {
    const all = files(SRC);
    const canvasUsers = all.filter((f) => importsOf(f).includes('@napi-rs/canvas')).map((f) => relative(SRC, f));
    expect(canvasUsers.length).toBeGreaterThan(0);
    expect(canvasUsers.every((f) => f.startsWith('images/'))).toBe(true);
    const sdk = files(join(SRC, 'images')).filter((f) => importsOf(f).some((i) => /discord\.js|@slack\/bolt|adapters\//.test(i)));
    expect(sdk).toEqual([]);
  });
});
