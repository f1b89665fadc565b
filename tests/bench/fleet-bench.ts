import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { conversationId, userId } from '../../src/core/types.ts';
import { DEFAULT_PACK_DIR, loadBank, packFilesIn } from '../../src/questions/bank.ts';
import type { Card } from '../../src/questions/schema.ts';
import { SearchIndex } from '../../src/questions/search.ts';
import { loadHistory } from '../../src/quiz/history.ts';
import { leaderboard } from '../../src/quiz/leaderboard.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { openDatabase } from '../../src/store/db.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.ts';
import { killAll, spawnTsx } from '../helpers/spawn.ts';
import { fillStore, openRounds } from './quiz-bench.ts';
import { machineBusyMs, percentile } from './stats.ts';

/**
 * The store on both dialects in one run: answers recorded per second, leaderboard latency at
 * 1,000,000 answers, and 3 processes fanning out 10,000 channels through a platform that takes
 * 50 posts/s in all (Discord's global limit: a 200 s floor). PostgreSQL is the embedded server the
 * tests use (fsync off: a throw-away cluster), on this machine.
 */
export async function benchFleet(parts: Set<string>): Promise<string[]> {
  const lines: string[] = [];
  const server = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'studybot-bench-'));
  let n = 0;
  const database = async (dialect: DialectName): Promise<string> => {
    if (dialect === 'sqlite') return `sqlite:${join(dir, `bench-${++n}.db`)}`;
    const name = `bench_${++n}`;
    const admin = await openDatabase(server.url, { migrate: false });
    await sql.raw(`create database ${name}`).execute(admin.kysely);
    await admin.close();
    return server.url.replace(/\/postgres$/, `/${name}`);
  };
  try {
    const cards = loadBank(packFilesIn(DEFAULT_PACK_DIR)).cards;
    for (const dialect of ['sqlite', 'postgres'] as const) {
      if (parts.has('answers')) lines.push(...(await benchAnswers(dialect, await database(dialect), cards)));
      if (parts.has('leaderboard')) lines.push(await benchLeaderboard(dialect, await database(dialect), cards));
      if (parts.has('fanout')) lines.push(await benchFanout(dialect, await database(dialect), dir));
    }
  } finally {
    killAll();
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
  return lines;
}

async function runtimeOn(url: string, cards: Card[]): Promise<Runtime> {
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATABASE_POOL_SIZE: '16' });
  return createRuntime({ config, log: pino({ level: 'silent' }), search: new SearchIndex(cards), cards, sweepMs: 0, seed: 'bench' });
}

/**
 * The whole answer path (find the round, grade, record while the round is open, update the
 * member's memory, count), one process, at 1, 32 and 128 answers in flight: answers per second
 * and each answer's latency. Answers in flight share transactions (group commit), so throughput
 * grows with them until the database is busy.
 */
async function benchAnswers(dialect: DialectName, url: string, cards: Card[]): Promise<string[]> {
  const runtime = await runtimeOn(url, cards);
  const rounds = await openRounds(runtime, cards, 200);
  const out: string[] = [];
  for (const inFlight of [1, 32, 128]) {
    const members = 50;
    const jobs: (() => Promise<void>)[] = [];
    const latencies: number[] = [];
    for (let m = 0; m < members; m++) {
      for (const r of rounds) {
        jobs.push(async () => {
          const who = `m${inFlight}-${m}`;
          const t0 = performance.now();
          const replies = await runtime.engine.answer(r.channel, { id: userId('bench', who), name: who, isAdmin: false }, r.answer, r.roundId);
          latencies.push(performance.now() - t0);
          if (replies[0]?.kind !== 'verdict' || replies[0].repeated) throw new Error('answer not recorded');
        });
      }
    }
    const start = performance.now();
    const busyBefore = machineBusyMs();
    let next = 0;
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }));
    const perSecond = jobs.length / ((performance.now() - start) / 1000);
    const busyAfter = machineBusyMs();
    const cpu = busyBefore === null || busyAfter === null ? '' : `, ${Math.round(((busyAfter - busyBefore) * 1000) / jobs.length)} µs CPU per answer (bot + database)`;
    out.push(
      `${dialect}: answers recorded (with memory), ${jobs.length.toLocaleString('en-US')} over 200 rounds, ${inFlight === 1 ? 'one at a time' : `${inFlight} in flight`}: ` +
        `${Math.round(perSecond).toLocaleString('en-US')} answers/s, latency p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms${cpu}`,
    );
  }
  await runtime.close();
  return out;
}

/** 1,000,000 answers (10,000 channels × 20 rounds × 5), then 1,000 leaderboards of random channels. */
async function benchLeaderboard(dialect: DialectName, url: string, cards: Card[]): Promise<string> {
  const runtime = await runtimeOn(url, cards);
  const fill = performance.now();
  if (dialect === 'sqlite') fillStore(url.slice('sqlite:'.length), cards.map((c) => c.id));
  else await fillPostgres(runtime, cards.map((c) => c.id));
  const filled = (performance.now() - fill) / 1000;
  const now = new Date('2027-02-01T12:00:00Z');
  const times: number[] = [];
  for (let q = 0; q < 1000; q++) {
    const channel = conversationId('bench', 'g', `c${(q * 7919) % 10_000}`);
    const t0 = performance.now();
    const board = leaderboard(await loadHistory(runtime.store, channel), q % 2 ? 'all' : 'week', now, 'Asia/Shanghai', userId('bench', 'm1'));
    times.push(performance.now() - t0);
    if (board.rows.length === 0 && q % 2) throw new Error('empty leaderboard');
  }
  await runtime.close();
  return `${dialect}: leaderboard over 1,000,000 answers (filled in ${filled.toFixed(1)} s), 1,000 random channels: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`;
}

