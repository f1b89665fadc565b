import type { ReviewPress } from './types.ts';

const PRESSES: readonly ReviewPress[] = ['A', 'B', 'C', 'D', 'next', 'new', 'hard', 'easy'];

/** The id every adapter gives a review button (Discord custom id, Slack action id): `review:<session>:<step>:<press>`. */
export const reviewButtonId = (sessionId: string, step: number, press: ReviewPress): string => `review:${sessionId}:${step}:${press}`;

/** Matches every review button's id. */
export const REVIEW_BUTTON = /^review:([0-9a-f-]{1,64}):(\d{1,9}):(A|B|C|D|next|new|hard|easy)$/;

/** The session, step and press a review button's id stands for, or null when it is not one. */
export function parseReviewButton(id: string): { sessionId: string; step: number; press: ReviewPress } | null {
  const match = REVIEW_BUTTON.exec(id);
  if (!match || !PRESSES.includes(match[3] as ReviewPress)) return null;
  return { sessionId: match[1]!, step: Number(match[2]), press: match[3] as ReviewPress };
}
