import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { ingest } from '../../src/ingest/index.js';
import { render, scramble } from '../helpers/scramble.js';
import { syntheticBook } from '../helpers/synthetic-book.js';

describe('a book without footnotes, cut into pages', () => {
  // No footnote area ends its pages: only a cut word or a sentence broken off shows a page end, and
  // a page that ends with its paragraph runs into the next. The page's size is then read from the
  // fragments the text cuts at both ends, and the longer ones are cut at their paragraphs.
  it.each([21, 22, 23, 24])('finds nearly every page start and cuts almost nowhere else (seed %i)', (seed) => {
    const book = syntheticBook({ seed, chapters: 5, sections: [2, 3], paragraphs: [5, 8], titlePage: 'bare', runOverRate: 0, refAtParagraphEnd: false, notesPerParagraph: 0 });
    const rendered = render(book, scramble('identity', book.pages.length, 0));
    const pageStarts = new Set(rendered.placed.flatMap((p) => (p.line === null ? [] : [p.line])));
    const { fragments } = ingest(rendered.raw, { report: new Report(), sourceDate: new Date(0), sourceFile: 'synthetic.raw.md' }, { title: book.title });
    const cuts = fragments.map((f) => f.span.startLine);
    const found = cuts.filter((line) => pageStarts.has(line)).length;
    // (before, a third of the pages ran together with the next: 36 fragments for seed 23's 53 pages)
    expect(found).toBeGreaterThanOrEqual(0.9 * pageStarts.size);
    expect(cuts.length - found).toBeLessThanOrEqual(2);
  });
});
