import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACK_DIR, formatProblem, loadBank, packFilesIn } from '../../src/questions/bank.ts';
import { tempDatabase } from '../helpers/runtime.ts';

const REQUIRED_IDS =
  'cnn-weight-sharing, cnn-characteristics, data-unsuited-for-deep-learning, vanishing-gradient-causes, overfitting-remedies, l1-vs-l2, tensorflow-computation-graph, batch-norm-benefits, vanishing-exploding-gradients, rnn-basics, training-not-converging, image-smoothing-sharpening, vgg-stacked-3x3-convolutions, relu-vs-sigmoid, fine-tuning-last-layers, dropout, mobile-inference-frameworks, improving-generalization, batch-norm-gamma-beta, activation-function-role, conv-vs-pooling, conv-layer-parameter-count'.split(', ');

const tmp = tempDatabase();
afterAll(() => tmp.cleanup());
const shipped = JSON.parse(readFileSync(packFilesIn(DEFAULT_PACK_DIR)[0]!, 'utf8'));
const card = (i: number) => structuredClone(shipped.cards[i]);
function writePack(name: string, cards: unknown[]): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, JSON.stringify({ pack: { id: name.replace(/\W+/g, '-').replace(/-json$/, ''), name: { zh: '测试', en: 'Test' }, version: 1 }, cards }));
  return file;
}

describe('the shipped bank', () => {
  const bank = loadBank(packFilesIn(DEFAULT_PACK_DIR));

  it('loads with no problems', () => {
    expect(bank.problems.map(formatProblem)).toEqual([]);
  });

  it('has every seed-article card id', () => {
    const ids = new Set(bank.cards.map((c) => c.id));
    expect(REQUIRED_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('keeps answers concise and every card bilingual', () => {
    for (const c of bank.cards) {
      expect(c.answer.zh.length, c.id).toBeLessThanOrEqual(1500);
      expect(c.answer.en.length, c.id).toBeLessThanOrEqual(1500);
      expect(/[\u4e00-\u9fff]/.test(c.title.zh), c.id).toBe(true);
      expect(/[a-z]/i.test(c.title.en), c.id).toBe(true);
    }
  });
});

describe('pack validation', { timeout: 30_000 }, () => {
  it('reports duplicate ids and aliases with file, card and field path', () => {
    const a = card(0);
    const b = card(1);
    b.aliases.en = [...b.aliases.en, a.aliases.en[0]];
    const file = writePack('dupes.json', [a, b, card(0)]);
    const messages = loadBank([file]).problems.map(formatProblem);
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`dupes.json: card "${b.id}" at cards\\[1\\]\\.aliases\\.en\\[\\d+\\]: alias .* already belongs to card "${a.id}"`)));
    expect(messages).toContainEqual(expect.stringContaining(`card "${a.id}" at cards[2].id: duplicate id`));
  });

  it('reports a missing language and a wrong option count', () => {
    const a = card(0);
    delete a.answer.zh;
    const b = card(1);
    b.quiz = { ...card(2).quiz.type === 'choice' ? card(2).quiz : card(3).quiz };
    b.quiz.options = b.quiz.options.slice(0, 3);
    const file = writePack('broken.json', [a, b]);
    const messages = loadBank([file]).problems.map(formatProblem);
    expect(messages).toContainEqual(expect.stringContaining(`card "${a.id}" at cards[0].answer.zh:`));
    expect(messages).toContainEqual(expect.stringContaining('exactly 4 options'));
  });

  it('keeps loading other packs when one is not even JSON', () => {
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, '{ "pack": ');
    const good = writePack('good.json', [card(5)]);
    const bank = loadBank([bad, good]);
    expect(bank.cards.map((c) => c.id)).toEqual([shipped.cards[5].id]);
    expect(bank.problems.map(formatProblem)).toContainEqual(expect.stringContaining('bad.json: file: not valid JSON'));
  });

  it('studybot validate exits 1 on a broken pack and 0 on the shipped ones', () => {
    const a = card(0);
    a.difficulty = 7;
    const file = writePack('cli.json', [a]);
    const bad = spawnSync('node', ['src/bin.js', 'validate', file], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`card "${a.id}" at cards[0].difficulty`);
    const ok = execFileSync('node', ['src/bin.js', 'validate'], { encoding: 'utf8', timeout: 60_000 });
    expect(ok).toMatch(/0 problem/);
  });
});

