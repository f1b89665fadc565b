import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedBank } from '../helpers/runtime.ts';

type Query = { q: string; id: string };
const load = (name: string): Query[] => JSON.parse(readFileSync(new URL(`../relevance/${name}`, import.meta.url), 'utf8'));
// Written with the cards by their writers (390), and held out: written from the titles alone by
// someone who never saw the aliases or answers (120), to check that search generalizes.
const queries = load('queries.json');
const heldOut = load('heldout.json');

describe('search relevance over the shipped bank', () => {
  const { search, cards } = shippedBank();

  it('every expected card exists', () => {
    const ids = new Set(cards.map((c) => c.id));
    expect([...queries, ...heldOut].filter((q) => !ids.has(q.id)).map((q) => q.id)).toEqual([]);
    expect(heldOut.length).toBeGreaterThanOrEqual(100);
  });

  it('has a broad test set: at least 80 queries in both languages', () => {
    expect(queries.length).toBeGreaterThanOrEqual(80);
    expect(queries.filter((q) => /[\u4e00-\u9fff]/.test(q.q)).length).toBeGreaterThan(30);
    expect(queries.filter((q) => /^[\x00-\x7f]+$/.test(q.q)).length).toBeGreaterThan(30);
  });

  it.each([
    ['writers’ set', queries],
    ['held-out set', heldOut],
  ])('%s: the right card first for ≥ 90% and in the top 3 for ≥ 97% of queries', (_name, queries) => {
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const { q, id } of queries) {
      const hits = search.search(q, 3);
      const rank = hits.findIndex((h) => h.card.id === id);
      if (rank === 0) top1 += 1;
      if (rank >= 0) top3 += 1;
      if (rank !== 0) misses.push(`${JSON.stringify(q)} → want ${id}, got ${hits.map((h) => `${h.card.id}(${h.score})`).join(', ') || 'nothing'}`);
    }
    if (misses.length > 0) console.log(`relevance misses (${misses.length}/${queries.length}):\n  ${misses.join('\n  ')}`);
    console.log(`relevance: top-1 ${top1}/${queries.length}, top-3 ${top3}/${queries.length}`);
    expect(top1 / queries.length).toBeGreaterThanOrEqual(0.9);
    expect(top3 / queries.length).toBeGreaterThanOrEqual(0.97);
  });
});
