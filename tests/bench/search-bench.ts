import { readFileSync } from 'node:fs';
import { DEFAULT_PACK_DIR, loadBank, packFilesIn } from '../../src/questions/bank.ts';
import { SearchIndex } from '../../src/questions/search.ts';
import { memoryMiB, percentile } from './stats.ts';
import { syntheticBank } from './synthetic-bank.ts';

/**
 * Index build time, query p50/p99 and memory for banks of 200, 2,000 and 20,000 cards. All builds
 * run first, as at start-up (before any query); each is repeated three times and the median kept,
 * since one build is at the mercy of a noisy shared machine.
 */
export function benchSearch(sizes = [200, 2000, 20000]): string[] {
  const real = loadBank(packFilesIn(DEFAULT_PACK_DIR)).cards;
  const queries: { q: string }[] = JSON.parse(readFileSync(new URL('../relevance/queries.json', import.meta.url), 'utf8'));
  const built = sizes.map((size) => {
    const cards = syntheticBank(real, size);
    const builds: number[] = [];
    let index: SearchIndex | undefined;
    let memory = 0;
    for (let b = 0; b < 3; b++) {
      index = undefined;
      globalThis.gc?.();
      const before = memoryMiB();
      const start = performance.now();
      index = new SearchIndex(cards);
      builds.push(performance.now() - start);
      globalThis.gc?.();
      memory = memoryMiB() - before;
    }
    return { size, index: index!, build: percentile(builds, 50), memory };
  });
  const lines = [`search: ${queries.length} relevance queries, 3 passes after a warm-up pass; synthetic banks made from the ${real.length} real cards`];
  for (const { size, index, build, memory } of built) {
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
      `  ${String(size).padStart(6)} cards: build ${build.toFixed(0)} ms (median of 3), query p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, index ≈ ${memory.toFixed(0)} MiB`,
    );
  }
  return lines;
}
