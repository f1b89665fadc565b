import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/core/plain-text.ts';
import { only, say, testRuntime } from '../helpers/runtime.ts';

let t: Awaited<ReturnType<typeof testRuntime>>;
beforeAll(async () => (t = await testRuntime()));
afterAll(() => t.cleanup());

describe('the core bot, through its neutral interface', () => {
  it('/ask finds a card with alternatives', async () => {
    const reply = only(await say(t.runtime, '/ask dropout'), 'card');
    expect(reply.card.id).toBe('dropout');
    expect(reply.visibility).toBe('public');
    expect(renderPlainText(reply)).toContain('dropout');
  });

  it('/ask with no query gives usage help, privately', async () => {
    const reply = only(await say(t.runtime, '/ask   '), 'error');
    expect(reply.text.en).toMatch(/Usage: \/ask/);
    expect(reply.visibility).toBe('private');
  });

  it('/ask with an over-long query gives a clear error', async () => {
    const reply = only(await say(t.runtime, `/ask ${'梯度'.repeat(251)}`), 'error');
    expect(reply.text.en).toMatch(/too long \(502 characters\)/);
  });

  it('/ask with nonsense offers nothing, or suggestions, never a confident card', async () => {
    const replies = await say(t.runtime, '/ask qwxz plmk');
    expect(replies.every((r) => r.kind !== 'card')).toBe(true);
  });

  it('/show finds by id and explains unknown ids', async () => {
    expect(only(await say(t.runtime, '/show l1-vs-l2'), 'card').card.id).toBe('l1-vs-l2');
    expect(only(await say(t.runtime, '/show nope'), 'error').text.en).toContain('"nope"');
  });

  it('unknown and empty commands explain themselves', async () => {
    expect(only(await say(t.runtime, '/frobnicate'), 'error').text.zh).toContain('frobnicate');
    expect(only(await say(t.runtime, '   '), 'error').text.en).toMatch(/Type a command/);
  });

  it('/help lists every command in both languages', async () => {
    const reply = only(await say(t.runtime, '/help'), 'text');
    for (const cmd of ['/ask', '/quiz', '/leaderboard', '/stats', '/schedule', '/lang']) {
      expect(reply.text.en).toContain(cmd);
      expect(reply.text.zh).toContain(cmd);
    }
  });

  it('/lang is remembered per conversation and validated', async () => {
    expect(only(await say(t.runtime, '/lang zh'), 'text').lang).toBe('zh');
    expect((await say(t.runtime, '/help'))[0]!.lang).toBe('zh');
    expect(only(await say(t.runtime, '/lang klingon'), 'error').text.en).toContain('Usage: /lang');
    await say(t.runtime, '/lang en');
  });
});
