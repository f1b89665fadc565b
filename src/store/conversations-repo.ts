import type { Kysely } from 'kysely';
import type { LangPreference } from '../core/i18n.ts';
import type { ConversationSettings } from '../core/settings.ts';
import type { ConversationId } from '../core/types.ts';
import type { ConversationsTable, Database } from './schema.ts';

/** A conversation's stored settings. */
export type ConversationRow = ConversationsTable;

/** Store access for per-conversation settings. */
export class ConversationsRepo implements ConversationSettings {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates the conversation's row on first sight; returns it. */
  async ensure(id: ConversationId, now: number): Promise<ConversationRow> {
    await this.#create(id, now);
    return (await this.get(id))!;
  }

  async get(id: ConversationId): Promise<ConversationRow | undefined> {
    const row = await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { ...row, created_at: Number(row.created_at) };
  }

  async getLang(id: ConversationId): Promise<LangPreference | undefined> {
    const row = await this.db.selectFrom('conversations').select('lang').where('id', '=', id).executeTakeFirst();
    return (row?.lang ?? undefined) as LangPreference | undefined;
  }

  async setLang(id: ConversationId, lang: LangPreference): Promise<void> {
    await this.update(id, { lang });
  }

  /** Updates some settings, creating the conversation first when needed. */
  async update(id: ConversationId, values: Partial<Omit<ConversationRow, 'id' | 'created_at'>>): Promise<void> {
    await this.#create(id, Date.now());
    await this.db.updateTable('conversations').set(values).where('id', '=', id).execute();
  }

  /** Inserts the conversation with default settings unless it exists. */
  async #create(id: ConversationId, now: number): Promise<void> {
    await this.db
      .insertInto('conversations')
      .values({ id, lang: null, time_zone: 'UTC', deadline_hours: 8, topics: null, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}
