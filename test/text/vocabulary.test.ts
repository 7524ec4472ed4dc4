import { describe, expect, it } from 'vitest';
import { Vocabulary, isDictionaryWord, wordListOf } from '../../src/text/vocabulary.js';

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
    expect(v.hyphenatedAfter('Post')).toBe(3);
    expect(v.hyphenatedAfter('pre')).toBe(0);
  });
});

describe('Vocabulary.wordRestOf', () => {
  const vocab = Vocabulary.fromTexts(['Industrial workers and industrial towns; the industrial age.', 'The party and the parties, a party of one.']);

  it('names the word of the book a page’s first word is no word but the end of', () => {
    expect(vocab.wordRestOf('dustrial')).toBe('industrial');
  });

  it('leaves words alone: the book’s own, the word list’s, and rests too short to tell', () => {
    expect(vocab.wordRestOf('party')).toBeNull();
    expect(vocab.wordRestOf('trial')).toBeNull(); // (a word of the word list)
    expect(vocab.wordRestOf('al')).toBeNull();
    expect(vocab.wordRestOf('zontalist')).toBeNull(); // (the end of no word the book writes twice)
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

describe('wordListOf', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
  const words = ['a', 'aa', 'aah', 'ab', 'abc', 'b', 'ba', 'zebra', 'zzz'];

  it('finds every word of a sorted ASCII list in its bytes, and nothing else', () => {
    const list = wordListOf(bytes(`${JSON.stringify(words)}\n`));
    for (const word of words) expect(list.has(word), word).toBe(true);
    for (const word of ['', 'aaa', 'aab', 'abd', 'c', 'zebras', 'zz', 'zzzz', 'é']) expect(list.has(word), word).toBe(false);
  });

  it('reads a list it cannot search in place (unsorted, escaped, not ASCII) as JSON', () => {
    const unsorted = wordListOf(bytes(JSON.stringify(['zebra', 'a', 'b'])));
    expect(['a', 'b', 'zebra'].map((w) => unsorted.has(w))).toEqual([true, true, true]);
    expect(unsorted.has('c')).toBe(false);
    const other = wordListOf(bytes('["caf\\u00e9","naïve","x\\"y"]'));
    expect(['café', 'naïve', 'x"y'].map((w) => other.has(w))).toEqual([true, true, true]);
    expect(other.has('cafe')).toBe(false);
  });

  it('holds the whole shipped list: every one of its words is found', async () => {
    const { createRequire } = await import('node:module');
    const { readFileSync } = await import('node:fs');
    const file = createRequire(import.meta.url).resolve('an-array-of-english-words');
    const all = JSON.parse(readFileSync(file, 'utf8')) as string[];
    const list = wordListOf(readFileSync(file));
    expect(all.filter((w) => !list.has(w))).toEqual([]);
    expect(all.length).toBeGreaterThan(250_000);
  });
});
