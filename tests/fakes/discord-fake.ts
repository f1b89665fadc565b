import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './discord-gateway.ts';
import { restHandler } from './discord-rest.ts';
import { FakeState, snowflake, type FakeGuild, type FakeMessage, type RecordedRequest } from './discord-state.ts';

/** A well-formed (fake) bot token: three dot-separated base64url parts, as Discord issues them. */
export const FAKE_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEx.fakefakefakefakefakefakefakefakefakefake';
/** The fake application's id. */
export const FAKE_APP_ID = '100000000000000001';

/** A member who acts in a test. */
export interface FakeMember {
  id: string;
  name: string;
  /** Permission bit set as a decimal string; default: none. */
  permissions?: string;
}

/** The Manage Channels permission bit, as Discord sends it. */
export const MANAGE_CHANNELS = String(1 << 4);

/** Options of one slash-command interaction. */
export interface CommandInput {
  guild: FakeGuild;
  channel?: string;
  member: FakeMember;
  name: string;
  /** A subcommand, if the command has them. */
  subcommand?: string;
  options?: Record<string, string | number>;
  /** The option the user is typing in (makes it an autocomplete interaction). */
  focused?: string;
  locale?: string;
}

/**
 * A fake Discord on 127.0.0.1: REST under `apiUrl` and a gateway websocket. Tests send interactions
 * the way Discord does (INTERACTION_CREATE on the guild's shard) and read what the bot sent back
 * from `state` (requests, messages, callbacks).
 */
export class FakeDiscord {
  readonly state: FakeState;
  readonly gateway: FakeGateway;
  readonly #server: Server;

  private constructor(guilds: FakeGuild[], shards: number) {
    this.state = new FakeState(guilds, FAKE_APP_ID, { id: FAKE_APP_ID, username: 'studybot' });
    this.gateway = new FakeGateway(this.state);
    this.gateway.expectedToken = FAKE_TOKEN;
    const handle = restHandler(this.state, { url: () => this.gateway.url, shards });
    this.#server = createServer((req, res) => void handle(req, res));
    this.#server.on('upgrade', (req, socket, head) => {
      this.gateway.server.handleUpgrade(req, socket, head, (ws) => this.gateway.server.emit('connection', ws, req));
    });
  }

  /** Starts a fake serving `guilds`; `/gateway/bot` recommends `shards` shards. */
  static async start(guilds: FakeGuild[], shards = 1): Promise<FakeDiscord> {
    const fake = new FakeDiscord(guilds, shards);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.#server.address() as AddressInfo;
    fake.gateway.url = `ws://127.0.0.1:${port}/gateway`;
    fake.apiUrl = `http://127.0.0.1:${port}/api`;
    return fake;
  }

  /** The REST base URL to give the bot as DISCORD_API_URL. */
  apiUrl = '';

  async close(): Promise<void> {
    this.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Makes the next `times` requests matching method and path fail with `status` (500, 429, 404…). */
  fail(method: string, path: RegExp, status: number, times = 1): void {
    this.state.failures.push({ method, path, status, times });
  }

  /** Sends a slash command (or, with `focused`, an autocomplete); returns the interaction token. */
  command(input: CommandInput): string {
    const option = (name: string, value: string | number) => ({
      name,
      type: typeof value === 'number' ? 4 : 3,
      value,
      ...(input.focused === name ? { focused: true } : {}),
    });
    const leafOptions = Object.entries(input.options ?? {}).map(([k, v]) => option(k, v));
    const options = input.subcommand ? [{ name: input.subcommand, type: 1, options: leafOptions }] : leafOptions;
    return this.#interact(input.focused ? 4 : 2, input, { id: snowflake(), name: input.name, type: 1, options });
  }

  /** Presses a button on a message the bot posted; returns the interaction token. */
  click(input: Omit<CommandInput, 'name'> & { message: FakeMessage; customId: string }): string {
    return this.#interact(3, { ...input, channel: input.message.channel_id, name: '' }, { custom_id: input.customId, component_type: 2 }, input.message);
  }

  /** Resolves with the first callback for an interaction (its body). */
  async callback(token: string): Promise<Record<string, unknown>> {
    await this.state.waitFor((r) => r.method === 'POST' && r.path.includes(`/${token}/callback`) && r.status < 300);
    return this.state.callbacks.get(token)!.at(-1)!;
  }

  /** Resolves with the first successful request matching method and path. */
  request(method: string, path: RegExp): Promise<RecordedRequest> {
    return this.state.waitFor((r) => r.method === method && path.test(r.path) && r.status < 300);
  }

  /** Every message body the bot sent or edited (for checks that apply to all of them). */
  allBodies(): Record<string, unknown>[] {
    return this.state.requests
      .filter((r) => r.body && ['POST', 'PATCH'].includes(r.method) && /messages|webhooks|callback/.test(r.path))
      .map((r) => (r.path.endsWith('/callback') ? ((r.body!.data ?? {}) as Record<string, unknown>) : r.body!))
      .filter((b) => 'content' in b || 'embeds' in b);
  }

  #interact(type: number, input: CommandInput, data: Record<string, unknown>, message?: FakeMessage): string {
    const channel = input.channel ?? input.guild.channels[0]!;
    const token = `itoken-${snowflake()}`;
    this.state.interactionChannels.set(token, channel);
    this.state.dispatchedAt.set(token, Date.now());
    const user = { id: input.member.id, username: input.member.name, discriminator: '0', avatar: null, global_name: input.member.name };
    this.gateway.dispatch(
      'INTERACTION_CREATE',
      {
        id: snowflake(),
        application_id: FAKE_APP_ID,
        type,
        data,
        guild_id: input.guild.id,
        channel_id: channel,
        channel: this.state.channelApi(channel),
        member: { user, roles: [], permissions: input.member.permissions ?? '0', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null },
        token,
        version: 1,
        app_permissions: '2248473465835073',
        locale: input.locale ?? 'en-US',
        guild_locale: 'en-US',
        entitlements: [],
        authorizing_integration_owners: {},
        context: 0,
        ...(message ? { message: this.state.toApi(message) } : {}),
      },
      input.guild.id,
    );
    return token;
  }
}

export { snowflake, type FakeGuild, type FakeMessage };
