import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, click, only, say, testRuntime } from '../helpers/runtime.ts';
import { testDatabase, type TestDatabase } from '../helpers/databases.ts';

let t: Awaited<ReturnType<typeof testRuntime>>;
let db: TestDatabase;
beforeEach(async () => {
  db = await testDatabase();
  t = await testRuntime({ url: db.url });
});
afterEach(async () => {
  await t.cleanup();
  await db.cleanup();
});

describe('answers under load and crashes', { timeout: 60_000 }, () => {
  it('100 members answering one round at the same moment → exactly 100 rows and correct counts', async () => {
    const round = only(await say(t.runtime, '/quiz'), 'question').round;
    const card = t.runtime.cards.find((c) => c.id === round.cardId)!;
    const answer = (i: number) => (card.quiz.type === 'choice' ? (i % 2 === 0 ? card.quiz.correct : card.quiz.correct === 'A' ? 'B' : 'A') : String(i % 2 === 0 ? card.quiz.value : card.quiz.value + card.quiz.tolerance + 1));
    // Each member clicks twice at once, like a double click: the second must not count.
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, k) => {
        const i = k % 100;
        return round.kind === 'choice' ? click(t.runtime, round.roundId, answer(i) as 'A', `m${i}`) : say(t.runtime, `/answer ${answer(i)}`, `m${i}`);
      }),
    );
    const verdicts = results.map((r) => only(r, 'verdict'));
    expect(verdicts.filter((v) => !v.repeated)).toHaveLength(100);
    expect(verdicts.filter((v) => v.repeated)).toHaveLength(100);
    expect(await t.runtime.store.answers.countForRound(round.roundId)).toBe(100);
    const reveal = only(await say(t.runtime, '/quiz close', 'admin', { admin: true }), 'reveal');
    expect(reveal.answered).toBe(100);
    expect(reveal.correctCount).toBe(50);
  });

  it('a process killed (SIGKILL) during a burst of answers keeps every acknowledged answer', async () => {
    const round = only(await say(t.runtime, '/quiz'), 'question').round;
    const quiz = t.runtime.cards.find((c) => c.id === round.cardId)!.quiz;
    const answer = quiz.type === 'choice' ? quiz.correct : String(quiz.value);
    // Its own process group, killed whole on every path (the tsx loader runs beside the script).
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/quiz/fixtures/answer-burst.ts', db.url, round.roundId, CHANNEL, answer], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const acked = new Set<string>();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      await new Promise<void>((resolve, reject) => {
        let buffer = '';
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          for (const line of lines) acked.add(`m${line.split(' ')[1]}`);
          if (acked.size >= 300) killGroup();
        });
        child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`))));
      });
    } finally {
      killGroup();
    }
    const rows = await t.runtime.store.answers.ofRound(round.roundId);
    const stored = new Set(rows.map((r) => r.user_name));
    expect([...acked].filter((name) => !stored.has(name))).toEqual([]);
    expect(acked.size).toBeGreaterThanOrEqual(300);
  });
});
