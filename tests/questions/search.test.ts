import { describe, expect, it } from 'vitest';
import { exactKey, normalize, normalizeForIndex } from '../../src/questions/normalize.ts';
import { foldWord, scanTerms, tokenize, wordHash } from '../../src/questions/tokenize.ts';
import { shippedBank } from '../helpers/runtime.ts';

describe('normalize', () => {
  it('folds case, full-width forms, traditional characters and punctuation', () => {
    expect(normalize('ＢＮ的作用？')).toBe('bn的作用');
    expect(normalize('權值共享')).toBe('权值共享');
    expect(normalize('两个3*3卷积代替5×5')).toBe('两个3x3卷积代替5x5');
    expect(normalize('  Drop-Out!!  ')).toBe('drop out');
    expect(exactKey('Batch-Norm')).toBe('batchnorm');
    expect(exactKey('ＢＮ')).toBe('bn');
    expect(exactKey('两个3 * 3卷积代替5×5')).toBe('两个3x3卷积代替5x5');
    expect(exactKey('L1/L2')).toBe('l1l2');
    expect(exactKey('權值共享')).toBe('权值共享');
    expect(exactKey('權值共享', false)).toBe('權值共享');
  });
});

describe('normalizeForIndex', () => {
  it('spells digit×digit as "3x3" and leaves Markdown emphasis alone', () => {
    expect(normalizeForIndex('两个 3 × 3 卷积，**3*3** 和 5×5')).toBe('两个 3x3 卷积，**3x3** 和 5x5');
    expect(normalizeForIndex('**bold** text')).toBe('**bold** text');
  });
});

describe('tokenize', () => {
  it('splits scripts, bigrams Chinese and drops function words', () => {
    expect(tokenize(normalize('layernorm和batchnorm区别'))).toEqual(['layernorm', 'batchnorm', '区别']);
    expect(tokenize(normalize('什么是过拟合'))).toEqual(['过拟', '拟合']);
    expect(tokenize(normalize('What are the gradients'))).toEqual(['gradient']);
  });
});

describe('scanTerms', () => {
  it('passes each word with the hash of exactly the word it stands for', () => {
    const text = 'Gradients LOSSES biases ReLUs properties classes ＢＡＴＣＨ glass focus dies Adam’s 3x3 l1/l2 c++ c#';
    const seen: string[] = [];
    scanTerms(text, {
      han: () => {},
      word: (t, start, end, addY, hash) => {
        const word = foldWord(t, start, end, addY);
        seen.push(word);
        expect(hash, word).toBe(wordHash(word));
      },
    });
    expect(seen).toEqual(tokenize(text));
    expect(seen).toContain('property');
    expect(seen).toContain('batch');
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
