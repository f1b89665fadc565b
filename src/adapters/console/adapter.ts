import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Adapter } from '../../core/adapter.ts';
import type { Bot } from '../../core/bot.ts';
import { conversationId, userId, type Incoming } from '../../core/types.ts';
import type { Reply } from '../../core/types.ts';
import { renderForConsole } from './render.ts';
import { localize, t } from '../../core/i18n.ts';

const AS_USAGE = t('用法：/as <名字>（一个词，最多 32 个字符），切换本地用户', 'Usage: /as <name> (one word, up to 32 characters) switches the local user');

/** The one conversation of the console. */
export const CONSOLE_CONVERSATION = conversationId('console', 'local');

/** Options of the console adapter; streams default to the process's. */
export interface ConsoleOptions {
  bot: Bot;
  input?: Readable;
  output?: Writable;
  /** The local user's name at start (`/as <name>` changes it). */
  userName?: string;
  /** Called when input ends (Ctrl-D, or the end of piped input). */
  onEnd?: () => void;
}

/**
 * A chat in the terminal. Type the same slash commands a chat user would; `/as <name>` switches
 * the local user so one person can play a round as several members. Works with piped input too:
 * one command per line, replies printed, `onEnd` called at end of input.
 */
export class ConsoleAdapter implements Adapter {
  readonly platform = 'console';
  readonly #bot: Bot;
  readonly #input: Readable;
  readonly #output: Writable;
  readonly #onEnd: () => void;
  #user: string;
  #pending: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: ConsoleOptions) {
    this.#bot = options.bot;
    this.#input = options.input ?? process.stdin;
    this.#output = options.output ?? process.stdout;
    this.#user = options.userName ?? 'me';
    this.#onEnd = options.onEnd ?? (() => {});
  }

  async start(): Promise<void> {
    const interactive = Boolean((this.#input as { isTTY?: boolean }).isTTY);
    const rl = createInterface({ input: this.#input, output: interactive ? this.#output : undefined, terminal: interactive });
    if (interactive) {
      this.#write('studybot — /help 查看命令 · type /help for commands · Ctrl-D to quit');
      rl.setPrompt(`${this.#user}> `);
      rl.prompt();
    }
    // Lines are handled strictly in order, even when piped faster than the bot answers.
    rl.on('line', (line) => {
      this.#pending = this.#pending.then(async () => {
        await this.#handleLine(line);
        if (interactive && !this.#closed) {
          rl.setPrompt(`${this.#user}> `);
          rl.prompt();
        }
      });
    });
    rl.on('close', () => {
      this.#pending = this.#pending.then(() => {
        this.#closed = true;
        this.#onEnd();
      });
    });
  }

  async stop(): Promise<void> {
    this.#closed = true;
    await this.#pending;
  }

  async deliver(reply: Reply): Promise<string | null> {
    if (this.#closed) return null;
    this.#write(renderForConsole(reply));
    return reply.kind === 'question' ? `console:${reply.round.roundId}` : null;
  }

  /** Resolves once every line read so far has been answered. */
  idle(): Promise<void> {
    return this.#pending;
  }

  async #handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (!text) return;
    const switchUser = /^[/／]as\s+(\S{1,32})\s*$/i.exec(text);
    if (switchUser) {
      this.#user = switchUser[1]!;
      this.#write(`→ ${this.#user}`);
      return;
    }
    if (/^[/／]as(\s|$)/i.test(text)) {
      // `/as` is the console's own command: a misuse gets its usage, not "unknown command".
      this.#write(`⚠ ${localize(AS_USAGE, await this.#bot.langOf(CONSOLE_CONVERSATION))}`);
      return;
    }
    const incoming: Incoming = {
      conversation: CONSOLE_CONVERSATION,
      sender: { id: userId('console', this.#user), name: this.#user, isAdmin: true },
      action: { kind: 'command', text },
    };
    for (const reply of await this.#bot.handle(incoming)) {
      const ref = await this.deliver(reply);
      if (ref && reply.kind === 'question') await this.#bot.recordMessage(reply.round.roundId, ref);
    }
  }

  #write(text: string): void {
    this.#output.write(`${text}\n\n`);
  }
}
