import { z } from 'zod';

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const nonBlank = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const localized = (max: number) => z.object({ zh: nonBlank(max), en: nonBlank(max) }).strict();
const localizedList = (min: number, max: number, itemMax: number) =>
  z
    .object({
      zh: z.array(nonBlank(itemMax)).min(min, `needs at least ${min}`).max(max, `at most ${max}`),
      en: z.array(nonBlank(itemMax)).min(min, `needs at least ${min}`).max(max, `at most ${max}`),
    })
    .strict();

/** The four option letters of a choice quiz, in order. */
export const CHOICE_LETTERS = ['A', 'B', 'C', 'D'] as const;
/** One of {@link CHOICE_LETTERS}. */
export type ChoiceLetter = (typeof CHOICE_LETTERS)[number];

const choiceQuiz = z
  .object({
    type: z.literal('choice'),
    prompt: localized(600),
    options: z.array(localized(300)).length(4, 'a choice quiz needs exactly 4 options'),
    correct: z.enum(CHOICE_LETTERS),
    explanation: localized(1500),
  })
  .strict();

const numericQuiz = z
  .object({
    type: z.literal('numeric'),
    prompt: localized(600),
    value: z.number().finite(),
    tolerance: z.number().finite().min(0),
    unit: z.object({ zh: z.string().max(40), en: z.string().max(40) }).strict(),
    explanation: localized(1500),
  })
  .strict();

/** Schema of one question card; see data/README.md for the meaning of each field. */
export const cardSchema = z
  .object({
    id: z.string().regex(kebab, 'must be a kebab-case slug like "batch-norm-benefits"').max(80),
    tags: z.array(z.string().regex(kebab, 'tags are kebab-case')).min(1).max(5),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    title: localized(160),
    aliases: localizedList(1, 16, 80),
    answer: localized(1500),
    keyPoints: localizedList(3, 6, 300).refine((k) => k.zh.length === k.en.length, {
      message: 'zh and en must have the same number of key points',
    }),
    quiz: z.discriminatedUnion('type', [choiceQuiz, numericQuiz]),
    review: z
      .object({ by: nonBlank(80), checked: nonBlank(500), notes: z.string().max(2000).optional() })
      .strict()
      .optional(),
  })
  .strict();

/** Schema of a pack file: a header and its cards. */
export const packSchema = z
  .object({
    pack: z
      .object({
        id: z.string().regex(kebab, 'must be a kebab-case slug'),
        name: localized(120),
        version: z.number().int().min(1),
      })
      .strict(),
    cards: z.array(z.unknown()).min(1, 'a pack needs at least one card'),
  })
  .strict();

/** A validated question card. */
export type Card = z.infer<typeof cardSchema>;
/** The gradable quiz item of a card. */
export type Quiz = Card['quiz'];
/** A multiple-choice quiz item. */
export type ChoiceQuiz = z.infer<typeof choiceQuiz>;
/** A numeric quiz item. */
export type NumericQuiz = z.infer<typeof numericQuiz>;
/** The header of a pack file. */
export type PackHeader = z.infer<typeof packSchema>['pack'];
