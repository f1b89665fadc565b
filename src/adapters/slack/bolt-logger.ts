import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.ts';

/**
 * Bolt's logger interface backed by the process's pino logger, so bolt's own warnings (such as a
 * rejected request signature) land in the same JSON log, redacted like everything else.
 */
export function boltLogger(log: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  return {
    // bolt's debug output includes full request bodies: kept at trace so it stays out of normal logs.
    debug: (...msg: unknown[]) => log.trace({ source: 'bolt' }, text(msg)),
    info: (...msg: unknown[]) => log.debug({ source: 'bolt' }, text(msg)),
    warn: (...msg: unknown[]) => log.warn({ source: 'bolt' }, text(msg)),
    error: (...msg: unknown[]) => log.error({ source: 'bolt' }, text(msg)),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
