// `npm run bench`: prints the figures the README and the issues ask for. Not a test: no pass/fail.
import { benchSearch } from './search-bench.ts';
import { benchQuiz } from './quiz-bench.ts';
import { benchSchedule } from './schedule-bench.ts';
import { benchImages } from './images-bench.ts';
import { benchReview } from './review-bench.ts';
import { benchFleet } from './fleet-bench.ts';

const which = new Set(process.argv.slice(2));
const all = which.size === 0;
const print = (lines: string[]) => console.log(lines.join('\n'));

if (all || which.has('search')) print(benchSearch());
if (all || which.has('quiz')) print(await benchQuiz());
if (all || which.has('images')) print(await benchImages());
if (all || which.has('review')) print(await benchReview());
// The rate-limited run takes over 200 s by design; `schedule-fast` runs only the unlimited one.
if (all || which.has('schedule')) print(await benchSchedule());
if (which.has('schedule-fast')) print(await benchSchedule(10_000, [0]));
// Both dialects in one run (starts its own PostgreSQL); `fleet-fast` skips the 200 s fan-out per dialect.
if (all || which.has('fleet')) print(await benchFleet(new Set(['answers', 'leaderboard', 'fanout'])));
if (which.has('fleet-fast')) print(await benchFleet(new Set(['answers', 'leaderboard'])));
