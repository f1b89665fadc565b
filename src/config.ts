import { z } from 'zod';
import { DatabaseUrlError, parseDatabaseUrl } from './store/dialect.ts';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const url = (name: string) =>
  optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), `${name} must be an http(s) URL`);

/** Every environment variable studybot reads, validated. `.env.example` documents each one. */
export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      try {
        parseDatabaseUrl(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof DatabaseUrlError ? error.message.replace(/^DATABASE_URL: /, '') : 'DATABASE_URL is not valid' });
      }
    }),
  // Postgres connections per process (default 10).
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'DATABASE_POOL_SIZE must be a whole number' }).int().min(1).max(200).default(10),
  // How long a claimed scheduled post stays reserved for its process before another may take it over.
  SLOT_LEASE_SECONDS: z.coerce.number({ error: 'SLOT_LEASE_SECONDS must be a number of seconds' }).int().min(2).max(3600).default(60),
  // Operations: the /healthz and /metrics listener (off when unset).
  METRICS_PORT: optionalText.refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65535), 'METRICS_PORT must be a port number (0-65535)'),
  // Discord shards this process runs (e.g. 0,1) out of DISCORD_SHARD_COUNT, for several hosts.
  DISCORD_SHARD_IDS: optionalText.refine((v) => v === undefined || /^\d+(\s*,\s*\d+)*$/.test(v), 'DISCORD_SHARD_IDS must be comma-separated shard numbers, e.g. 0,1'),
  DISCORD_SHARD_COUNT: optionalText.refine((v) => v === undefined || /^[1-9]\d{0,4}$/.test(v), 'DISCORD_SHARD_COUNT must be a whole number of shards'),
  STUDYBOT_PACKS: optionalText,
  STUDYBOT_LANG: z.enum(['zh', 'en', 'both']).default('both'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Scheduler
  CATCH_UP_GRACE_MINUTES: z.coerce.number({ error: 'CATCH_UP_GRACE_MINUTES must be a number of minutes' }).int().min(0).max(1440).default(120),
  SCHEDULER_CONCURRENCY: z.coerce.number({ error: 'SCHEDULER_CONCURRENCY must be a whole number' }).int().min(1).max(100).default(8),
  // Discord (optional; the adapter starts when DISCORD_TOKEN is set, and then needs DISCORD_APP_ID)
  DISCORD_TOKEN: optionalText.refine(
    (v) => v === undefined || /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/.test(v),
    'DISCORD_TOKEN must be the bot token from the Developer Portal (three dot-separated parts, without "Bot ")',
  ),
  DISCORD_APP_ID: optionalText.refine((v) => v === undefined || /^\d{17,20}$/.test(v), 'DISCORD_APP_ID must be the numeric application id'),
  DISCORD_API_URL: url('DISCORD_API_URL'),
  // Slack (optional; the adapter starts when SLACK_BOT_TOKEN is set, and then needs SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^xoxb-[\w-]+$/.test(v), 'SLACK_BOT_TOKEN must be the Bot User OAuth Token (starts with xoxb-)'),
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || /^xapp-[\w-]+$/.test(v), 'SLACK_APP_TOKEN must be an app-level token with connections:write (starts with xapp-)'),
  SLACK_SIGNING_SECRET: optionalText.refine((v) => v === undefined || /^[0-9a-f]{16,}$/i.test(v), 'SLACK_SIGNING_SECRET must be the hex Signing Secret from Basic Information'),
  SLACK_API_URL: url('SLACK_API_URL'),
  PORT: optionalText.refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65535), 'PORT must be a port number (0-65535)'),
  STUDYBOT_ADMINS: optionalText.refine((v) => v === undefined || /^[\w-]+(\s*,\s*[\w-]+)*$/.test(v), 'STUDYBOT_ADMINS must be comma-separated user ids, e.g. U012ABCDEF,U034GHIJKL'),
});

/** The validated configuration. */
export type Config = z.infer<typeof configSchema>;

/** Thrown when the environment is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates an environment (process.env after dotenv) and returns the configuration, or throws a
 * {@link ConfigError} naming each bad variable. Values are never echoed: they may be secrets.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // A blank value (`LOG_LEVEL=` as in .env.example) means "not set": the default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration (check your .env):\n${lines.join('\n')}`);
}
