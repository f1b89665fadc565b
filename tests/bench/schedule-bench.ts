import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import type { Adapter } from '../../src/core/adapter.ts';
import { conversationId, type Reply } from '../../src/core/types.ts';
import { DEFAULT_PACK_DIR, loadBank, packFilesIn } from '../../src/questions/bank.ts';
import { SearchIndex } from '../../src/questions/search.ts';
import { createRuntime } from '../../src/runtime.ts';

/** A fake platform that accepts at most `perSecond` posts a second (a token bucket), or any number when 0. */
class RateLimitedAdapter implements Adapter {
  readonly platform = 'bench';
  readonly posts = new Map<string, number>();
  #tokens: number;
  #last = performance.now();
  constructor(private readonly perSecond: number) {
    this.#tokens = perSecond;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async deliver(reply: Reply): Promise<string | null> {
    while (this.perSecond > 0) {
      const now = performance.now();
      this.#tokens = Math.min(this.perSecond, this.#tokens + ((now - this.#last) / 1000) * this.perSecond);
      this.#last = now;
      if (this.#tokens >= 1) break;
      await new Promise((resolve) => setTimeout(resolve, ((1 - this.#tokens) / this.perSecond) * 1000));
    }
    if (this.perSecond > 0) this.#tokens -= 1;
    if (reply.kind !== 'question') return null;
    this.posts.set(reply.conversation, (this.posts.get(reply.conversation) ?? 0) + 1);
    return `m-${reply.round.roundId}`;
  }
}

/**
 * 10,000 channels due in the same minute: time from the slot to the last post, peak memory, and
 * that every channel got exactly one post. Runs with the platform limit (50 posts/s, Discord's
 * global limit: a 200 s floor) and without it (the scheduler's own dispatch overhead).
 */
export async function benchSchedule(channels = 10_000, limits = [0, 50]): Promise<string[]> {
  const lines = [`schedule: ${channels.toLocaleString('en-US')} channels due in the same minute (waits for the next minute boundary)`];
  const cards = loadBank(packFilesIn(DEFAULT_PACK_DIR)).cards;
  for (const perSecond of limits) {
    const dir = mkdtempSync(join(tmpdir(), 'studybot-bench-'));
    try {
      const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, LOG_LEVEL: 'silent', SCHEDULER_CONCURRENCY: '16' });
      const runtime = await createRuntime({ config, log: pino({ level: 'silent' }), search: new SearchIndex(cards), cards, sweepMs: 0, seed: 'bench' });
      const adapter = new RateLimitedAdapter(perSecond);
      runtime.adapters.push(adapter);
      const now = Date.now();
      const slot = new Date(Math.ceil((now + 15_000) / 60_000) * 60_000);
      const cron = `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
      await runtime.store.db.kysely.transaction().execute(async (trx) => {
        for (let c = 0; c < channels; c++) {
          const id = conversationId('bench', 'g', `c${c}`);
          await trx.insertInto('conversations').values({ id, lang: 'en', time_zone: 'UTC', deadline_hours: 8, topics: null, created_at: now }).execute();
          await trx
            .insertInto('schedules')
            .values({ conversation_id: id, cron, time_zone: 'UTC', label: 'daily', enabled: 1, weekly_leaderboard: 0, consecutive_failures: 0, paused_reason: null, next_slot_at: slot.getTime(), updated_at: now })
            .execute();
        }
      });
      await runtime.scheduler.start();
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      await new Promise((resolve) => setTimeout(resolve, slot.getTime() - Date.now() + 1_000));
      await runtime.scheduler.idle();
      while (runtime.scheduler.backlog > 0 || adapter.posts.size < channels) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        if (Date.now() - slot.getTime() > 900_000) break;
        await runtime.scheduler.idle();
      }
      const finished = Date.now();
      clearInterval(sampler);
      const twice = [...adapter.posts.values()].filter((n) => n > 1).length;
      const slots = await runtime.store.db.kysely.selectFrom('schedule_slots').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'posted').executeTakeFirstOrThrow();
      lines.push(
        `  ${perSecond ? `${perSecond} posts/s limit` : 'no platform limit'}: last post ${((finished - slot.getTime()) / 1000).toFixed(1)} s after the slot, ` +
          `peak RSS ${(peak / 1048576).toFixed(0)} MiB, ${adapter.posts.size.toLocaleString('en-US')} channels posted, ${twice} twice, ${channels - adapter.posts.size} lost, ${Number(slots.n).toLocaleString('en-US')} slots recorded posted`,
      );
      await runtime.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return lines;
}
