import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call the fake received, with its arguments decoded (JSON-valued fields parsed). */
export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token it was sent with. */
  token: string | undefined;
}

/** One POST to a response_url the fake handed out. */
export interface ResponseUrlPost {
  /** The id in `/response/<id>`. */
  id: string;
  body: Record<string, unknown>;
}

/** A member as users.info reports them. */
export interface FakeSlackUser {
  id: string;
  name: string;
  realName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

/** A failure queued for the next call of a method. */
export type QueuedFailure = { error: string } | { status: 429; retryAfter: number };

/** A message the fake holds, so chat.update can find it and tests can read its final state. */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs?: string;
}

/** A file shared through the upload flow (getUploadURLExternal → upload → completeUploadExternal). */
export interface FakeSharedFile {
  id: string;
  filename: string;
  title: string;
  altText: string;
  channel: string;
  threadTs?: string;
  data: Buffer;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'files']);

/**
 * A fake Slack Web API on 127.0.0.1 speaking the wire protocol the real WebClient uses
 * (form-encoded POST to `/api/<method>`, bearer token, `{ ok, error }` JSON answers, HTTP 429 with
 * Retry-After), plus a response_url sink at `/response/<id>`. Tests wait for calls with
 * {@link FakeSlackApi.waitFor}, never for time.
 */
export class FakeSlackApi {
  readonly calls: SlackApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly messages = new Map<string, FakeMessage>();
  readonly users = new Map<string, FakeSlackUser>();
  /** Files completed into a channel, in order. */
  readonly sharedFiles: FakeSharedFile[] = [];
  /** Upload slots handed out by files.getUploadURLExternal, and the bytes posted to them. */
  readonly #uploads = new Map<string, { filename: string; length: number; altText: string; data?: Buffer }>();
  readonly teamId: string;
  readonly botToken: string;
  readonly #failures = new Map<string, QueuedFailure[]>();
  readonly #waiters: (() => void)[] = [];
  readonly #holds = new Map<string, Promise<void>>();
  #responseFailures: number[] = [];
  readonly #server: Server;
  #clock = 1_700_000_000;
  #seq = 0;

  constructor(options: { teamId?: string; botToken?: string } = {}) {
    this.teamId = options.teamId ?? 'T0TEAM';
    this.botToken = options.botToken ?? 'xoxb-test-token';
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
  }

