import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { playConsoleScript } from '../../helpers/console-script.ts';
import { tempDatabase, testRuntime } from '../../helpers/runtime.ts';

const db = tempDatabase();
afterAll(() => db.cleanup());

describe('console adapter', { timeout: 30_000 }, () => {
  it('reads piped commands line by line, prints replies, and exits 0 at end of input', () => {
    const script = ['/ask dropout', '/help', '/ask', '/frobnicate', '/lang en', '/show l1-vs-l2', ''].join('\n');
    const out = spawnSync(process.execPath, ['src/bin.js', 'console'], { encoding: 'utf8', timeout: 60_000, input: script, env: { ...process.env, DATABASE_URL: db.url } });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('【dropout】');
    expect(out.stdout).not.toContain('**'); // Markdown emphasis is for chat platforms, not terminals
    expect(out.stdout).toContain('/leaderboard [today|week|last-week|month|all]');
    expect(out.stdout).toContain('Usage: /ask <query>');
    expect(out.stdout).toContain('Unknown command "frobnicate"');
    expect(out.stdout).toContain('【l1-vs-l2】');
    // Logs go to stderr, so stdout stays a clean transcript.
    expect(out.stdout).not.toContain('"level"');
  });

  it('npm start with no platform tokens is the console', () => {
    const env = { ...process.env, DATABASE_URL: db.url, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', LOG_LEVEL: '' };
    const out = spawnSync('npm', ['start', '--silent'], { encoding: 'utf8', timeout: 60_000, input: '/ask 權值共享\n', env });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('【cnn-weight-sharing】');
    // The chat owns the terminal: no info logs mixed into it unless LOG_LEVEL asks for them.
    expect(out.stderr).not.toContain('question bank loaded');
  });

  it('plays a whole round with /as switching members', async () => {
    const t = await testRuntime();
    // A topic whose cards are all multiple choice, so that "/answer A" is a valid answer.
    const tags = [...new Set(t.runtime.cards.flatMap((c) => c.tags))];
    const choiceOnly = tags.find((tag) => t.runtime.cards.filter((c) => c.tags.includes(tag)).every((c) => c.quiz.type === 'choice'))!;
    await t.runtime.store.conversations.update('console:local' as never, { topics: choiceOnly });
    const text = await playConsoleScript(t.runtime.bot, ['/quiz', '/answer A', '/as bob', '/answer A', '/answer B', '/quiz close', '/leaderboard all', '/stats bob']);
    expect(text).toContain('→ bob');
    expect(text).toMatch(/You already answered A/);
    expect(text).toMatch(/Answer revealed/);
    expect(text).toMatch(/Leaderboard · all time/);
    expect(text).toMatch(/Stats · bob/);
    await t.cleanup();
  });

  it('runs a private review by typing: new cards, an answer, Hard, next', async () => {
    const t = await testRuntime();
    const { teachingOrder } = await import('../../../src/review/queue.ts');
    const first = teachingOrder(t.runtime.cards)[0]!;
    const right = first.quiz.type === 'choice' ? first.quiz.correct : String(first.quiz.value);
    const text = await playConsoleScript(t.runtime.bot, ['/review', '/review new', `/review answer ${right}`, '/review hard', '/review next', '/review easy']);
    expect(text).toMatch(/Nothing is due right now/);
    expect(text).toMatch(/Review · New card/);
    expect(text).toMatch(/✅ Right/);
    expect(text).toMatch(/Good · Comes back in 10 minutes/);
    expect(text).toMatch(/Hard · Comes back in \d+ minutes/);
    expect(text).toMatch(/Hard and Easy are only for a right answer|earlier card/);
    // Every review reply is marked private.
    expect(text.split('\n\n').filter((block) => /Review ·|Right|Nothing is due/.test(block)).every((block) => block.includes('(only you can see this)'))).toBe(true);
    await t.cleanup();
  });
});
