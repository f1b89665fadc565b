import {
  ApplicationCommandOptionType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  GuildMember,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  Routes,
  type RESTPostAPIChannelMessageResult,
} from 'discord.js';
import type { Adapter } from '../../core/adapter.ts';
import type { Bot } from '../../core/bot.ts';
import { localize } from '../../core/i18n.ts';
import { parseReviewButton } from '../../core/review-button.ts';
import { conversationId, userId, type Incoming, type Reply, type Sender } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import type { SearchIndex } from '../../questions/search.ts';
import { toCommandText, type InvokedCommand } from './commands.ts';
import { cut, LIMITS } from './limits.ts';
import { parseButtonId, renderForDiscord } from './render.ts';
import { loggable } from './errors.ts';
import { respond, type RespondDeps } from './respond.ts';
import { renderWithImage } from './attach.ts';
import { EditCoalescer, isNewerRound } from '../edit-coalescer.ts';

/** What the Discord adapter needs; everything is passed in. */
export interface DiscordAdapterOptions {
  bot: Bot;
  /** The bank's search, for /ask autocomplete. */
  search: SearchIndex;
  token: string;
  /** REST base URL (default Discord's); a proxy in front of Discord, or the fake in tests. */
  apiUrl?: string;
  log: Logger;
  /** Defer an interaction when the bot has not answered after this long (default 1500 ms). */
  deferAfterMs?: number;
  /** Attach images to leaderboards, stats and reveals (default true). */
  images?: boolean;
  /** Run only these shards of `count` (several hosts sharing one database); default: one shard. */
  shards?: { ids: number[]; count: number };
}

/** Commands whose first reply is private: deferred ephemerally when slow. */
const PRIVATE_FIRST = new Set(['help', 'answer', 'stats', 'schedule', 'report', 'review']);

/**
 * studybot on Discord: slash commands (with autocomplete for card searches), A–D answer buttons,
 * and bot-initiated posts through {@link deliver}. Gateway intent Guilds only. Conversations are
 * `discord:<guildId>:<channelId>`, users `discord:<userId>`, message refs `<channelId>/<messageId>`.
 */
export class DiscordAdapter implements Adapter {
  readonly platform = 'discord';
  readonly client: Client;
  readonly #options: DiscordAdapterOptions;
  readonly #log: Logger;
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Question-message edits: one in flight per message, the newest state wins (see EditCoalescer). */
  readonly #edits = new EditCoalescer<Reply & { kind: 'round-update' }>((reply) => this.#editQuestion(reply), isNewerRound);
  #stopping = false;
  readonly #shardsUp = new Set<number>();

