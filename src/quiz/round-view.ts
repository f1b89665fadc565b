import type { Card } from '../questions/schema.ts';
import type { ConversationId, RoundView } from '../core/types.ts';
import type { RoundRow } from '../store/rounds-repo.ts';

/** What adapters see of a stored round. */
export function toRoundView(row: RoundRow, card: Card, answeredCount: number): RoundView {
  const quiz = card.quiz;
  return {
    roundId: row.id,
    conversation: row.conversation_id as ConversationId,
    cardId: card.id,
    prompt: quiz.prompt,
    options: quiz.type === 'choice' ? quiz.options : [],
    kind: quiz.type,
    unit: quiz.type === 'numeric' ? quiz.unit : { zh: '', en: '' },
    answeredCount,
    postedAt: new Date(row.posted_at),
    closesAt: new Date(row.closes_at),
    status: row.closed_at === null ? 'open' : 'closed',
    messageRef: row.message_ref,
    late: row.late === 1,
  };
}
