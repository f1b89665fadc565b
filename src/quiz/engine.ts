import { randomUUID } from 'node:crypto';
import { fill, type Localized } from '../core/i18n.ts';
import type { Outgoing } from '../core/bot.ts';
import type { ConversationId, Sender } from '../core/types.ts';
import type { Card } from '../questions/schema.ts';
import type { Store } from '../store/store.ts';
import type { RoundRow } from '../store/rounds-repo.ts';
import { correctAnswerText, grade, tallyOf } from './grading.ts';
import { AnswerWriter, type AnswerLearning } from './answer-writer.ts';
import { QUIZ_MSG } from './messages.ts';
import { pickCard, type CardRecord } from './picker.ts';
import { toRoundView } from './round-view.ts';

/** What the quiz engine needs. */
export interface QuizDeps {
  store: Store;
  cards: readonly Card[];
  clock: () => Date;
  /** Mixed into every pick's seed; fixed in tests for reproducible picks. */
  seed?: string;
  /** How members' review memory learns from channel answers, in the transaction that records them. */
  learning?: AnswerLearning;
  /**
   * The mean recall probability (0–1) of cards among a conversation's members who have seen them;
   * cards nobody has seen are absent. Without it, picking falls back to the share answered right.
   */
  retention?: (conversation: ConversationId, cardIds: readonly string[]) => Promise<ReadonlyMap<string, number>>;
}

/** How a round is being posted. */
export interface PostOptions {
  /** A scheduled post that went out after its slot (the bot was down). */
  late?: boolean;
  /** Close a still-open round first (the daily post does; `/quiz` refuses instead). */
  replaceOpen?: boolean;
}

/**
 * The life of a round: post → answers → close → reveal. Every state change is one guarded write,
 * so a double click, two processes or a restart cannot answer twice, close twice or reveal twice.
 */
export class QuizEngine {
  readonly #store: Store;
  readonly #cards = new Map<string, Card>();
  readonly #clock: () => Date;
  readonly #seed: string;
  readonly #deps: QuizDeps;
  readonly #writer: AnswerWriter;
  /** What never changes about rounds seen open here (their conversation and card): most answers need no round read. */
  readonly #openRounds = new Map<string, Pick<RoundRow, 'id' | 'conversation_id' | 'card_id'>>();

  constructor(deps: QuizDeps) {
    this.#deps = deps;
    this.#store = deps.store;
    this.#writer = new AnswerWriter(deps.store.db, deps.learning);
    for (const card of deps.cards) this.#cards.set(card.id, card);
    this.#clock = deps.clock;
    this.#seed = deps.seed ?? randomUUID();
  }

  /**
   * Posts a new round. With an open round, `/quiz` gets an error pointing at it; the daily post
   * (`replaceOpen`) closes and reveals it first.
   */
  async post(conversation: ConversationId, options: PostOptions = {}): Promise<Outgoing[]> {
    const now = this.#clock().getTime();
    const settings = await this.#store.conversations.ensure(conversation, now);
    const out: Outgoing[] = [];
    // Another process may open a round between our check and our insert: the insert says so, and
    // the daily post closes that one too (a few turns at most), while /quiz points at it.
    for (let attempt = 0; attempt < 3; attempt++) {
      const open = await this.#store.rounds.open(conversation);
      if (open) {
        if (!options.replaceOpen) return [roundOpenError(open)];
        out.push(...(await this.close(open.id)));
      }
      const rounds = await this.#store.rounds.ofConversation(conversation);
      const history = await this.#history(conversation, rounds);
      const retention = this.#deps.retention ? await this.#deps.retention(conversation, [...history.keys()]) : undefined;
      const card = pickCard([...this.#cards.values()], history, topicsOf(settings.topics), `${this.#seed}:${conversation}:${rounds.length}`, retention);
      if (!card) return [...out, { kind: 'error', text: QUIZ_MSG.noCards, visibility: 'private' }];
      const row = await this.#store.rounds.insert({
        id: randomUUID(),
        conversation_id: conversation,
        card_id: card.id,
        posted_at: now,
        closes_at: now + settings.deadline_hours * 3_600_000,
        late: options.late ? 1 : 0,
      });
      if ('open' in row) {
        if (!options.replaceOpen) return [...out, roundOpenError(row.open)];
        continue;
      }
      this.#remember(row);
      return [...out, { kind: 'question', round: toRoundView(row, card, 0), conversation }];
    }
    throw new Error(`could not post a round to ${conversation}: other processes kept opening rounds`);
  }

