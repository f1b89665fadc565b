import { CHOICE_LETTERS, type ChoiceLetter, type Quiz } from '../questions/schema.ts';
import { fill, type Localized } from '../core/i18n.ts';
import type { AnswerTally } from '../core/types.ts';
import { QUIZ_MSG } from './messages.ts';

/** A graded answer, or why it could not be graded. */
export type Graded = { ok: true; answer: string; correct: boolean } | { ok: false; error: Localized };

/**
 * Grades what a member typed or clicked against a quiz item: a letter A–D (or its position 1–4) for
 * choice items, a number (commas, spaces and a trailing unit allowed: "1,792", "0.72 ", "1.5e3")
 * for numeric ones. Full-width input from Chinese keyboards (`Ａ`, `１６`, `３．５`) reads as its
 * ASCII form.
 */
export function grade(quiz: Quiz, raw: string): Graded {
  // NFKC folds full-width letters, digits and punctuation (and ①–④) to ASCII.
  const value = raw.normalize('NFKC').trim();
  const shown = value.slice(0, 20);
  if (!value) return { ok: false, error: QUIZ_MSG.answerUsage };
  if (quiz.type === 'choice') {
    const typed = value.toUpperCase().replace(/[.)）]$/, '');
    const letter = /^[1-4]$/.test(typed) ? CHOICE_LETTERS[Number(typed) - 1]! : typed;
    if (!CHOICE_LETTERS.includes(letter as ChoiceLetter)) return { ok: false, error: fill(QUIZ_MSG.badChoice, { value: shown }) };
    return { ok: true, answer: letter, correct: letter === quiz.correct };
  }
  const match = /^[-+]?(\d[\d,_\s]*)?(\.\d+)?(e[-+]?\d+)?/i.exec(value.replace(/[，、]/g, ',').replace(/。/g, '.'));
  const numeric = match?.[0].replace(/[,_\s]/g, '') ?? '';
  const number = Number(numeric);
  if (!numeric || !/\d/.test(numeric) || !Number.isFinite(number)) return { ok: false, error: fill(QUIZ_MSG.badNumber, { value: shown }) };
  return { ok: true, answer: String(number), correct: Math.abs(number - quiz.value) <= quiz.tolerance + 1e-9 * Math.abs(quiz.value) };
}

/** How a round's stored answers spread: members per option, or the numbers given. */
export function tallyOf(quiz: Quiz, answers: string[]): AnswerTally {
  if (quiz.type === 'choice') {
    const counts = { A: 0, B: 0, C: 0, D: 0 } satisfies Record<ChoiceLetter, number>;
    for (const a of answers) if (a in counts) counts[a as ChoiceLetter] += 1;
    return { kind: 'choice', counts, correct: quiz.correct };
  }
  return { kind: 'numeric', values: answers.map(Number).filter(Number.isFinite), correct: quiz.value, tolerance: quiz.tolerance };
}

/** The correct answer of a quiz item, as shown in a reveal. */
export function correctAnswerText(quiz: Quiz): Localized {
  if (quiz.type === 'choice') {
    const option = quiz.options[CHOICE_LETTERS.indexOf(quiz.correct)]!;
    return { zh: `${quiz.correct}. ${option.zh}`, en: `${quiz.correct}. ${option.en}` };
  }
  const value = quiz.value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  const tol = quiz.tolerance > 0 ? ` (±${quiz.tolerance})` : '';
  return { zh: `${value}${tol} ${quiz.unit.zh}`.trim(), en: `${value}${tol} ${quiz.unit.en}`.trim() };
}
