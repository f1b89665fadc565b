import { pino, type Logger } from 'pino';

/** Field names whose values are secrets: never written to logs. */
const SECRET_PATHS = ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DATABASE_URL', '*.DATABASE_URL'];

/** The process logger: JSON lines on stderr (stdout belongs to the console chat), secrets redacted. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: SECRET_PATHS, censor: '[redacted]' } }, pino.destination(2));
}

export type { Logger };