  /**
   * Records a member's answer to a round (the open round of the conversation when `roundId` is
   * omitted). Returns the private verdict and, for a new answer, a round update (answered count).
   */
  async answer(conversation: ConversationId, sender: Sender, raw: string, roundId?: string): Promise<Outgoing[]> {
    const round = roundId ? await this.#roundSeenOpen(roundId) : await this.#store.rounds.open(conversation);
    if (!round || round.conversation_id !== conversation) {
      return [privateError(roundId ? QUIZ_MSG.unknownRound : QUIZ_MSG.noOpenRound)];
    }
    if ('closed_at' in round && round.closed_at !== null) return [privateError(QUIZ_MSG.roundClosed)];
    const card = this.#cards.get(round.card_id);
    if (!card) return [privateError(fill(QUIZ_MSG.cardGone, { id: round.card_id }))];
    const graded = grade(card.quiz, raw);
    if (!graded.ok) return [privateError(graded.error)];
    const written = await this.#writer.write({
      cardId: card.id,
      answer: {
        round_id: round.id,
        user_id: sender.id,
        conversation_id: conversation,
        user_name: sender.name,
        answer: graded.answer,
        correct: graded.correct ? 1 : 0,
        answered_at: this.#clock().getTime(),
      },
    });
    // Closed between reading it and recording: refused, so an answer is never scored yet missing from the reveal.
    if (written.outcome === 'closed') {
      this.#openRounds.delete(round.id);
      return [privateError(QUIZ_MSG.roundClosed)];
    }
    if (written.outcome === 'repeated') {
      const { answer } = written.stored;
      return [{ kind: 'verdict', roundId: round.id, answer, correct: written.stored.correct === 1, repeated: true, text: fill(QUIZ_MSG.alreadyAnswered, { answer }), visibility: 'private' }];
    }
    const values = { answer: graded.answer };
    return [
      { kind: 'verdict', roundId: round.id, answer: graded.answer, correct: graded.correct, repeated: false, text: fill(graded.correct ? QUIZ_MSG.right : QUIZ_MSG.wrong, values), visibility: 'private' },
      { kind: 'round-update', round: toRoundView(written.round, card, written.round.answered), conversation },
    ];
  }

  /** Resolves once every answer submitted so far is written (shutdown). */
  answersWritten(): Promise<void> {
    return this.#writer.drained();
  }

  /**
   * A round by id: from what this process saw of it while open (the write decides whether it still
   * is), else from the store, remembered while it is open.
   */
  async #roundSeenOpen(roundId: string): Promise<Pick<RoundRow, 'id' | 'conversation_id' | 'card_id'> | RoundRow | undefined> {
    const seen = this.#openRounds.get(roundId);
    if (seen) return seen;
    const row = await this.#store.rounds.byId(roundId);
    if (row && row.closed_at === null) this.#remember(row);
    return row;
  }

  #remember(round: RoundRow): void {
    this.#openRounds.set(round.id, { id: round.id, conversation_id: round.conversation_id, card_id: round.card_id });
    // Bounded: the oldest entries go first (a forgotten round is simply read again).
    if (this.#openRounds.size > OPEN_ROUNDS_REMEMBERED) this.#openRounds.delete(this.#openRounds.keys().next().value!);
  }

  /**
   * Closes a round and reveals it, exactly once: only the caller whose write closed the round gets
   * the replies (an edit of the question message, then the public reveal). A round whose closing was
   * interrupted after the close but before the reveal was prepared (a crash in between) is revealed
   * by the next sweep.
   */
  async close(roundId: string): Promise<Outgoing[]> {
    const now = this.#clock().getTime();
    const before = await this.#store.rounds.byId(roundId);
    if (!before) return [];
    const closedNow = await this.#store.rounds.close(roundId, now);
    this.#openRounds.delete(roundId);
    if (!closedNow && before.revealed_at !== null) return [];
    const round = closedNow ? { ...before, closed_at: now } : before;
    const conversation = round.conversation_id as ConversationId;
    const card = this.#cards.get(round.card_id);
    if (!card) {
      // The card's pack was removed: the round still closes (once), with a note instead of a reveal.
      await this.#store.rounds.markRevealed(roundId, now);
      return [{ kind: 'text', text: fill(QUIZ_MSG.cardGone, { id: round.card_id }), conversation, visibility: 'public' }];
    }
    const answers = await this.#store.answers.ofRound(roundId);
    const right = answers.filter((a) => a.correct === 1);
    const view = toRoundView(round, card, answers.length);
    await this.#store.rounds.markRevealed(roundId, now);
    return [
      { kind: 'round-update', round: view, conversation },
      {
        kind: 'reveal',
        round: view,
        correctAnswer: correctAnswerText(card.quiz),
        explanation: card.quiz.explanation,
        answered: answers.length,
        correctCount: right.length,
        firstCorrect: right[0]?.user_name ?? null,
        winners: right.map((a) => a.user_name),
        tally: tallyOf(card.quiz, answers.map((a) => a.answer)),
        conversation,
        visibility: 'public',
      },
    ];
  }

  /** Closes every overdue round (and re-reveals interrupted ones): run at start-up and periodically. */
  async closeOverdue(): Promise<Outgoing[]> {
    const due = await this.#store.rounds.needingClosure(this.#clock().getTime());
    const out: Outgoing[] = [];
    for (const round of due) out.push(...(await this.close(round.id)));
    return out;
  }

  /** Stores the platform reference of a round's question message. */
  async recordMessage(roundId: string, messageRef: string): Promise<void> {
    await this.#store.rounds.setMessageRef(roundId, messageRef);
  }

  /** The open round of a conversation, if any. */
  openRound(conversation: ConversationId): Promise<RoundRow | undefined> {
    return this.#store.rounds.open(conversation);
  }


  async #history(conversation: ConversationId, rounds: { card_id: string; seq: number }[]): Promise<Map<string, CardRecord>> {
    const history = new Map<string, CardRecord>();
    for (const r of rounds) history.set(r.card_id, { answered: 0, correct: 0, lastPostedSeq: r.seq });
    for (const a of await this.#store.answers.ofConversation(conversation)) {
      const record = history.get(a.card_id);
      if (!record) continue;
      record.answered += 1;
      record.correct += a.correct;
    }
    return history;
  }
}

/** How many open rounds' facts a process keeps (far more than rounds open at once in one process). */
const OPEN_ROUNDS_REMEMBERED = 10_000;

function topicsOf(topics: string | null): string[] | null {
  return topics ? topics.split(',').filter(Boolean) : null;
}

function roundOpenError(open: RoundRow): Outgoing {
  const posted = new Date(open.posted_at).toISOString().slice(0, 16).replace('T', ' ');
  return privateError(fill(QUIZ_MSG.roundOpen, { posted }));
}

function privateError(text: Localized): Outgoing {
  return { kind: 'error', text, visibility: 'private' };
}
