import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../../src/core/bot.ts';
import { memorySettings } from '../../../src/core/settings.ts';
import { t } from '../../../src/core/i18n.ts';
import type { Reply, RoundView } from '../../../src/core/types.ts';
import { slackConversation } from '../../../src/adapters/slack/ids.ts';
import { loadConfiguredBank } from '../../../src/questions/load-default.ts';
import { SearchIndex } from '../../../src/questions/search.ts';
import { CHANNEL, startSlackHarness, type SlackHarness } from './harness.ts';

const bob = { user: 'U0BOB', name: 'bob' };

/** A hand-made round, standing in for the quiz engine: these tests are about Slack, not grading. */
function round(conversation: RoundView['conversation'], overrides: Partial<RoundView> = {}): RoundView {
  return {
    roundId: 'round-1',
    conversation,
    cardId: 'dropout',
    prompt: t('Dropout 在推理时怎么处理？<!here>', 'What does dropout do at inference? <!here>'),
    options: [t('关闭', 'Off'), t('保持', 'On'), t('加倍', 'Doubled'), t('随机', 'Random')],
    kind: 'choice',
    unit: t('', ''),
    answeredCount: 0,
    postedAt: new Date('2026-01-05T09:00:00Z'),
    closesAt: new Date('2026-01-06T09:00:00Z'),
    status: 'open',
    messageRef: null,
    late: false,
    ...overrides,
  };
}

