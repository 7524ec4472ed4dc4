import { describe, expect, it } from 'vitest';
import { Vocabulary, isDictionaryWord } from '../../src/text/vocabulary.js';

describe('Vocabulary.fromTexts', () => {
  const vocab = Vocabulary.fromTexts([
    'Workers’ self-activity is the point. Self-activity, again; the workers organise.',
    'The *post-capitalist* transition<sup>12</sup> and the post-capitalist-era economy.',
    'A paragraph that ends in a cut coopta-',
    'An inline Hori- zontalist cut, and desktop- and laptop-based machines.',
    'See <https://www.ips-journal.eu/the-municipalist-revolution/> or mail john.doe-smith@example.com today.',
  ]);

  it('counts whole tokens, case-insensitively, folding possessives', () => {
    expect(vocab.count('workers')).toBe(2);
    expect(vocab.count('Workers')).toBe(2);
    expect(vocab.has('organise')).toBe(true);
    expect(vocab.has('nothing')).toBe(false);
  });

  it('counts hyphenated compounds seen whole, and their adjacent pairs', () => {
    expect(vocab.count('self-activity')).toBe(2);
    expect(vocab.hyphenatedCount('self', 'activity')).toBe(2);
    expect(vocab.hyphenatedCount('post', 'capitalist')).toBe(2);
    expect(vocab.hyphenatedCount('capitalist', 'era')).toBe(1);
    expect(vocab.hyphenatedCount('activity', 'self')).toBe(0);
    expect(vocab.segmentCount('capitalist')).toBe(2);
  });

  it('ignores words cut at a block end and both halves of an inline cut', () => {
    expect(vocab.has('coopta')).toBe(false);
    expect(vocab.has('coopta-')).toBe(false);
    expect(vocab.has('hori')).toBe(false);
    expect(vocab.has('zontalist')).toBe(false);
    // The suspended hyphen's fragment is dropped, its linker and partner are kept.
    expect(vocab.has('desktop')).toBe(false);
    expect(vocab.count('and')).toBe(3);
    expect(vocab.hyphenatedCount('laptop', 'based')).toBe(1);
  });

  it('ignores HTML tags, URLs and e-mail addresses', () => {
    expect(vocab.has('sup')).toBe(false);
    expect(vocab.has('transition')).toBe(true);
    expect(vocab.hyphenatedCount('ips', 'journal')).toBe(0);
    expect(vocab.has('the-municipalist-revolution')).toBe(false);
    expect(vocab.hyphenatedCount('doe', 'smith')).toBe(0);
    expect(vocab.has('today')).toBe(true);
  });

  it('reports a prefix house style', () => {
    const v = Vocabulary.fromTexts(['post-war post-modern post-colonial and the postmodern']);
    expect(v.prefixStyle('post')).toEqual({ hyphenated: 3, closed: 1 });
  });
});

describe('isDictionaryWord', () => {
  it('finds listed words case-insensitively', () => {
    expect(isDictionaryWord('cooptation')).toBe(true);
    expect(isDictionaryWord('Capitalism')).toBe(true);
    expect(isDictionaryWord('zontalist')).toBe(false);
    expect(isDictionaryWord('coopta')).toBe(false);
  });
  it('handles possessives and plurals', () => {
    expect(isDictionaryWord("worker's")).toBe(true);
    expect(isDictionaryWord('workers’')).toBe(true);
    expect(isDictionaryWord('cooptations')).toBe(true);
    expect(isDictionaryWord('élite')).toBe(true);
    expect(isDictionaryWord('Élites')).toBe(true);
    expect(isDictionaryWord('zontalisté')).toBe(false);
  });
  it('rejects hyphenated compounds, numbers and empty input', () => {
    expect(isDictionaryWord('self-activity')).toBe(false);
    expect(isDictionaryWord('1960')).toBe(false);
    expect(isDictionaryWord('')).toBe(false);
  });
});
