import { describe, expect, it } from 'vitest';
import { alphabetiseBibliography } from '../../src/repair/bibliography.js';

const entries = (markdown: string): string[] => markdown.split('\n').filter((line) => line.startsWith('- '));

describe('alphabetiseBibliography', () => {
  // Two pages of a sheet run into one list: A–C, then K–M, then D–F, then N–P.
  const names = ['Arendt', 'Bookchin', 'Carson', 'Kropotkin', 'Landauer', 'Marx', 'Dewey', 'Engels', 'Fourier', 'Negri', 'Ostrom', 'Proudhon'];
  const book = [
    '<!-- division: chapter -->',
    '',
    'Text.',
    '',
    '<!-- division: bibliography -->',
    '',
    '## Bibliography',
    '',
    ...names.flatMap((name, k) => [
      `- ${['Zoe', 'Yann', 'Xia'][k % 3]} ${name}. *A Work* (1999).${k === 3 ? '<!-- page 12 -->' : k === 9 ? '<!-- page 13 -->' : ''}`,
      ...(name === 'Marx' ? ['- <<https://example.org/marx>>.'] : []),
      '',
    ]),
    '<!-- division: about-the-author -->',
    '',
    'Marx, Kropotkin and Arendt are not sorted here.',
    '',
  ].join('\n');

  it('sets the entries in order, each with the rest of it cut at a page, the page markers where they were', () => {
    const result = alphabetiseBibliography(book);
    expect(result.moved).toBe(3);
    const lines = entries(result.markdown);
    expect(lines.map((line) => /^- \w+ (\w+)\./.exec(line)?.[1] ?? line)).toEqual([
      'Arendt', 'Bookchin', 'Carson', 'Dewey', 'Engels', 'Fourier', 'Kropotkin', 'Landauer', 'Marx', '- <<https://example.org/marx>>.', 'Negri', 'Ostrom', 'Proudhon',
    ]);
    // the markers mark the same places in the list: the 4th entry, the 11th line
    expect(lines[3]).toMatch(/<!-- page 12 -->$/);
    expect(lines[10]).toMatch(/<!-- page 13 -->$/);
    expect(result.markdown.replace(/^- .*$/gm, '')).toBe(book.replace(/^- .*$/gm, ''));
  });

  it('leaves a list in order, and a book without a bibliography, as they are', () => {
    const once = alphabetiseBibliography(book).markdown;
    expect(alphabetiseBibliography(once)).toEqual({ markdown: once, entries: 12, moved: 0 });
    const noList = book.replace('<!-- division: bibliography -->', '<!-- division: appendix -->');
    expect(alphabetiseBibliography(noList).markdown).toBe(noList);
  });
});
