/**
 * Shared state of the fake Discord: guilds, messages, interactions, registered commands, and every
 * request the bot made. Plain data, so tests can assert on what reached "Discord".
 */

/** A guild the fake serves, with its text channels. */
export interface FakeGuild {
  id: string;
  name: string;
  channels: string[];
}

/** One HTTP request the bot made to the fake REST API. */
export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when there was none). */
  body: Record<string, unknown> | undefined;
  /** Status the fake answered with. */
  status: number;
  /** When the fake received it (its clock: epoch ms). */
  at: number;
  /** Files uploaded with it (multipart requests). */
  files: UploadedFile[];
}

/** A file uploaded in a multipart request. */
export interface UploadedFile {
  /** The form field, `files[n]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Discord's per-channel bucket for message edits: `limit` edits per `windowMs`. */
export interface EditLimit {
  limit: number;
  windowMs: number;
}

/** What the edit limiter decided for one request. */
export interface EditSlot {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetAfter: number;
  /** Epoch seconds of the reset. */
  reset: number;
  bucket: string;
}

/** A message as the fake stores it (a subset of Discord's message object). */
export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  allowed_mentions: unknown;
  /** Every body that created or edited it, oldest first. */
  history: Record<string, unknown>[];
  /** Files attached when it was created or last edited with files. */
  attachments: UploadedFile[];
}

/** A planned failure: the next `times` requests matching method and path answer `status`. */
export interface PlannedFailure {
  method: string;
  path: RegExp;
  status: number;
  times: number;
}

const EPOCH = 1_420_070_400_000n;
let sequence = 0n;

/** A fresh snowflake; ids made here sort by creation. */
export function snowflake(): string {
  sequence += 1n;
  return String(((BigInt(Date.now()) - EPOCH) << 22n) | (sequence & 0x3fffn));
}

/** A snowflake whose shard (with `count` shards) is `shard`: `(id >> 22) % count === shard`. */
export function snowflakeOnShard(shard: number, count: number, salt: number): string {
  const ms = 1_000_000n * BigInt(count) + BigInt(shard) + BigInt(count * salt);
  return String((ms << 22n) | BigInt(salt & 0xfff));
}

/** The shard a guild belongs to, by Discord's formula. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** Everything the fake knows. */
export class FakeState {
  readonly requests: RecordedRequest[] = [];
  readonly messages = new Map<string, FakeMessage>();
  /** Interaction token → id of its original response message. */
  readonly originals = new Map<string, string>();
  /** Interaction token → the callback bodies received. */
  readonly callbacks = new Map<string, Record<string, unknown>[]>();
  readonly commands = new Map<string, unknown[]>();
  /** Interaction token → its channel, so responses and follow-ups land there. */
  readonly interactionChannels = new Map<string, string>();
  readonly failures: PlannedFailure[] = [];
  /** Files of the request being routed (set by the REST handler before routing). */
  pendingFiles: UploadedFile[] = [];
  /** Interaction token → when the fake dispatched it (epoch ms), to measure how fast the bot answered. */
  readonly dispatchedAt = new Map<string, number>();
  /** When set, message edits (PATCH /channels/{c}/messages/{m}) share this bucket per channel, as on Discord. */
  editLimit: EditLimit | null = null;
  /** Requests answered 429 by the edit limiter. */
  rateLimited = 0;
  readonly #editWindows = new Map<string, { start: number; used: number }>();
  /** DM channel id → the user it reaches (POST /users/@me/channels). */
  readonly dmChannels = new Map<string, string>();
  /** Paths whose requests are never answered (a Discord that stopped responding mid-request). */
  readonly holds: RegExp[] = [];
  #waiters: { test: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];

  constructor(
    readonly guilds: FakeGuild[],
    readonly appId: string,
    readonly botUser: { id: string; username: string },
  ) {}

