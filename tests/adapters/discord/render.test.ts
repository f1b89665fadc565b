import { describe, expect, it } from 'vitest';
import { cut, fitEmbed, LIMITS } from '../../../src/adapters/discord/limits.ts';
import { parseButtonId, renderForDiscord } from '../../../src/adapters/discord/render.ts';
import { conversationId, userId, type Reply, type ReplyBody, type RoundView } from '../../../src/core/types.ts';
import type { Card } from '../../../src/questions/schema.ts';
import { shippedBank } from '../../helpers/runtime.ts';

const conversation = conversationId('discord', '1', '2');
const reply = (body: ReplyBody, lang: Reply['lang'] = 'both', visibility: Reply['visibility'] = 'public'): Reply => ({ ...body, lang, visibility, conversation }) as Reply;
const size = (e: { title?: string; description?: string; footer?: { text: string }; fields?: { name: string; value: string }[] }) =>
  [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].reduce((n, s) => n + [...(s ?? '')].length, 0);

/** A card at every schema maximum, in both languages. */
function hugeCard(): Card {
  const base = shippedBank().cards.find((c) => c.id === 'dropout')!;
  const long = (n: number, word: string) => Array.from({ length: n }, () => word).join(' ').slice(0, n);
  return {
    ...base,
    id: 'huge-card',
    title: { zh: '长'.repeat(160), en: long(160, 'title') },
    answer: { zh: '答案内容很长。'.repeat(300).slice(0, 1500), en: long(1500, 'answer') },
    keyPoints: { zh: Array.from({ length: 6 }, () => '要点'.repeat(150)), en: Array.from({ length: 6 }, () => long(300, 'point')) },
  };
}

const round = (over: Partial<RoundView> = {}): RoundView => ({
  roundId: 'r1',
  conversation,
  cardId: 'dropout',
  prompt: { zh: '问题？', en: 'Question?' },
  options: [1, 2, 3, 4].map((i) => ({ zh: `选项${i}`, en: `option ${i}` })),
  kind: 'choice',
  unit: { zh: '', en: '' },
  answeredCount: 3,
  postedAt: new Date('2027-01-04T01:00:00Z'),
  closesAt: new Date('2027-01-05T01:00:00Z'),
  status: 'open',
  messageRef: null,
  late: false,
  ...over,
});

describe('Discord rendering', () => {
  it('fits a card at every schema maximum within Discord limits, with a pointer to the full text', () => {
    const payload = renderForDiscord(reply({ kind: 'card', card: hugeCard(), alternatives: [] }));
    const [embed] = payload.embeds;
    expect(size(embed!)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect([...embed!.title!].length).toBeLessThanOrEqual(LIMITS.title);
    expect([...embed!.description!].length).toBeLessThanOrEqual(LIMITS.description);
    for (const f of embed!.fields ?? []) expect([...f.value].length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(embed!.footer!.text).toContain('/show huge-card');
  });

  it('shows a card in one language in full, without a pointer', () => {
    const card = shippedBank().cards.find((c) => c.id === 'dropout')!;
    const [embed] = renderForDiscord(reply({ kind: 'card', card, alternatives: [] }, 'en')).embeds;
    expect(embed!.description).toBe(card.answer.en);
    expect(embed!.fields!.map((f) => f.value).join('\n')).toBe(card.keyPoints.en.map((p) => `• ${p}`).join('\n'));
    expect(embed!.footer!.text).toBe('dropout');
  });

  it('cuts long content under 2,000 characters at a boundary', () => {
    const payload = renderForDiscord(reply({ kind: 'text', text: { zh: 'x', en: 'word '.repeat(1000) } }, 'en'));
    expect([...payload.content].length).toBeLessThanOrEqual(LIMITS.content);
    expect(payload.content.endsWith('word…')).toBe(true);
  });

  it('never allows mentions, and marks private replies ephemeral', () => {
    const bodies: ReplyBody[] = [
      { kind: 'text', text: { zh: '@everyone', en: '@everyone' } },
      { kind: 'error', text: { zh: '<@123>', en: '<@123>' } },
      { kind: 'suggestions', query: '@here', suggestions: [] },
      { kind: 'question', round: round() },
      { kind: 'verdict', roundId: 'r1', answer: 'A', correct: true, repeated: false, text: { zh: '对', en: 'right' } },
      { kind: 'leaderboard', period: 'week', rows: [{ rank: 1, userId: userId('discord', '1'), name: '@everyone', points: 3, correct: 1, answered: 1 }], me: null },
    ];
    for (const body of bodies) {
      expect(renderForDiscord(reply(body)).allowedMentions).toEqual({ parse: [] });
      expect(renderForDiscord(reply(body, 'en', 'private')).ephemeral).toBe(true);
      expect(renderForDiscord(reply(body, 'en', 'public')).ephemeral).toBe(false);
    }
  });

  it('puts A–D buttons on an open choice round, disables them when closed, none for numeric', () => {
    const open = renderForDiscord(reply({ kind: 'question', round: round() }));
    const ids = open.components[0]!.components.map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(ids).toEqual(['quiz:r1:A', 'quiz:r1:B', 'quiz:r1:C', 'quiz:r1:D']);
    expect(open.embeds[0]!.fields![0]!.value).toMatch(/^3 · .*<t:\d+:R>/);
    const closed = renderForDiscord(reply({ kind: 'round-update', round: round({ status: 'closed' }) }));
    expect(closed.components[0]!.components.every((b) => b.disabled)).toBe(true);
    const numeric = renderForDiscord(reply({ kind: 'question', round: round({ kind: 'numeric', options: [] }) }));
    expect(numeric.components).toEqual([]);
    expect(parseButtonId('quiz:r-1:uuid:C')).toEqual({ roundId: 'r-1:uuid', choice: 'C' });
    expect(parseButtonId('other:1:A')).toBeUndefined();
  });

  it('cuts at a word boundary and drops trailing fields when an embed is over 6,000 characters', () => {
    expect(cut('alpha beta gamma delta', 13)).toBe('alpha beta…');
    expect(cut('short', 10)).toBe('short');
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(1000) }));
    const fitted = fitEmbed({ title: 't', fields }, 'see more');
    expect(size(fitted)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(fitted.footer?.text).toBe('see more');
  });
});
