// Prints the relevance figures of every set (for tuning; `npm test` prints the same figures).
// Usage: npx tsx tests/relevance/report.ts [--misses] [set.json ...]
import { DEFAULT_PACK_DIR, loadBank, packFilesIn } from '../../src/questions/bank.ts';
import { SearchIndex } from '../../src/questions/search.ts';
import { formatFigures, loadRelevanceSet, measureRelevance } from './measure.ts';

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const sets = args.filter((a) => !a.startsWith('--'));
const bank = loadBank(packFilesIn(DEFAULT_PACK_DIR));
const search = new SearchIndex(bank.cards);
for (const name of sets.length > 0 ? sets : ['queries.json', 'heldout.json']) {
  const f = measureRelevance(search, loadRelevanceSet(name));
  console.log(formatFigures(name, f));
  if (showMisses) for (const m of f.misses) console.log(`  ${m}`);
}