  /** Records a request and wakes the tests waiting for one like it. */
  record(request: RecordedRequest): void {
    this.requests.push(request);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.test(request)) return true;
      w.resolve(request);
      return false;
    });
  }

  /** Resolves with the first request (already made or future) matching `test`. */
  waitFor(test: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const seen = this.requests.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }

  /** Resolves with the `n`-th request (1-based) matching `test`. */
  async waitForCount(test: (r: RecordedRequest) => boolean, n: number): Promise<RecordedRequest[]> {
    for (;;) {
      const all = this.requests.filter(test);
      if (all.length >= n) return all;
      await new Promise<RecordedRequest>((resolve) => this.#waiters.push({ test, resolve }));
    }
  }

  /**
   * Takes one edit from a channel's bucket (fixed window, like Discord's `X-RateLimit-Reset-After`):
   * allowed while the window has room, else refused until it resets.
   */
  takeEditSlot(channelId: string, now: number): EditSlot | undefined {
    if (!this.editLimit) return undefined;
    const { limit, windowMs } = this.editLimit;
    let window = this.#editWindows.get(channelId);
    if (!window || now >= window.start + windowMs) {
      window = { start: now, used: 0 };
      this.#editWindows.set(channelId, window);
    }
    const allowed = window.used < limit;
    if (allowed) window.used += 1;
    else this.rateLimited += 1;
    const resetAt = window.start + windowMs;
    return { allowed, limit, remaining: limit - window.used, resetAfter: (resetAt - now) / 1000, reset: resetAt / 1000, bucket: `edit-${channelId}` };
  }

  /** The failure status to answer instead, if one is planned for this request. */
  takeFailure(method: string, path: string): number | undefined {
    const plan = this.failures.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (!plan) return undefined;
    plan.times -= 1;
    return plan.status;
  }

  /** The guild a channel belongs to. */
  channelGuild(channelId: string): FakeGuild | undefined {
    return this.guilds.find((g) => g.channels.includes(channelId));
  }

  /** Creates a message from a bot request body. */
  /** The message an interaction's response created (so its buttons can be pressed); throws if there is none. */
  originalMessage(token: string): FakeMessage {
    const message = this.messages.get(this.originals.get(token) ?? '');
    if (!message) throw new Error(`interaction ${token} created no message`);
    return message;
  }

  createMessage(channelId: string, body: Record<string, unknown>): FakeMessage {
    const message: FakeMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      flags: typeof body.flags === 'number' ? body.flags : 0,
      allowed_mentions: body.allowed_mentions,
      history: [body],
      attachments: this.pendingFiles,
    };
    this.messages.set(message.id, message);
    return message;
  }

  /** Applies an edit body to a stored message. */
  editMessage(message: FakeMessage, body: Record<string, unknown>): FakeMessage {
    if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) message.embeds = Array.isArray(body.embeds) ? body.embeds : [];
    if ('components' in body) message.components = Array.isArray(body.components) ? body.components : [];
    if ('allowed_mentions' in body) message.allowed_mentions = body.allowed_mentions;
    if (this.pendingFiles.length > 0) message.attachments = this.pendingFiles;
    message.history.push(body);
    return message;
  }

  /** The message as Discord's API returns it. */
  toApi(message: FakeMessage): Record<string, unknown> {
    return {
      id: message.id,
      channel_id: message.channel_id,
      guild_id: this.channelGuild(message.channel_id)?.id,
      author: { id: this.botUser.id, username: this.botUser.username, discriminator: '0', avatar: null, global_name: null, bot: true },
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      flags: message.flags,
      timestamp: new Date().toISOString(),
      edited_timestamp: message.history.length > 1 ? new Date().toISOString() : null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: message.attachments.map((f, i) => ({ id: String(i + 1), filename: f.filename, size: f.data.length, url: `https://cdn.fake/${message.id}/${f.filename}`, proxy_url: `https://cdn.fake/${message.id}/${f.filename}`, content_type: f.contentType })),
      pinned: false,
      type: 0,
      application_id: this.appId,
    };
  }

  /** The DM channel with a user, created on first use (Discord returns the same one every time). */
  openDm(userId: string): Record<string, unknown> {
    let id = [...this.dmChannels].find(([, user]) => user === userId)?.[0];
    if (!id) {
      id = snowflake();
      this.dmChannels.set(id, userId);
    }
    return this.channelApi(id)!;
  }

  /** A text channel object. */
  channelApi(channelId: string): Record<string, unknown> | undefined {
    const recipient = this.dmChannels.get(channelId);
    if (recipient) return { id: channelId, type: 1, last_message_id: null, recipients: [{ id: recipient, username: `user-${recipient.slice(-4)}`, discriminator: '0', avatar: null, global_name: null }] };
    const guild = this.channelGuild(channelId);
    if (!guild) return undefined;
    return { id: channelId, type: 0, guild_id: guild.id, name: `channel-${channelId.slice(-4)}`, position: 0, permission_overwrites: [], nsfw: false, parent_id: null };
  }

  /** A guild as GUILD_CREATE carries it. */
  guildApi(guild: FakeGuild): Record<string, unknown> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: snowflake(),
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [{ id: guild.id, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '1071698660929', managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 3,
      voice_states: [],
      members: [],
      channels: guild.channels.map((c) => this.channelApi(c)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
