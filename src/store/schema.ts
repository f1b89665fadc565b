
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
  /** How many members have answered it. */
  answered: number;
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

/** A member's FSRS memory of one card (see review/fsrs.ts); `phase` is FSRS's state 0–3. */
export interface CardStatesTable {
  member_id: string;
  card_id: string;
  phase: number;
  stability: number;
  difficulty: number;
  due: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  scheduled_days: number;
  learning_steps: number;
}

/** One graded answer (a channel quiz answer or a review answer) and the memory it left. */
export interface ReviewLogTable {
  id: string;
  member_id: string;
  card_id: string;
  /** again | hard | good | easy */
  rating: string;
  /** quiz | review */
  source: string;
  reviewed_at: number;
  /** JSON of the card state before this review; null when the card was new to the member. */
  prior: string | null;
  phase: number;
  stability: number;
  difficulty: number;
  due: number;
}

/** A member's private review session: which card it is on, so stale buttons can be told apart. */
export interface ReviewSessionsTable {
  id: string;
  member_id: string;
  /** Where the session was started (its language). */
  conversation_id: string;
  /** Comma-separated topic filter, or null. */
  topics: string | null;
  /** due: only cards due; new: due cards, then new ones. */
  mode: string;
  /** Increases with every card shown; buttons carry it. */
  step: number;
  card_id: string | null;
  /** asking | answered | empty | ended */
  status: string;
  /** The review log row of the last answer (for Hard / Easy). */
  log_id: string | null;
  updated_at: number;
}

/** A member's opt-in daily reminder. */
export interface ReviewRemindersTable {
  member_id: string;
  user_id: string;
  conversation_id: string;
  /** HH:MM in `time_zone`. */
  time: string;
  time_zone: string;
  enabled: number;
  updated_at: number;
}

/** The whole schema, for Kysely's type checking. */
export interface Database {
  schedules: SchedulesTable;
  schedule_slots: ScheduleSlotsTable;
  conversations: ConversationsTable;
  rounds: RoundsTable;
  answers: AnswersTable;
  reports: ReportsTable;
  card_states: CardStatesTable;
  review_log: ReviewLogTable;
  review_sessions: ReviewSessionsTable;
  review_reminders: ReviewRemindersTable;
}