/** The same rows as {@link fillStore}, generated inside PostgreSQL (setup only; the measured path is the app's). */
async function fillPostgres(runtime: Runtime, cardIds: string[]): Promise<void> {
  const db = runtime.store.db.kysely;
  const first = Date.parse('2027-01-12T01:00:00Z');
  const ids = sql.raw(`array[${cardIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(',')}]`);
  await sql`insert into conversations (id, lang, time_zone, deadline_hours, topics, created_at) select 'bench:g:c' || c, null, 'Asia/Shanghai', 8, null, 0 from generate_series(0, 9999) c`.execute(db);
  await sql`insert into rounds (id, conversation_id, card_id, seq, posted_at, closes_at, closed_at, revealed_at, message_ref, late)
    select 'r' || c || '-' || r, 'bench:g:c' || c, (${ids})[((c + r) % ${cardIds.length}) + 1], r + 1, ${first}::bigint + r * 86400000::bigint,
           ${first}::bigint + r * 86400000::bigint + 28800000, ${first}::bigint + r * 86400000::bigint + 28800000, ${first}::bigint + r * 86400000::bigint + 28800000, null, 0
    from generate_series(0, 9999) c, generate_series(0, 19) r`.execute(db);
  await sql`insert into answers (round_id, user_id, conversation_id, user_name, answer, correct, answered_at)
    select 'r' || c || '-' || r, 'bench:m' || m, 'bench:g:c' || c, 'm' || m, 'A', case when (m + r) % 3 = 0 then 0 else 1 end,
           ${first}::bigint + r * 86400000::bigint + a * 60000 + ((c * 100 + r * 5 + a) % 1000)
    from generate_series(0, 9999) c, generate_series(0, 19) r, generate_series(0, 4) a, lateral (select (c * 10 + ((r + a * 3) % 10)) % 100000 as m) mm`.execute(db);
  await sql`analyze`.execute(db);
}

/** 3 processes, 10,000 channels due in the same minute, a platform that accepts 50 posts/s in all. */
async function benchFanout(dialect: DialectName, url: string, dir: string, channels = 10_000, perSecond = 50): Promise<string> {
  const now = Date.now();
  const slot = Math.floor(now / 60_000) * 60_000;
  const at = new Date(slot);
  const seed = await openDatabase(url);
  for (let i = 0; i < channels; i += 500) {
    const ids = Array.from({ length: Math.min(500, channels - i) }, (_, k) => `fleet:g:c${i + k}`);
    await seed.kysely.insertInto('conversations').values(ids.map((id) => ({ id, lang: 'en', time_zone: 'UTC', deadline_hours: 8, topics: null, created_at: now }))).execute();
    await seed.kysely
      .insertInto('schedules')
      .values(ids.map((id) => ({ conversation_id: id, cron: `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`, time_zone: 'UTC', label: 'daily', enabled: 1, weekly_leaderboard: 0, consecutive_failures: 0, paused_reason: null, next_slot_at: slot, updated_at: now })))
      .execute();
  }
  await seed.close();
  // The platform: one post accepted every 1/perSecond s across all processes (first come, first served).
  const posts = new Map<string, number>();
  const queue: (() => void)[] = [];
  let nextFree = 0;
  let last = 0;
  // Slots are 1/perSecond apart on an absolute schedule; a timer that fires early (libuv's loop
  // clock lags performance.now) waits again, so the platform never runs faster than its limit.
  const pump = () => {
    setTimeout(() => {
      if (performance.now() < nextFree) return pump();
      const job = queue.shift();
      if (!job) return;
      nextFree = Math.max(nextFree, performance.now() - 1000 / perSecond) + 1000 / perSecond;
      job();
      if (queue.length > 0) pump();
    }, Math.max(0, Math.ceil(nextFree - performance.now())));
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      queue.push(() => {
        const { conversation } = JSON.parse(body) as { conversation: string };
        posts.set(conversation, (posts.get(conversation) ?? 0) + 1);
        last = Date.now();
        res.writeHead(200).end('{}');
      });
      if (queue.length === 1) pump();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const sink = `http://127.0.0.1:${(server.address() as { port: number }).port}/post`;
  const go = join(dir, `go-${dialect}`);
  let ready = 0;
  const children = ['p0', 'p1', 'p2'].map((name) => spawnTsx('tests/fleet/fixtures/fleet-node.ts', [url, sink, name, go, '60'], { onStdout: (line) => void (line === 'ready' && ready++) }));
  while (ready < 3) await new Promise((r) => setTimeout(r, 50));
  writeFileSync(go, '');
  const started = Date.now();
  while (posts.size < channels && Date.now() - started < 900_000) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 2_000)); // a late double post would show
  for (const c of children) c.kill('SIGKILL');
  server.close();
  const twice = [...posts.values()].filter((k) => k > 1).length;
  const seconds = (last - started) / 1000;
  const floor = channels / perSecond;
  return `${dialect}: 3 processes, ${channels.toLocaleString('en-US')} channels due in the same minute, ${perSecond} posts/s in all: last post ${seconds.toFixed(1)} s after go (floor ${floor} s, +${((seconds / floor - 1) * 100).toFixed(1)}%), ${posts.size.toLocaleString('en-US')} posted, ${channels - posts.size} lost, ${twice} twice`;
}
