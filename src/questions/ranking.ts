/**
 * How a candidate card is ranked for a query, and how sure the bot is that the first one answers it.
 * The weights were fitted on the writers' and natural relevance sets (tests/relevance/), never on the
 * blind set that measures them; `npx tsx tests/relevance/fit.ts` prints the features they were fitted on.
 */

/** What the ranking reads about one candidate card. */
export interface HitFeatures {
  /** Share of the query's weight (idf × importance) the card contains, each term by its best field's weight. */
  coverage: number;
  /** The same share counting only the card's title and aliases. */
  strong: number;
  /** Share of the query matched only through typo corrections or pinyin. */
  corrected: number;
  /** Share of the query's weight that one alias of the card, contained in the query, spells out. */
  alias: number;
  /** Length of that alias, in non-space characters, as a share of 8 (capped at 1): a long name in the query names the card. */
  aliasLength: number;
  /** Share of the card's title terms (the better of zh and en) that the query contains. */
  title: number;
  /** fuse.js similarity of a short query to the card's aliases (0 for long queries). */
  fuzzy: number;
  /** The query's total weight: how much it says that the bank knows (sum of idf × importance). */
  weight: number;
  /** How far the first card's rank score stands above the second's (0 for every other card). */
  margin: number;
}

/** Weights of the rank score (a linear model over the features). */
const RANK = { coverage: 0.851, strong: 0.429, corrected: -0.044, alias: 0.32, aliasLength: 0.138, title: 0.311, fuzzy: 0.365 } as const;

/** The features the rank score reads (shared with the fitting script). */
export const RANK_KEYS = ['coverage', 'strong', 'corrected', 'alias', 'aliasLength', 'title', 'fuzzy'] as const;

/** The linear score candidates are ordered by. */
export function rankScore(f: HitFeatures): number {
  return RANK_KEYS.reduce((sum, k) => sum + RANK[k] * f[k], 0);
}

/** Logistic model of "the first card answers the query" (class-balanced, L2-regularized). */
const CONFIDENCE = { bias: -3.809, rank: 2.264, margin: 2.846, weight: 0.378, corrected: -0.075, strong: 0.718, alias: 0.846, title: 1.05 } as const;

/** A calibrated probability, in [0, 1], that this card is the right answer. */
export function confidence(f: HitFeatures): number {
  const x = confidenceInputs(f);
  const z = CONFIDENCE.bias + CONFIDENCE_KEYS.reduce((sum, k) => sum + CONFIDENCE[k] * x[k], 0);
  return 1 / (1 + Math.exp(-z));
}

/** The inputs of the confidence model, by name (shared with the fitting script). */
export const CONFIDENCE_KEYS = ['rank', 'margin', 'weight', 'corrected', 'strong', 'alias', 'title'] as const;

/** The confidence model's inputs for one hit. */
export function confidenceInputs(f: HitFeatures): Record<(typeof CONFIDENCE_KEYS)[number], number> {
  return { rank: rankScore(f), margin: f.margin, weight: Math.log1p(f.weight), corrected: f.corrected, strong: f.strong, alias: f.alias, title: f.title };
}
