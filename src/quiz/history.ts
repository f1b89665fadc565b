import type { Store } from '../store/store.ts';
import type { History } from './leaderboard.ts';

/** A conversation's rounds and answers, as leaderboards and stats need them. */
export async function loadHistory(store: Store, conversation: string): Promise<History> {
  const [rounds, open, answers] = await Promise.all([
    store.rounds.ofConversation(conversation),
    store.rounds.open(conversation),
    store.answers.ofConversation(conversation),
  ]);
  return { rounds: rounds.map((r) => ({ seq: r.seq, open: r.id === open?.id })), answers };
}
