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

  let stopping: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (stopping ??= (async () => {
      // Timers first and posts in flight finish (they need the adapters), then adapters, then the
      // database. Each step is bounded: a platform that does not answer cannot hold the process,
      // and a post cut short keeps its claim, which another process takes over after the lease.
      await bounded(runtime.scheduler.stop(), SHUTDOWN_STEP_MS, () => runtime.log.warn('scheduled posts still in flight at shutdown; their claims expire for another process'));
      for (const adapter of adapters) {
        await bounded(adapter.stop().catch((err) => runtime.log.error({ err }, 'adapter stop failed')), SHUTDOWN_STEP_MS, () => runtime.log.warn({ platform: adapter.platform }, 'adapter did not stop in time'));
      }
      await bounded(runtime.close(), SHUTDOWN_STEP_MS, () => runtime.log.warn('database did not close in time'));
      finished();
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: the operator wants out now.
      runtime.log.warn({ signal }, 'second signal: exiting at once');
      process.exit(130);
    }
    runtime.log.info({ signal }, 'shutting down');
    // Whatever happens, the process is gone within SHUTDOWN_DEADLINE_MS.
    setTimeout(() => {
      runtime.log.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void shutdown();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (runtime.config.METRICS_PORT !== undefined) {
    const ops = await runtime.serveOps(Number(runtime.config.METRICS_PORT));
    runtime.log.info({ port: ops.port }, 'health and metrics at /healthz and /metrics');
  }
  for (const adapter of adapters) await Promise.race([adapter.start(), done]);
  if (!stopping) {
    await runtime.closeOverdue();
    await runtime.scheduler.start();
  }
  await done;
  await shutdown();
  // Stopped: if a platform library still holds a socket or a retry timer, it must not keep the
  // process alive (an unref'd timer fires only when something else is still running).
  setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
}

/** How long a signalled process may take to stop in all (the promise: 10 s). */
export const SHUTDOWN_DEADLINE_MS = 9_000;
/** How long each shutdown step may take before the next one starts anyway. */
const SHUTDOWN_STEP_MS = 2_500;

/** Waits for `work`, but at most `ms`; `onTimeout` says what was left behind. */
async function bounded(work: Promise<unknown>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const result = await Promise.race([work.then(() => 'done' as const, () => 'done' as const), timeout]);
  clearTimeout(timer);
  if (result === 'timeout') onTimeout();
}
