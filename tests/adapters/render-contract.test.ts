import { describe, expect, it } from 'vitest';
import { renderForConsole } from '../../src/adapters/console/render.ts';
import { renderForDiscord } from '../../src/adapters/discord/render.ts';
import { renderForSlack } from '../../src/adapters/slack/render.ts';
import type { LangPreference, Localized } from '../../src/core/i18n.ts';
import { conversationId, userId, type Reply, type ReplyBody, type ReplyKind, type RoundView } from '../../src/core/types.ts';
import { shippedBank } from '../helpers/runtime.ts';

// The contract every adapter's render.ts keeps, for every reply kind the core can produce: it
// renders, stays within its platform's limits, and nothing a member typed can ping anyone.

const HOSTILE = '@everyone @here <!channel> <!everyone> <@U123> <@&456> *bold* `code`';
const loud = (extra = ''): Localized => ({ zh: `提醒 ${HOSTILE} ${extra}`, en: `Note ${HOSTILE} ${extra}` });
const long = 'x'.repeat(9000);
const card = shippedBank().cards.find((c) => c.id === 'dropout')!;
const conversation = conversationId('test', 'g', 'c');

function round(kind: 'choice' | 'numeric', status: 'open' | 'closed'): RoundView {
  return {
    roundId: 'r1', conversation, cardId: card.id, prompt: loud(long), options: kind === 'choice' ? [loud('a'), loud('b'), loud('c'), loud(long)] : [],
    kind, unit: { zh: '个', en: 'params' }, answeredCount: 3, postedAt: new Date('2027-01-04T01:00:00Z'), closesAt: new Date('2027-01-04T09:00:00Z'),
    status, messageRef: '123/456', late: true,
  };
}
const row = (rank: number) => ({ rank, userId: userId('test', `u${rank}`), name: `${HOSTILE} ${rank}`, points: 100 - rank, correct: 3, answered: 4 });

/** One sample of every reply kind; `satisfies` makes a new kind fail to compile until it is added here. */
const SAMPLES = {
  text: [{ kind: 'text', text: loud(long) }],
  error: [{ kind: 'error', text: loud() }],
  card: [{ kind: 'card', card: { ...card, answer: { zh: card.answer.zh + long, en: card.answer.en + long } }, alternatives: [{ id: 'l1-vs-l2', title: loud(), score: 0.7 }] }],
  suggestions: [{ kind: 'suggestions', query: HOSTILE, suggestions: [{ id: 'dropout', title: loud(), score: 0.3 }] }],
  question: [{ kind: 'question', round: round('choice', 'open') }, { kind: 'question', round: round('numeric', 'open') }],
  'round-update': [{ kind: 'round-update', round: round('choice', 'closed') }],
  verdict: [{ kind: 'verdict', roundId: 'r1', answer: 'B', correct: false, repeated: true, text: loud() }],
  reveal: [{ kind: 'reveal', round: round('choice', 'closed'), correctAnswer: loud(), explanation: loud(long), answered: 40, correctCount: 30, firstCorrect: HOSTILE, winners: Array.from({ length: 30 }, (_, i) => `${HOSTILE} ${i}`) }],
  leaderboard: [{ kind: 'leaderboard', period: 'week', rows: Array.from({ length: 10 }, (_, i) => row(i + 1)), me: row(42) }],
  stats: [{ kind: 'stats', stats: { userId: userId('test', 'u1'), name: HOSTILE, answered: 10, correct: 7, accuracy: 0.7, points: 90, currentStreak: 2, bestStreak: 4, strongestTopics: ['cnn'], weakestTopics: ['rnn'] } }],
  'review-card': [
    { kind: 'review-card', card: { sessionId: 's1', step: 3, cardId: card.id, topic: 'cnn', prompt: loud(long), options: [loud('a'), loud('b'), loud('c'), loud(long)], kind: 'choice', unit: { zh: '', en: '' }, fresh: false, dueCount: 4 } },
    { kind: 'review-card', card: { sessionId: 's1', step: 4, cardId: card.id, topic: 'cnn', prompt: loud(), options: [], kind: 'numeric', unit: { zh: '个', en: 'params' }, fresh: true, dueCount: 0 } },
  ],
  'review-result': [
    { kind: 'review-result', sessionId: 's1', step: 3, cardId: card.id, correct: true, answer: HOSTILE, correctAnswer: loud(), explanation: loud(long), rating: 'good', nextDue: new Date('2027-01-08T01:00:00Z'), comesBack: loud('4 days'), canRate: true },
    { kind: 'review-result', sessionId: 's1', step: 3, cardId: card.id, correct: false, answer: 'B', correctAnswer: loud(), explanation: loud(), rating: 'again', nextDue: new Date('2027-01-04T01:10:00Z'), comesBack: loud('10 minutes'), canRate: false },
  ],
  'review-empty': [
    { kind: 'review-empty', sessionId: 's1', step: 5, nextDue: new Date('2027-01-05T01:00:00Z'), nextIn: loud('1 day'), newCards: 12 },
    { kind: 'review-empty', sessionId: 's1', step: 5, nextDue: null, nextIn: null, newCards: 0 },
  ],
} satisfies { [K in ReplyKind]: Extract<ReplyBody, { kind: K }>[] };

