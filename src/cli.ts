import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from './config.ts';
import { DEFAULT_PACK_DIR, formatProblem, loadBank, packFilesIn, resolvePackPaths } from './questions/bank.ts';
import { loadSearch, readEnvironment, start } from './main.ts';
import { renderPlainText } from './core/plain-text.ts';
import { conversationId, type Reply } from './core/types.ts';
import { MAX_QUERY_LENGTH } from './questions/search.ts';
import { searchJson } from './questions/search-json.ts';
import { openDatabase } from './store/db.ts';
import { createStore } from './store/store.ts';
import { printable } from './terminal-text.ts';
import { writeFileSync } from 'node:fs';
import { DEFAULT_IMAGE_CHANNEL, IMAGE_PERIODS, renderImageFromStore, type ImageRequest } from './image-command.ts';
import type { LangPreference } from './core/i18n.ts';
import type { Period } from './core/types.ts';
import { copyStore, TargetNotEmptyError } from './store/copy.ts';
import { sql } from 'kysely';

const program = new Command()
  .name('studybot')
  .description('A bilingual deep-learning interview study bot (Discord, Slack, console).')
  .showHelpAfterError();

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('must be a whole number from 1 to 100');
  return n;
};

program
  .command('search')
  .description('search the question bank')
  .argument('<query...>', 'what to look for (Chinese or English)')
  .option('--json', 'print machine-readable JSON')
  .option('--limit <n>', 'how many results', positiveInt, 5)
  .action(async (words: string[], opts: { json?: boolean; limit: number }) => {
    const query = words.join(' ');
    if ([...query.trim()].length > MAX_QUERY_LENGTH) fail(`query is longer than ${MAX_QUERY_LENGTH} characters`);
    const { config, log } = readEnvironment(process.env, 'warn');
    const { search } = loadSearch(config, log);
    const hits = search.search(query, opts.limit);
    if (opts.json) {
      process.stdout.write(`${searchJson(query, hits)}\n`);
      return;
    }
    if (hits.length === 0) process.stdout.write('no results\n');
    for (const h of hits) process.stdout.write(`${h.score.toFixed(3)}  ${h.card.id}  ${h.card.title.zh} / ${h.card.title.en}\n`);
  });

program
  .command('show')
  .description('show one card')
  .argument('<id>', 'card id, e.g. dropout')
  .option('--lang <lang>', 'zh, en or both', 'both')
  .action(async (id: string, opts: { lang: string }) => {
    if (!['zh', 'en', 'both'].includes(opts.lang)) fail('--lang must be zh, en or both');
    const { config, log } = readEnvironment(process.env, 'warn');
    const { search } = loadSearch(config, log);
    const card = search.byId(id);
    if (!card) fail(`no card with id "${id}"`);
    const reply: Reply = { kind: 'card', card, alternatives: [], visibility: 'public', lang: opts.lang as 'zh', conversation: conversationId('cli') };
    process.stdout.write(`${renderPlainText(reply)}\n`);
  });

