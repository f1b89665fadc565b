import { ConfigError, type Config } from '../../config.ts';
import type { Bot } from '../../core/bot.ts';
import type { Logger } from '../../log.ts';
import { SlackAdapter, type SlackTransport } from './adapter.ts';

/** The Slack settings, once checked to belong together. */
export interface SlackConfig {
  botToken: string;
  transport: SlackTransport;
  apiUrl?: string;
  admins: string[];
}

/** The port HTTP mode listens on when PORT is not set (bolt's default). */
export const DEFAULT_SLACK_PORT = 3000;

const invalid = (line: string) => new ConfigError(`Invalid configuration (check your .env):\n  ${line}`);

/**
 * The Slack part of the configuration: undefined when no Slack variable is set (Slack is off); a
 * {@link ConfigError} naming the missing variable when they do not fit together. With both
 * SLACK_APP_TOKEN and SLACK_SIGNING_SECRET, Socket Mode wins: it needs no public URL.
 */
export function slackConfig(config: Config): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_SIGNING_SECRET: signingSecret } = config;
  if (!botToken) {
    if (appToken) throw invalid('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set');
    if (signingSecret) throw invalid('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET is set');
    return undefined;
  }
  let transport: SlackTransport;
  if (appToken) transport = { mode: 'socket', appToken };
  else if (signingSecret) transport = { mode: 'http', signingSecret, port: config.PORT ? Number(config.PORT) : DEFAULT_SLACK_PORT };
  else throw invalid('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is required when SLACK_BOT_TOKEN is set (SLACK_APP_TOKEN for Socket Mode, SLACK_SIGNING_SECRET for HTTP)');
  const admins = (config.STUDYBOT_ADMINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return { botToken, transport, admins, ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}) };
}

/** Builds the Slack adapter when Slack is configured (see {@link slackConfig}). */
export function createSlackAdapter(parts: { config: Config; log: Logger; bot: Bot }): SlackAdapter | undefined {
  const slack = slackConfig(parts.config);
  if (!slack) return undefined;
  return new SlackAdapter({
    bot: parts.bot,
    log: parts.log.child({ platform: 'slack' }),
    botToken: slack.botToken,
    transport: slack.transport,
    admins: slack.admins,
    ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
  });
}
