import { describe, expect, it } from 'vitest';
import { exactKey, normalize } from '../../src/questions/normalize.ts';
import { tokenize } from '../../src/questions/tokenize.ts';
import { shippedBank } from '../helpers/runtime.ts';

describe('normalize', () => {
  it('folds case, full-width forms, traditional characters and punctuation', () => {
    expect(normalize('ＢＮ的作用？')).toBe('bn的作用');
    expect(normalize('權值共享')).toBe('权值共享');
    expect(normalize('两个3*3卷积代替5×5')).toBe('两个3x3卷积代替5x5');
    expect(normalize('  Drop-Out!!  ')).toBe('drop out');
    expect(exactKey('Batch-Norm')).toBe('batchnorm');
  });
});

describe('tokenize', () => {
  it('splits scripts, bigrams Chinese and drops function words', () => {
    expect(tokenize(normalize('layernorm和batchnorm区别'))).toEqual(['layernorm', 'batchnorm', '区别']);
    expect(tokenize(normalize('什么是过拟合'))).toEqual(['过拟', '拟合']);
    expect(tokenize(normalize('What are the gradients'))).toEqual(['gradient']);
  });
});

describe('SearchIndex', () => {
  const { search } = shippedBank();
  const top = (q: string) => search.search(q, 3)[0]?.card.id;

  it('an exact id or alias wins outright with score 1', () => {
    const [hit] = search.search('dropout');
    expect(hit?.card.id).toBe('dropout');
    expect(hit?.score).toBe(1);
  });

  it('tolerates typos, abbreviations and traditional characters', () => {
    expect(top('dropuot')).toBe('dropout');
    expect(top('權值共享')).toBe('cnn-weight-sharing');
    expect(top('L1 L2 regularization difference')).toBe('l1-vs-l2');
  });

  it('returns nothing for empty or meaningless input and never throws on odd Unicode', () => {
    expect(search.search('')).toEqual([]);
    expect(search.search('   ？！')).toEqual([]);
    for (const q of ['😀😀😀', '\u0000\u200b', 'ｱｲｳ', '𠀀𠀁', 'x'.repeat(5000), '@everyone <!channel>']) {
      expect(() => search.search(q)).not.toThrow();
    }
  });

  it('scores are in [0, 1], best first', () => {
    const hits = search.search('batch normalization', 5);
    expect(hits.length).toBeGreaterThan(1);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(0);
    for (const h of hits) expect(h.score).toBeLessThanOrEqual(1);
    expect([...hits].sort((a, b) => b.score - a.score)).toEqual(hits);
  });

  it('finds cards by id with byId', () => {
    expect(search.byId('l1-vs-l2')?.id).toBe('l1-vs-l2');
    expect(search.byId('no-such-card')).toBeUndefined();
  });
});