describe('clashes with the shipped cards, and the length cue', { timeout: 30_000 }, () => {
  const shippedFiles = packFilesIn(DEFAULT_PACK_DIR);

  it('studybot validate reports a team card that reuses a shipped id or alias, naming both files', () => {
    const sameId = card(3);
    sameId.aliases = { zh: ['团队独有的题目'], en: ['our very own card'] };
    const sameAlias = { ...card(4), id: 'team-only-card', aliases: { zh: ['团队另一题'], en: [shipped.cards[6].aliases.en[0]] } };
    const file = writePack('team-clash.json', [sameId, sameAlias]);
    const out = spawnSync('node', ['src/bin.js', 'validate', file], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`team-clash.json: card "${sameId.id}" at cards[0].id: duplicate id: card "${sameId.id}" is already defined in ${shippedFiles[0]}`);
    expect(out.stderr).toMatch(new RegExp(`team-clash\\.json: card "team-only-card" at cards\\[1\\]\\.aliases\\.en\\[0\\]: alias .* already belongs to card "${shipped.cards[6].id}" \\(${shippedFiles[0]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)`));
  });

  it('at start-up the shipped card wins a clash whatever the team file is called', () => {
    const impostor = card(5);
    impostor.title = { zh: '冒名顶替的题目', en: 'An impostor card' };
    impostor.aliases = { zh: ['冒名顶替'], en: ['impostor card'] };
    for (const name of ['0-first.json', 'zz-last.json']) {
      const file = writePack(name, [impostor]);
      for (const order of [[file, ...shippedFiles], [...shippedFiles, file]]) {
        const bank = loadBank(order, { shipped: shippedFiles });
        const kept = bank.cards.filter((c) => c.id === impostor.id);
        expect(kept.map((c) => c.title.en)).toEqual([shipped.cards[5].title.en]);
        expect(bank.problems.map(formatProblem)).toContainEqual(expect.stringContaining(`${name}: card "${impostor.id}" at cards[0].id: duplicate id`));
      }
    }
  });

  it('between two team packs, the pack id decides, not the file name', () => {
    const mine = { ...card(7), id: 'shared-team-card', aliases: { zh: ['共享题'], en: ['shared card a'] } };
    const theirs = { ...mine, title: { zh: '另一个版本', en: 'Another version' }, aliases: { zh: ['共享题二'], en: ['shared card b'] } };
    const write = (file: string, packId: string, c: unknown) => {
      const path = join(tmp.dir, file);
      writeFileSync(path, JSON.stringify({ pack: { id: packId, name: { zh: '团队', en: 'Team' }, version: 1 }, cards: [c] }));
      return path;
    };
    const alpha = write('zz.json', 'alpha', mine);
    const beta = write('aa.json', 'beta', theirs);
    for (const order of [[alpha, beta], [beta, alpha]]) {
      expect(loadBank(order).cards.map((c) => c.title.en)).toEqual([mine.title.en]);
    }
  });

  it('warns, without rejecting the card, when the correct option is over 1.3× as long as every distractor', () => {
    const c = card(20);
    expect(c.quiz.type).toBe('choice');
    const key = 'ABCD'.indexOf(c.quiz.correct);
    c.quiz.options = c.quiz.options.map((o: { zh: string; en: string }, i: number) =>
      i === key ? { zh: '这个正确选项写得特别长，比其他任何一个选项都长得多，一眼就能看出来', en: 'This correct option is written at great length, far longer than any of the others, so it stands out at once' } : { zh: '短选项', en: 'A short option' },
    );
    const file = writePack('cue.json', [{ ...c, id: 'length-cue-card', aliases: { zh: ['长度提示题'], en: ['length cue card'] } }]);
    const bank = loadBank([file]);
    expect(bank.cards.map((x) => x.id)).toEqual(['length-cue-card']);
    const warnings = bank.problems.filter((p) => p.warning).map(formatProblem);
    expect(warnings).toEqual([
      expect.stringContaining('cards[0].quiz.options.zh: warning: the correct option'),
      expect.stringContaining('cards[0].quiz.options.en: warning: the correct option'),
    ]);
    const out = spawnSync('node', ['src/bin.js', 'validate', file], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status).toBe(0);
    expect(out.stderr).toContain('warning: the correct option');
  });
});
