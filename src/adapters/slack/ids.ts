import { conversationId, userId, type ConversationId, type UserId } from '../../core/types.ts';

/** The platform prefix of every Slack id. */
export const SLACK = 'slack';

/** `slack:<teamId>:<channelId>`. */
export const slackConversation = (teamId: string, channelId: string): ConversationId => conversationId(SLACK, teamId, channelId);

/** `slack:<teamId>:<userId>`. */
export const slackUser = (teamId: string, user: string): UserId => userId(SLACK, teamId, user);

/** The Slack channel id of one of our conversation ids, or null when it is not a Slack one. */
export function channelOf(conversation: ConversationId): string | null {
  const [platform, team, channel, ...rest] = conversation.split(':');
  return platform === SLACK && team && channel && rest.length === 0 ? channel : null;
}

/** Where a posted message lives: the reference the core stores for later edits. */
export interface MessageRef {
  channel: string;
  ts: string;
}

/** `<channel>/<ts>`, the message reference format this adapter gives the core. */
export const formatMessageRef = (ref: MessageRef): string => `${ref.channel}/${ref.ts}`;

/** Parses {@link formatMessageRef}'s output; null for anything else. */
export function parseMessageRef(ref: string | null): MessageRef | null {
  const match = /^([A-Z0-9]+)\/(\d+\.\d+)$/.exec(ref ?? '');
  return match ? { channel: match[1]!, ts: match[2]! } : null;
}

/** Answer buttons' action ids: the core's one format, under Slack's name for them. */
export { answerButtonId as quizActionId, ANSWER_BUTTON as QUIZ_ACTION, parseAnswerButton as parseQuizAction } from '../../core/answer-button.ts';
