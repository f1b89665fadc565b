import { conversationId, userId, type Reply } from '../../src/core/types.ts';
import { imageForReply } from '../../src/images/reply-image.ts';
import { cpus, loadavg } from 'node:os';
import { percentile } from './stats.ts';

const conversation = conversationId('bench', 'g', 'c');
const NAMES = ['小明🚀', 'Ωmega-李四-Müller', 'alice', '超长的中文名字'.repeat(6), 'Bob the builder of very long names', '👩‍💻 dev', 'carol', '王五', 'dave', 'erin'];

/** The worst case of each drawable kind: a full board with the caller's row, full stats, a spread. */
function samples(): Record<string, Reply> {
  const base = { lang: 'both' as const, visibility: 'public' as const, conversation };
  const row = (rank: number) => ({ rank, userId: userId('bench', `u${rank}`), name: NAMES[(rank - 1) % NAMES.length]!, points: 1000 - rank * 7, correct: 90, answered: 120 });
  return {
    leaderboard: { ...base, kind: 'leaderboard', period: 'week', rows: Array.from({ length: 10 }, (_, i) => row(i + 1)), me: row(42) },
    stats: {
      ...base,
      kind: 'stats',
      stats: {
        userId: userId('bench', 'u'), name: NAMES[0]!, answered: 120, correct: 80, accuracy: 2 / 3, points: 999, currentStreak: 3, bestStreak: 12,
        strongestTopics: ['cnn', 'optimization'], weakestTopics: ['rnn', 'attention'],
        recent: Array.from({ length: 30 }, (_, i) => i % 3 !== 0),
        topics: Array.from({ length: 8 }, (_, i) => ({ topic: `topic-${i}`, answered: 12 - i, correct: 6 })),
      },
    },
    'reveal (A–D)': {
      ...base, kind: 'reveal', round: {} as never, correctAnswer: { zh: 'B', en: 'B' }, explanation: { zh: '', en: '' }, answered: 40, correctCount: 22, firstCorrect: null, winners: [],
      tally: { kind: 'choice', counts: { A: 5, B: 22, C: 9, D: 4 }, correct: 'B' },
    },
    'reveal (numeric)': {
      ...base, kind: 'reveal', round: {} as never, correctAnswer: { zh: '25.6', en: '25.6' }, explanation: { zh: '', en: '' }, answered: 40, correctCount: 22, firstCorrect: null, winners: [],
      tally: { kind: 'numeric', values: Array.from({ length: 40 }, (_, i) => 20 + (i % 13)), correct: 25.6, tolerance: 1 },
    },
  };
}

/** Render time (draw + PNG encode) p50/p99 per image kind, after a warm-up (fonts load once per process). */
export async function benchImages(runs = 200): Promise<string[]> {
  const lines = [`images: draw + PNG encode, ${runs} renders each after 10 warm-up renders, 720 px wide, lang both (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`];
  for (const [kind, reply] of Object.entries(samples())) {
    for (let i = 0; i < 10; i++) await imageForReply(reply);
    const times: number[] = [];
    let bytes = 0;
    // CPU time of the process (all threads, the encoder's included): a figure a busy machine inflates less than wall time.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      bytes = (await imageForReply(reply))!.png.length;
      times.push(performance.now() - t0);
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
    lines.push(`  ${kind.padEnd(17)} p50 ${percentile(times, 50).toFixed(1)} ms · p99 ${percentile(times, 99).toFixed(1)} ms · CPU ${cpuMs.toFixed(1)} ms/render · ${(bytes / 1024).toFixed(0)} KiB`);
  }
  return lines;
}
