import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationId } from '../../src/core/types.ts';
import { postgresDatabase, testDatabase } from '../helpers/databases.ts';
import { only, say, testClock, testRuntime } from '../helpers/runtime.ts';
import { killAll, spawnNode } from '../helpers/spawn.ts';

const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  killAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function studybot(args: string[], env: Record<string, string> = {}) {
  const child = spawnNode([BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  const { code } = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

describe('studybot db', { timeout: 60_000 }, () => {
  it('db migrate brings a new Postgres database up to date, and says so', async () => {
    const pg = await postgresDatabase();
    cleanups.push(() => pg.cleanup());
    const first = await studybot(['db', 'migrate'], { DATABASE_URL: pg.url });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^127\.0\.0\.1:\d+\/t_\w+: schema up to date \(6 migrations applied\)\n$/);
    expect((await studybot(['db', 'migrate'], { DATABASE_URL: pg.url })).code).toBe(0);
  });

  it('db copy moves a whole SQLite store to Postgres, verifies the counts, and refuses a non-empty target', async () => {
    const source = await testDatabase('sqlite');
    cleanups.push(() => source.cleanup());
    const clock = testClock();
    const bot = await testRuntime({ url: source.url, clock });
    const channels = [1, 2, 3].map((n) => conversationId('test', 'g', `c${n}`));
    for (const channel of channels) {
      await say(bot.runtime, '/schedule set 09:00 Asia/Shanghai', 'admin', { admin: true, conversation: channel });
      for (let r = 0; r < 3; r++) {
        const round = only(await say(bot.runtime, '/quiz', 'admin', { conversation: channel }), 'question').round;
        const quiz = bot.runtime.cards.find((c) => c.id === round.cardId)!.quiz;
        for (const who of ['amy', 'bob', 'cat']) await say(bot.runtime, `/answer ${quiz.type === 'choice' ? (who === 'bob' ? 'Z' : quiz.correct) : quiz.value}`, who, { conversation: channel });
        clock.advance(60_000);
        await say(bot.runtime, '/quiz close', 'admin', { admin: true, conversation: channel });
      }
    }
    await say(bot.runtime, '/report dropout the answer is too short', 'amy', { conversation: channels[0] });
    const board = only(await say(bot.runtime, '/leaderboard all', 'amy', { conversation: channels[1] }), 'leaderboard');
    await bot.cleanup();

    const target = await postgresDatabase();
    cleanups.push(() => target.cleanup());
    const copy = await studybot(['db', 'copy', '--from', source.url, '--to', target.url]);
    expect(copy.code).toBe(0);
    expect(copy.stdout).toMatch(/conversations\s+3\s+3\n/);
    expect(copy.stdout).toMatch(/rounds\s+9\s+9\n/);
    expect(copy.stdout).toMatch(/answers\s+\d+\s+\d+\n/);
    expect(copy.stdout).toMatch(/reports\s+1\s+1\n/);
    expect(copy.stdout).toMatch(/schedules\s+3\s+3\n/);
    expect(copy.stdout).toMatch(/verified: \d+ rows in 10 tables/);
    expect(copy.stderr).toMatch(/copying answers: \d+\/\d+/);
    expect(copy.stderr).toMatch(/→ 127\.0\.0\.1:\d+\/t_\w+\n/); // host:port/database, never user:password
    expect(copy.stderr + copy.stdout).not.toContain(new URL(target.url).password);

    // The same scores come out of the new store.
    const moved = await testRuntime({ url: target.url, clock });
    cleanups.push(() => moved.cleanup());
    expect(only(await say(moved.runtime, '/leaderboard all', 'amy', { conversation: channels[1] }), 'leaderboard').rows).toEqual(board.rows);

    const again = await studybot(['db', 'copy', '--from', source.url, '--to', target.url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^studybot: the target is not empty \(.*\); refusing to mix two stores\. Pass --force/m);
    const forced = await studybot(['db', 'copy', '--from', source.url, '--to', target.url, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/rounds\s+9\s+9\n/);
  });
});
