import { inline, prose } from '../core/layout.ts';
import { LABELS } from '../core/plain-text.ts';
import type { LeaderboardRow, Reply } from '../core/types.ts';
import { box, PAD, png, sheet, text, THEME, title, WIDTH } from './draw.ts';

const ROW = 48;
const SCORE_WIDTH = 230;

/**
 * The leaderboard as a picture: the top rows (medal colours for the first three) and, when the
 * caller is not among them, their own row below a gap. Names of any script or length (emoji
 * included) are cut to their column, never over the scores.
 */
export function drawLeaderboard(reply: Extract<Reply, { kind: 'leaderboard' }>): Promise<Buffer> {
  const lang = reply.lang;
  const me = reply.me && !reply.rows.some((r) => r.userId === reply.me!.userId) ? reply.me : null;
  const lines = Math.max(1, reply.rows.length) + (me ? 1 : 0);
  const height = PAD + 48 + lines * ROW + (me ? 16 : 0) + PAD;
  const s = sheet(height);
  const { ctx } = s;
  let y = title(ctx, `🏆 ${inline(LABELS.leaderboard, lang)} · ${inline(LABELS.periods[reply.period], lang)}`);
  if (reply.rows.length === 0) {
    text(ctx, prose(LABELS.empty, lang).replace('\n', ' '), PAD, y + ROW / 2, { px: 20, color: THEME.muted, maxWidth: WIDTH - 2 * PAD });
    return png(s);
  }
  const pts = inline(LABELS.pts, lang);
  for (const row of reply.rows) {
    drawRow(row, y, { highlight: reply.me?.userId === row.userId, pts });
    y += ROW;
  }
  if (me) {
    text(ctx, '⋯', WIDTH / 2, y + 8, { px: 18, color: THEME.muted, maxWidth: 40, align: 'center' });
    drawRow(me, y + 16, { highlight: true, pts, label: inline(LABELS.you, lang) });
  }
  return png(s);

  function drawRow(row: LeaderboardRow, top: number, o: { highlight: boolean; pts: string; label?: string }): void {
    const mid = top + ROW / 2;
    box(ctx, PAD, top + 4, WIDTH - 2 * PAD, ROW - 8, o.highlight ? '#3a3d70' : THEME.panel);
    const medal = THEME.medals[row.rank - 1];
    if (medal) box(ctx, PAD + 10, mid - 15, 30, 30, medal, 15);
    text(ctx, String(row.rank), PAD + 25, mid, { px: row.rank > 99 ? 13 : 18, color: medal ? '#1e1f22' : THEME.muted, maxWidth: 44, align: 'center' });
    const nameLeft = PAD + 56;
    const nameWidth = WIDTH - PAD - SCORE_WIDTH - nameLeft - 12;
    text(ctx, o.label ? `${o.label} · ${row.name}` : row.name, nameLeft, mid, { px: 20, maxWidth: nameWidth });
    const right = WIDTH - PAD - 14;
    const score = `${row.points} ${o.pts}`;
    text(ctx, score, right, mid, { px: 20, maxWidth: SCORE_WIDTH - 70, align: 'right' });
    text(ctx, `✓ ${row.correct}/${row.answered}`, right - SCORE_WIDTH + 4, mid, { px: 15, color: THEME.muted, maxWidth: 76 });
  }
}
