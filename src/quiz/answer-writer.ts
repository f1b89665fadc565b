import type { Db } from '../store/db.ts';
import { isUnavailable } from '../store/dialect.ts';
import { AnswersRepo, answerKey, type AnswerRow } from '../store/answers-repo.ts';
import { GroupCommit } from '../store/group-commit.ts';
import { MemoryRepo, memoryKey, type CardStateRow, type ReviewLogRow } from '../store/memory-repo.ts';
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

/** How often a batch's memory writes are recomputed when other processes insert the same new cards. */
const MEMORY_ATTEMPTS = 4;

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
      if (this.#learning) await learn(new MemoryRepo(trx, dialect), this.#learning, [...created]);
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

/**
 * Applies new answers to their members' memories: lock the memories, compute each answer in turn
 * from the one before it (one member may answer the same card in two channels in one batch), write
 * them and their log. A card new to a member that another process inserted meanwhile is read again
 * and recomputed.
 */
async function learn(memory: MemoryRepo, learning: AnswerLearning, items: AnswerToWrite[]): Promise<void> {
  let pending = items.map((item) => ({ item, member: learning.memberOf(item.answer) }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === MEMORY_ATTEMPTS) throw new Error('could not update review memory: other writers kept inserting the same cards');
    const pairs = new Map(pending.map((p) => [memoryKey({ member_id: p.member, card_id: p.item.cardId }), { member_id: p.member, card_id: p.item.cardId }]));
    const current = new Map<string, CardStateRow>((await memory.lockMany([...pairs.values()])).map((row) => [memoryKey(row), row]));
    const existed = new Set(current.keys());
    const logs: ReviewLogRow[] = [];
    for (const { item, member } of pending) {
      const key = memoryKey({ member_id: member, card_id: item.cardId });
      const { state, log } = learning.next(current.get(key), member, item.cardId, item.answer.correct === 1, item.answer.answered_at);
      current.set(key, state);
      logs.push(log);
    }
    const states = [...current.values()];
    const lost = await memory.writeLocked(
      states.filter((s) => !existed.has(memoryKey(s))),
      states.filter((s) => existed.has(memoryKey(s))),
      logs,
    );
    pending = pending.filter((p) => lost.has(memoryKey({ member_id: p.member, card_id: p.item.cardId })));
  }
}
