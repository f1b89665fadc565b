import { COMMANDS, parseCommand, type CommandName } from './commands.ts';
import { fill, type LangPreference } from './i18n.ts';
import { MSG } from './messages.ts';
import { ask, show } from './lookup.ts';
import { helpText } from './help.ts';
import type { ConversationSettings } from './settings.ts';
import type { Incoming, Reply, ReplyBody } from './types.ts';
import type { SearchIndex } from '../questions/search.ts';

/** A reply as a handler produces it; the bot fills in language, audience and destination. */
export type Outgoing = ReplyBody & Partial<Pick<Reply, 'visibility' | 'conversation' | 'lang'>>;

/** What a command handler receives. */
export interface CommandContext {
  incoming: Incoming;
  /** The text after the command name. */
  args: string;
  lang: LangPreference;
}

/** Handles one command; returns its replies. Throwing is a bug: the bot apologizes and logs it. */
export type CommandHandler = (ctx: CommandContext) => Promise<Outgoing[]> | Outgoing[];

/** Handles an answer-button press. */
export type ChoiceHandler = (incoming: Incoming & { action: { kind: 'choice' } }, lang: LangPreference) => Promise<Outgoing[]>;

/** Handles a review-button press (the private review session). */
export type ReviewHandler = (incoming: Incoming & { action: { kind: 'review' } }, lang: LangPreference) => Promise<Outgoing[]>;

/** Everything the core needs, passed in (never imported), so tests can give real or in-memory parts. */
export interface BotDeps {
  search: SearchIndex;
  settings: ConversationSettings;
  /** Handlers contributed by other modules (the quiz engine); they override the defaults. */
  handlers?: Partial<Record<CommandName, CommandHandler>>;
  onChoice?: ChoiceHandler;
  /** Review-button presses (the review module provides it). */
  onReview?: ReviewHandler;
  /** Stores where a round's question was posted (the quiz engine provides it). */
  onMessagePosted?: (roundId: string, messageRef: string) => Promise<void>;
  /** Language for conversations that never chose one. */
  defaultLang?: LangPreference;
  /** Where unexpected errors go; never shown to users. */
  logError?: (error: unknown, incoming: Incoming) => void;
}

/** The platform-neutral bot: adapters feed it events and render what it returns. */
export interface Bot {
  handle(incoming: Incoming): Promise<Reply[]>;
  /** The language a conversation reads, for messages the bot sends on its own (scheduled posts). */
  langOf(conversation: Incoming['conversation']): Promise<LangPreference>;
  /**
   * Adapters call this after posting a `question` reply, with the platform reference of the posted
   * message, so later `round-update` replies can edit it.
   */
  recordMessage(roundId: string, messageRef: string): Promise<void>;
}

/** Builds the bot from its dependencies. */
export function createBot(deps: BotDeps): Bot {
  const defaultLang = deps.defaultLang ?? 'both';
  const langOf = async (conversation: Incoming['conversation']) => (await deps.settings.getLang(conversation)) ?? defaultLang;

  const builtIn: Partial<Record<CommandName, CommandHandler>> = {
    ask: ({ args }) => [privateIfError(ask(deps.search, args))],
    show: ({ args }) => [privateIfError(show(deps.search, args))],
    help: () => [{ kind: 'text', text: helpText(), visibility: 'private' }],
    lang: async ({ incoming, args, lang }) => {
      const choice = args.trim().toLowerCase();
      if (choice !== 'zh' && choice !== 'en' && choice !== 'both') {
        return [{ kind: 'error', text: fill(MSG.langUsage, { current: lang }), visibility: 'private' }];
      }
      await deps.settings.setLang(incoming.conversation, choice);
      return [{ kind: 'text', text: fill(MSG.langSet, { lang: choice }), lang: choice }];
    },
  };
  const handlers = { ...builtIn, ...deps.handlers };

  async function dispatch(incoming: Incoming, lang: LangPreference): Promise<Outgoing[]> {
    const { action } = incoming;
    if (action.kind === 'choice') {
      return deps.onChoice ? deps.onChoice({ ...incoming, action }, lang) : [{ kind: 'error', text: MSG.notYet, visibility: 'private' }];
    }
    if (action.kind === 'review') {
      return deps.onReview ? deps.onReview({ ...incoming, action }, lang) : [{ kind: 'error', text: MSG.notYet, visibility: 'private' }];
    }
    const parsed = parseCommand(action.text);
    if (!parsed.ok) {
      const text = parsed.reason === 'empty' ? MSG.emptyCommand : fill(MSG.unknownCommand, { name: parsed.name.slice(0, 40) });
      return [{ kind: 'error', text, visibility: 'private' }];
    }
    const handler = handlers[parsed.name];
    if (!handler) return [{ kind: 'error', text: MSG.notYet, visibility: 'private' }];
    return handler({ incoming, args: parsed.args, lang });
  }

  return {
    langOf,
    recordMessage: async (roundId, messageRef) => {
      if (deps.onMessagePosted) await deps.onMessagePosted(roundId, messageRef);
    },
    async handle(incoming) {
      let lang: LangPreference = defaultLang;
      let out: Outgoing[];
      try {
        lang = await langOf(incoming.conversation);
        out = await dispatch(incoming, lang);
      } catch (error) {
        deps.logError?.(error, incoming);
        out = [{ kind: 'error', text: MSG.internalError, visibility: 'private' }];
      }
      return out.map((o) => ({ visibility: 'public', conversation: incoming.conversation, lang, ...o }) as Reply);
    },
  };
}

function privateIfError(body: Outgoing): Outgoing {
  return body.kind === 'error' ? { ...body, visibility: 'private' } : body;
}

/** The command table, re-exported for adapters that register commands (Discord, help pages). */
export { COMMANDS };
