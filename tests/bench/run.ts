// `npm run bench`: prints the figures the README and the issues ask for. Not a test: no pass/fail.
import { benchSearch } from './search-bench.ts';

const which = new Set(process.argv.slice(2));
const all = which.size === 0;
const print = (lines: string[]) => console.log(lines.join('\n'));

if (all || which.has('search')) print(benchSearch());
