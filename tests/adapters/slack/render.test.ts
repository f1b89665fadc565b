import { describe, expect, it } from 'vitest';
import { renderForSlack } from '../../../src/adapters/slack/render.ts';
import { escapeMrkdwn, slackCommands, truncate } from '../../../src/adapters/slack/mrkdwn.ts';
import { parseStudyCommand } from '../../../src/adapters/slack/study-command.ts';
import { parseMessageRef, parseQuizAction } from '../../../src/adapters/slack/ids.ts';
import { conversationId, userId, type Reply } from '../../../src/core/types.ts';
import { t } from '../../../src/core/i18n.ts';
import type { Card } from '../../../src/questions/schema.ts';

const conversation = conversationId('slack', 'T1', 'C1');

const hostile = '<!channel> <!everyone> <@U123> <http://evil.test|click> & more';
const card: Card = {
  id: 'hostile-card',
  tags: ['test'],
  difficulty: 1,
  title: t(`标题 ${hostile}`, `Title ${hostile}`),
  aliases: { zh: ['x'], en: ['x'] },
  answer: t('长'.repeat(5000), `**Bold** ${hostile} ${'long '.repeat(1000)}`),
  keyPoints: { zh: ['一', '二', hostile], en: ['one', 'two', hostile] },
  quiz: { type: 'numeric', prompt: t('p', 'p'), value: 1, tolerance: 0, unit: t('', ''), explanation: t('e', 'e') },
};

const allText = (reply: Reply) => JSON.stringify(renderForSlack(reply));

describe('Slack rendering', () => {
  it('escapes user and card text everywhere mrkdwn is parsed', () => {
    const out = allText({ kind: 'card', card, alternatives: [{ id: 'x', title: t(hostile, hostile), score: 1 }], visibility: 'public', lang: 'both', conversation });
    expect(out).not.toMatch(/<!|<@|<http/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&amp; more');
  });

  it('converts **bold** to Slack bold', () => {
    const message = renderForSlack({ kind: 'card', card, alternatives: [], visibility: 'public', lang: 'en', conversation });
    expect(JSON.stringify(message.blocks)).toContain('*Bold*');
    expect(JSON.stringify(message.blocks)).not.toContain('**Bold**');
  });

  it('stays within Slack limits: 3,000 characters per section, 150 per header, 50 blocks, a fallback text', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ rank: i + 1, userId: userId('slack', 'T1', `U${i}`), name: `member ${i} ${'x'.repeat(20)}`, points: 400 - i, correct: 1, answered: 2 }));
    for (const reply of [
      { kind: 'card', card, alternatives: [], visibility: 'public', lang: 'both', conversation },
      { kind: 'leaderboard', period: 'all', rows, me: null, visibility: 'public', lang: 'both', conversation },
    ] as Reply[]) {
      const { text, blocks } = renderForSlack(reply);
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(3000);
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const block of blocks) {
        const b = block as { type: string; text?: { text: string } };
        if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
        if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(150);
      }
    }
  });

  it('renders a numeric question without buttons and tells how to answer', () => {
    const round = {
      roundId: 'r', conversation, cardId: 'c', prompt: t('多少？', 'How many?'), options: [], kind: 'numeric' as const, unit: t('个', 'params'),
      answeredCount: 3, postedAt: new Date(0), closesAt: new Date(86_400_000), status: 'open' as const, messageRef: null, late: false,
    };
    const { blocks } = renderForSlack({ kind: 'question', round, visibility: 'public', lang: 'en', conversation });
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('/study answer');
    expect(JSON.stringify(blocks)).toContain('<!date^86400^');
  });
});

describe('Slack helpers', () => {
  it('maps /study text onto core commands, with share', () => {
    expect(parseStudyCommand('')).toEqual({ text: '/help', share: false });
    expect(parseStudyCommand('  ask   dropout ')).toEqual({ text: '/ask dropout', share: false });
    expect(parseStudyCommand('ask dropout share')).toEqual({ text: '/ask dropout', share: true });
    expect(parseStudyCommand('share leaderboard week')).toEqual({ text: '/leaderboard week', share: true });
    expect(parseStudyCommand('ask share price')).toEqual({ text: '/ask share price', share: false });
  });

  it('escapes only &, <, >', () => {
    expect(escapeMrkdwn('a & <b> *c*')).toBe('a &amp; &lt;b&gt; *c*');
  });

  it('rewrites core command names in help text, and nothing else', () => {
    expect(slackCommands('Usage: /ask <query>; see /help. Not /asking or a/b.')).toBe('Usage: /study ask <query>; see /study help. Not /asking or a/b.');
  });

  it('truncates without splitting an entity or a surrogate pair', () => {
    expect(truncate('ab&amp;cd', 5)).toBe('ab…');
    expect(truncate('a😀b', 3)).toBe('a…');
  });

  it('parses message refs and answer button ids', () => {
    expect(parseMessageRef('C1/1700000000.000100')).toEqual({ channel: 'C1', ts: '1700000000.000100' });
    expect(parseMessageRef('console:r1')).toBeNull();
    expect(parseQuizAction('quiz:3f2a-uuid:C')).toEqual({ roundId: '3f2a-uuid', choice: 'C' });
    expect(parseQuizAction('quiz:r:E')).toBeNull();
  });
});
