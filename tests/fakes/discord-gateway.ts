import { WebSocketServer, type WebSocket } from 'ws';
import { shardOf, snowflake, type FakeState } from './discord-state.ts';

/** One identified gateway session. */
export interface GatewaySession {
  socket: WebSocket;
  shard: [number, number];
  token: string;
  intents: number;
  seq: number;
}

/**
 * The fake Discord gateway: HELLO, IDENTIFY → READY plus one GUILD_CREATE per guild of the shard,
 * heartbeat ACKs, and dispatches the tests send (INTERACTION_CREATE). JSON encoding, no compression.
 */
export class FakeGateway {
  readonly server = new WebSocketServer({ noServer: true });
  readonly sessions: GatewaySession[] = [];
  #waiters: { n: number; resolve: () => void }[] = [];

  constructor(readonly state: FakeState) {
    this.server.on('connection', (socket) => this.#accept(socket));
  }

  /** Resolves once `n` sessions have been identified. */
  whenIdentified(n: number): Promise<void> {
    if (this.sessions.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ n, resolve }));
  }

  /** Sends a dispatch to the session that owns the guild (or the first session). */
  dispatch(event: string, data: unknown, guildId?: string): void {
    const session = this.sessions.find((s) => s.socket.readyState === s.socket.OPEN && (guildId === undefined || shardOf(guildId, s.shard[1]) === s.shard[0]));
    if (!session) throw new Error(`no open gateway session for guild ${guildId ?? '(any)'}`);
    this.#send(session, { op: 0, t: event, d: data });
  }

  close(): void {
    for (const s of this.sessions) s.socket.terminate();
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  #accept(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      let payload: { op: number; d: unknown };
      try {
        payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      } catch {
        return;
      }
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) this.#identify(socket, payload.d as { token: string; intents: number; shard?: [number, number] });
    });
  }

  #identify(socket: WebSocket, d: { token: string; intents: number; shard?: [number, number] }): void {
    const shard = d.shard ?? [0, 1];
    const session: GatewaySession = { socket, shard, token: d.token, intents: d.intents, seq: 0 };
    if (d.token !== this.expectedToken) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    this.sessions.push(session);
    const guilds = this.state.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    this.#send(session, {
      op: 0,
      t: 'READY',
      d: {
        v: 10,
        user: { id: this.state.botUser.id, username: this.state.botUser.username, discriminator: '0', avatar: null, global_name: null, bot: true, flags: 0 },
        guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: snowflake(),
        resume_gateway_url: this.url,
        shard,
        application: { id: this.state.appId, flags: 0 },
        private_channels: [],
        relationships: [],
        user_settings: {},
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
      },
    });
    for (const guild of guilds) this.#send(session, { op: 0, t: 'GUILD_CREATE', d: this.state.guildApi(guild) });
    this.#waiters = this.#waiters.filter((w) => (this.sessions.length >= w.n ? (w.resolve(), false) : true));
  }

  /** The token IDENTIFY must carry (set by the fake's owner). */
  expectedToken = '';
  /** The gateway URL, set once the HTTP server listens. */
  url = '';

  #send(session: GatewaySession, payload: { op: number; t?: string; d?: unknown }): void {
    if (payload.op === 0) session.seq += 1;
    session.socket.send(JSON.stringify({ s: payload.op === 0 ? session.seq : null, t: null, ...payload }));
  }
}
