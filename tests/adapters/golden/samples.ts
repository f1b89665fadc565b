import type { LangPreference } from '../../../src/core/i18n.ts';
import { conversationId, userId, type Reply, type ReplyBody, type ReplyKind, type RoundView } from '../../../src/core/types.ts';
import type { Card } from '../../../src/questions/schema.ts';

// Realistic, fixed samples of every reply kind, for the golden files a person reads by eye.

const conversation = conversationId('test', 'g', 'c');

/** A small, fixed card (not the shipped bank, so a pack edit does not churn the goldens). */
export const SAMPLE_CARD: Card = {
  id: 'dropout',
  tags: ['regularization'],
  difficulty: 2,
  title: { zh: 'Dropout 为什么能防止过拟合？', en: 'Why does dropout reduce overfitting?' },
  aliases: ['dropout'],
  answer: {
    zh: '训练时以概率 p 随机丢弃神经元，相当于训练许多共享权重的子网络并做平均，减少神经元之间的共适应。',
    en: 'During training each unit is dropped with probability p, which trains many weight-sharing subnetworks and averages them, reducing co-adaptation.',
  },
  keyPoints: { zh: ['推理时不丢弃，按 1-p 缩放（或训练时 inverted dropout）', '近似模型集成'], en: ['No dropping at inference; scale by 1-p (or use inverted dropout)', 'Approximates an ensemble'] },
  quiz: {
    type: 'choice',
    prompt: { zh: '推理时 dropout 层做什么？', en: 'What does a dropout layer do at inference?' },
    options: [
      { zh: '继续随机丢弃', en: 'Keeps dropping at random' },
      { zh: '什么都不丢（inverted dropout 下不缩放）', en: 'Drops nothing (no scaling with inverted dropout)' },
      { zh: '只丢弃一半', en: 'Drops half' },
      { zh: '把权重清零', en: 'Zeros the weights' },
    ],
    correct: 'B',
    explanation: { zh: 'inverted dropout 在训练时已经除以 1-p，推理时直接使用全部神经元。', en: 'Inverted dropout divides by 1-p during training, so inference uses every unit as is.' },
  },
} as unknown as Card;

function round(kind: 'choice' | 'numeric', status: 'open' | 'closed', answeredCount: number): RoundView {
  const quiz = SAMPLE_CARD.quiz as unknown as { prompt: RoundView['prompt']; options: RoundView['options'] };
  return {
    roundId: 'r1',
    conversation,
    cardId: SAMPLE_CARD.id,
    prompt: kind === 'choice' ? quiz.prompt : { zh: 'ResNet-50 大约有多少百万个参数？', en: 'About how many million parameters does ResNet-50 have?' },
    options: kind === 'choice' ? quiz.options : [],
    kind,
    unit: kind === 'choice' ? { zh: '', en: '' } : { zh: '百万', en: 'million' },
    answeredCount,
    postedAt: new Date('2027-01-04T01:00:00Z'),
    closesAt: new Date('2027-01-04T09:00:00Z'),
    status,
    messageRef: '123/456',
    late: false,
  };
}

const row = (rank: number, name: string, points: number, correct: number, answered: number) => ({ rank, userId: userId('test', name), name, points, correct, answered });

