/** Slack error codes that mean "the bot cannot post there", worth telling the user about. */
export const NOT_POSTABLE = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action', 'missing_scope']);

/**
 * The short reason a Web API call failed, for logs and decisions: the Slack error code
 * (`channel_not_found`, `not_in_channel`, `ratelimited`, …) when Slack gave one, else the message.
 * Never includes tokens or request bodies.
 */
export function describeSlackError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; data?: { error?: unknown }; message?: unknown; retryAfter?: unknown };
    if (typeof e.data?.error === 'string') return e.data.error;
    if (e.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
    if (typeof e.message === 'string' && /rate limit/i.test(e.message)) return 'ratelimited';
    if (typeof e.message === 'string') return e.message;
  }
  return String(error);
}
