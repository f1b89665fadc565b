import type { Db } from '../store/db.ts';
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

/** What became of an answer, with its round as stored after the write (undefined: no such round). */
export type WrittenAnswer =
  | { outcome: 'created'; round: RoundRow; answered: number }
  | { outcome: 'repeated'; stored: AnswerRow; round: RoundRow; answered: number }
  | { outcome: 'closed'; round: RoundRow | undefined };

/** How often a batch's memory writes are recomputed when other processes insert the same new cards. */
const MEMORY_ATTEMPTS = 4;

/**
 * Records members' answers in batches (group commit): answers that arrive while a batch is being
 * written go together in the next one, each batch one transaction of a fixed handful of
 * statements. In that transaction an answer is inserted only while its round is open (so it is in
 * the reveal, or refused as closed), its member's review memory learns from it, and the round is
 * read back with its answer count. An answer is never recorded without its memory update, nor the
 * other way round.
 */
export class AnswerWriter {
  readonly #db: Db;
  readonly #learning: AnswerLearning | undefined;
  readonly #batches: GroupCommit<AnswerToWrite, WrittenAnswer>;

  constructor(db: Db, learning?: AnswerLearning) {
    this.#db = db;
    this.#learning = learning;
    // Postgres overlaps two batches' round trips; SQLite has one connection, one writer at a time.
    this.#batches = new GroupCommit((items) => this.#write(items), { concurrency: db.dialect === 'postgres' ? 2 : 1 });
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
      // A key twice in one batch (a double click): the first is written, the second finds it stored.
      const firsts = new Map<string, AnswerToWrite>();
      for (const item of items) if (!firsts.has(answerKey(item.answer))) firsts.set(answerKey(item.answer), item);
      const inserted = await answers.insertWhileOpen([...firsts.values()].map((i) => i.answer));
      const created = new Set<AnswerToWrite>([...firsts.values()].filter((i) => inserted.has(answerKey(i.answer))));
      if (this.#learning) await learn(new MemoryRepo(trx, dialect), this.#learning, [...created]);
      const rounds = await new RoundsRepo(trx, dialect).withAnswerCounts([...new Set(items.map((i) => i.answer.round_id))]);
      const stored = new Map((await answers.byKeys(items.filter((i) => !created.has(i)).map((i) => i.answer))).map((a) => [answerKey(a), a]));
      return items.map((item): WrittenAnswer => {
        const counted = rounds.get(item.answer.round_id);
        if (!counted) return { outcome: 'closed', round: undefined };
        if (created.has(item)) return { outcome: 'created', ...counted };
        const previous = stored.get(answerKey(item.answer));
        return previous ? { outcome: 'repeated', stored: previous, ...counted } : { outcome: 'closed', round: counted.round };
      });
    });
  }
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
    const logs: { key: string; log: ReviewLogRow }[] = [];
    for (const { item, member } of pending) {
      const key = memoryKey({ member_id: member, card_id: item.cardId });
      const { state, log } = learning.next(current.get(key), member, item.cardId, item.answer.correct === 1, item.answer.answered_at);
      current.set(key, state);
      logs.push({ key, log });
    }
    const fresh = [...current].filter(([key]) => !existed.has(key));
    const inserted = await memory.insertNew(fresh.map(([, state]) => state));
    await memory.overwriteLocked([...current].filter(([key]) => existed.has(key)).map(([, state]) => state));
    const lost = new Set(fresh.map(([key]) => key).filter((key) => !inserted.has(key)));
    await memory.appendLogs(logs.filter((l) => !lost.has(l.key)).map((l) => l.log));
    pending = pending.filter((p) => lost.has(memoryKey({ member_id: p.member, card_id: p.item.cardId })));
  }
}
