/** Who and where a fake Slack request comes from. */
export interface SlackOrigin {
  teamId: string;
  channelId: string;
  userId: string;
  userName: string;
  /** Where the app may answer (the fake's sink). */
  responseUrl: string;
}

/** The form body Slack sends for a slash command invocation. */
export function slashCommandBody(command: string, text: string, origin: SlackOrigin): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: origin.teamId,
    team_domain: 'fake',
    channel_id: origin.channelId,
    channel_name: 'general',
    user_id: origin.userId,
    user_name: origin.userName,
    command,
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: origin.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

/** The form body Slack sends when a member clicks a button in a message the app posted. */
export function buttonClickBody(actionId: string, value: string, messageTs: string, origin: SlackOrigin): string {
  const payload = {
    type: 'block_actions',
    user: { id: origin.userId, username: origin.userName, name: origin.userName, team_id: origin.teamId },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: origin.channelId, is_ephemeral: false },
    trigger_id: '1.2.3',
    team: { id: origin.teamId, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: origin.channelId, name: 'general' },
    message: { type: 'message', ts: messageTs, text: '', user: 'U0BOT', bot_id: 'B0BOT' },
    response_url: origin.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'answers',
        text: { type: 'plain_text', text: value },
        value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
