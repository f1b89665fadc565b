import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import { testDatabase, type TestDatabase } from '../helpers/databases.ts';
import { killAll, spawnTsx, type GroupChild } from '../helpers/spawn.ts';

/**
 * The fleet: 3 spawned processes on one store (SQLite file or PostgreSQL), 1,000 channels due in
 * the same minute. Every channel must be posted exactly once; with one process SIGKILLed
 * mid-fan-out, every slot it had claimed but not posted is posted by another process after the
 * lease. Figures go to stdout for the README (posted counts, recovery time, double posts).
 */
const CHANNELS = 1_000;
// Well above the longest a live process takes to post one slot on a loaded 2-core machine (SQLite
// lock waits included), so that only the killed process's claims expire; production default 60 s.
const LEASE_SECONDS = 8;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  killAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Post {
  conversation: string;
  process: string;
  at: number;
}

async function startSink(delayMs: number): Promise<{ url: string; posts: Post[] }> {
  const posts: Post[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      // The platform takes a moment to accept, as Discord does: posts are in flight when a process dies.
      setTimeout(() => {
        const { conversation, process } = JSON.parse(body) as Post;
        posts.push({ conversation, process, at: Date.now() });
        res.writeHead(200).end('{}');
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  server.unref();
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/post`, posts };
}

/** 1,000 channels with a daily question at the current minute (the slot every process is due for). */
async function seed(db: TestDatabase): Promise<number> {
  const now = Date.now();
  const slot = Math.floor(now / 60_000) * 60_000;
  const at = new Date(slot);
  const store = await openDatabase(db.url);
  try {
    const ids = Array.from({ length: CHANNELS }, (_, i) => `fleet:g:c${i}`);
    for (let i = 0; i < ids.length; i += 250) {
      const chunk = ids.slice(i, i + 250);
      await store.kysely.insertInto('conversations').values(chunk.map((id) => ({ id, lang: 'en', time_zone: 'UTC', deadline_hours: 8, topics: null, created_at: now }))).execute();
      await store.kysely
        .insertInto('schedules')
        .values(chunk.map((id) => ({ conversation_id: id, cron: `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`, time_zone: 'UTC', label: 'daily', enabled: 1, weekly_leaderboard: 0, consecutive_failures: 0, paused_reason: null, next_slot_at: slot, updated_at: now })))
        .execute();
    }
  } finally {
    await store.close();
  }
  return slot;
}

async function fleet(dialect: DialectName, options: { killAfter?: number }) {
  const db = await testDatabase(dialect);
  cleanups.push(() => db.cleanup());
  await seed(db);
  const sink = await startSink(15);
  const dir = mkdtempSync(join(tmpdir(), 'studybot-fleet-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const go = join(dir, 'go');
  const ready = new Set<string>();
  const outcomes: { process: string; line: string; at: number }[] = [];
  const children: GroupChild[] = ['p0', 'p1', 'p2'].map((name) =>
    spawnTsx('tests/fleet/fixtures/fleet-node.ts', [db.url, sink.url, name, go, String(LEASE_SECONDS)], {
      onStdout: (line) => (line === 'ready' ? ready.add(name) : outcomes.push({ process: name, line, at: Date.now() })),
    }),
  );
  const waitFor = async (what: string, check: () => boolean, ms = 90_000) => {
    const until = Date.now() + ms;
    while (!check()) {
      const dead = children.find((c) => c.child.exitCode !== null && c !== victim);
      if (dead) throw new Error(`a fleet process exited: ${dead.stderr()}`);
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; ${new Set(sink.posts.map((p) => p.conversation)).size} channels posted`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  let victim: GroupChild | undefined;
  await waitFor('3 ready processes', () => ready.size === 3);
  writeFileSync(go, '');
  const started = Date.now();
  let killedAt = 0;
  if (options.killAfter !== undefined) {
    await waitFor('p0 to post', () => sink.posts.filter((p) => p.process === 'p0').length >= options.killAfter!);
    victim = children[0]!;
    victim.kill('SIGKILL');
    killedAt = Date.now();
  }
  const distinct = () => new Set(sink.posts.map((p) => p.conversation)).size;
  await waitFor('every channel to be posted', () => distinct() === CHANNELS);
  // Done only when every slot is recorded as posted: a slot the dead process sent but never recorded
  // is still claimed until its lease runs out and another process takes it over.
  const store = await openDatabase(db.url);
  cleanups.push(() => store.close());
  let recorded = 0;
  const poll = setInterval(() => {
    void store.kysely.selectFrom('schedule_slots').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'posted').executeTakeFirstOrThrow().then((r) => (recorded = Number(r.n)), () => {});
  }, 100);
  try {
    await waitFor('every slot to be recorded as posted', () => recorded === CHANNELS);
  } finally {
    clearInterval(poll);
  }
  // Let anything still in flight land (a takeover after a kill, a stray second post), so a double post would show.
  await new Promise((r) => setTimeout(r, killedAt ? 2_000 : 500));
  const byChannel = new Map<string, Post[]>();
  for (const p of sink.posts) byChannel.set(p.conversation, [...(byChannel.get(p.conversation) ?? []), p]);
  const twice = [...byChannel.values()].filter((list) => list.length > 1);
  const recordMs = outcomes.filter((o) => o.line.startsWith('posted ')).map((o) => Number(o.line.split(' ')[2]));
  recordMs.sort((a, b) => a - b);
  const takenOver = outcomes.filter((o) => o.line.startsWith('taken-over '));
  const lastPost = Math.max(...sink.posts.map((p) => p.at));
  const figures = {
    dialect,
    channels: CHANNELS,
    posts: sink.posts.length,
    postedOnce: [...byChannel.values()].filter((l) => l.length === 1).length,
    postedTwice: twice.length,
    perProcess: Object.fromEntries(['p0', 'p1', 'p2'].map((n) => [n, sink.posts.filter((p) => p.process === n).length])),
    fanOutMs: lastPost - started,
    takenOver: takenOver.length,
    recoveryMs: killedAt ? lastPost - killedAt : null,
    recordWindowMs: { median: recordMs[Math.floor(recordMs.length / 2)], p99: recordMs[Math.floor(recordMs.length * 0.99)], max: recordMs.at(-1) },
  };
  console.log(`fleet figures: ${JSON.stringify(figures)}`);
  for (const c of children) c.kill('SIGKILL');
  return { figures, twice, byChannel, takenOver, killedAt };
}

describe.each(['sqlite', 'postgres'] as const)('fleet of 3 processes on %s', (dialect) => {
  it('1,000 channels due in the same minute: every channel posted exactly once', { timeout: 120_000 }, async () => {
    const { figures } = await fleet(dialect, {});
    expect(figures.postedOnce).toBe(CHANNELS);
    expect(figures.postedTwice).toBe(0);
    expect(figures.posts).toBe(CHANNELS);
  });

  it('one process SIGKILLed mid-fan-out: its claimed slots are posted by the others after the lease', { timeout: 120_000 }, async () => {
    const { figures, twice, takenOver } = await fleet(dialect, { killAfter: 60 });
    // Every channel got its question; only slots the dead process had in flight could go out twice.
    expect(new Set([...Array(CHANNELS).keys()].map((i) => `fleet:g:c${i}`)).size).toBe(CHANNELS);
    expect(figures.postedOnce + figures.postedTwice).toBe(CHANNELS);
    expect(figures.takenOver).toBeGreaterThan(0);
    expect(figures.takenOver).toBeLessThanOrEqual(8); // at most its concurrency was in flight
    for (const list of twice) {
      expect(list).toHaveLength(2);
      expect(list[0]!.process).toBe('p0'); // posted by the dead process, not yet recorded
      expect(takenOver.some((t) => t.line.includes(list[0]!.conversation))).toBe(true);
    }
    // Taken over within the lease plus one sweep interval (and the post itself), not minutes later.
    expect(figures.recoveryMs).toBeLessThan((LEASE_SECONDS * 4 / 3 + 10) * 1000);
  });
});
