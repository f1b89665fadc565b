import type { Db } from './db.ts';
import { AnswersRepo } from './answers-repo.ts';
import { ConversationsRepo } from './conversations-repo.ts';
import { ReportsRepo } from './reports-repo.ts';
import { RoundsRepo } from './rounds-repo.ts';
import { SchedulesRepo } from './schedules-repo.ts';
import { MemoryRepo } from './memory-repo.ts';
import { ReviewSessionsRepo } from './review-sessions-repo.ts';
import { RemindersRepo } from './reminders-repo.ts';

/** All repositories over one database. */
export interface Store {
  db: Db;
  conversations: ConversationsRepo;
  rounds: RoundsRepo;
  answers: AnswersRepo;
  reports: ReportsRepo;
  schedules: SchedulesRepo;
  /** Members' FSRS card memories and the review log. */
  memory: MemoryRepo;
  reviewSessions: ReviewSessionsRepo;
  reminders: RemindersRepo;
}

/** Builds the repositories over an open database. */
export function createStore(db: Db): Store {
  return {
    db,
    conversations: new ConversationsRepo(db.kysely),
    rounds: new RoundsRepo(db.kysely, db.dialect),
    answers: new AnswersRepo(db.kysely, db.dialect),
    reports: new ReportsRepo(db.kysely),
    schedules: new SchedulesRepo(db.kysely),
    memory: new MemoryRepo(db.kysely, db.dialect),
    reviewSessions: new ReviewSessionsRepo(db.kysely),
    reminders: new RemindersRepo(db.kysely),
  };
}