  constructor(options: DiscordAdapterOptions) {
    this.#options = options;
    this.#log = options.log;
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: options.apiUrl ? { api: options.apiUrl } : {},
      // A default for every message, so even a forgotten payload cannot ping.
      allowedMentions: { parse: [] },
      ...(options.shards ? { shards: options.shards.ids, shardCount: options.shards.count } : {}),
    });
    // Without an 'error' listener, an error inside discord.js is thrown and kills the process.
    this.client.on(Events.Error, (err) => this.#log.error({ err: loggable(err) }, 'discord client error'));
    this.client.on(Events.Warn, (message) => this.#log.warn({ message }, 'discord warning'));
    this.client.on(Events.ShardDisconnect, (event, shard) => this.#log.warn({ shard, code: event.code }, 'discord shard disconnected'));
    // Which of this process's shards have a live gateway session (health checks).
    this.client.on(Events.ShardReady, (shard) => this.#shardsUp.add(shard));
    this.client.on(Events.ShardResume, (shard) => this.#shardsUp.add(shard));
    this.client.on(Events.ShardDisconnect, (_event, shard) => this.#shardsUp.delete(shard));
    this.client.on(Events.ShardReconnecting, (shard) => this.#shardsUp.delete(shard));
    this.client.on(Events.ShardError, (_error, shard) => this.#shardsUp.delete(shard));
    this.client.on(Events.InteractionCreate, (interaction) => this.#track(this.#onInteraction(interaction)));
  }

  /** Logs in and resolves when the gateway is ready (all guilds of this process's shards received). */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.#options.token);
    await ready;
    this.#log.info({ user: this.client.user?.tag, guilds: this.client.guilds.cache.size, shards: this.client.options.shards }, 'discord ready');
    if (this.client.shard && process.channel) {
      // A shard process whose ShardingManager died must not run on unmanaged (a new manager would
      // start a duplicate): shut down the normal way, as if told to.
      process.once('disconnect', () => {
        if (this.#stopping) return;
        this.#log.warn('sharding manager is gone; this shard stops');
        process.kill(process.pid, 'SIGTERM');
      });
    }
  }

  /** True while the gateway session is ready (false while disconnected or reconnecting). */
  connected(): boolean {
    const expected = this.#options.shards?.ids.length ?? 1;
    return !this.#stopping && this.client.isReady() && this.#shardsUp.size >= expected;
  }

  /** Stops taking interactions, lets the ones in flight finish, then disconnects. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.allSettled([...this.#inFlight]);
    await this.#edits.idle();
    await this.client.destroy();
    // In a ShardingManager child the IPC channel would keep the process alive after shutdown.
    if (this.client.shard && process.connected) process.disconnect();
  }

  async deliver(reply: Reply): Promise<string | null> {
    if (reply.visibility === 'private') throw new Error('a private reply can only answer an interaction');
    // Raw REST rather than cached channel objects: with several shard processes the channel's guild
    // may live on another shard, and REST works from any of them.
    if (reply.kind === 'round-update') {
      if (reply.round.messageRef) await this.#edits.submit(reply.round.messageRef, reply);
      return null;
    }
    let [, , channelId] = reply.conversation.split(':');
    if (channelId && /^@\d+$/.test(channelId)) channelId = await this.#directChannel(channelId.slice(1));
    if (!channelId || !/^\d+$/.test(channelId)) throw new Error(`not a Discord channel conversation: ${reply.conversation}`);
    const payload = await renderWithImage(reply, this.#log, this.#options.images ?? true);
    const body = {
      content: payload.content,
      embeds: payload.embeds,
      components: payload.components,
      allowed_mentions: payload.allowedMentions,
      ...(payload.flags ? { flags: payload.flags } : {}),
      ...(payload.files.length > 0 ? { attachments: payload.files.map((f, id) => ({ id, filename: f.name })) } : {}),
    };
    const files = payload.files.map((f) => ({ name: f.name, data: f.data }));
    let message: RESTPostAPIChannelMessageResult;
    try {
      message = (await this.client.rest.post(Routes.channelMessages(channelId), { body, ...(files.length > 0 ? { files } : {}) })) as RESTPostAPIChannelMessageResult;
    } catch (error) {
      // Without Attach Files in the channel Discord refuses the whole message: the text goes alone.
      if (files.length === 0 || !(error instanceof DiscordAPIError) || error.status !== 403) throw error;
      this.#log.warn({ err: loggable(error), kind: reply.kind }, 'discord: image refused (Attach Files?); posting the text alone');
      const textOnly = await renderWithImage(reply, this.#log, false);
      const retry = { content: textOnly.content, embeds: textOnly.embeds, components: textOnly.components, allowed_mentions: textOnly.allowedMentions };
      message = (await this.client.rest.post(Routes.channelMessages(channelId), { body: retry })) as RESTPostAPIChannelMessageResult;
    }
    return `${message.channel_id}/${message.id}`;
  }

  async #editQuestion(reply: Reply & { kind: 'round-update' }): Promise<void> {
    const [channelId, messageId] = (reply.round.messageRef ?? '').split('/');
    if (!channelId || !messageId) return;
    const payload = renderForDiscord(reply);
    const body = { content: payload.content, embeds: payload.embeds, components: payload.components, allowed_mentions: payload.allowedMentions };
    await this.client.rest.patch(Routes.channelMessage(channelId, messageId), { body });
  }

  /** The DM channel with a user (POST /users/@me/channels returns the existing one when there is one). */
  async #directChannel(user: string): Promise<string> {
    const channel = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: user } })) as { id: string };
    return channel.id;
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((err: unknown) => this.#log.error({ err: loggable(err) }, 'discord interaction handler failed'));
    this.#inFlight.add(tracked);
    void tracked.finally(() => this.#inFlight.delete(tracked));
  }

  async #onInteraction(interaction: Interaction): Promise<void> {
    if (this.#stopping) return;
    if (interaction.isAutocomplete()) return this.#autocomplete(interaction);
    if (interaction.isChatInputCommand()) return this.#command(interaction);
    if (interaction.isButton()) return this.#button(interaction);
  }

  get #respondDeps(): RespondDeps {
    return { bot: this.#options.bot, log: this.#log, deliver: (r) => this.deliver(r), deferAfterMs: this.#options.deferAfterMs ?? 1500, images: this.#options.images ?? true };
  }

  async #command(interaction: ChatInputCommandInteraction): Promise<void> {
    if (!interaction.inGuild()) {
      await interaction.reply({ content: 'studybot works in server channels only. / 请在服务器频道中使用。', flags: MessageFlags.Ephemeral }).catch(() => {});
      return;
    }
    const incoming: Incoming = { conversation: conversationOf(interaction), sender: senderOf(interaction), action: { kind: 'command', text: toCommandText(invoked(interaction)) } };
    await respond(interaction, incoming, this.#respondDeps, PRIVATE_FIRST.has(interaction.commandName));
  }

  async #button(interaction: ButtonInteraction): Promise<void> {
    const parsed = parseButtonId(interaction.customId);
    const review = parseReviewButton(interaction.customId);
    if ((!parsed && !review) || !interaction.inGuild()) return;
    const action: Incoming['action'] = parsed ? { kind: 'choice', ...parsed } : { kind: 'review', ...review! };
    const incoming: Incoming = { conversation: conversationOf(interaction), sender: senderOf(interaction), action };
    await respond(interaction, incoming, this.#respondDeps, true);
  }

  /** Suggests cards while the user types (/ask, /show, /report): up to 25, names within 100 characters. */
  async #autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    try {
      const typed = String(interaction.options.getFocused()).trim();
      const lang = interaction.inGuild() ? await this.#options.bot.langOf(conversationOf(interaction)) : 'both';
      const hits = typed ? this.#options.search.search(typed.slice(0, 200), LIMITS.choices) : [];
      const choices = hits.map((h) => ({ name: cut(`${localize(h.card.title, lang, ' / ')} (${h.card.id})`, LIMITS.choiceName), value: h.card.id.slice(0, LIMITS.choiceValue) }));
      await interaction.respond(choices);
    } catch (err) {
      // Autocomplete has no error display; an empty list is the best answer left.
      this.#log.warn({ err: loggable(err) }, 'discord autocomplete failed');
    }
  }
}

function conversationOf(interaction: Interaction) {
  return conversationId('discord', interaction.guildId ?? 'dm', interaction.channelId ?? 'unknown');
}

/** Who acted: display name, and admin when the member has Manage Channels in this channel. */
function senderOf(interaction: Interaction): Sender {
  const member = interaction.member;
  const name = member instanceof GuildMember ? member.displayName : (member?.nick ?? interaction.user.globalName ?? interaction.user.username);
  return {
    id: userId('discord', interaction.user.id),
    name,
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
  };
}

function invoked(interaction: ChatInputCommandInteraction): InvokedCommand {
  const top = interaction.options.data;
  const leaf = top[0]?.type === ApplicationCommandOptionType.Subcommand ? (top[0].options ?? []) : top;
  return {
    name: interaction.commandName,
    subcommand: interaction.options.getSubcommand(false),
    options: leaf.map((o) => ({ name: o.name, value: o.value ?? '', type: o.type === ApplicationCommandOptionType.User ? 'user' : 'other' })),
  };
}
