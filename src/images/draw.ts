import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ensureFonts, font } from './fonts.ts';

/** The colours of every image (Discord's dark theme, readable in Slack too). */
export const THEME = {
  background: '#1e1f22',
  panel: '#2b2d31',
  text: '#f2f3f5',
  muted: '#b5bac1',
  accent: '#5865f2',
  good: '#57f287',
  bad: '#ed4245',
  bar: '#4e5058',
  medals: ['#f0b232', '#c0c4cc', '#cd7f32'],
} as const;

/** Image width in pixels; heights follow the content. */
export const WIDTH = 720;
/** Outer margin. */
export const PAD = 24;

/** A canvas being drawn, with its context. */
export interface Sheet {
  canvas: Canvas;
  ctx: SKRSContext2D;
}

/** A blank sheet of the given height, background filled, fonts ready. */
export function sheet(height: number): Sheet {
  ensureFonts();
  const canvas = createCanvas(WIDTH, Math.ceil(height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = THEME.background;
  ctx.fillRect(0, 0, WIDTH, canvas.height);
  ctx.textBaseline = 'middle';
  return { canvas, ctx };
}

/** Encodes a sheet as PNG bytes, off the main thread (encoding is most of an image's cost). */
export function png({ canvas }: Sheet): Promise<Buffer> {
  return canvas.encode('png');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Controls and bidirectional overrides: never drawn (they would reorder or garble the line).
const UNDRAWABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Draws one line of text that never passes `maxWidth`: cut at a grapheme boundary (an emoji or a
 * Chinese character is never split) with an ellipsis. Returns the width drawn.
 */
export function text(ctx: SKRSContext2D, value: string, x: number, y: number, options: { px: number; color?: string; maxWidth: number; align?: 'left' | 'right' | 'center' }): number {
  ctx.font = font(options.px);
  ctx.fillStyle = options.color ?? THEME.text;
  ctx.textAlign = options.align ?? 'left';
  const shown = fit(ctx, value.replace(UNDRAWABLE, ''), options.maxWidth);
  ctx.fillText(shown, x, y);
  return ctx.measureText(shown).width;
}

/** The longest prefix of `value` (plus an ellipsis when cut) that fits `maxWidth` in the current font. */
export function fit(ctx: SKRSContext2D, value: string, maxWidth: number): string {
  if (ctx.measureText(value).width <= maxWidth) return value;
  const parts = [...graphemes.segment(value)].map((s) => s.segment);
  let lo = 0;
  let hi = parts.length;
  // Binary search on the number of graphemes kept.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${parts.slice(0, mid).join('')}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${parts.slice(0, lo).join('').trimEnd()}…`;
}

/** A filled rectangle with rounded corners. */
export function box(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, color: string, radius = 8): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.roundRect(x, y, Math.max(0, w), h, Math.min(radius, h / 2, Math.max(0, w) / 2));
  ctx.fill();
}

/** The title line at the top of every image; returns the y below it. */
export function title(ctx: SKRSContext2D, value: string): number {
  text(ctx, value, PAD, PAD + 18, { px: 26, maxWidth: WIDTH - 2 * PAD });
  return PAD + 48;
}