const replies: Reply[] = (['zh', 'en', 'both'] as LangPreference[]).flatMap((lang) =>
  Object.values(SAMPLES).flatMap((bodies: ReplyBody[]) =>
    bodies.flatMap((body) => (['public', 'private'] as const).map((visibility) => ({ ...body, lang, visibility, conversation }) as Reply)),
  ),
);

/** The buttons a review reply must carry on every platform with buttons. */
function expectedReviewButtons(reply: Reply): string[] {
  switch (reply.kind) {
    case 'review-card':
      return reply.card.kind === 'choice' ? ['A', 'B', 'C', 'D'].map((l) => `review:s1:${reply.card.step}:${l}`) : [];
    case 'review-result':
      return ['next', ...(reply.canRate ? ['hard', 'easy'] : [])].map((p) => `review:s1:3:${p}`);
    case 'review-empty':
      return reply.newCards > 0 ? ['review:s1:5:new'] : [];
    case 'question':
    case 'round-update':
      return reply.round.kind === 'choice' ? ['A', 'B', 'C', 'D'].map((l) => `quiz:r1:${l}`) : [];
    default:
      return [];
  }
}

describe('render contract (every reply kind, every language)', () => {
  it('covers every kind', () => {
    expect(new Set(replies.map((r) => r.kind)).size).toBe(Object.keys(SAMPLES).length);
  });

  it.each(replies.map((r) => [`${r.kind}/${r.lang}/${r.visibility}`, r] as const))('console renders %s', (_n, reply) => {
    expect(renderForConsole(reply).trim().length).toBeGreaterThan(0);
  });

  it.each(replies.map((r) => [`${r.kind}/${r.lang}/${r.visibility}`, r] as const))('no renderer leaves a placeholder unfilled in %s', (_n, reply) => {
    for (const out of [renderForConsole(reply), JSON.stringify(renderForDiscord(reply)), JSON.stringify(renderForSlack(reply))]) {
      expect(out).not.toMatch(/\{(at|n|span|cards|id|name|answer|value)\}/);
    }
  });

  it.each(replies.map((r) => [`${r.kind}/${r.lang}/${r.visibility}`, r] as const))('Discord renders %s within limits, pinging no one', (_n, reply) => {
    const p = renderForDiscord(reply);
    expect(p.allowedMentions).toEqual({ parse: [] });
    expect([...p.content].length).toBeLessThanOrEqual(2000);
    expect(p.content.length + p.embeds.length).toBeGreaterThan(0);
    for (const e of p.embeds) {
      const size = [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].reduce((n, s) => n + [...s].length, 0);
      expect(size).toBeLessThanOrEqual(6000);
      expect([...(e.description ?? '')].length).toBeLessThanOrEqual(4096);
      for (const f of e.fields ?? []) expect([...f.value].length).toBeLessThanOrEqual(1024);
    }
    if (reply.kind === 'question' && reply.round.kind === 'choice') {
      expect(p.components.flatMap((row) => row.components)).toHaveLength(4);
    }
    const ids = p.components.flatMap((row) => row.components).map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(ids).toEqual(expectedReviewButtons(reply));
  });

  it.each(replies.map((r) => [`${r.kind}/${r.lang}/${r.visibility}`, r] as const))('Slack renders %s within limits, pinging no one', (_n, reply) => {
    const m = renderForSlack(reply);
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(3000);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    const all = JSON.stringify(m);
    for (const mention of ['<!channel>', '<!everyone>', '<!here>', '<@U123>']) expect(all).not.toContain(mention);
    const ids = m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));
    if (reply.kind.startsWith('review')) expect(ids).toEqual(expectedReviewButtons(reply));
    for (const block of m.blocks) {
      const text = (block as { text?: { text?: string } }).text?.text;
      if (text) expect(text.length).toBeLessThanOrEqual(3000);
    }
  });
});
