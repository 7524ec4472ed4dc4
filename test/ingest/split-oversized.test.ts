import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { ingest } from '../../src/ingest/index.js';
import { splitBlocks } from '../../src/ingest/split-blocks.js';
import { splitFragments } from '../../src/ingest/split-fragments.js';
import { splitOversized } from '../../src/ingest/split-oversized.js';
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

describe('splitOversized', () => {
  const fragmentsOf = (raw: string) => splitFragments(splitBlocks(raw));
  const sentence = 'The assembly met again in the spring and the organisers spoke of the work that lay ahead of them.';
  const paragraph = (k: number) => `${k % 2 ? 'Then' : 'Now'} ${sentence.repeat(2)}`;
  const entry = (surname: string, k: number) => `${surname}, Anna. *A History of the Commons, Volume ${k}*. London: Verso, 20${10 + k}.`;
  it('cuts a page of prose from a page of a list of works where the entries begin, though the list page holds fewer characters', () => {
    // A page's last three paragraphs, then the next page: a list of works, shorter in characters than a page of prose.
    const prose = [paragraph(1), paragraph(2), paragraph(3)];
    const entries = ['Abbott', 'Baker', 'Carter', 'Dalton', 'Ellis', 'Foster', 'Gray', 'Hughes'].map(entry);
    const [fragment] = fragmentsOf([...prose, ...entries].join('\n\n'));
    // The list page holds four fifths of a page of prose: by size alone, the list with the last
    // paragraph (a few hundredths of a page over) would be the page, rather than the list (a fifth short).
    const capacity = Math.round(entries.join('').length / 0.8);
    const pieces = splitOversized([fragment!], capacity);
    expect(pieces.map((p) => p.body.length)).toEqual([3, 8]);
  });
});
