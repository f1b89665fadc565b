import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type BlockAction, type RespondFn, type SlashCommand, type webApi } from '@slack/bolt';
import type { Adapter } from '../../core/adapter.ts';
import type { Bot } from '../../core/bot.ts';
import { localize, t } from '../../core/i18n.ts';
import type { ConversationId, Incoming, Reply, ReplyKind, Sender } from '../../core/types.ts';
import type { Logger } from '../../log.ts';
import { boltLogger } from './bolt-logger.ts';
import { NOT_POSTABLE, describeSlackError } from './errors.ts';
import { QUIZ_ACTION, SLACK, channelOf, formatMessageRef, parseMessageRef, parseQuizAction, slackConversation, slackUser } from './ids.ts';
import { MemberDirectory } from './members.ts';
import { renderForSlack } from './render.ts';
import { parseStudyCommand } from './study-command.ts';
import { EditCoalescer, isNewerRound } from '../edit-coalescer.ts';
import { unescapeSlackText } from './mrkdwn.ts';
import { ReplayGuard, replayMiddleware, signatureOf } from './replay-guard.ts';
import { shareReplyImage } from './images.ts';
import { parseReviewButton, REVIEW_BUTTON } from '../../core/review-button.ts';

/** How the app receives events from Slack. */
export type SlackTransport =
  /** Slack POSTs signed requests to `http(s)://<host>:<port>/slack/events`. */
  | { mode: 'http'; signingSecret: string; port: number; host?: string }
  /** The app opens a WebSocket to Slack: no public URL needed. */
  | { mode: 'socket'; appToken: string };

/** Options of {@link SlackAdapter}. */
export interface SlackAdapterOptions {
  bot: Bot;
  log: Logger;
  /** The bot token (`xoxb-…`). */
  botToken: string;
  transport: SlackTransport;
  /** Web API base URL (Slack-compatible endpoints, tests); default https://slack.com/api/. */
  apiUrl?: string;
  /** Slack member ids treated as admins (STUDYBOT_ADMINS). */
  admins?: readonly string[];
  /** Web API retries after a network error or rate limit; tests pass 0 so a down fake fails at once. */
  retries?: number;
  /** Share leaderboard, stats and reveal images after their text (default true; needs `files:write`). */
  images?: boolean;
}

/** Replies that are lookups: shown only to the asker unless they add `share`. */
const LOOKUP_KINDS: ReadonlySet<ReplyKind> = new Set(['card', 'suggestions', 'leaderboard', 'stats']);
/** Replies that need a real channel message (a ts to edit or to thread under), never a response_url. */
const CHANNEL_MESSAGE_KINDS: ReadonlySet<ReplyKind> = new Set(['question', 'round-update', 'reveal']);

/** A member mention as Slack escapes it in command text. */
const MEMBER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

const INVITE_ME = t(
  '我没法在这个频道发消息：请先用 /invite @studybot 把我加进来。',
  'I cannot post in this channel: invite me first with /invite @studybot.',
);

/** Where a reply to a member's action goes when it is not a channel message. */
interface ReplyContext {
  conversation: Incoming['conversation'];
  channel: string;
  user: string;
  /** The command's response_url, when the event has one worth using (slash commands). */
  respond?: RespondFn;
  /** A button click's response_url: only for ephemeral replies when chat.postEphemeral is refused. */
  clickRespond?: RespondFn;
}

/**
 * studybot on Slack through @slack/bolt: one `/study` slash command whose subcommands map onto the
 * core's commands, A–D answer buttons on quiz questions, edits of the question as members answer,
 * the reveal in the question's thread, and bot-initiated posts through {@link SlackAdapter.deliver}.
 * Every request is acknowledged before any work, so Slack's 3-second deadline never depends on the
 * bot; Web API failures are logged and never crash the process.
 */
export class SlackAdapter implements Adapter {
  readonly platform = SLACK;
  readonly #bot: Bot;
  readonly #log: Logger;
  readonly #transport: SlackTransport;
  readonly #app: App;
  readonly #client: webApi.WebClient;
  readonly #members: MemberDirectory;
  readonly #images: boolean;
  readonly #pending = new Set<Promise<void>>();
  /** Question-message updates: one chat.update in flight per message, the newest state wins. */
  readonly #edits = new EditCoalescer<Reply & { kind: 'round-update' }>((reply) => this.#updateQuestion(reply), isNewerRound);
  #address: AddressInfo | null = null;

