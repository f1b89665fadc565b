import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/**
 * An error as it is safe and useful to log: Discord REST errors without their request body (user
 * text) and with interaction and webhook tokens cut out of the URL; anything else unchanged.
 */
export function loggable(error: unknown): unknown {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return {
      type: error.name,
      message: error.message,
      status: error.status,
      ...(error instanceof DiscordAPIError ? { code: error.code } : {}),
      method: error.method,
      url: redactUrl(error.url),
    };
  }
  if (error instanceof RateLimitError) return { type: error.name, message: error.message, route: error.route, retryAfter: error.retryAfter };
  return error;
}

/** Cuts the token segment of interaction-callback and webhook URLs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/interactions\/\d+\/)[^/?]+/, '$1[token]').replace(/(\/webhooks\/\d+\/)[^/?]+/, '$1[token]');
}