  /** Listens on an ephemeral loopback port. */
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  get #origin(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The Web API base URL, for `clientOptions.slackApiUrl` / SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.#origin}/api/`;
  }

  /** A response_url for one incoming request. */
  responseUrl(id: string): string {
    return `${this.#origin}/response/${encodeURIComponent(id)}`;
  }

  /** Adds a member users.info can describe. */
  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  /** Makes the next call of `method` fail: a Slack error code, or an HTTP 429 rate limit. */
  failNext(method: string, failure: QueuedFailure): void {
    const queue = this.#failures.get(method) ?? [];
    queue.push(failure);
    this.#failures.set(method, queue);
  }

  /**
   * Holds every call of `method` unanswered until the returned function is called: a slow Slack,
   * to show the app acknowledges a request before it does any work.
   */
  hold(method: string): () => void {
    let release!: () => void;
    this.#holds.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.#holds.delete(method);
      release();
    };
  }

  /** Makes the next response_url post fail with an HTTP status (404: an expired or used-up URL). */
  failNextResponse(status: number): void {
    this.#responseFailures.push(status);
  }

  /** Calls of one method, in arrival order. */
  callsOf(method: string): SlackApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `count` calls of `method` (in total, since start) have arrived. */
  waitForCalls(method: string, count = 1): Promise<SlackApiCall[]> {
    return this.#until(() => {
      const found = this.callsOf(method);
      return found.length >= count ? found : undefined;
    });
  }

  /** Resolves once `count` response_url posts have arrived. */
  waitForResponses(count = 1): Promise<ResponseUrlPost[]> {
    return this.#until(() => (this.responses.length >= count ? this.responses : undefined));
  }

  #until<T>(check: () => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return false;
        resolve(value);
        return true;
      };
      if (attempt()) return;
      const waiter = () => {
        if (attempt()) this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      };
      this.#waiters.push(waiter);
    });
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      const status = this.#responseFailures.shift();
      if (status !== undefined) {
        res.writeHead(status, { 'content-type': 'text/plain' }).end('expired_url');
        this.#notify();
        return;
      }
      this.responses.push({ id: decodeURIComponent(url.pathname.slice('/response/'.length)), body: JSON.parse(raw.toString('utf8')) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      this.#notify();
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/upload/')) {
      // The upload URL takes the bytes raw or as a multipart form's file part (the WebClient sends
      // the latter), and answers 200 like files.slack.com.
      const slot = this.#uploads.get(url.pathname.slice('/upload/'.length));
      if (!slot) {
        res.writeHead(404).end();
        return;
      }
      slot.data = await uploadedBytes(raw, req.headers['content-type']);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${slot.data.length}`);
      this.#notify();
      return;
    }
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const args = decodeArgs(raw.toString('utf8'), req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (args.token as string | undefined);
    this.calls.push({ method, args, token });
    this.#notify();
    await this.#holds.get(method);
    try {
      const failure = this.#failures.get(method)?.shift();
      if (failure && 'status' in failure) {
        res.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const answer = token !== this.botToken ? { ok: false, error: 'invalid_auth' } : failure ? { ok: false, error: failure.error } : this.#answer(method, args);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } finally {
      this.#notify();
    }
  }

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake Team', user: 'studybot', team_id: this.teamId, user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const ts = this.#nextTs();
        const message: FakeMessage = { channel, ts, text: String(args.text ?? ''), blocks: (args.blocks as unknown[]) ?? [] };
        if (typeof args.thread_ts === 'string') message.threadTs = args.thread_ts;
        this.messages.set(`${channel}/${ts}`, message);
        return { ok: true, channel, ts, message: { ts, text: message.text } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.#nextTs() };
      case 'chat.update': {
        const key = `${String(args.channel)}/${String(args.ts)}`;
        const message = this.messages.get(key);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = String(args.text ?? '');
        message.blocks = (args.blocks as unknown[]) ?? [];
        return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(args.length);
        if (!args.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        const id = `F0${String(++this.#seq).padStart(8, '0')}`;
        this.#uploads.set(id, { filename: String(args.filename), length, altText: String(args.alt_text ?? '') });
        return { ok: true, upload_url: `${this.#origin}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as { id: string; title?: string }[] | undefined) ?? [];
        const done: { id: string; title: string }[] = [];
        for (const f of files) {
          const slot = this.#uploads.get(f.id);
          // Slack refuses to complete a file whose bytes never arrived, or arrived short.
          if (!slot?.data || slot.data.length !== slot.length) return { ok: false, error: 'file_upload_size_mismatch' };
          const shared: FakeSharedFile = { id: f.id, filename: slot.filename, title: f.title ?? slot.filename, altText: slot.altText, channel: String(args.channel_id ?? ''), data: slot.data };
          if (typeof args.thread_ts === 'string') shared.threadTs = args.thread_ts;
          this.sharedFiles.push(shared);
          done.push({ id: f.id, title: shared.title });
        }
        return { ok: true, files: done };
      }
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: this.teamId,
            name: user.name,
            real_name: user.realName ?? user.name,
            is_admin: user.isAdmin ?? false,
            is_owner: user.isOwner ?? false,
            profile: { display_name: user.name, real_name: user.realName ?? user.name },
          },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  #nextTs(): string {
    this.#seq += 1;
    return `${this.#clock}.${String(this.#seq).padStart(6, '0')}`;
  }
}

/** The file bytes of an upload: the first file part of a multipart form, or the raw body. */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
  for (const [, value] of form) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return Buffer.alloc(0);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Decodes a Web API request body: form-encoded (the WebClient default) or JSON. */
function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}
