import type { ConversationId, UserId } from './types.ts';

declare const brand: unique symbol;
/**
 * A member: a user within one workspace or server (`discord:<guild>:<user>`, `slack:<team>:<user>`,
 * `console:<name>`). Scores and review memory belong to members, so the same person in two servers
 * keeps two separate histories. Opaque to the core like every id.
 */
export type MemberId = string & { readonly [brand]: 'MemberId' };

/** The workspace or server a conversation belongs to: the conversation id without its channel part. */
export function workspaceOf(conversation: ConversationId): string {
  const parts = conversation.split(':');
  return parts.length > 2 ? parts.slice(0, -1).join(':') : parts[0]!;
}

/** The member a user is in a conversation's workspace. */
export function memberOf(conversation: ConversationId, user: UserId): MemberId {
  const workspace = workspaceOf(conversation);
  if (user.startsWith(`${workspace}:`)) return user as string as MemberId;
  const local = user.slice(user.indexOf(':') + 1);
  return `${workspace}:${local}` as MemberId;
}

/**
 * The conversation that reaches a member privately (a direct message): the workspace, then `@` and
 * the platform's own user id. Each adapter knows how to open it.
 */
export function directConversation(conversation: ConversationId, user: UserId): ConversationId {
  return `${workspaceOf(conversation)}:@${user.slice(user.lastIndexOf(':') + 1)}` as ConversationId;
}

/** True for a conversation made by {@link directConversation}. */
export function isDirect(conversation: ConversationId): boolean {
  return conversation.slice(conversation.lastIndexOf(':') + 1).startsWith('@');
}
