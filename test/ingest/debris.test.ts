import { describe, expect, it } from 'vitest';
import { pageEdgeDebris } from '../../src/ingest/debris.js';
import { splitBlocks } from '../../src/ingest/split-blocks.js';

/** The texts of the blocks pageEdgeDebris picks out of a raw text as debris (or as closing lines). */
function debrisOf(raw: string, kind: 'debris' | 'closing' = 'debris'): string[] {
  const blocks = splitBlocks(raw);
  return [...pageEdgeDebris(blocks)[kind]].map((index) => blocks[index]!.text);
}

describe('pageEdgeDebris', () => {
  it('picks a short line that recurs where pages meet: before a footnote area, after one, or cutting into a sentence', () => {
    const raw = [
      'The first page ends here with a whole sentence.',
      '[Draft of May 2]',
      '---',
      '<sup>1</sup> A note.',
      '[Draft of May 2]',
      'The next page opens with a sentence of its own.',
      'A sentence the page break cut off in the middle of its',
      '[Draft of May 2]',
      'words, carried on here.',
    ].join('\n\n');
    expect(debrisOf(raw)).toEqual(['[Draft of May 2]', '[Draft of May 2]', '[Draft of May 2]']);
  });

  it('takes lines that differ only in their numbers for one footer, if half of them stand at page edges', () => {
    const raw = ['A page that ends whole.', '[May 2, 2020]', 'A paragraph of the same page.', '[May 3, 2020]', '---', '<sup>1</sup> A note.'].join('\n\n');
    expect(debrisOf(raw)).toEqual(['[May 2, 2020]', '[May 3, 2020]']);
  });

  it('picks printed page numbers the extraction kept at page ends, but not a year or two standing alone', () => {
    const raw = [
      'The council kept a ledger of every cart and every',
      '3',
      '---',
      '<sup>1</sup> A note.',
      'coin, and the ledger survives. By midsummer the roads were dry.',
      '4',
      '---',
      '<sup>2</sup> A note.',
      'The mills stood on the northern bank.',
      '5',
      '---',
      '<sup>3</sup> A note.',
    ].join('\n\n');
    expect(debrisOf(raw)).toEqual(['3', '4', '5']);
    expect(debrisOf(['A title page', '2021', '---', '<sup>1</sup> A note.', 'The text.', '1848', '---', '<sup>2</sup> A note.'].join('\n\n'))).toEqual([]);
  });

  it('keeps a line that ends a page after a finished sentence every time it recurs: a division\'s closing line, not a footer', () => {
    const raw = [
      'The first chapter ends with a whole sentence.',
      '[Last edited October 6, 2020]',
      '---',
      '<sup>9</sup> A note.',
      'The second chapter ends as well.',
      '[Last edited October 9, 2020]',
      '---',
      '<sup>7</sup> A note.',
      'The third one ends before the next heading.',
      '[Last Edited October 7, 2020]',
      '## Chapter Four',
    ].join('\n\n');
    expect(debrisOf(raw)).toEqual([]);
    expect(debrisOf(raw, 'closing')).toEqual(['[Last edited October 6, 2020]', '[Last edited October 9, 2020]', '[Last Edited October 7, 2020]']);
    // Once it cuts into a sentence, it is a footer wherever it stands.
    const cut = raw.replace('The second chapter ends as well.', 'A page the break cut in the middle of its');
    expect(debrisOf(cut)).toEqual(['[Last edited October 6, 2020]', '[Last edited October 9, 2020]', '[Last Edited October 7, 2020]']);
    expect(debrisOf(cut, 'closing')).toEqual([]);
  });

  it('takes a date alone after a finished sentence for the close of its division, once is enough', () => {
    const raw = ['Many thanks to my friend for formatting the manuscript.', 'January 12, 2021', 'Anarchist Paul Goodman noted the tendency of institutions.', 'As he wrote on', '12 March 1968', 'the matter was settled.'].join('\n\n');
    expect(debrisOf(raw, 'closing')).toEqual(['January 12, 2021']);
    expect(debrisOf(raw)).toEqual([]);
    // Not a quoted letter's date, nor dates that recur, as a diary's entries are headed
    expect(debrisOf(['Marx wrote to him as follows.', 'March 3, 1871', 'Dear Friend, the Commune holds.'].join('\n\n'), 'closing')).toEqual([]);
    const diary = ['The first day ended well.', 'June 5, 1944', 'We waited all day.', 'June 6, 1944', 'The landings began.'].join('\n\n');
    expect(debrisOf(diary, 'closing')).toEqual([]);
  });

  it('leaves a line that recurs between whole paragraphs, one ending as a sentence does, and one that occurs once', () => {
    const raw = ['A paragraph that ends.', 'The Refrain', 'Another paragraph that ends.', 'The Refrain', 'A third one that ends.', 'Refrain.', '---', '<sup>1</sup> A note.', 'Refrain.', 'A lone line', '---', '<sup>2</sup> A note.'].join('\n\n');
    expect(debrisOf(raw)).toEqual([]);
  });
});
