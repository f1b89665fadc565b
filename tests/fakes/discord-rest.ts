import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EditSlot, FakeState, UploadedFile } from './discord-state.ts';

/** What the REST handler needs to know about the gateway (its URL and shard count). */
export interface GatewayInfo {
  url: () => string;
  shards: number;
}

type Json = Record<string, unknown>;
type Result = { status: number; body?: unknown; headers?: Record<string, string> };

const EPHEMERAL = 64;
const unknown = (what: string, code: number): Result => ({ status: 404, body: { message: `Unknown ${what}`, code } });

/**
 * The fake Discord REST API (`/api/v10/...`): the routes discord.js calls for login, interaction
 * callbacks and webhooks, channel messages and command registration. Every request is recorded;
 * planned failures (500, 429) answer instead of the route when one matches.
 */
export function restHandler(state: FakeState, gateway: GatewayInfo) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, ''));
    const { body, files } = await readRequest(req);
    state.pendingFiles = files;
    if (state.holds.some((hold) => hold.test(path))) {
      // Recorded (status 0: no answer yet) and left open until the fake closes.
      state.record({ method, path, query: url.searchParams, body, status: 0, at: Date.now(), files });
      return;
    }
    const at = Date.now();
    const edit = method === 'PATCH' ? /^\/channels\/(\d+)\/messages\/\d+$/.exec(path) : null;
    const slot = edit ? state.takeEditSlot(edit[1]!, at) : undefined;
    const failure = state.takeFailure(method, path);
    const result: Result = slot && !slot.allowed
      ? rateLimited(slot)
      : failure === 429
        ? { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false }, headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' } }
        : failure !== undefined
          ? failure === 403
            ? { status: 403, body: { message: 'Missing Permissions', code: 50013 } }
            : { status: failure, body: { message: 'Internal Server Error', code: 0 } }
          : route(state, gateway, method, path, url.searchParams, body);
    if (slot?.allowed) result.headers = { ...result.headers, ...bucketHeaders(slot) };
    state.record({ method, path, query: url.searchParams, body, status: result.status, at, files });
    // Like Discord, a 204 carries no content type (discord.js would try to parse an empty JSON body).
    res.writeHead(result.status, { ...(result.body === undefined ? {} : { 'content-type': 'application/json' }), ...result.headers });
    res.end(result.body === undefined ? undefined : JSON.stringify(result.body));
  };
}

/** Discord's rate-limit headers for a bucket (https://discord.com/developers/docs/topics/rate-limits). */
function bucketHeaders(slot: EditSlot): Record<string, string> {
  return {
    'x-ratelimit-limit': String(slot.limit),
    'x-ratelimit-remaining': String(Math.max(0, slot.remaining)),
    'x-ratelimit-reset': slot.reset.toFixed(3),
    'x-ratelimit-reset-after': slot.resetAfter.toFixed(3),
    'x-ratelimit-bucket': slot.bucket,
  };
}

/** A 429 as Discord sends it for a per-route bucket: JSON retry_after, Retry-After and the bucket headers. */
function rateLimited(slot: EditSlot): Result {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: Number(slot.resetAfter.toFixed(3)), global: false },
    headers: { ...bucketHeaders(slot), 'retry-after': String(Math.ceil(slot.resetAfter)), 'x-ratelimit-scope': 'user' },
  };
}

