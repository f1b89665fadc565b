
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

/** A conversation's daily-question schedule. */
export interface SchedulesTable {
  conversation_id: string;
  /** node-cron expression (5 fields) evaluated in `time_zone`. */
  cron: string;
  time_zone: string;
  /** How the admin said it (`daily`, `weekdays` or the expression), for /schedule show. */
  label: string;
  enabled: number;
  weekly_leaderboard: number;
  consecutive_failures: number;
  /** Why the schedule paused itself (after repeated failures), or null. */
  paused_reason: string | null;
  /** The next slot not yet handled, for catch-up after downtime. */
  next_slot_at: number | null;
  updated_at: number;
}

/** A claimed scheduled slot: the claim makes it run once across restarts and processes. */
export interface ScheduleSlotsTable {
  conversation_id: string;
  kind: string;
  slot_at: number;
  /** claimed → posted | failed | missed */
  status: string;
  claimed_by: string;
  updated_at: number;
  detail: string | null;
}

/** The whole schema, for Kysely's type checking. */
export interface Database {
  schedules: SchedulesTable;
  schedule_slots: ScheduleSlotsTable;
  conversations: ConversationsTable;
  rounds: RoundsTable;
  answers: AnswersTable;
  reports: ReportsTable;
}
