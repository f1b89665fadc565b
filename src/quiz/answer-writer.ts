import type { Db } from '../store/db.ts';
import { isUnavailable } from '../store/dialect.ts';
import { AnswersRepo, answerKey, type AnswerRow } from '../store/answers-repo.ts';
import { GroupCommit } from '../store/group-commit.ts';
import { MemoryRepo, type CardStateRow, type MemoryChange, type ReviewLogRow } from '../store/memory-repo.ts';
import { RoundsRepo, type RoundRow } from '../store/rounds-repo.ts';

/**
 * How a quiz answer teaches the member's review memory, in the transaction that records it.
 * Without one, answers are recorded and memory is left alone.
 */
export interface AnswerLearning {
  /** The key under which the answering member's memory is kept. */
  memberOf(answer: AnswerRow): string;
  /** The memory after the answer (`prior` undefined: the card is new to the member) and its log row. */
  next(prior: CardStateRow | undefined, member: string, cardId: string, correct: boolean, at: number): { state: CardStateRow; log: ReviewLogRow };
}

/** A graded answer to write, with the card its round asks. */
export interface AnswerToWrite {
  answer: AnswerRow;
  cardId: string;
}

/**
 * What became of an answer, with its round as stored after the write (its `answered` count
 * included); `closed`: the round is closed or unknown, and the answer was refused.
 */
export type WrittenAnswer = { outcome: 'created'; round: RoundRow } | { outcome: 'repeated'; stored: AnswerRow; round: RoundRow } | { outcome: 'closed' };

/**
 * Records members' answers in batches (group commit): answers that arrive while a batch is being
 * written go together in the next one, each batch one transaction of a fixed handful of
 * statements. In that transaction an answer is inserted only while its round is open (so it is in
 * the reveal, or refused as closed), its round's answer count goes up, and its member's review
 * memory learns from it. An answer is never recorded without its memory update, nor the
 * other way round.
 */
export class AnswerWriter {
  readonly #db: Db;
  readonly #learning: AnswerLearning | undefined;
  readonly #batches: GroupCommit<AnswerToWrite, WrittenAnswer>;

  constructor(db: Db, learning?: AnswerLearning) {
    this.#db = db;
    this.#learning = learning;
    // One batch at a time: measured on Postgres, two at once cost more CPU per answer (smaller
    // batches) for no more answers per second; SQLite has one connection anyway.
    // A batch that failed for one answer's sake is retried answer by answer; an unavailable
    // database fails them all at once.
    this.#batches = new GroupCommit((items) => this.#write(items), { retryAlone: (error) => !isUnavailable(error) });
  }

  /** Writes an answer with whichever batch it joins. */
  write(item: AnswerToWrite): Promise<WrittenAnswer> {
    return this.#batches.submit(item);
  }

  /** Resolves once every answer submitted so far is written. */
  drained(): Promise<void> {
    return this.#batches.drained();
  }

  #write(items: AnswerToWrite[]): Promise<WrittenAnswer[]> {
    const { dialect } = this.#db;
    return this.#db.kysely.transaction().execute(async (trx) => {
      const answers = new AnswersRepo(trx, dialect);
      const rounds = new RoundsRepo(trx, dialect);
      // A key twice in one batch (a double click): the first is written, the second finds it stored.
      const firsts = new Map<string, AnswerToWrite>();
      for (const item of items) if (!firsts.has(answerKey(item.answer))) firsts.set(answerKey(item.answer), item);
      // Count the answers into their rounds first: that locks the rounds and says which are open.
      const open = new Map((await rounds.countAnswers(perRound([...firsts.values()]))).filter((r) => r.closed_at === null).map((r) => [r.id, r]));
      const candidates = [...firsts.values()].filter((i) => open.has(i.answer.round_id));
      const inserted = await answers.insertNew(candidates.map((i) => i.answer));
      const created = new Set(candidates.filter((i) => inserted.has(answerKey(i.answer))));
      const repeated = candidates.filter((i) => !created.has(i));
      // Members who had already answered were counted above: take them back out.
      for (const round of await rounds.countAnswers(perRound(repeated, -1))) open.set(round.id, round);
      if (this.#learning) await new MemoryRepo(trx, dialect).apply([...created].map((item) => memoryChange(this.#learning!, item)));
      const stored = new Map((await answers.byKeys(items.filter((i) => !created.has(i) && open.has(i.answer.round_id)).map((i) => i.answer))).map((a) => [answerKey(a), a]));
      return items.map((item): WrittenAnswer => {
        const round = open.get(item.answer.round_id);
        if (!round) return { outcome: 'closed' };
        if (created.has(item)) return { outcome: 'created', round };
        const previous = stored.get(answerKey(item.answer));
        // Not created and not stored: the same key's first write in this batch was refused, which cannot happen while the round is held.
        if (!previous) throw new Error(`answer of ${item.answer.user_id} to round ${round.id} was neither recorded nor found`);
        return { outcome: 'repeated', stored: previous, round };
      });
    });
  }
}

/** How many answers each round gets (`sign` -1: how many to take back). */
function perRound(items: readonly AnswerToWrite[], sign = 1): { id: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const { answer } of items) counts.set(answer.round_id, (counts.get(answer.round_id) ?? 0) + sign);
  return [...counts].map(([id, n]) => ({ id, n }));
}

/** What a recorded answer does to its member's memory of the card. */
function memoryChange(learning: AnswerLearning, { answer, cardId }: AnswerToWrite): MemoryChange {
  const member = learning.memberOf(answer);
  return { member_id: member, card_id: cardId, next: (prior) => learning.next(prior, member, cardId, answer.correct === 1, answer.answered_at) };
}
