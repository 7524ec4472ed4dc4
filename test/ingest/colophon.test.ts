import { describe, expect, it } from 'vitest';
import { markSourceColophon } from '../../src/ingest/colophon.js';
import { splitBlocks } from '../../src/ingest/split-blocks.js';
import { buildTiny } from '../helpers/tiny-book.js';

const COLOPHON = 'The Tiny Library  \nAnti-Copyright\n\nA. Writer  \nTiny Book  \nA Subtitle  \n2020\n\nThe author provided the source by e-mail.\n\n**tinylibrary.org**';

describe('the source’s own colophon', () => {
  it('is the block that repeats the title among short lines, with the publisher’s lines around it', () => {
    const blocks = splitBlocks(`# Tiny Book\n\nA. Writer\n\nThe last page of the book ends here.\n\n${COLOPHON}\n\n1. A list item of the chapter that the extraction set after it, long enough to be text.`);
    const found = markSourceColophon(blocks, 'Tiny Book', 1, new Set());
    expect(found).not.toBeNull();
    const marked = blocks.filter((b) => b.colophon).map((b) => b.text.split('\n')[0]!.trim());
    expect(marked).toEqual(['The Tiny Library', 'A. Writer', 'The author provided the source by e-mail.', '**tinylibrary.org**']);
    // its bold line is a line of the colophon, not a heading
    expect(blocks.find((b) => b.text === '**tinylibrary.org**')!.kind).toBe('body');
  });

  it('is not looked for without a title page heading, nor found in a title page of single lines', () => {
    expect(markSourceColophon(splitBlocks(`Some text.\n\n${COLOPHON}`), 'Tiny Book', undefined, new Set())).toBeNull();
    expect(markSourceColophon(splitBlocks('# Tiny Book\n\nA Subtitle\n\nA. Writer\n\n2020'), 'Tiny Book', 1, new Set())).toBeNull();
  });

  it('is cut from the page the extraction ran it into, and closes the book as a division of its own', () => {
    const built = buildTiny([
      'The first page of the chapter, which ends with a whole sentence.<sup>1</sup>\n\n---\n\n<sup>1</sup> A note.',
      `${COLOPHON}\n\nThe second page of the chapter, with a sentence of its own.<sup>2</sup>\n\n---\n\n<sup>2</sup> Another note.`,
    ]);
    const text = built.manuscript;
    expect(text.indexOf('The second page of the chapter')).toBeLessThan(text.indexOf('The Tiny Library'));
    expect(text).toMatch(/<!-- division: colophon -->\n\n(?:<!-- page \d+ -->\n\n)?The Tiny Library\\\nAnti-Copyright\n\nA\. Writer\\\nTiny Book\\\nA Subtitle\\\n2020\n\nThe author provided the source by e-mail\.\n\n\*\*tinylibrary\.org\*\*\n*$/);
    expect(built.report.byCode('I-014')).toHaveLength(1);
  });
});
