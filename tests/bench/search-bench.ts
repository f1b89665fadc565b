import { readFileSync } from 'node:fs';
import { DEFAULT_PACK_DIR, loadBank, packFilesIn } from '../../src/questions/bank.ts';
import { SearchIndex } from '../../src/questions/search.ts';
import { percentile, memoryMiB } from './stats.ts';
import { syntheticBank } from './synthetic-bank.ts';

/** Index build time, query p50/p99 and heap for banks of 200, 2,000 and 20,000 cards. */
export function benchSearch(sizes = [200, 2000, 20000]): string[] {
  const real = loadBank(packFilesIn(DEFAULT_PACK_DIR)).cards;
  const queries: { q: string }[] = JSON.parse(readFileSync(new URL('../relevance/queries.json', import.meta.url), 'utf8'));
  const lines = [`search: ${queries.length} relevance queries per pass, 3 passes after a warm-up pass; real bank ${real.length} cards`];
  for (const size of sizes) {
    const cards = syntheticBank(real, size);
    globalThis.gc?.();
    const heapBefore = memoryMiB();
    const start = performance.now();
    const index = new SearchIndex(cards);
    const build = performance.now() - start;
    globalThis.gc?.();
    const heap = memoryMiB() - heapBefore;
    for (const { q } of queries) index.search(q, 5);
    const times: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      for (const { q } of queries) {
        const t0 = performance.now();
        index.search(q, 5);
        times.push(performance.now() - t0);
      }
    }
    lines.push(
      `  ${String(size).padStart(6)} cards: build ${build.toFixed(0)} ms, query p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, index memory ≈ ${heap.toFixed(0)} MiB`,
    );
  }
  return lines;
}
