import type { SearchHit } from './search.ts';

/**
 * The `studybot search --json` line, exactly `{"query": "...", "results": [{"id": "...", "title":
 * {"zh": "...", "en": "..."}, "score": 0.0}]}`: keys in that order, ", " and ": " separators, the
 * score with at least one decimal. Scripts can rely on it byte for byte.
 */
export function searchJson(query: string, hits: readonly SearchHit[]): string {
  const str = (s: string) => JSON.stringify(s);
  const score = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
  const results = hits.map(
    (h) => `{"id": ${str(h.card.id)}, "title": {"zh": ${str(h.card.title.zh)}, "en": ${str(h.card.title.en)}}, "score": ${score(h.score)}}`,
  );
  return `{"query": ${str(query)}, "results": [${results.join(', ')}]}`;
}
