import { PassThrough } from 'node:stream';
import { ConsoleAdapter } from '../../src/adapters/console/adapter.ts';
import type { Bot } from '../../src/core/bot.ts';

/** Plays lines through the real console adapter, as piped input, as `userName`; resolves with the transcript at end of input. */
export async function playConsoleScript(bot: Bot, lines: readonly string[], userName = 'alice'): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  let ended!: () => void;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const chat = new ConsoleAdapter({ bot, input, output, userName, onEnd: () => ended() });
  await chat.start();
  input.end(`${lines.join('\n')}\n`);
  await done;
  return text;
}
