import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_TOKEN, FakeDiscord } from '../fakes/discord-fake.ts';
import { makeGuild } from '../adapters/discord/harness.ts';
import { RecordingAdapter } from '../helpers/recording-adapter.ts';
import { CHANNEL, only, say, tempDatabase, testRuntime } from '../helpers/runtime.ts';
import { killAll, spawnNode } from '../helpers/spawn.ts';

const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  killAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function get(port: number, path: string): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

class FlakyAdapter extends RecordingAdapter {
  up = true;
  connected(): boolean {
    return this.up;
  }
}

describe('operations: /healthz and /metrics', { timeout: 40_000 }, () => {
  it('counts commands, answers and scheduled posts; healthz follows the store and the platforms', async () => {
    const t = await testRuntime();
    cleanups.push(() => t.cleanup());
    const adapter = new FlakyAdapter();
    t.runtime.adapters.push(adapter);
    const { port } = await t.runtime.serveOps(0);

    const round = only(await say(t.runtime, '/quiz'), 'question').round;
    const quiz = t.runtime.cards.find((c) => c.id === round.cardId)!.quiz;
    await say(t.runtime, `/answer ${quiz.type === 'choice' ? quiz.correct : quiz.value}`, 'amy');
    await say(t.runtime, `/answer ${quiz.type === 'choice' ? quiz.correct : quiz.value}`, 'amy'); // repeated: not counted again
    await say(t.runtime, '/ask dropout');
    await say(t.runtime, '/schedule set 09:00 UTC', 'admin', { admin: true });
    await t.runtime.store.schedules.update(CHANNEL, { next_slot_at: t.clock.now().getTime() - 60_000 });
    await t.runtime.scheduler.start();
    await t.runtime.scheduler.idle();

    const metrics = await get(port, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain/);
    expect(metrics.body).toContain('studybot_commands_total{command="quiz",platform="test"} 1');
    expect(metrics.body).toContain('studybot_commands_total{command="answer",platform="test"} 2');
    expect(metrics.body).toContain('studybot_commands_total{command="ask",platform="test"} 1');
    expect(metrics.body).toContain('studybot_answers_recorded_total{platform="test"} 1');
    expect(metrics.body).toContain('studybot_scheduled_posts_total{outcome="late",kind="question"} 1');
    expect(metrics.body).toMatch(/studybot_reply_seconds_bucket\{le="0.5",command="ask"\} 1/);
    expect(metrics.body).toMatch(/studybot_process_resident_memory_bytes \d+/);

    expect(await get(port, '/healthz')).toMatchObject({ status: 200, body: JSON.stringify({ status: 'ok', store: 'ok', platforms: { test: 'connected' } }) });
    adapter.up = false;
    expect(await get(port, '/healthz')).toMatchObject({ status: 503, body: JSON.stringify({ status: 'unavailable', store: 'ok', platforms: { test: 'disconnected' } }) });
    adapter.up = true;
    await t.runtime.store.db.close(); // the store stops answering
    const down = await get(port, '/healthz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toMatchObject({ status: 'unavailable', platforms: { test: 'connected' } });
    expect(JSON.parse(down.body).store).not.toBe('ok');
  });

  it('studybot start with METRICS_PORT: healthy while Discord is connected, 503 naming discord once it is gone', async () => {
    const fake = await FakeDiscord.start([makeGuild()]);
    let closed = false;
    cleanups.push(() => (closed ? undefined : fake.close()));
    const db = tempDatabase();
    cleanups.push(() => db.cleanup());
    let port = 0;
    const bot = spawnNode([BIN, 'start'], {
      cwd: db.dir,
      env: { PATH: process.env.PATH ?? '', HOME: db.dir, LOG_LEVEL: 'info', DATABASE_URL: db.url, METRICS_PORT: '0', DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APP_ID: FAKE_APP_ID, DISCORD_API_URL: fake.apiUrl },
    });
    await fake.gateway.whenIdentified(1);
    const until = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await until(async () => {
      port = Number(/"port":(\d+),"msg":"health and metrics/.exec(bot.stderr())?.[1] ?? 0);
      return port > 0 && (await get(port, '/healthz')).status === 200;
    });
    expect(await get(port, '/healthz')).toMatchObject({ status: 200, body: JSON.stringify({ status: 'ok', store: 'ok', platforms: { discord: 'connected' } }) });
    await fake.close();
    closed = true;
    await until(async () => (await get(port, '/healthz')).status === 503);
    expect(await get(port, '/healthz')).toMatchObject({ status: 503, body: JSON.stringify({ status: 'unavailable', store: 'ok', platforms: { discord: 'disconnected' } }) });
    bot.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
  });
});
