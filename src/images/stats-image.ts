import { t } from '../core/i18n.ts';
import { inline, valueText } from '../core/layout.ts';
import { LABELS } from '../core/plain-text.ts';
import { statsRows } from '../core/stats-rows.ts';
import type { MemberStats, Reply } from '../core/types.ts';
import { box, PAD, png, sheet, text, THEME, title, WIDTH, type Sheet } from './draw.ts';

const CELL_H = 60;
const COLUMNS = 3;
const CHART_H = 150;
const BAR_ROW = 30;
const MAX_TOPICS = 8;

const CHART_LABELS = {
  recent: t('最近 {n} 轮的正确率', 'Accuracy over the last {n} rounds'),
  topics: t('各主题正确率', 'Accuracy by topic'),
};

/**
 * A member's stats as a picture: every stats row in a grid (the same rows as the text, so new
 * statistics appear here too), a line of their running accuracy over their last 30 rounds with a
 * dot per round (right or wrong), and a bar per topic.
 */
export function drawStats(reply: Extract<Reply, { kind: 'stats' }>): Promise<Buffer> {
  const { stats, lang } = reply;
  const rows = statsRows(stats);
  const recent = stats.recent ?? [];
  const topics = (stats.topics ?? []).slice(0, MAX_TOPICS);
  const gridH = Math.ceil(rows.length / COLUMNS) * CELL_H;
  const recentH = recent.length > 0 ? 40 + CHART_H : 0;
  const topicsH = topics.length > 0 ? 40 + topics.length * BAR_ROW : 0;
  const s = sheet(PAD + 48 + gridH + 12 + recentH + topicsH + PAD);
  const { ctx } = s;
  let y = title(ctx, `📊 ${inline(LABELS.stats, lang)} · ${stats.name}`);

  const cellW = (WIDTH - 2 * PAD) / COLUMNS;
  rows.forEach((row, i) => {
    const x = PAD + (i % COLUMNS) * cellW;
    const top = y + Math.floor(i / COLUMNS) * CELL_H;
    box(ctx, x + 4, top + 4, cellW - 8, CELL_H - 8, THEME.panel);
    text(ctx, inline(row.label, lang), x + 14, top + 20, { px: 13, color: THEME.muted, maxWidth: cellW - 28 });
    text(ctx, valueText(row.value, lang), x + 14, top + 41, { px: 19, maxWidth: cellW - 28 });
  });
  y += gridH + 12;
  if (recent.length > 0) y = drawRecent(s, recent, y, inline({ zh: CHART_LABELS.recent.zh.replace('{n}', String(recent.length)), en: CHART_LABELS.recent.en.replace('{n}', String(recent.length)) }, lang));
  if (topics.length > 0) drawTopics(s, topics, y, inline(CHART_LABELS.topics, lang));
  return png(s);
}

/** Running accuracy (line) over the rounds, with a green or red dot per round. */
function drawRecent({ ctx }: Sheet, recent: boolean[], top: number, label: string): number {
  text(ctx, label, PAD, top + 18, { px: 16, color: THEME.muted, maxWidth: WIDTH - 2 * PAD });
  const chartTop = top + 40;
  const left = PAD + 44;
  const right = WIDTH - PAD - 8;
  const plotH = CHART_H - 48;
  box(ctx, PAD, chartTop, WIDTH - 2 * PAD, CHART_H - 8, THEME.panel);
  for (const pct of [0, 50, 100]) {
    const gy = chartTop + 8 + plotH * (1 - pct / 100);
    ctx.strokeStyle = '#3f4147';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(left, gy);
    ctx.lineTo(right, gy);
    ctx.stroke();
    text(ctx, `${pct}%`, left - 6, gy, { px: 11, color: THEME.muted, maxWidth: 40, align: 'right' });
  }
  const step = recent.length > 1 ? (right - left) / (recent.length - 1) : 0;
  const xAt = (i: number) => (recent.length > 1 ? left + i * step : (left + right) / 2);
  let right_ = 0;
  ctx.strokeStyle = THEME.accent;
  ctx.lineWidth = 3;
  ctx.beginPath();
  recent.forEach((ok, i) => {
    right_ += ok ? 1 : 0;
    const yy = chartTop + 8 + plotH * (1 - right_ / (i + 1));
    if (i === 0) ctx.moveTo(xAt(i), yy);
    else ctx.lineTo(xAt(i), yy);
  });
  ctx.stroke();
  recent.forEach((ok, i) => box(ctx, xAt(i) - 4, chartTop + CHART_H - 26, 8, 8, ok ? THEME.good : THEME.bad, 4));
  return chartTop + CHART_H;
}

/** One bar per topic: its share of right answers, with `right/answered`. */
function drawTopics({ ctx }: Sheet, topics: NonNullable<MemberStats['topics']>, top: number, label: string): void {
  text(ctx, label, PAD, top + 18, { px: 16, color: THEME.muted, maxWidth: WIDTH - 2 * PAD });
  const labelW = 170;
  const barLeft = PAD + labelW + 10;
  const barMax = WIDTH - PAD - barLeft - 110;
  topics.forEach((topic, i) => {
    const mid = top + 40 + i * BAR_ROW + BAR_ROW / 2;
    const share = topic.answered === 0 ? 0 : topic.correct / topic.answered;
    text(ctx, topic.topic, PAD, mid, { px: 15, maxWidth: labelW });
    box(ctx, barLeft, mid - 9, barMax, 18, THEME.panel, 4);
    box(ctx, barLeft, mid - 9, Math.max(4, barMax * share), 18, share >= 0.5 ? THEME.good : THEME.bad, 4);
    text(ctx, `${topic.correct}/${topic.answered} · ${Math.round(share * 100)}%`, WIDTH - PAD, mid, { px: 14, color: THEME.muted, maxWidth: 100, align: 'right' });
  });
}
