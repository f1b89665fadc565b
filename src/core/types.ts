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

/** A button of a private review: an answer letter, Next, New cards, or a Hard / Easy rating. */
export type ReviewPress = ChoiceLetter | 'next' | 'new' | 'hard' | 'easy';

/** What the user did: typed a command, pressed an answer button, or pressed a review button. */
export type Action =
  | { kind: 'command'; text: string }
  | { kind: 'choice'; roundId: string; choice: ChoiceLetter }
  | { kind: 'review'; sessionId: string; step: number; press: ReviewPress };

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
  /** Spaced-repetition figures, when the review module provides them. */
  memory?: MemoryStats;
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

/** What FSRS says about a member's memory (the review part of /stats). */
export interface MemoryStats {
  /** Cards due now. */
  dueNow: number;
  /** Cards due within the next 7 days (including those due now). */
  dueWeek: number;
  /** Graded answers so far (channel quizzes and reviews). */
  reviews: number;
  /** Distinct cards seen. */
  seen: number;
  /** Mean FSRS retrievability over the cards seen (0–1); null when none. */
  retention: number | null;
  /** Cards with stability of at least 21 days. */
  mastered: number;
  /** Main topics with the most lapses, most first (only topics with at least one). */
  lapseTopics: string[];
}

/** A card shown in a member's private review. */
export interface ReviewCardView {
  sessionId: string;
  /** The session's step: buttons carry it, so an old button is recognised. */
  step: number;
  cardId: string;
  topic: string;
  prompt: Localized;
  /** A–D options for a choice card; empty for a numeric one. */
  options: Localized[];
  kind: 'choice' | 'numeric';
  unit: Localized;
  /** A card the member has never seen (otherwise: due for review). */
  fresh: boolean;
  /** Cards due now, this one included. */
  dueCount: number;
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
  | { kind: 'stats'; stats: MemberStats }
  | { kind: 'review-card'; card: ReviewCardView }
  | {
      kind: 'review-result';
      sessionId: string;
      step: number;
      cardId: string;
      correct: boolean;
      answer: string;
      correctAnswer: Localized;
      explanation: Localized;
      rating: 'again' | 'hard' | 'good' | 'easy';
      nextDue: Date;
      /** When the card comes back, in words ("again in 10 minutes", "in 4 days"). */
      comesBack: Localized;
      /** Offer Hard / Easy buttons (a right answer not yet re-rated). */
      canRate: boolean;
    }
  | {
      kind: 'review-empty';
      sessionId: string;
      step: number;
      /** When the member's next card is due (null: nothing scheduled). */
      nextDue: Date | null;
      nextIn: Localized | null;
      /** New cards the member could start (within the session's topics). */
      newCards: number;
    };

/** One reply: what to show, to whom (everyone, or only the sender), in which language(s). */
export type Reply = ReplyBody & {
  visibility: 'public' | 'private';
  lang: LangPreference;
  /** Where to post it; the incoming conversation unless a reply targets another one. */
  conversation: ConversationId;
};

/** The reply kinds, for tables keyed by kind. */
export type ReplyKind = ReplyBody['kind'];
