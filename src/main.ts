import 'dotenv/config';
import { loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { loadConfiguredBank } from './questions/load-default.ts';
import { formatProblem } from './questions/bank.ts';
import { SearchIndex } from './questions/search.ts';
import { createBot, type Bot } from './core/bot.ts';
import { memorySettings } from './core/settings.ts';
import { ConsoleAdapter } from './adapters/console/adapter.ts';
import type { Adapter } from './core/adapter.ts';

/** What `main` assembled: enough for the CLI to run and to shut down. */
export interface Runtime {
  config: Config;
  log: Logger;
  search: SearchIndex;
  bot: Bot;
  close(): Promise<void>;
}

/** Reads the environment (the only place that does), loads the bank and builds the bot. */
export async function buildRuntime(env: NodeJS.ProcessEnv = process.env, logLevel?: string): Promise<Runtime> {
  const config = loadConfig(env);
  const log = createLogger(logLevel ?? config.LOG_LEVEL);
  const bank = loadConfiguredBank(config.STUDYBOT_PACKS);
  for (const problem of bank.problems) log.warn(`pack problem, card skipped: ${formatProblem(problem)}`);
  const search = new SearchIndex(bank.cards);
  log.info({ cards: search.size, packs: bank.packs.length }, 'question bank loaded');
  const bot = createBot({
    search,
    settings: memorySettings(),
    defaultLang: config.STUDYBOT_LANG,
    logError: (error, incoming) => log.error({ err: error, conversation: incoming.conversation }, 'command failed'),
  });
  return { config, log, search, bot, close: async () => {} };
}

/**
 * Starts the bot on every configured platform; with no platform tokens, the console chat.
 * Resolves when the bot has stopped (end of console input, SIGINT or SIGTERM).
 */
export async function start(options: { console?: boolean } = {}): Promise<void> {
  const runtime = await buildRuntime(process.env, options.console ? 'warn' : undefined);
  const adapters: Adapter[] = [];
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  // platform adapters: each is added only when its tokens are configured
  if (adapters.length === 0) adapters.push(new ConsoleAdapter({ bot: runtime.bot, onEnd: () => finished() }));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    for (const adapter of adapters) await adapter.stop().catch((err) => runtime.log.error({ err }, 'adapter stop failed'));
    await runtime.close();
    finished();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  for (const adapter of adapters) await adapter.start();
  await done;
  await shutdown();
}
