import { inline } from '../core/layout.ts';
import { LABELS, revealSummary } from '../core/plain-text.ts';
import type { AnswerTally, Reply } from '../core/types.ts';
import { CHOICE_LETTERS } from '../questions/schema.ts';
import { box, PAD, png, sheet, text, THEME, title, WIDTH, type Sheet } from './draw.ts';

const BAR_ROW = 44;
const HISTOGRAM_H = 180;
const BINS = 12;

/**
 * The reveal as a picture: how many members chose A, B, C and D (the right option in green), or
 * for a numeric card the spread of the numbers given with the right value (and its tolerance)
 * marked. Null when the reply carries no tally.
 */
export function drawReveal(reply: Extract<Reply, { kind: 'reveal' }>): Promise<Buffer> | null {
  const tally = reply.tally;
  if (!tally) return null;
  const bodyH = tally.kind === 'choice' ? CHOICE_LETTERS.length * BAR_ROW : HISTOGRAM_H + 30;
  const s = sheet(PAD + 48 + 36 + bodyH + 40 + PAD);
  let y = title(s.ctx, `✅ ${inline(LABELS.reveal, reply.lang)}`);
  const answer = tally.kind === 'choice' ? tally.correct : `${formatNumber(tally.correct)}${tally.tolerance > 0 ? ` ± ${formatNumber(tally.tolerance)}` : ''}`;
  text(s.ctx, `${inline(LABELS.correctAnswer, reply.lang)}: ${answer}`, PAD, y + 12, { px: 20, color: THEME.good, maxWidth: WIDTH - 2 * PAD });
  y += 36;
  y = tally.kind === 'choice' ? drawChoices(s, tally, y) : drawSpread(s, tally, y);
  text(s.ctx, revealSummary(reply.answered, reply.correctCount, reply.lang), PAD, y + 22, { px: 16, color: THEME.muted, maxWidth: WIDTH - 2 * PAD });
  return png(s);
}

function drawChoices({ ctx }: Sheet, tally: Extract<AnswerTally, { kind: 'choice' }>, top: number): number {
  const total = CHOICE_LETTERS.reduce((n, l) => n + tally.counts[l], 0);
  const most = Math.max(1, ...CHOICE_LETTERS.map((l) => tally.counts[l]));
  const barLeft = PAD + 44;
  const barMax = WIDTH - PAD - barLeft - 120;
  CHOICE_LETTERS.forEach((letter, i) => {
    const mid = top + i * BAR_ROW + BAR_ROW / 2;
    const count = tally.counts[letter];
    const right = letter === tally.correct;
    text(ctx, letter, PAD + 12, mid, { px: 22, color: right ? THEME.good : THEME.text, maxWidth: 30 });
    box(ctx, barLeft, mid - 13, barMax, 26, THEME.panel, 6);
    if (count > 0) box(ctx, barLeft, mid - 13, Math.max(8, (barMax * count) / most), 26, right ? THEME.good : THEME.bar, 6);
    const pct = total === 0 ? 0 : Math.round((100 * count) / total);
    text(ctx, `${count} · ${pct}%`, WIDTH - PAD, mid, { px: 18, color: right ? THEME.good : THEME.muted, maxWidth: 110, align: 'right' });
  });
  return top + CHOICE_LETTERS.length * BAR_ROW;
}

function drawSpread({ ctx }: Sheet, tally: Extract<AnswerTally, { kind: 'numeric' }>, top: number): number {
  const values = tally.values.filter(Number.isFinite);
  const lo = Math.min(tally.correct - tally.tolerance, ...values);
  const hi = Math.max(tally.correct + tally.tolerance, ...values);
  const span = hi - lo || Math.max(1, Math.abs(hi) * 0.1);
  const min = lo - span * 0.05;
  const width = (span * 1.1) / BINS;
  const counts = new Array<number>(BINS).fill(0);
  for (const v of values) counts[Math.min(BINS - 1, Math.max(0, Math.floor((v - min) / width)))]! += 1;
  const most = Math.max(1, ...counts);
  const left = PAD + 10;
  const plotW = WIDTH - 2 * PAD - 20;
  const base = top + HISTOGRAM_H;
  const xOf = (v: number) => left + ((v - min) / (width * BINS)) * plotW;
  box(ctx, PAD, top, WIDTH - 2 * PAD, HISTOGRAM_H + 6, THEME.panel);
  if (tally.tolerance > 0) {
    ctx.fillStyle = 'rgba(87, 242, 135, 0.18)';
    ctx.fillRect(xOf(tally.correct - tally.tolerance), top + 6, Math.max(2, xOf(tally.correct + tally.tolerance) - xOf(tally.correct - tally.tolerance)), HISTOGRAM_H - 6);
  }
  const barW = plotW / BINS;
  counts.forEach((count, i) => {
    if (count === 0) return;
    const h = ((HISTOGRAM_H - 36) * count) / most;
    box(ctx, left + i * barW + 3, base - h, barW - 6, h, THEME.bar, 4);
    text(ctx, String(count), left + i * barW + barW / 2, base - h - 10, { px: 13, color: THEME.muted, maxWidth: barW, align: 'center' });
  });
  const cx = xOf(tally.correct);
  ctx.strokeStyle = THEME.good;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(cx, top + 8);
  ctx.lineTo(cx, base);
  ctx.stroke();
  text(ctx, formatNumber(min + width * 0), left, base + 18, { px: 13, color: THEME.muted, maxWidth: 160 });
  text(ctx, formatNumber(min + width * BINS), left + plotW, base + 18, { px: 13, color: THEME.muted, maxWidth: 160, align: 'right' });
  text(ctx, formatNumber(tally.correct), Math.min(Math.max(cx, left + 60), left + plotW - 60), base + 18, { px: 14, color: THEME.good, maxWidth: 120, align: 'center' });
  return base + 30;
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}
