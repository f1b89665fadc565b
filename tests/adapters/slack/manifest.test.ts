import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Manifest {
  features: { bot_user: { display_name: string }; slash_commands: { command: string; url?: string; should_escape: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
}

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8')) as Manifest;

describe('Slack app manifests (data/slack-manifest*.json)', () => {
  const socket = read('slack-manifest.json');
  const http = read('slack-manifest.http.json');

  it('declare the one /study command, interactivity, and the scopes the adapter uses', () => {
    for (const m of [socket, http]) {
      expect(m.features.slash_commands.map((c) => c.command)).toEqual(['/study']);
      expect(m.settings.interactivity.is_enabled).toBe(true);
      // The adapter maps escaped mentions (<@U…|name>) onto member ids for /study stats @member.
      expect(m.features.slash_commands[0]?.should_escape).toBe(true);
      // commands: /study; chat:write: postMessage, update, postEphemeral; users:read: users.info (admin check).
      // files:write: the upload flow for leaderboard, stats and reveal images.
      expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read', 'files:write']));
      // im:write: review reminders are direct messages (chat.postMessage to the member's id).
      expect(m.oauth_config.scopes.bot).toContain('im:write');
    }
  });

  it('the default manifest is for Socket Mode; the HTTP one points both URLs at /slack/events', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.features.slash_commands[0]?.url).toMatch(/^https:\/\/.+\/slack\/events$/);
    expect(http.settings.interactivity.request_url).toBe(http.features.slash_commands[0]?.url);
  });

  it('the two manifests differ only in transport', () => {
    const strip = (m: Manifest) => {
      const copy = structuredClone(m);
      delete copy.features.slash_commands[0]!.url;
      delete copy.settings.interactivity.request_url;
      copy.settings.socket_mode_enabled = false;
      return copy;
    };
    expect(strip(socket)).toEqual(strip(http));
  });
});