  constructor(options: SlackAdapterOptions) {
    this.#bot = options.bot;
    this.#log = options.log;
    this.#transport = options.transport;
    this.#images = options.images ?? true;
    const logger = boltLogger(options.log);
    const transport = options.transport;
    this.#app = new App({
      token: options.botToken,
      // auth.test runs in start(), where a bad token becomes a clear start-up error instead of an unhandled rejection.
      deferInitialization: true,
      logger,
      convoStore: false,
      clientOptions: {
        ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
        // The WebClient default retries for ~30 minutes; a reply that late is useless (response_urls expire).
        retryConfig: { retries: options.retries ?? 3 },
      },
      ...(transport.mode === 'http'
        ? {
            receiver: new HTTPReceiver({
              signingSecret: transport.signingSecret,
              logger,
              endpoints: '/slack/events',
              // The signature reaches the middleware below, which refuses to process a replay.
              customPropertiesExtractor: signatureOf,
            }),
          }
        : { socketMode: true, appToken: transport.appToken }),
    });
    this.#client = this.#app.client;
    this.#members = new MemberDirectory({ client: this.#client, log: this.#log, admins: options.admins ?? [] });

    this.#app.use(replayMiddleware(new ReplayGuard(), this.#log));
    this.#app.command('/study', async ({ command, ack, respond }) => {
      // Work is registered before the ack goes out, so idle() covers it as soon as Slack has its answer.
      this.#track(this.#onStudy(command, respond));
      await ack();
    });
    this.#app.action<BlockAction>(QUIZ_ACTION, async ({ body, action, ack, respond }) => {
      this.#track(this.#onAnswerButton(body, 'action_id' in action ? action.action_id : '', respond));
      await ack();
    });
    this.#app.action<BlockAction>(REVIEW_BUTTON, async ({ body, action, ack, respond }) => {
      this.#track(this.#onReviewButton(body, 'action_id' in action ? action.action_id : '', respond));
      await ack();
    });
    this.#app.error(async (error) => {
      this.#log.error({ err: error }, 'slack event failed');
    });
  }

  /** Checks the token (auth.test), then listens (HTTP) or connects (Socket Mode). */
  async start(): Promise<void> {
    try {
      await this.#app.init();
    } catch (error) {
      const refused = typeof (error as { data?: { error?: unknown } }).data?.error === 'string';
      const reason = describeSlackError(error);
      throw new Error(refused ? `Slack rejected SLACK_BOT_TOKEN (auth.test: ${reason})` : `could not reach the Slack Web API to check SLACK_BOT_TOKEN: ${reason}`);
    }
    if (this.#transport.mode === 'http') {
      const { port, host } = this.#transport;
      const server = await this.#app.start(host ? { port, host } : { port });
      this.#address = server.address() as AddressInfo;
      this.#log.info({ port: this.#address.port }, 'slack: listening for events on /slack/events');
    } else {
      await this.#app.start();
      this.#log.info('slack: connected in Socket Mode');
    }
  }

  /** Stops receiving, then lets replies already being worked on finish. */
  async stop(): Promise<void> {
    await this.#app.stop().catch((err: unknown) => this.#log.warn({ err }, 'slack: stop failed'));
    this.#address = null;
    await this.idle();
  }

  /** The HTTP events URL while listening (HTTP mode), e.g. for tests; null otherwise. */
  get eventsUrl(): string | null {
    if (!this.#address) return null;
    const host = this.#address.family === 'IPv6' ? `[${this.#address.address}]` : this.#address.address;
    return `http://${host}:${this.#address.port}/slack/events`;
  }

  /** Resolves once every event received so far has been fully answered. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    await this.#edits.idle();
  }

  async deliver(reply: Reply): Promise<string | null> {
    const channel = channelOf(reply.conversation);
    if (!channel) throw new Error(`not a Slack conversation: ${reply.conversation}`);
    const message = renderForSlack(reply);
    if (reply.visibility === 'private') {
      // A bot-initiated reply has nobody to be private to; posting it publicly would leak it.
      this.#log.warn({ kind: reply.kind, conversation: reply.conversation }, 'slack: private reply without a recipient dropped');
      return null;
    }
    if (reply.kind === 'round-update') {
      if (!parseMessageRef(reply.round.messageRef)) {
        this.#log.warn({ roundId: reply.round.roundId }, 'slack: round has no message to update');
        return null;
      }
      await this.#edits.submit(reply.round.messageRef!, reply);
      return null;
    }
    const thread = reply.kind === 'reveal' ? parseMessageRef(reply.round.messageRef) : null;
    const posted = await this.#client.chat.postMessage({
      // A direct conversation (`slack:<team>:@<user>`): chat.postMessage to the member's id opens the DM.
      channel: channel.startsWith('@') ? channel.slice(1) : channel,
      ...message,
      ...(thread && thread.channel === channel ? { thread_ts: thread.ts } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    await this.#shareImage(reply, posted.channel ?? channel, thread && thread.channel === channel ? thread.ts : undefined);
    return posted.ts ? formatMessageRef({ channel: posted.channel ?? channel, ts: posted.ts }) : null;
  }

  async #shareImage(reply: Reply, channel: string, threadTs?: string): Promise<void> {
    if (this.#images) await shareReplyImage({ client: this.#client, log: this.#log }, reply, channel, threadTs);
  }

  async #updateQuestion(reply: Reply & { kind: 'round-update' }): Promise<void> {
    const ref = parseMessageRef(reply.round.messageRef);
    if (ref) await this.#client.chat.update({ channel: ref.channel, ts: ref.ts, ...renderForSlack(reply) });
  }

  async #onStudy(command: SlashCommand, respond: RespondFn): Promise<void> {
    const { team_id: team, channel_id: channel, user_id: user } = command;
    const conversation = slackConversation(team, channel);
    const member = await this.#members.lookup(user, command.user_name);
    // The manifest asks Slack to escape mentions (`<@U123|name>`): mapped onto our user ids, so that
    // `/study stats @member` names exactly one member whatever their display name.
    // Slack sends typed &, < and > escaped: mentions are read first (they are real markup), then the
    // text is unescaped once, so the core sees what the member typed (and renderers escape it once).
    const typed = unescapeSlackText(command.text.replace(MEMBER_MENTION, (_m, id: string) => slackUser(team, id)));
    const { text, share } = parseStudyCommand(typed);
    const replies = await this.#bot.handle({
      conversation,
      sender: { id: slackUser(team, user), name: member.name, isAdmin: member.isAdmin },
      action: { kind: 'command', text },
    });
    const context = { conversation, channel, user, respond };
    for (const reply of replies) {
      const shown: Reply = LOOKUP_KINDS.has(reply.kind) && !share ? { ...reply, visibility: 'private' } : reply;
      await this.#send(shown, context);
    }
  }

  /** Who pressed a button, and where: undefined when the payload lacks the team or the channel. */
  async #clicker(body: BlockAction): Promise<{ conversation: ConversationId; channel: string; sender: Sender } | undefined> {
    const team = body.team?.id ?? body.user.team_id;
    const channel = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
    if (!team || !channel) return undefined;
    const member = await this.#members.lookup(body.user.id, body.user.name ?? body.user.username);
    return { conversation: slackConversation(team, channel), channel, sender: { id: slackUser(team, body.user.id), name: member.name, isAdmin: member.isAdmin } };
  }

  async #onAnswerButton(body: BlockAction, actionId: string, respond: RespondFn): Promise<void> {
    const parsed = parseQuizAction(actionId);
    const clicker = parsed && (await this.#clicker(body));
    if (!parsed || !clicker) {
      this.#log.warn({ actionId }, 'slack: answer button without round, team or channel ignored');
      return;
    }
    const { conversation, channel, sender } = clicker;
    const replies = await this.#bot.handle({ conversation, sender, action: { kind: 'choice', roundId: parsed.roundId, choice: parsed.choice } });
    // The click's response_url is not the main path: used carelessly it replaces the question itself.
    for (const reply of replies) await this.#send(reply, { conversation, channel, user: body.user.id, clickRespond: respond });
  }

  /**
   * A review button (on an ephemeral review message): every reply is private and goes back through
   * the click's response_url as a new ephemeral message, so nothing of a review reaches the channel.
   */
  async #onReviewButton(body: BlockAction, actionId: string, respond: RespondFn): Promise<void> {
    const parsed = parseReviewButton(actionId);
    const clicker = parsed && (await this.#clicker(body));
    if (!parsed || !clicker) {
      this.#log.warn({ actionId }, 'slack: review button without session, team or channel ignored');
      return;
    }
    const { conversation, channel, sender } = clicker;
    const replies = await this.#bot.handle({ conversation, sender, action: { kind: 'review', ...parsed } });
    for (const reply of replies) {
      if (reply.visibility !== 'private' || reply.conversation !== conversation) {
        await this.#send(reply, { conversation, channel, user: body.user.id });
        continue;
      }
      try {
        await respond({ response_type: 'ephemeral', replace_original: false, ...renderForSlack(reply) });
      } catch (error) {
        this.#log.error({ kind: reply.kind, slackError: describeSlackError(error) }, 'slack: could not answer a review button');
      }
    }
  }

  /** Sends one reply to a member's action: ephemeral, through the command's response_url, or as a channel message. */
  async #send(reply: Reply, context: ReplyContext): Promise<void> {
    try {
      if (reply.conversation !== context.conversation || CHANNEL_MESSAGE_KINDS.has(reply.kind)) {
        await this.#deliverAndRecord(reply);
        return;
      }
      const message = renderForSlack(reply);
      if (reply.visibility === 'private') {
        if (context.respond) await context.respond({ response_type: 'ephemeral', ...message });
        else await this.#postEphemeral(message, context);
      } else if (context.respond) {
        // in_channel through the response_url works even where the bot is not a member.
        await context.respond({ response_type: 'in_channel', ...message });
        await this.#shareImage(reply, context.channel);
      } else {
        await this.#deliverAndRecord(reply);
      }
    } catch (error) {
      const reason = describeSlackError(error);
      this.#log.error({ kind: reply.kind, conversation: reply.conversation, slackError: reason }, 'slack: could not send a reply');
      if (NOT_POSTABLE.has(reason) && context.respond) {
        const hint = localize(INVITE_ME, reply.lang, '\n');
        await context.respond({ response_type: 'ephemeral', text: hint }).catch((err: unknown) => {
          this.#log.warn({ slackError: describeSlackError(err) }, 'slack: could not tell the member either');
        });
      }
    }
  }

  /**
   * An ephemeral message to the member who clicked. chat.postEphemeral needs the bot in the channel;
   * where Slack refuses (a question posted through chat:write.public), the click's response_url still
   * reaches the member, as a new ephemeral message that leaves the question untouched.
   */
  async #postEphemeral(message: ReturnType<typeof renderForSlack>, context: ReplyContext): Promise<void> {
    try {
      await this.#client.chat.postEphemeral({ channel: context.channel, user: context.user, ...message });
    } catch (error) {
      const reason = describeSlackError(error);
      if (!context.clickRespond || !NOT_POSTABLE.has(reason)) throw error;
      this.#log.warn({ slackError: reason }, 'slack: chat.postEphemeral refused; answering through the response_url');
      await context.clickRespond({ response_type: 'ephemeral', replace_original: false, ...message });
    }
  }

  async #deliverAndRecord(reply: Reply): Promise<void> {
    const ref = await this.deliver(reply);
    if (ref && reply.kind === 'question') await this.#bot.recordMessage(reply.round.roundId, ref);
  }

  /** Runs event work in the background; whatever it throws is logged, never left unhandled. */
  #track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => {
      this.#log.error({ err: error, slackError: describeSlackError(error) }, 'slack: event handling failed');
    });
    this.#pending.add(tracked);
    void tracked.finally(() => this.#pending.delete(tracked));
  }
}
