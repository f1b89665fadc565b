import { describe, expect, it } from 'vitest';
import { shippedBank } from '../helpers/runtime.ts';
import { formatFigures, loadRelevanceSet, measureRelevance, type LabelledQuery, type RelevanceFigures } from '../relevance/measure.ts';

// Three kinds of relevance set (tests/relevance/README.md says how each was made):
// - writers': written with the cards (queries.json) and by the lead from real phrasing, with
//   unanswerable questions (natural.json); the ranking weights were fitted on these;
// - held-out: written from the card titles alone by someone who never saw aliases or answers;
// - blind: written by someone who never saw the bank, from a list of topics that includes topics the
//   bank does not cover, and labelled against the bank afterwards.
const sets: { name: string; queries: LabelledQuery[]; floors: Floors }[] = [
  { name: "writers' set", queries: loadRelevanceSet('queries.json'), floors: { top1: 0.93, top3: 0.97, rightAndConfident: 0.88 } },
  { name: "writers' natural set", queries: loadRelevanceSet('natural.json'), floors: { top1: 0.8, top3: 0.92, rightAndConfident: 0.75, declined: 0.85 } },
  { name: 'held-out set', queries: loadRelevanceSet('heldout.json'), floors: { top1: 0.88, top3: 0.95, rightAndConfident: 0.8 } },
  { name: 'blind set', queries: loadRelevanceSet('blind.json'), floors: { top1: 0.83, top3: 0.93, rightAndConfident: 0.72, declined: 0.85 } },
];

/** What a set must keep (regression floors, below the measured figures); the goals are printed beside them. */
interface Floors {
  top1: number;
  top3: number;
  rightAndConfident: number;
  declined?: number;
}

/** The goals for the calibrated confidence. */
const GOALS = { rightAndConfident: 0.9, declined: 0.85 };

describe('search relevance over the shipped bank', () => {
  const { search, cards } = shippedBank();
  const ids = new Set(cards.map((c) => c.id));

  it('every labelled card exists, and each set is broad enough', () => {
    for (const { name, queries } of sets) {
      expect(queries.flatMap((q) => q.ids).filter((id) => !ids.has(id)), name).toEqual([]);
      expect(queries.filter((q) => /[\u4e00-\u9fff]/.test(q.q)).length, name).toBeGreaterThan(30);
      expect(queries.filter((q) => /^[\x00-\x7f]+$/.test(q.q)).length, name).toBeGreaterThan(30);
    }
    const blind = sets.find((s) => s.name === 'blind set')!.queries;
    expect(blind.length).toBeGreaterThanOrEqual(200);
    expect(blind.filter((q) => q.ids.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  it.each(sets)('$name: figures printed with the goals, and no regression below the floors', ({ name, queries, floors }) => {
    const f = measureRelevance(search, queries);
    console.log(`relevance — ${formatFigures(name, f)}`);
    console.log(`  goals: right and confident ≥ ${pct(GOALS.rightAndConfident)} (${meets(f.rightAndConfident, f.answerable, GOALS.rightAndConfident)}), not confident when unanswerable ≥ ${pct(GOALS.declined)} (${meets(f.unanswerableDeclined, f.queries - f.answerable, GOALS.declined)})`);
    if (f.misses.length > 0) console.log(`  misses (${f.misses.length}):\n    ${f.misses.join('\n    ')}`);
    expect(rate(f, 'top1')).toBeGreaterThanOrEqual(floors.top1);
    expect(rate(f, 'top3')).toBeGreaterThanOrEqual(floors.top3);
    expect(rate(f, 'rightAndConfident')).toBeGreaterThanOrEqual(floors.rightAndConfident);
    if (floors.declined !== undefined) expect(f.unanswerableDeclined / (f.queries - f.answerable)).toBeGreaterThanOrEqual(floors.declined);
  });

  it('off-topic chat never gets a card as the answer', () => {
    for (const q of ['hello', 'test', 'banana', '今天吃什么', 'lol', '谢谢']) {
      const [best] = search.search(q, 1);
      expect(best === undefined || best.score < search.confidentScore, `${q} → ${best?.card.id} (${best?.score})`).toBe(true);
    }
  });
});

function rate(f: RelevanceFigures, key: 'top1' | 'top3' | 'rightAndConfident'): number {
  return f[key] / f.answerable;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function meets(n: number, of: number, goal: number): string {
  if (of === 0) return 'no such queries in this set';
  return n / of >= goal ? 'met' : 'not met';
}
