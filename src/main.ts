import 'dotenv/config';
import { loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { loadConfiguredBank } from './questions/load-default.ts';
import { formatProblem } from './questions/bank.ts';
import { SearchIndex } from './questions/search.ts';
import type { Card } from './questions/schema.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { ConsoleAdapter } from './adapters/console/adapter.ts';
import { createDiscordAdapter } from './adapters/discord/setup.ts';
import { createSlackAdapter } from './adapters/slack/setup.ts';

/** Reads and validates the environment (the only place that does) and makes the logger. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env, logLevel?: string): { config: Config; log: Logger } {
  const config = loadConfig(env);
  return { config, log: createLogger(logLevel ?? config.LOG_LEVEL) };
}

/** Loads the question bank (shipped packs plus STUDYBOT_PACKS), logging every pack problem. */
export function loadSearch(config: Config, log: Logger): { search: SearchIndex; cards: Card[] } {
  const bank = loadConfiguredBank(config.STUDYBOT_PACKS);
  for (const problem of bank.problems) log.warn(`pack problem, card skipped: ${formatProblem(problem)}`);
  log.info({ cards: bank.cards.length, packs: bank.packs.length }, 'question bank loaded');
  return { search: new SearchIndex(bank.cards), cards: bank.cards };
}

/** Builds the whole runtime from the environment. */
export async function buildRuntime(env: NodeJS.ProcessEnv = process.env, logLevel?: string): Promise<Runtime> {
  const { config, log } = readEnvironment(env, logLevel);
  return createRuntime({ config, log, ...loadSearch(config, log) });
}

/**
 * Starts the bot on every configured platform; with no platform tokens, the console chat.
 * Resolves when the bot has stopped (end of console input, SIGINT or SIGTERM).
 */
export async function start(options: { console?: boolean } = {}): Promise<void> {
  // The console chat shares the terminal with the logs: keep them to warnings unless LOG_LEVEL says otherwise.
  const consoleChat = options.console || (!process.env.DISCORD_TOKEN?.trim() && !process.env.SLACK_BOT_TOKEN?.trim());
  const runtime = await buildRuntime(process.env, consoleChat && !process.env.LOG_LEVEL ? 'warn' : undefined);
  const adapters = runtime.adapters;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  // platform adapters: each is added only when its tokens are configured
  const discord = createDiscordAdapter(runtime);
  if (discord) adapters.push(discord);
  const slack = createSlackAdapter(runtime);
  if (slack) adapters.push(slack);
  if (adapters.length === 0) adapters.push(new ConsoleAdapter({ bot: runtime.bot, onEnd: () => finished() }));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // Timers first and posts in flight finish (they need the adapters), then adapters, then the database.
    await runtime.scheduler.stop();
    for (const adapter of adapters) await adapter.stop().catch((err) => runtime.log.error({ err }, 'adapter stop failed'));
    await runtime.close();
    finished();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  for (const adapter of adapters) await adapter.start();
  await runtime.closeOverdue();
  await runtime.scheduler.start();
  await done;
  await shutdown();
}
