import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Card, Quiz } from '../../src/questions/schema.ts';
import { grade } from '../../src/quiz/grading.ts';
import { createRuntime } from '../../src/runtime.ts';
import { only, say, shippedBank, tempDatabase, testRuntime } from '../helpers/runtime.ts';
import { playConsoleScript } from '../helpers/console-script.ts';

// What people type (issue 12, point 5).

const choice = { type: 'choice', correct: 'B' } as unknown as Quiz;
const numeric = { type: 'numeric', value: 16, tolerance: 0 } as unknown as Quiz;
const decimal = { type: 'numeric', value: 3.5, tolerance: 0 } as unknown as Quiz;

describe('answers typed on a Chinese keyboard', () => {
  it.each([
    ['Ｂ', choice, 'B', true],
    ['ｂ', choice, 'B', true],
    ['Ｂ．', choice, 'B', true],
    ['２', choice, 'B', true],
    ['3', choice, 'C', false],
    ['１６', numeric, '16', true],
    ['16', numeric, '16', true],
    ['３．５', decimal, '3.5', true],
    ['3。5', decimal, '3.5', true],
  ] as const)('%s is read as %s', (typed, quiz, answer, correct) => {
    expect(grade(quiz, typed)).toEqual({ ok: true, answer, correct });
  });

  it('refuses what is not an option or a number', () => {
    expect(grade(choice, 'Ｅ').ok).toBe(false);
    expect(grade(choice, '5').ok).toBe(false);
    expect(grade(numeric, '十六').ok).toBe(false);
  });
});

describe('admin commands refuse what they cannot mean', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('/quiz deadline takes plain whole hours only (1e2 and 0x10 are refused)', async () => {
    const t = await testRuntime();
    cleanup = t.cleanup;
    const admin = { admin: true };
    for (const bad of ['1e2', '0x10', '0b11', '8.0', '', '8 hours', '-3', '169']) {
      const replies = await say(t.runtime, `/quiz deadline ${bad}`, 'admin', admin);
      expect(only(replies, 'error').text.en, bad).toMatch(/whole number of hours/);
    }
    const settings = () => t.runtime.store.conversations.ensure('test:guild:channel' as never, 0);
    expect((await settings()).deadline_hours).toBe(8);
    expect(only(await say(t.runtime, '/quiz deadline １２', 'admin', admin), 'text').text.en).toMatch(/12 hours/);
    expect((await settings()).deadline_hours).toBe(12);
  });

  it('/quiz topics ,,, is refused instead of clearing the filter; topics all clears it', async () => {
    const t = await testRuntime();
    cleanup = t.cleanup;
    const admin = { admin: true };
    const topic = t.runtime.cards[0]!.tags[0]!;
    await say(t.runtime, `/quiz topics ${topic}`, 'admin', admin);
    const settings = () => t.runtime.store.conversations.ensure('test:guild:channel' as never, 0);
    for (const bad of [',,,', '，，', '']) {
      expect(only(await say(t.runtime, `/quiz topics ${bad}`, 'admin', admin), 'error').text.en).toMatch(/Usage: \/quiz topics/);
      expect((await settings()).topics).toBe(topic);
    }
    await say(t.runtime, '/quiz topics all', 'admin', admin);
    expect((await settings()).topics).toBeNull();
  });
});

/** Plays a script in the console with one card to draw (the whole bank to search); returns the transcript. */
async function playConsole(card: Card, lines: string[]): Promise<string> {
  const db = tempDatabase();
  const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', STUDYBOT_LANG: 'en' });
  const runtime = await createRuntime({ config, log: pino({ level: 'silent' }), cards: [card], search: shippedBank().search, sweepMs: 0, seed: 'readme' });
  try {
    return await playConsoleScript(runtime.bot, lines, 'me');
  } finally {
    await runtime.close();
    db.cleanup();
  }
}

describe('the console', () => {
  const readmeLines = () => {
    const example = /printf '([^']+)' \| npx studybot console/.exec(readFileSync('README.md', 'utf8'))![1]!;
    return example.split('\\n').filter(Boolean);
  };

  it.each(['choice', 'numeric'] as const)("the README's piped example plays a whole round on a %s card", async (type) => {
    const card = shippedBank().cards.find((c) => c.quiz.type === type)!;
    const transcript = await playConsole(card, readmeLines());
    expect(transcript).not.toContain('⚠');
    expect(transcript).toMatch(/Answer revealed/);
    // Both members answered (and were graded), so both are on the board.
    expect(transcript).toMatch(/^ [12]\. me — /m);
    expect(transcript).toMatch(/^ [12]\. bob — /m);
  });

  it('a misused /as gets its usage line', async () => {
    const card = shippedBank().cards[0]!;
    const transcript = await playConsole(card, ['/as', '/as two words', `/as ${'x'.repeat(40)}`]);
    expect(transcript.match(/Usage: \/as <name>/g)).toHaveLength(3);
    expect(transcript).not.toMatch(/Unknown command/);
  });
});