program
  .command('validate')
  .description('check question packs (default: every pack in data/packs)')
  .argument('[files...]', 'pack files or folders')
  .action((files: string[]) => {
    // Team packs are checked together with the shipped ones, so that a clash with a shipped card
    // is reported here, naming both files, rather than found at start-up.
    const shipped = packFilesIn(DEFAULT_PACK_DIR);
    const paths = files.length > 0 ? resolvePackPaths(files) : shipped;
    const bank = loadBank([...shipped, ...paths], { shipped });
    const errors = bank.problems.filter((p) => !p.warning);
    for (const problem of bank.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    const warnings = bank.problems.length - errors.length;
    const summary = `${paths.length} pack file(s) checked, ${bank.cards.length} valid card(s) loaded in all, ${errors.length} problem(s), ${warnings} warning(s)`;
    if (errors.length > 0) {
      process.stderr.write(`${summary}\n`);
      process.exitCode = 1;
    } else process.stdout.write(`${summary}\n`);
  });

program
  .command('reports')
  .description('list the mistakes members reported in cards (/report)')
  .option('--json', 'print machine-readable JSON')
  .action(async (opts: { json?: boolean }) => {
    const { config } = readEnvironment(process.env, 'warn');
    const db = await openDatabase(config.DATABASE_URL);
    try {
      const reports = await createStore(db).reports.list();
      if (opts.json) process.stdout.write(`${JSON.stringify(reports)}\n`);
      else if (reports.length === 0) process.stdout.write('no reports\n');
      // Member text may carry terminal escape sequences: printed only after printable().
      else for (const r of reports) process.stdout.write(`${new Date(r.created_at).toISOString()}  ${printable(r.card_id)}  ${printable(r.user_name)} (${printable(r.conversation_id)}): ${printable(r.text)}\n`);
    } finally {
      await db.close();
    }
  });

const image = program.command('image').description('draw a leaderboard or a member\'s stats as the bot attaches them (PNG)');
const imageOptions = (command: Command) =>
  command
    .option('--channel <id>', `conversation id, e.g. discord:<guild>:<channel> (default ${DEFAULT_IMAGE_CHANNEL})`, DEFAULT_IMAGE_CHANNEL)
    .option('--lang <lang>', "zh, en or both (default: the conversation's)")
    .requiredOption('-o, --output <file>', 'where to write the PNG');

async function writeImage(request: ImageRequest, output: string): Promise<void> {
  if (request.lang && !['zh', 'en', 'both'].includes(request.lang)) fail('--lang must be zh, en or both');
  const { config, log } = readEnvironment(process.env, 'warn');
  const { cards } = loadSearch(config, log);
  const db = await openDatabase(config.DATABASE_URL);
  try {
    const result = await renderImageFromStore(createStore(db), cards, request);
    if (!result.ok) fail(result.error);
    writeFileSync(output, result.png);
    process.stdout.write(`${output}\n`);
  } finally {
    await db.close();
  }
}

imageOptions(image.command('leaderboard').description('the leaderboard of a conversation'))
  .option('--period <period>', IMAGE_PERIODS.join(', '), 'week')
  .action(async (opts: { channel: string; period: string; lang?: LangPreference; output: string }) => {
    if (!IMAGE_PERIODS.includes(opts.period as Period)) fail(`--period must be one of ${IMAGE_PERIODS.join(', ')}`);
    await writeImage({ kind: 'leaderboard', channel: opts.channel, period: opts.period as Period, ...(opts.lang ? { lang: opts.lang } : {}) }, opts.output);
  });

imageOptions(image.command('stats').description("a member's stats in a conversation"))
  .requiredOption('--member <name>', 'display name (or user id) as stored with their answers')
  .action(async (opts: { channel: string; member: string; lang?: LangPreference; output: string }) => {
    await writeImage({ kind: 'stats', channel: opts.channel, member: opts.member, ...(opts.lang ? { lang: opts.lang } : {}) }, opts.output);
  });

program
  .command('console')
  .description('chat with the bot in this terminal (or pipe commands into it)')
  .action(() => start({ console: true }));

program
  .command('start')
  .description('run the bot: Discord and/or Slack when their tokens are set, else the console')
  .option('--shards <auto|N>', 'Discord: run this many shard processes (discord.js ShardingManager)', (v: string) => {
    if (v !== 'auto' && !/^[1-9]\d{0,3}$/.test(v)) throw new InvalidArgumentError('must be "auto" or a whole number of shards');
    return v === 'auto' ? 'auto' : Number(v);
  })
  .option('--shard-ids <ids>', 'Discord: run only these shards in this process, e.g. 0,1 (several hosts; env DISCORD_SHARD_IDS)')
  .option('--shard-count <n>', 'Discord: total shards across all hosts (env DISCORD_SHARD_COUNT)')
  .action(async (opts: { shards?: 'auto' | number; shardIds?: string; shardCount?: string }) => {
    // The flags are the env variables' equivalents: one place (config.ts) validates both.
    if (opts.shardIds !== undefined) process.env.DISCORD_SHARD_IDS = opts.shardIds;
    if (opts.shardCount !== undefined) process.env.DISCORD_SHARD_COUNT = opts.shardCount;
    if (opts.shards !== undefined && (opts.shardIds !== undefined || opts.shardCount !== undefined)) fail('--shards runs every shard on this host; use it or --shard-ids/--shard-count, not both');
    if (opts.shards === undefined) return start();
    const { discordConfig } = await import('./adapters/discord/setup.ts');
    const { runShards } = await import('./adapters/discord/sharding.ts');
    const { config, log } = readEnvironment(process.env);
    const discord = discordConfig(config);
    if (!discord) fail('--shards needs DISCORD_TOKEN and DISCORD_APP_ID (see .env.example)');
    await runShards(discord, opts.shards, log);
  });

// Database: `studybot db migrate`, `studybot db copy --from URL --to URL [--force]`
const dbTools = program.command('db').description('database tools (DATABASE_URL: sqlite:<path> or postgres://…)');

dbTools
  .command('migrate')
  .description('bring the database named by DATABASE_URL up to date (safe to run while other processes start)')
  .action(async () => {
    const { config } = readEnvironment(process.env, 'warn');
    const db = await openDatabase(config.DATABASE_URL, { poolSize: 2 });
    try {
      const { n } = await db.kysely.selectFrom('kysely_migration' as never).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      process.stdout.write(`${db.where}: schema up to date (${Number(n)} migrations applied)\n`);
    } finally {
      await db.close();
    }
  });

dbTools
  .command('copy')
  .description("move a team's whole store, e.g. from SQLite to Postgres; refuses a non-empty target unless --force")
  .requiredOption('--from <url>', 'source database, e.g. sqlite:./data/studybot.db')
  .requiredOption('--to <url>', 'target database, e.g. postgres://user:password@host:5432/studybot')
  .option('--force', 'replace whatever the target holds')
  .action(async (opts: { from: string; to: string; force?: boolean }) => {
    const progress = (line: string) => process.stderr.write(`${line}\n`);
    const from = await openDatabase(opts.from, { poolSize: 2 });
    try {
      const to = await openDatabase(opts.to, { poolSize: 2 });
      try {
        progress(`copying ${from.where} → ${to.where}`);
        const counts = await copyStore(from, to, { force: opts.force ?? false, progress }).catch((error: unknown) => {
          if (error instanceof TargetNotEmptyError) fail(error.message);
          throw error;
        });
        const width = Math.max(...counts.map((c) => c.table.length), 5);
        process.stdout.write(`${'table'.padEnd(width)}  source  target\n`);
        for (const c of counts) process.stdout.write(`${c.table.padEnd(width)}  ${String(c.source).padStart(6)}  ${String(c.target).padStart(6)}${c.source === c.target ? '' : '  MISMATCH'}\n`);
        const bad = counts.filter((c) => c.source !== c.target);
        if (bad.length > 0) {
          process.stderr.write(`studybot: verification failed for ${bad.map((c) => c.table).join(', ')}\n`);
          process.exitCode = 1;
        } else process.stdout.write(`verified: ${counts.reduce((sum, c) => sum + c.target, 0)} rows in ${counts.length} tables\n`);
      } finally {
        await to.close();
      }
    } finally {
      await from.close();
    }
  });

// Discord: `studybot discord register [--guild ID]`
program
  .command('discord')
  .description('Discord tools')
  .command('register')
  .description('register the slash commands (global, or one guild for instant updates); safe to re-run')
  .option('--guild <id>', 'register for one guild (server) only')
  .action(async (opts: { guild?: string }) => {
    const { discordConfig } = await import('./adapters/discord/setup.ts');
    const { registerCommands } = await import('./adapters/discord/register.ts');
    const discord = discordConfig(readEnvironment(process.env, 'warn').config);
    if (!discord) fail('DISCORD_TOKEN is not set (see .env.example)');
    try {
      const result = await registerCommands(discord, opts.guild);
      const where = result.scope === 'global' ? 'globally (may take up to an hour to appear)' : `in guild ${result.scope.guild}`;
      process.stdout.write(`registered ${result.names.length} commands ${where}: ${result.names.join(', ')}\n`);
    } catch (error) {
      fail(`registration failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

function fail(message: string): never {
  process.stderr.write(`studybot: ${message}\n`);
  process.exit(2);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  // Anything else that stops start-up (an unwritable database path, a platform refusing the token)
  // is said in one line; the stack trace only with LOG_LEVEL=debug.
  process.stderr.write(`studybot: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
