import { describe, expect, it } from 'vitest';
import { SLASH_COMMANDS, toCommandText } from '../../../src/adapters/discord/commands.ts';
import { COMMANDS, parseCommand } from '../../../src/core/commands.ts';

type Named = { name: string; description: string; name_localizations?: Record<string, string>; description_localizations?: Record<string, string>; options?: Named[]; required?: boolean };
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

function checkNamed(item: Named, path: string): void {
  expect(item.name, path).toMatch(NAME);
  expect(item.name, path).toBe(item.name.toLowerCase());
  expect(item.description.length, path).toBeGreaterThan(0);
  expect(item.description.length, path).toBeLessThanOrEqual(100);
  for (const locale of ['zh-CN', 'en-US']) {
    expect(item.name_localizations?.[locale], `${path} name ${locale}`).toMatch(NAME);
    expect(item.description_localizations?.[locale]?.length, `${path} description ${locale}`).toBeGreaterThan(0);
  }
  const options = item.options ?? [];
  expect(options.length).toBeLessThanOrEqual(25);
  // Discord rejects a required option after an optional one.
  const firstOptional = options.findIndex((o) => !o.required);
  if (firstOptional >= 0) expect(options.slice(firstOptional).some((o) => o.required), path).toBe(false);
  for (const o of options) checkNamed(o, `${path} ${o.name}`);
}

describe('Discord slash commands', () => {
  it('are valid Discord definitions, localized for zh-CN and en-US', () => {
    for (const c of SLASH_COMMANDS) checkNamed(c as Named, `/${c.name}`);
    expect(SLASH_COMMANDS.length).toBeLessThanOrEqual(100);
  });

  it('map onto the core commands one to one; only /schedule needs Manage Channels by default', () => {
    expect(SLASH_COMMANDS.map((c) => c.name).sort()).toEqual(Object.keys(COMMANDS).sort());
    for (const c of SLASH_COMMANDS) expect(c.default_member_permissions, c.name).toBe(c.name === 'schedule' ? String(1 << 4) : undefined);
    for (const c of SLASH_COMMANDS) expect(parseCommand(toCommandText({ name: c.name, subcommand: null, options: [] }))).toMatchObject({ ok: true, name: c.name });
  });

  it('turn options into the core command line, in declared order whatever order they were typed', () => {
    expect(toCommandText({ name: 'ask', subcommand: null, options: [{ name: 'query', value: '  batch   norm ', type: 'other' }] })).toBe('/ask batch norm');
    expect(toCommandText({ name: 'quiz', subcommand: 'close', options: [] })).toBe('/quiz close');
    expect(
      toCommandText({
        name: 'schedule',
        subcommand: 'set',
        options: [
          { name: 'repeat', value: 'weekdays', type: 'other' },
          { name: 'time', value: '09:30', type: 'other' },
          { name: 'zone', value: 'Asia/Shanghai', type: 'other' },
        ],
      }),
    ).toBe('/schedule set 09:30 Asia/Shanghai weekdays');
    expect(toCommandText({ name: 'stats', subcommand: null, options: [{ name: 'member', value: '42', type: 'user' }] })).toBe('/stats discord:42');
    expect(toCommandText({ name: 'quiz', subcommand: 'deadline', options: [{ name: 'hours', value: 12, type: 'other' }] })).toBe('/quiz deadline 12');
  });
});
