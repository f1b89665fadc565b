import type { Card, ChoiceLetter } from '../questions/schema.ts';
import type { LangPreference, Localized } from './i18n.ts';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** An opaque, platform-prefixed conversation id: `discord:<guild>:<channel>`, `slack:<team>:<channel>`, `console:local`. */
export type ConversationId = Brand<string, 'ConversationId'>;
/** An opaque, platform-prefixed user id: `discord:<user>`, `slack:<team>:<user>`, `console:<name>`. */
export type UserId = Brand<string, 'UserId'>;

/** Makes a conversation id from its platform parts. */
export const conversationId = (platform: string, ...parts: string[]): ConversationId =>
  [platform, ...parts].join(':') as ConversationId;
/** Makes a user id from its platform parts. */
export const userId = (platform: string, ...parts: string[]): UserId => [platform, ...parts].join(':') as UserId;

/** Who sent a message, as the adapter knows them. */
export interface Sender {
  id: UserId;
  /** Display name, shown in leaderboards and reveals (rendered without pinging). */
  name: string;
  /** May change this channel's schedule and close rounds (Manage Channels, a Slack admin, the console user). */
  isAdmin: boolean;
}

/** What the user did: typed a command, or pressed an answer button. */
export type Action =
  | { kind: 'command'; text: string }
  | { kind: 'choice'; roundId: string; choice: ChoiceLetter };

/** One incoming event, platform-neutral. */
export interface Incoming {
  conversation: ConversationId;
  sender: Sender;
  action: Action;
}

/** A card as a short reference: enough for a list of alternatives or suggestions. */
export interface CardRef {
  id: string;
  title: Localized;
  score: number;
}

/** What adapters show of a quiz round. */
export interface RoundView {
  roundId: string;
  conversation: ConversationId;
  cardId: string;
  prompt: Localized;
  /** The four options for a choice card (A–D); empty for a numeric card. */
  options: Localized[];
  kind: 'choice' | 'numeric';
  unit: Localized;
  answeredCount: number;
  postedAt: Date;
  closesAt: Date;
  status: 'open' | 'closed';
  /** Platform reference of the posted question message, once the adapter reported it. */
  messageRef: string | null;
  /** Set when a scheduled post went out late (after a restart within the grace window). */
  late: boolean;
}

/** One row of a leaderboard. */
export interface LeaderboardRow {
  rank: number;
  userId: UserId;
  name: string;
  points: number;
  correct: number;
  answered: number;
}

/** A member's personal statistics in one conversation. */
export interface MemberStats {
  userId: UserId;
  name: string;
  answered: number;
  correct: number;
  accuracy: number;
  points: number;
  currentStreak: number;
  bestStreak: number;
  strongestTopics: string[];
  weakestTopics: string[];
  /** Right (true) or wrong of the member's last answers, oldest first (at most 30); for the stats chart. */
  recent?: boolean[];
  /** The member's record per topic, most answered first; for the stats chart. */
  topics?: TopicScore[];
}

/** How the answers of a round spread: members per option, or the numbers given (for the reveal's chart). */
export type AnswerTally =
  | { kind: 'choice'; counts: Record<ChoiceLetter, number>; correct: ChoiceLetter }
  | { kind: 'numeric'; values: number[]; correct: number; tolerance: number };

/** A member's record in one topic. */
export interface TopicScore {
  topic: string;
  answered: number;
  correct: number;
}

/** The leaderboard periods. */
export type Period = 'today' | 'week' | 'last-week' | 'month' | 'all';

/** The body of a reply: one kind each, rendered by every adapter's render.ts. */
export type ReplyBody =
  | { kind: 'text'; text: Localized }
  | { kind: 'error'; text: Localized }
  | { kind: 'card'; card: Card; alternatives: CardRef[] }
  | { kind: 'suggestions'; query: string; suggestions: CardRef[] }
  | { kind: 'question'; round: RoundView }
  | { kind: 'round-update'; round: RoundView }
  | { kind: 'verdict'; roundId: string; answer: string; correct: boolean; repeated: boolean; text: Localized }
  | {
      kind: 'reveal';
      round: RoundView;
      correctAnswer: Localized;
      explanation: Localized;
      answered: number;
      correctCount: number;
      firstCorrect: string | null;
      winners: string[];
      /** How the answers spread, for the reveal's chart. */
      tally?: AnswerTally;
    }
  | { kind: 'leaderboard'; period: Period; rows: LeaderboardRow[]; me: LeaderboardRow | null }
  | { kind: 'stats'; stats: MemberStats };

/** One reply: what to show, to whom (everyone, or only the sender), in which language(s). */
export type Reply = ReplyBody & {
  visibility: 'public' | 'private';
  lang: LangPreference;
  /** Where to post it; the incoming conversation unless a reply targets another one. */
  conversation: ConversationId;
};

/** The reply kinds, for tables keyed by kind. */
export type ReplyKind = ReplyBody['kind'];
