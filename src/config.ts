import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const url = (name: string) =>
  optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), `${name} must be an http(s) URL`);

/** Every environment variable studybot reads, validated. `.env.example` documents each one. */
export const configSchema = z.object({
  DATABASE_URL: optionalText
    .refine((v) => v === undefined || /^(sqlite:|postgres(ql)?:\/\/)/.test(v), 'DATABASE_URL must start with sqlite: (e.g. sqlite:./data/studybot.db)')
    .refine((v) => v === undefined || v.startsWith('sqlite:'), 'DATABASE_URL: Postgres is not supported by this version yet; use sqlite:<path>'),
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
