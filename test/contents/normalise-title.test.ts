import { describe, expect, it } from 'vitest';
import { cleanTitle, isBookTitle, normaliseTitle, titleSimilarity } from '../../src/contents/index.js';

describe('normaliseTitle', () => {
  it('ignores heading marks, bold, case, numbering punctuation and note references', () => {
    const key = normaliseTitle('III. The Abandonment of Workerism');
    expect(normaliseTitle('### III The Abandonment of Workerism')).toBe(key);
    expect(normaliseTitle('#### **III. THE ABANDONMENT OF WORKERISM**')).toBe(key);
    expect(normaliseTitle('## III. The Abandonment of Workerism<sup>12</sup>')).toBe(key);
    expect(key).toBe('3 the abandonment of workerism');
  });

  it('joins extraction hyphen breaks and compares hyphenated words whole', () => {
    expect(normaliseTitle('The Transition to Hori- zontalist Praxis')).toBe(normaliseTitle('The Transition to Horizontalist Praxis'));
    expect(normaliseTitle('Post- Capitalist Transition')).toBe(normaliseTitle('Post-Capitalist Transition'));
  });

  it('reads chapter numbers in words, roman or digits alike', () => {
    expect(normaliseTitle('Chapter Three: Going Home')).toBe('chapter 3 going home');
    expect(normaliseTitle('CHAPTER III — Going Home')).toBe('chapter 3 going home');
    expect(normaliseTitle('Chapter 3. Going Home')).toBe('chapter 3 going home');
  });
});

describe('cleanTitle', () => {
  it('strips markup and leaders and repairs breaks for display', () => {
    expect(cleanTitle('<b>II. Technology and Prole- tarianism</b> . . . . .')).toBe('II. Technology and Proletarianism');
    expect(cleanTitle('**Self- Activity**')).toBe('Self-Activity');
  });
});

describe('titleSimilarity', () => {
  it('is 1 for the same key and high for small drift', () => {
    expect(titleSimilarity('a b c', 'a b c')).toBe(1);
    expect(titleSimilarity(normaliseTitle('II. The Nature of Post-Capitalist Transition'), normaliseTitle('II. The Nature of the Post-Capitalist Transitions'))).toBeGreaterThan(0.8);
  });

  it('is low for a different numbered section sharing words', () => {
    expect(titleSimilarity(normaliseTitle('I. The New Left'), normaliseTitle('III. The Abandonment of Proletarianism by the New Left'))).toBeLessThan(0.6);
    expect(titleSimilarity(normaliseTitle('Introduction'), normaliseTitle('Introduction and Note on Terminology'))).toBeLessThan(0.6);
  });
});

describe('markdown escapes and entities', () => {
  it('reads escaped numbering and entities as plain text', () => {
    expect(cleanTitle('III\\. Negri et al vs\\. the Commons &amp; Co&#8217;s')).toBe('III. Negri et al vs. the Commons & Co’s');
    expect(normaliseTitle('\\*\\*IV\\. Theory\\*\\*')).toBe(normaliseTitle('IV. Theory'));
  });
});

describe('isBookTitle', () => {
  it('knows the title whatever its case and punctuation, with its subtitle after it, or the main title alone', () => {
    expect(isBookTitle('# THE SMALL BOOK:', 'The Small Book')).toBe(true);
    expect(isBookTitle('# The Small Book: A Study of Rivers', 'The Small Book')).toBe(true);
    expect(isBookTitle('**The Small Book**', 'The Small Book')).toBe(true);
    expect(isBookTitle('# Exodus', 'Exodus: Essays')).toBe(true);
  });

  it('does not take a longer or shorter heading for it', () => {
    expect(isBookTitle('# The Small Book of Rivers', 'The Small Book')).toBe(false);
    expect(isBookTitle('# The Small', 'The Small Book')).toBe(false);
    expect(isBookTitle('# The', 'The Small: Book')).toBe(false);
  });
});
