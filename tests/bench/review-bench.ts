import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { MemberId } from '../../src/core/member.ts';
import { DEFAULT_PACK_DIR, loadBank, packFilesIn } from '../../src/questions/bank.ts';
import { review } from '../../src/review/fsrs.ts';
import { MemoryBook } from '../../src/review/memory.ts';
import { ReviewQueue } from '../../src/review/queue.ts';
import { openDatabase } from '../../src/store/db.ts';
import { MemoryRepo } from '../../src/store/memory-repo.ts';
import { percentile } from './stats.ts';

const MEMBERS = 10_000;
const PER_MEMBER = 100;
const DAY = 86_400_000;
const NOW = Date.parse('2027-03-01T12:00:00Z');

/**
 * Review figures over 1,000,000 stored card states (10,000 members × 100 cards): choosing a member's
 * next card (the queue's whole path), and recording a review (read, FSRS, compare-and-set write + log).
 */
export async function benchReview(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'studybot-review-bench-'));
  const lines: string[] = [];
  try {
    const cards = loadBank(packFilesIn(DEFAULT_PACK_DIR)).cards;
    const path = join(dir, 'review.db');
    const db = await openDatabase(`sqlite:${path}`); // the app's migrations, indexes included
    const t0 = performance.now();
    fillStates(path, cards.map((c) => c.id));
    lines.push(`review: store filled with ${(MEMBERS * PER_MEMBER).toLocaleString('en-US')} card states (${MEMBERS.toLocaleString('en-US')} members × ${PER_MEMBER} cards) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const repo = new MemoryRepo(db.kysely, db.dialect);
    const queue = new ReviewQueue(repo, cards);
    const book = new MemoryBook(repo);
    const member = (i: number) => `bench:g:m${(i * 7919) % MEMBERS}` as MemberId;

    const plan = new SQLite(path, { readonly: true })
      .prepare("explain query plan select * from card_states where member_id = ? and due <= ? order by due, card_id limit 1")
      .all('bench:g:m1', NOW) as { detail: string }[];
    lines.push(`  most-overdue query plan: ${plan.map((p) => p.detail).join('; ')}`);

    for (const [label, topics] of [['all topics', null], ['/review topics cnn', ['cnn']]] as const) {
      const times: number[] = [];
      for (let i = 0; i < 300; i++) await queue.next(member(i), topics, true, NOW); // warm-up
      global.gc?.();
      for (let i = 0; i < 5_000; i++) {
        const start = performance.now();
        const next = await queue.next(member(i + 300), topics, true, NOW);
        times.push(performance.now() - start);
        if (next.kind === 'empty' && topics === null) throw new Error('no card chosen');
      }
      lines.push(`  choose a member's next card (${label}), 5,000 random members: p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms`);
    }

    const n = 10_000;
    global.gc?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      await book.grade(member(i), cards[(i * 31) % PER_MEMBER]!.id, i % 5 === 0 ? 'again' : 'good', 'review', NOW + i);
    }
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    // The machine is shared: the CPU-time rate is what one idle core sustains, the wall-clock rate what this run got.
    lines.push(
      `  record a review (read state + FSRS + compare-and-set write + log row, one transaction), ${n.toLocaleString('en-US')} sequential: ${Math.round(n / seconds).toLocaleString('en-US')} reviews/s wall clock, ${Math.round(n / cpuSeconds).toLocaleString('en-US')} reviews per CPU-second (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
    );
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

/** Bulk-inserts card states straight through SQLite (setup only; the measured paths are the app's). */
function fillStates(path: string, cardIds: string[]): void {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'insert into card_states (member_id, card_id, phase, stability, difficulty, due, reps, lapses, last_review, scheduled_days, learning_steps) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Realistic states: a few reviews each, last review spread over the past 60 days.
  db.transaction(() => {
    for (let m = 0; m < MEMBERS; m++) {
      for (let c = 0; c < PER_MEMBER; c++) {
        const at = NOW - (((m * 131 + c * 17) % 60) + 1) * DAY;
        let state = review(null, 'good', at);
        state = review(state, (m + c) % 4 === 0 ? 'again' : 'good', state.due);
        insert.run(`bench:g:m${m}`, cardIds[(m + c) % cardIds.length], state.phase, state.stability, state.difficulty, state.due, state.reps, state.lapses, state.lastReview, state.scheduledDays, state.learningSteps);
      }
    }
  })();
  db.close();
}
