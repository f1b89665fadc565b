import { createHmac } from 'node:crypto';

/** The headers Slack adds to every request it sends to an app. */
export interface SlackSignatureHeaders {
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
}

/**
 * Signs a request body exactly as Slack does: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`
 * keyed with the app's signing secret. `timestamp` is in whole seconds (default: now).
 */
export function signSlackRequest(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${digest}` };
}

/** How to sign one request; defaults sign it correctly, now. */
export interface SendOptions {
  signingSecret: string;
  /** Seconds since the epoch; pass an old one to test staleness. */
  timestamp?: number;
  /** Replaces the computed signature (to test a forged one). */
  signature?: string;
}

/** What the app answered. */
export interface SlackHttpAnswer {
  status: number;
  body: string;
}

/**
 * POSTs a form-encoded body to an app's events URL with Slack's signature headers, the way Slack
 * delivers slash commands and interactivity payloads.
 */
export async function sendSigned(url: string, body: string, options: SendOptions): Promise<SlackHttpAnswer> {
  const headers = signSlackRequest(options.signingSecret, body, options.timestamp);
  if (options.signature !== undefined) headers['x-slack-signature'] = options.signature;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return { status: response.status, body: await response.text() };
}
