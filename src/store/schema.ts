
/** Per-conversation settings. Times are epoch milliseconds throughout the store. */
export interface ConversationsTable {
  id: string;
  lang: string | null;
  time_zone: string;
  deadline_hours: number;
  /** Comma-separated topic filter for question picking, or null for all topics. */
  topics: string | null;
  created_at: number;
}

/** One quiz round: a card posted to a conversation. */
export interface RoundsTable {
  id: string;
  conversation_id: string;
  card_id: string;
  /** Position of the round in its conversation (1, 2, …): the order streaks follow. */
  seq: number;
  posted_at: number;
  closes_at: number;
  closed_at: number | null;
  revealed_at: number | null;
  message_ref: string | null;
  late: number;
}

/** One member's answer to one round; the primary key (round_id, user_id) makes it one per member. */
export interface AnswersTable {
  round_id: string;
  user_id: string;
  conversation_id: string;
  user_name: string;
  /** The letter (A–D) or the number as typed. */
  answer: string;
  correct: number;
  answered_at: number;
}

/** A member's report of a mistake in a card. */
export interface ReportsTable {
  id: string;
  card_id: string;
  conversation_id: string;
  user_id: string;
  user_name: string;
  text: string;
  created_at: number;
}

/** The whole schema, for Kysely's type checking. */
export interface Database {
  conversations: ConversationsTable;
  rounds: RoundsTable;
  answers: AnswersTable;
  reports: ReportsTable;
}
