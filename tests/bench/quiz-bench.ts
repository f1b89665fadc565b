import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { conversationId, userId, type ConversationId } from '../../src/core/types.ts';
import { DEFAULT_PACK_DIR, loadBank, packFilesIn } from '../../src/questions/bank.ts';
import type { Card } from '../../src/questions/schema.ts';
import { SearchIndex } from '../../src/questions/search.ts';
import { loadHistory } from '../../src/quiz/history.ts';
import { leaderboard } from '../../src/quiz/leaderboard.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { percentile } from './stats.ts';

/** Answers recorded per second, and leaderboard latency over a store of a million answers. */
export async function benchQuiz(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'studybot-bench-'));
  const lines: string[] = [];
  try {
    const cards = loadBank(packFilesIn(DEFAULT_PACK_DIR)).cards;
    const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, LOG_LEVEL: 'silent' });
    const runtime = await createRuntime({ config, log: pino({ level: 'silent' }), search: new SearchIndex(cards), cards, sweepMs: 0, seed: 'bench' });

    // 1. The whole answer path (find the round, grade, insert, count) as a button press takes it:
    //    200 channels with an open round each, 100 members answering in each, one after another.
    const rounds = await openRounds(runtime, cards, 200);
    const start = performance.now();
    let n = 0;
    for (let m = 0; m < 100; m++) {
      for (const r of rounds) {
        const replies = await runtime.engine.answer(r.channel, { id: userId('bench', `m${m}`), name: `m${m}`, isAdmin: false }, r.answer, r.roundId);
        if (replies[0]?.kind !== 'verdict') throw new Error('answer not recorded');
        n++;
      }
    }
    const seconds = (performance.now() - start) / 1000;
    lines.push(`quiz: ${n.toLocaleString('en-US')} answers (200 rounds × 100 members), sequential, full path (find round + grade + insert + count): ${Math.round(n / seconds).toLocaleString('en-US')} answers/s`);
    await runtime.close();

    // 2. Leaderboards over 1,000,000 answers: 10,000 channels × 20 rounds × 5 answers, 100,000 members.
    const path = join(dir, 'big.db');
    const setupConfig = loadConfig({ DATABASE_URL: `sqlite:${path}`, LOG_LEVEL: 'silent' });
    const big = await createRuntime({ config: setupConfig, log: pino({ level: 'silent' }), search: new SearchIndex(cards), cards, sweepMs: 0 });
    const fill = performance.now();
    fillStore(path, cards.map((c) => c.id));
    lines.push(`  store filled with 1,000,000 answers / 10,000 channels / 100,000 members in ${((performance.now() - fill) / 1000).toFixed(1)} s`);
    const now = new Date('2027-02-01T12:00:00Z');
    const times: number[] = [];
    for (let q = 0; q < 1000; q++) {
      const channelId = conversationId('bench', 'g', `c${(q * 7919) % 10_000}`);
      const t0 = performance.now();
      const history = await loadHistory(big.store, channelId);
      const board = leaderboard(history, q % 2 ? 'all' : 'week', now, 'Asia/Shanghai', userId('bench', 'm1'));
      times.push(performance.now() - t0);
      if (board.rows.length === 0 && q % 2) throw new Error('empty leaderboard');
    }
    lines.push(`  leaderboard (load the channel's answers + score + rank), 1,000 queries over random channels: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`);
    await big.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

/** A round open in each of `count` channels, with the right answer to each (the answer benchmarks' set-up). */
export async function openRounds(runtime: Runtime, cards: readonly Card[], count: number): Promise<{ channel: ConversationId; roundId: string; answer: string }[]> {
  const rounds: { channel: ConversationId; roundId: string; answer: string }[] = [];
  for (let c = 0; c < count; c++) {
    const channel = conversationId('bench', 'g', `answers${c}`);
    const [question] = await runtime.engine.post(channel);
    if (question?.kind !== 'question') throw new Error('no round posted');
    const quiz = cards.find((card) => card.id === question.round.cardId)!.quiz;
    rounds.push({ channel, roundId: question.round.roundId, answer: quiz.type === 'choice' ? quiz.correct : String(quiz.value) });
  }
  return rounds;
}

/** Bulk-inserts the big store straight through SQLite (setup only; the measured path is the app's). */
export function fillStore(path: string, cardIds: string[]): void {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const conv = db.prepare('insert into conversations (id, lang, time_zone, deadline_hours, topics, created_at) values (?, null, ?, 8, null, 0)');
  const round = db.prepare('insert into rounds (id, conversation_id, card_id, seq, posted_at, closes_at, closed_at, revealed_at, message_ref, late) values (?, ?, ?, ?, ?, ?, ?, ?, null, 0)');
  const answer = db.prepare('insert into answers (round_id, user_id, conversation_id, user_name, answer, correct, answered_at) values (?, ?, ?, ?, ?, ?, ?)');
  const day = 86_400_000;
  const first = Date.parse('2027-01-12T01:00:00Z');
  db.transaction(() => {
    let member = 0;
    for (let c = 0; c < 10_000; c++) {
      const id = `bench:g:c${c}`;
      conv.run(id, 'Asia/Shanghai');
      for (let r = 0; r < 20; r++) {
        const roundId = `r${c}-${r}`;
        const posted = first + r * day;
        round.run(roundId, id, cardIds[(c + r) % cardIds.length], r + 1, posted, posted + 8 * 3_600_000, posted + 8 * 3_600_000, posted + 8 * 3_600_000);
        for (let a = 0; a < 5; a++) {
          // Each channel has a stable group of about 10 members out of the 100,000.
          const m = (c * 10 + ((r + a * 3) % 10)) % 100_000;
          answer.run(roundId, `bench:m${m}`, id, `m${m}`, 'A', (m + r) % 3 === 0 ? 0 : 1, posted + a * 60_000 + (member++ % 1000));
        }
      }
    }
  })();
  db.close();
}
