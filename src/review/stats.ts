import type { MemberId } from '../core/member.ts';
import type { MemoryStats } from '../core/types.ts';
import type { Card } from '../questions/schema.ts';
import type { MemoryRepo } from '../store/memory-repo.ts';
import { retrievability } from './fsrs.ts';
import { memoryOf } from './memory.ts';

/** A card counts as mastered from this stability (days) on. */
export const MASTERED_STABILITY_DAYS = 21;
const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * What FSRS says about a member's memory at `now`: cards due now and within 7 days, graded answers,
 * retention (mean retrievability over the cards seen), mastered cards and the main topics with the
 * most lapses. Undefined when the member has never been graded.
 */
export async function memoryStats(repo: MemoryRepo, member: MemberId, cards: ReadonlyMap<string, Card>, now: number): Promise<MemoryStats | undefined> {
  const rows = await repo.ofMember(member);
  if (rows.length === 0) return undefined;
  const lapses = new Map<string, number>();
  let recall = 0;
  for (const row of rows) {
    recall += retrievability(memoryOf(row), now);
    const topic = cards.get(row.card_id)?.tags[0];
    if (topic && row.lapses > 0) lapses.set(topic, (lapses.get(topic) ?? 0) + row.lapses);
  }
  return {
    dueNow: rows.filter((r) => r.due <= now).length,
    dueWeek: rows.filter((r) => r.due <= now + WEEK_MS).length,
    reviews: await repo.reviewCount(member),
    seen: rows.length,
    retention: recall / rows.length,
    mastered: rows.filter((r) => r.stability >= MASTERED_STABILITY_DAYS).length,
    lapseTopics: [...lapses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([topic]) => topic),
  };
}
