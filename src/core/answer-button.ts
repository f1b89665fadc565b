import { CHOICE_LETTERS, type ChoiceLetter } from '../questions/schema.ts';

/** The id every adapter gives an answer button (Discord custom id, Slack action id): `quiz:<roundId>:<A-D>`. */
export const answerButtonId = (roundId: string, letter: ChoiceLetter): string => `quiz:${roundId}:${letter}`;

/** Matches every answer button's id. */
export const ANSWER_BUTTON = /^quiz:(.+):([A-D])$/;

/** The round and choice an answer button's id stands for, or null when it is not an answer button. */
export function parseAnswerButton(id: string): { roundId: string; choice: ChoiceLetter } | null {
  const match = ANSWER_BUTTON.exec(id);
  if (!match) return null;
  const choice = match[2] as ChoiceLetter;
  return CHOICE_LETTERS.includes(choice) ? { roundId: match[1]!, choice } : null;
}