function route(state: FakeState, gateway: GatewayInfo, method: string, path: string, query: URLSearchParams, body: Json | undefined): Result {
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  const [a, b, c, d, e] = parts;
  const key = `${method} ${a}`;

  if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
    return {
      status: 200,
      body: {
        url: gateway.url(),
        shards: gateway.shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
      },
    };
  }
  // Opening a DM: POST /users/@me/channels { recipient_id }
  if (method === 'POST' && path === '/users/@me/channels') {
    const recipient = typeof body?.recipient_id === 'string' ? body.recipient_id : '';
    if (!/^\d+$/.test(recipient)) return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
    return { status: 200, body: state.openDm(recipient) };
  }
  if (method === 'GET' && path === '/users/@me') return { status: 200, body: { id: state.botUser.id, username: state.botUser.username, discriminator: '0', bot: true, avatar: null } };

  // Interaction callbacks: POST /interactions/{id}/{token}/callback
  if (key === 'POST interactions' && b && c && d === 'callback') {
    const list = state.callbacks.get(c) ?? [];
    list.push(body ?? {});
    state.callbacks.set(c, list);
    const type = Number(body?.type);
    const data = (body?.data ?? {}) as Json;
    let message: Json | undefined;
    if (type === 4 || type === 5) {
      const channelId = state.interactionChannels.get(c) ?? '0';
      const created = state.createMessage(channelId, { ...data, content: type === 5 ? '' : data.content });
      state.originals.set(c, created.id);
      message = state.toApi(created);
    }
    if (query.get('with_response') !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: { id: b, type: 2, response_message_id: message?.id, response_message_loading: type === 5, response_message_ephemeral: Boolean(Number(data.flags ?? 0) & EPHEMERAL) },
        resource: message ? { type, message } : { type },
      },
    };
  }

  // Webhooks: /webhooks/{app}/{token}[/messages/{id|@original}]
  if (a === 'webhooks' && c) {
    if (method === 'POST' && !d) {
      const channelId = state.interactionChannels.get(c) ?? '0';
      return { status: 200, body: state.toApi(state.createMessage(channelId, body ?? {})) };
    }
    if (d === 'messages' && e) {
      const id = e === '@original' ? state.originals.get(c) : e;
      const message = id ? state.messages.get(id) : undefined;
      if (!message) return unknown('Message', 10008);
      if (method === 'GET') return { status: 200, body: state.toApi(message) };
      if (method === 'PATCH') return { status: 200, body: state.toApi(state.editMessage(message, body ?? {})) };
      if (method === 'DELETE') {
        state.messages.delete(message.id);
        return { status: 204 };
      }
    }
  }

  // Channels: GET /channels/{id}, POST/PATCH /channels/{id}/messages[/{id}]
  if (a === 'channels' && b) {
    const channel = state.channelApi(b);
    if (!channel) return unknown('Channel', 10003);
    if (method === 'GET' && !c) return { status: 200, body: channel };
    if (c === 'messages' && method === 'POST' && !d) return { status: 200, body: state.toApi(state.createMessage(b, body ?? {})) };
    if (c === 'messages' && d) {
      const message = state.messages.get(d);
      if (!message || message.channel_id !== b) return unknown('Message', 10008);
      if (method === 'PATCH') return { status: 200, body: state.toApi(state.editMessage(message, body ?? {})) };
      if (method === 'GET') return { status: 200, body: state.toApi(message) };
    }
  }

  // Command registration: PUT/GET /applications/{app}/commands, /applications/{app}/guilds/{g}/commands
  if (a === 'applications' && b === state.appId) {
    const scope = c === 'commands' ? 'global' : c === 'guilds' && d && e === 'commands' ? `guild:${d}` : undefined;
    if (scope && method === 'PUT' && Array.isArray(body)) {
      const stored = (body as Json[]).map((cmd) => ({ ...cmd, id: snowflakeFor(scope, String(cmd.name)), application_id: state.appId, version: '1' }));
      state.commands.set(scope, stored);
      return { status: 200, body: stored };
    }
    if (scope && method === 'GET') return { status: 200, body: state.commands.get(scope) ?? [] };
  }
  return { status: 404, body: { message: '404: Not Found', code: 0 } };
}

const commandIds = new Map<string, string>();
function snowflakeFor(scope: string, name: string): string {
  const key = `${scope}/${name}`;
  if (!commandIds.has(key)) commandIds.set(key, String(1_000_000_000_000_000_000n + BigInt(commandIds.size)));
  return commandIds.get(key)!;
}

/**
 * Reads a request as Discord does: JSON, or multipart/form-data with the JSON in `payload_json` and
 * the uploaded files as `files[n]` parts (how discord.js sends attachments).
 */
async function readRequest(req: IncomingMessage): Promise<{ body: Json | undefined; files: UploadedFile[] }> {
  const raw = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(raw) }).formData();
    const files: UploadedFile[] = [];
    let body: Json | undefined;
    for (const [name, value] of form) {
      if (name === 'payload_json' && typeof value === 'string') body = JSON.parse(value) as Json;
      else if (typeof value !== 'string') files.push({ field: name, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: text ? (JSON.parse(text) as Json) : undefined, files: [] };
  } catch {
    return { body: undefined, files: [] };
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
