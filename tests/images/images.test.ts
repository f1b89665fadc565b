import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { conversationId, userId, type LeaderboardRow, type Reply, type ReplyBody } from '../../src/core/types.ts';
import { fit } from '../../src/images/draw.ts';
import { ensureFonts, font } from '../../src/images/fonts.ts';
import { hasImage, imageForReply } from '../../src/images/reply-image.ts';

// The images: every drawable kind renders a PNG of the fixed width; text is always cut to its
// column (never across the scores), at a grapheme boundary.

const conversation = conversationId('test', 'g', 'c');
const reply = (body: ReplyBody, lang: Reply['lang'] = 'both'): Reply => ({ ...body, lang, visibility: 'public', conversation }) as Reply;
const NAMES = ['小明🚀', 'Ωmega-李四-Müller', '👨‍👩‍👧‍👦'.repeat(30), `超长的中文名字${'字'.repeat(80)}`, 'x'.repeat(300), 'اسم عربي مع English', '\u202eevil\u0007'];
const row = (rank: number): LeaderboardRow => ({ rank, userId: userId('test', `u${rank}`), name: NAMES[rank % NAMES.length]!, points: 1000 - rank * 7, correct: 99, answered: 120 });

/** Width and height from the PNG header. */
function size(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const stats = {
  userId: userId('test', 'u'), name: NAMES[2]!, answered: 120, correct: 80, accuracy: 2 / 3, points: 999, currentStreak: 3, bestStreak: 12,
  strongestTopics: ['cnn', 'optimization'], weakestTopics: ['rnn'],
  recent: Array.from({ length: 30 }, (_, i) => i % 3 !== 0),
  topics: Array.from({ length: 12 }, (_, i) => ({ topic: i === 0 ? 'a-very-long-topic-name-that-goes-on-and-on' : `topic-${i}`, answered: 12 - i, correct: Math.floor((12 - i) / 2) })),
};

describe('reply images', () => {
  it('only leaderboard, stats and reveal have images', async () => {
    expect(['leaderboard', 'stats', 'reveal'].every((k) => hasImage(k as never))).toBe(true);
    expect(hasImage('text')).toBe(false);
    expect(await imageForReply(reply({ kind: 'text', text: { zh: '好', en: 'ok' } }))).toBeNull();
  });

  it.each(['zh', 'en', 'both'] as const)('a 10-row leaderboard plus the caller (%s) is one 720 px image, taller than 10 rows', async (lang) => {
    const image = (await imageForReply(reply({ kind: 'leaderboard', period: 'week', rows: Array.from({ length: 10 }, (_, i) => row(i + 1)), me: row(4242) }, lang)))!;
    expect(image.name).toBe('leaderboard.png');
    const { width, height } = size(image.png);
    expect(width).toBe(720);
    expect(height).toBeGreaterThan(11 * 40);
    expect(height).toBeLessThan(900);
  });

  it('an empty leaderboard still draws', async () => {
    expect(size((await imageForReply(reply({ kind: 'leaderboard', period: 'all', rows: [], me: null })))!.png).width).toBe(720);
  });

  it('stats draw every row, the last-30 chart and the topic bars; more rows make a taller image', async () => {
    const full = size((await imageForReply(reply({ kind: 'stats', stats })))!.png);
    const bare = size((await imageForReply(reply({ kind: 'stats', stats: { ...stats, recent: [], topics: [] } })))!.png);
    expect(full.width).toBe(720);
    expect(full.height).toBeGreaterThan(bare.height + 200);
  });

  it('the reveal draws A–D counts, or the spread of numeric answers; without a tally there is no image', async () => {
    const base = { kind: 'reveal' as const, round: {} as never, correctAnswer: { zh: 'B', en: 'B' }, explanation: { zh: '', en: '' }, answered: 7, correctCount: 4, firstCorrect: null, winners: [] as string[] };
    expect((await imageForReply(reply({ ...base, tally: { kind: 'choice', counts: { A: 1, B: 4, C: 2, D: 0 }, correct: 'B' } })))!.name).toBe('reveal.png');
    const spread = (await imageForReply(reply({ ...base, tally: { kind: 'numeric', values: [25, 25.5, 26, 11, 60, 1e9, -3], correct: 25.6, tolerance: 1 } })))!;
    expect(size(spread.png).width).toBe(720);
    expect(await imageForReply(reply({ ...base, tally: { kind: 'numeric', values: [], correct: 0, tolerance: 0 } }))).not.toBeNull();
    expect(await imageForReply(reply(base))).toBeNull();
  });
});

describe('fit(): text never overflows its column', () => {
  ensureFonts();
  const ctx = createCanvas(10, 10).getContext('2d');
  ctx.font = font(20);

  it.each(NAMES.map((n) => [n.slice(0, 20), n] as const))('%s fits 200 px', (_short, name) => {
    const shown = fit(ctx, name, 200);
    expect(ctx.measureText(shown).width).toBeLessThanOrEqual(200);
    expect(shown.length).toBeGreaterThan(0);
  });

  it('cuts between graphemes: an emoji family is never split', () => {
    const family = '👨‍👩‍👧‍👦';
    const shown = fit(ctx, family.repeat(40), 150);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.slice(0, -1).split(family).every((part) => part === '')).toBe(true);
  });

  it('leaves text that fits unchanged', () => {
    expect(fit(ctx, '小明 alice', 400)).toBe('小明 alice');
  });
});