describe('Slack delivery and Web API errors', () => {
  let h: SlackHarness;
  const recorded: [string, string][] = [];
  const conversation = slackConversation('T0TEAM', CHANNEL);

  beforeAll(async () => {
    const bot = createBot({
      search: new SearchIndex(loadConfiguredBank().cards),
      settings: memorySettings(),
      defaultLang: 'en',
      handlers: { quiz: ({ incoming }) => [{ kind: 'question', round: round(incoming.conversation) }] },
      onMessagePosted: async (roundId, ref) => void recorded.push([roundId, ref]),
    });
    h = await startSlackHarness(bot);
  });
  afterAll(async () => h.close());

  it('/study quiz posts the question with A–D buttons and records where it went', async () => {
    const answer = await h.study('quiz', bob);
    expect(answer.status).toBe(200);
    const [post] = h.fake.callsOf('chat.postMessage');
    expect(post?.args.channel).toBe(CHANNEL);
    const actions = (post?.args.blocks as { type: string; elements?: { action_id: string }[] }[]).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual(['quiz:round-1:A', 'quiz:round-1:B', 'quiz:round-1:C', 'quiz:round-1:D']);
    expect(typeof post?.args.text).toBe('string');
    expect(JSON.stringify(post?.args)).not.toContain('<!here>');
    expect(recorded).toEqual([['round-1', `${CHANNEL}/${[...h.fake.messages.values()][0]?.ts}`]]);
  });

  it('a scheduled question through deliver arrives as chat.postMessage and returns its reference', async () => {
    const reply: Reply = { kind: 'question', round: round(conversation, { roundId: 'round-2', late: true }), visibility: 'public', lang: 'en', conversation };
    const ref = await h.adapter.deliver(reply);
    const post = h.fake.callsOf('chat.postMessage').at(-1);
    expect(ref).toBe(`${CHANNEL}/${String(h.fake.messages.get(ref!)?.ts)}`);
    expect(JSON.stringify(post?.args.blocks)).toContain('quiz:round-2:A');
  });

  it('a round-update edits the question (chat.update); a closed round loses its buttons', async () => {
    const ref = await h.adapter.deliver({ kind: 'question', round: round(conversation, { roundId: 'r3' }), visibility: 'public', lang: 'en', conversation });
    await h.adapter.deliver({
      kind: 'round-update',
      round: round(conversation, { roundId: 'r3', messageRef: ref, answeredCount: 2, status: 'closed' }),
      visibility: 'public',
      lang: 'en',
      conversation,
    });
    const update = h.fake.callsOf('chat.update').at(-1);
    expect(`${String(update?.args.channel)}/${String(update?.args.ts)}`).toBe(ref);
    const edited = h.fake.messages.get(ref!);
    expect(JSON.stringify(edited?.blocks)).not.toContain('"actions"');
    expect(JSON.stringify(edited?.blocks)).toMatch(/Answered: 2.*closed/);
  });

  it('a reveal is posted in the question thread', async () => {
    const ref = await h.adapter.deliver({ kind: 'question', round: round(conversation, { roundId: 'r4' }), visibility: 'public', lang: 'en', conversation });
    await h.adapter.deliver({
      kind: 'reveal',
      round: round(conversation, { roundId: 'r4', messageRef: ref, status: 'closed' }),
      correctAnswer: t('A', 'A'),
      explanation: t('推理时关闭', 'Turned off <@U0X> at inference'),
      answered: 2,
      correctCount: 1,
      firstCorrect: '<!channel>',
      winners: ['<!channel>'],
      visibility: 'public',
      lang: 'en',
      conversation,
    });
    const post = h.fake.callsOf('chat.postMessage').at(-1);
    expect(post?.args.thread_ts).toBe(ref!.split('/')[1]);
    expect(JSON.stringify(post?.args)).not.toMatch(/<!channel>|<@U0X>/);
  });

  it('channel_not_found: deliver rejects with the Slack error, and it is only logged', async () => {
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(h.adapter.deliver({ kind: 'text', text: t('嗨', 'hi'), visibility: 'public', lang: 'en', conversation })).rejects.toThrow(/channel_not_found/);
  });

  it('not_in_channel on /study quiz: logged, the member is told to invite the bot, the bot keeps answering', async () => {
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const before = h.fake.responses.length;
    expect((await h.study('quiz', bob)).status).toBe(200);
    expect(String(h.fake.responses.at(-1)?.body.text)).toContain('/invite @studybot');
    expect(h.logs.some((l) => l.slackError === 'not_in_channel' && l.level === 50)).toBe(true);
    await h.study('ask dropout', bob);
    expect(h.fake.responses.length).toBe(before + 2);
  });

  it('ratelimited (HTTP 429) on a post is logged and survived', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    expect((await h.study('quiz', bob)).status).toBe(200);
    expect(h.logs.some((l) => l.slackError === 'ratelimited')).toBe(true);
    const posts = h.fake.callsOf('chat.postMessage').length;
    await h.study('quiz', bob);
    expect(h.fake.callsOf('chat.postMessage').length).toBe(posts + 1);
  });

  it('an expired response_url (404) is logged, and the next command is answered', async () => {
    h.fake.failNextResponse(404);
    const before = h.fake.responses.length;
    expect((await h.study('ask dropout', bob)).status).toBe(200);
    expect(h.fake.responses.length).toBe(before);
    expect(h.logs.some((l) => l.level === 50 && /404/.test(String(l.slackError)))).toBe(true);
    await h.study('ask dropout', bob);
    expect(h.fake.responses.length).toBe(before + 1);
  });

  it('a failed users.info falls back to the name in the event and still answers', async () => {
    const carol = { user: 'U0CAROL', name: 'carol' };
    h.fake.failNext('users.info', { error: 'ratelimited' });
    const before = h.fake.responses.length;
    await h.study('ask dropout', carol);
    expect(h.fake.responses.length).toBe(before + 1);
    expect(h.logs.some((l) => l.user === carol.user && l.slackError === 'ratelimited')).toBe(true);
  });

  it('an expired message reference on chat.update rejects instead of crashing', async () => {
    await expect(
      h.adapter.deliver({ kind: 'round-update', round: round(conversation, { messageRef: `${CHANNEL}/1.000001` }), visibility: 'public', lang: 'en', conversation }),
    ).rejects.toThrow(/message_not_found/);
  });
});