/** Named samples of every reply kind; `satisfies` makes a new kind fail to compile until it is added. */
export const GOLDEN_SAMPLES = {
  text: [{ name: 'text', body: { kind: 'text', text: { zh: '好的，本频道今后使用：both', en: 'Done: this channel now reads both' } } }],
  error: [{ name: 'error', body: { kind: 'error', text: { zh: '用法：/answer A（选择题 A–D）或 /answer 1792（数值题）', en: 'Usage: /answer A (choice, A–D) or /answer 1792 (numeric)' } } }],
  card: [{ name: 'card', body: { kind: 'card', card: SAMPLE_CARD, alternatives: [{ id: 'l1-vs-l2', title: { zh: 'L1 与 L2 正则化的区别', en: 'L1 vs L2 regularization' }, score: 0.7 }] } }],
  suggestions: [{ name: 'suggestions', body: { kind: 'suggestions', query: '[Free Nitro](https://evil.example/login)', suggestions: [{ id: 'dropout', title: SAMPLE_CARD.title, score: 0.3 }] } }],
  question: [
    { name: 'question-choice', body: { kind: 'question', round: round('choice', 'open', 0) } },
    { name: 'question-numeric', body: { kind: 'question', round: round('numeric', 'open', 2) } },
  ],
  'round-update': [{ name: 'round-update', body: { kind: 'round-update', round: round('choice', 'closed', 7) } }],
  verdict: [{ name: 'verdict', body: { kind: 'verdict', roundId: 'r1', answer: 'B', correct: true, repeated: false, text: { zh: '✅ 回答正确（B）！解析会在本轮结束时公布。', en: '✅ Correct (B)! The explanation comes when the round closes.' } } }],
  reveal: [
    {
      name: 'reveal',
      body: {
        kind: 'reveal',
        round: round('choice', 'closed', 7),
        correctAnswer: { zh: 'B. 什么都不丢（inverted dropout 下不缩放）', en: 'B. Drops nothing (no scaling with inverted dropout)' },
        explanation: (SAMPLE_CARD.quiz as unknown as { explanation: RoundView['prompt'] }).explanation,
        answered: 7,
        correctCount: 4,
        firstCorrect: '小明',
        winners: ['小明', 'alice', 'Bob 🚀', 'carol'],
        tally: { kind: 'choice', counts: { A: 1, B: 4, C: 2, D: 0 }, correct: 'B' },
      },
    },
    {
      name: 'reveal-numeric',
      body: {
        kind: 'reveal',
        round: round('numeric', 'closed', 5),
        correctAnswer: { zh: '25.6 (±1) 百万', en: '25.6 (±1) million' },
        explanation: { zh: 'ResNet-50 约有 2560 万个参数。', en: 'ResNet-50 has about 25.6 million parameters.' },
        answered: 5,
        correctCount: 2,
        firstCorrect: 'alice',
        winners: ['alice', '小明'],
        tally: { kind: 'numeric', values: [25, 26, 11, 60, 23], correct: 25.6, tolerance: 1 },
      },
    },
  ],
  leaderboard: [
    {
      name: 'leaderboard',
      body: { kind: 'leaderboard', period: 'week', rows: [row(1, '小明', 49, 4, 4), row(2, 'alice', 36, 3, 4), row(3, 'Bob 🚀', 13, 1, 2)], me: row(12, 'me', 3, 0, 1) },
    },
  ],
  stats: [
    {
      name: 'stats',
      body: {
        kind: 'stats',
        stats: { userId: userId('test', 'alice'), name: 'alice', answered: 12, correct: 9, accuracy: 0.75, points: 131, currentStreak: 3, bestStreak: 5, strongestTopics: ['cnn', 'optimization'], weakestTopics: ['rnn'] },
      },
    },
    {
      name: 'stats-memory',
      body: {
        kind: 'stats',
        stats: {
          userId: userId('test', 'alice'), name: 'alice', answered: 12, correct: 9, accuracy: 0.75, points: 131, currentStreak: 3, bestStreak: 5, strongestTopics: ['cnn'], weakestTopics: ['rnn'],
          memory: { dueNow: 3, dueWeek: 11, reviews: 40, seen: 25, retention: 0.87, mastered: 6, lapseTopics: ['rnn', 'attention'] },
        },
      },
    },
  ],
  'review-card': [
    {
      name: 'review-card-choice',
      body: { kind: 'review-card', card: { sessionId: 's1', step: 3, cardId: 'dropout', topic: 'regularization', prompt: SAMPLE_CARD.quiz.prompt, options: SAMPLE_CARD.quiz.type === 'choice' ? SAMPLE_CARD.quiz.options : [], kind: 'choice', unit: { zh: '', en: '' }, fresh: false, dueCount: 4 } },
    },
    {
      name: 'review-card-numeric',
      body: { kind: 'review-card', card: { sessionId: 's1', step: 4, cardId: 'conv-params', topic: 'cnn', prompt: { zh: '3×3 卷积，64 进 128 出，带偏置，有多少参数？', en: 'A 3×3 convolution, 64 in, 128 out, with bias: how many parameters?' }, options: [], kind: 'numeric', unit: { zh: '个参数', en: 'parameters' }, fresh: true, dueCount: 0 } },
    },
  ],
  'review-result': [
    {
      name: 'review-result-right',
      body: { kind: 'review-result', sessionId: 's1', step: 3, cardId: 'dropout', correct: true, answer: 'B', correctAnswer: { zh: 'B. 什么都不丢', en: 'B. Drops nothing' }, explanation: { zh: '推理时不丢弃。', en: 'Nothing is dropped at inference.' }, rating: 'good', nextDue: new Date('2027-01-08T01:00:00Z'), comesBack: { zh: '4 天后', en: 'in 4 days' }, canRate: true },
    },
    {
      name: 'review-result-wrong',
      body: { kind: 'review-result', sessionId: 's1', step: 3, cardId: 'dropout', correct: false, answer: 'A', correctAnswer: { zh: 'B. 什么都不丢', en: 'B. Drops nothing' }, explanation: { zh: '推理时不丢弃。', en: 'Nothing is dropped at inference.' }, rating: 'again', nextDue: new Date('2027-01-04T01:10:00Z'), comesBack: { zh: '10 分钟后', en: 'in 10 minutes' }, canRate: false },
    },
  ],
  'review-empty': [
    { name: 'review-empty-next', body: { kind: 'review-empty', sessionId: 's1', step: 5, nextDue: new Date('2027-01-05T01:00:00Z'), nextIn: { zh: '1 天后', en: 'in 1 day' }, newCards: 12 } },
    { name: 'review-empty-none', body: { kind: 'review-empty', sessionId: 's1', step: 5, nextDue: null, nextIn: null, newCards: 0 } },
  ],
} satisfies { [K in ReplyKind]: { name: string; body: Extract<ReplyBody, { kind: K }> }[] };

/** The three language preferences, in the order the golden files list them. */
export const GOLDEN_LANGS: LangPreference[] = ['zh', 'en', 'both'];

/** Every sample as a public reply in a language. */
export function goldenReply(body: ReplyBody, lang: LangPreference): Reply {
  return { ...body, lang, visibility: 'public', conversation } as Reply;
}
