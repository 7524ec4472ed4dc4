/**
 * A fragment holding two pages' text, split by the order (src/order/split.ts): the synthetic
 * `parts` book scrambled by interleaving. Ingest gave two fragments holding two pages each: a
 * section's last page with the page opening the next section's heading, and a chapter's page with
 * the bibliography's last page.
 */
import { describe, expect, it } from 'vitest';
import { compare, describe as explain, recover } from '../helpers/recover.js';
import { render, scramble, type ScrambleKind } from '../helpers/scramble.js';
import { syntheticBook, type SyntheticBookOptions } from '../helpers/synthetic-book.js';
import { bookOptions } from '../helpers/synthetic-cases.js';
import { endsSentence, opensMidSentence } from '../../src/order/split.js';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { buildManuscript } from '../../src/pipeline.js';
import { readingText, tinyMetadata } from '../helpers/tiny-book.js';

describe('splitting fragments that hold two pages', () => {
  const book = syntheticBook(bookOptions('parts', 'plain'));
  const result = recover(book, render(book, scramble('interleave', book.pages.length, 7)).raw);
  const built = result.build!;

  it('splits each, and reports where (O-040)', () => {
    expect(built.ordered.splits).toBe(2);
    const reported = result.report.diagnostics.filter((d) => d.code === 'O-040');
    expect(reported).toHaveLength(2);
    for (const d of reported) expect(d.message).toMatch(/holds the text of two: the text (before|from) line \d+/);
  });

  it('keeps every body block and note of the ingested fragments exactly once', () => {
    const key = (b: { span: { start: number } }) => b.span.start;
    const ingested = built.ingested.fragments.flatMap((f) => [...f.body, ...f.notes].map(key)).sort((a, b) => a - b);
    const ordered = built.ordered.fragments.flatMap((f) => [...f.body, ...f.notes].map(key)).sort((a, b) => a - b);
    expect(ordered).toEqual(ingested);
    expect(built.ordered.fragments.length).toBe(built.ingested.fragments.length + 2);
  });
});

/**
 * Small books of the property test's kind (`npx tsx test/helpers/small-books.ts` finds them), each
 * scrambled so that one fragment held the text of two pages: split once, each comes back whole.
 */
const SMALL_BOOKS: Array<{ what: string; book: Partial<SyntheticBookOptions>; kind: ScrambleKind; seed: number }> = [
  // Twelve pages, too few with notes to tell how much text a page holds: only what the text and the
  // order say can admit a fragment.
  { what: 'a book too small to tell a page size, interleaved', book: { seed: 141006, chapters: 3, preface: true, bibliography: false }, kind: 'interleave', seed: 39201 },
  // The book's last page, one sentence that carries on the page before it, ran in the raw file into
  // the page opening section II. The Contents holds that section's heading on its page, so the
  // fragment stays there, after a page whose last sentence is finished: its opening is the end of
  // another page.
  { what: 'text before a heading the Contents holds on its page (duplex)', book: { seed: 20, chapters: 3, preface: true, bibliography: false }, kind: 'duplex', seed: 7 },
  // Too few pages with notes to tell a page's size. A page without notes ran into the next page of
  // the raw file, whose opening reads as the rest of its last sentence: the fragment is twice the
  // size of most, so the page may end at any paragraph of it, even where a sentence seems to run on.
  { what: 'a fragment twice the size of the others (duplex)', book: { seed: 4, chapters: 2, preface: false, bibliography: true }, kind: 'duplex', seed: 7 },
];

describe.each(SMALL_BOOKS)('splitting: $what', ({ book: options, kind, seed }) => {
  const book = syntheticBook({ ...bookOptions('small', 'plain'), ...options, sections: [1, 2], paragraphs: [3, 5] });
  const result = recover(book, render(book, scramble(kind, book.pages.length, seed)).raw);

  it('splits the fragment, and the book comes back block for block', () => {
    expect(result.build!.ordered.splits).toBe(1);
    const comparison = compare(book, result.build!.manuscript);
    expect(comparison.ok, explain(comparison, result.report.diagnostics)).toBe(true);
  });
});

describe('a piece split off is part of a page, not a page', () => {
  // Profile runOver, read as a duplex scan: the bibliography's last page ran, in the raw file, into
  // `the prahuctity.`, the first line of a chapter's page whose rest opened the next fragment. Moved
  // beside that rest, the line completes a page the Contents already counts.
  const book = syntheticBook(bookOptions('small', 'runOver'));
  const result = recover(book, render(book, scramble('duplex', book.pages.length, 7)).raw);

  it('is split off the list and the book comes back block for block', () => {
    expect(result.report.byCode('O-040').some((d) => /the text from line \d+ on/.test(d.message))).toBe(true);
    const comparison = compare(book, result.build!.manuscript);
    expect(comparison.ok, explain(comparison, result.report.diagnostics)).toBe(true);
  });
});

describe('the evidence that two pages meet inside a fragment', () => {
  it('is a finished sentence followed by a paragraph that opens on a lowercase word', () => {
    expect(endsSentence('…the direct management of urban commons.')).toBe(true);
    expect(endsSentence('as Graeber argues:')).toBe(false);
    expect(endsSentence('the end of the sentence.”<sup>12</sup>')).toBe(true);
    expect(opensMidSentence('commons in Naples.” *Heteropolitics*')).toBe(true);
    // Quotations and ellipses open many a paragraph on one page; they are no evidence.
    expect(opensMidSentence('...The guild, which unites homes')).toBe(false);
    expect(opensMidSentence('[A] transformed local state')).toBe(false);
  });
});

describe('a division whose last sentence the extraction mixed into the next page', () => {
  // Chapter One's last page stops mid-sentence (`…and the workers of the`); its last words
  // (`towns were left to fend for themselves…`) stand after the first paragraph of Chapter Two's
  // page, where they seem to carry that paragraph on. A chapter cannot end mid-sentence.
  const raw = `${[
    '# Tiny Book\n\nA. Writer',
    '# Contents\n\n<b>Chapter One: The Guilds</b>\t<b>3</b>\n\n<b>Chapter Two: The Cities</b>\t<b>5</b>',
    '# Chapter One: The Guilds\n\nThe guilds of the medieval towns kept their own rules, and the members met each week in the hall to settle the prices of their work.<sup>1</sup>\n\nThey chose their wardens by lot and paid them nothing, so that no warden grew rich from the office he held.\n\n---\n\n<sup>1</sup> Ibid., p. 12.',
    'In time the merchants of the towns bought the right to rule the guilds, and the wardens became their servants.<sup>2</sup>\n\nWhat the guilds had built over three centuries was taken apart in a generation, and the workers of the\n\n---\n\n<sup>2</sup> Ibid., p. 40.',
    '# Chapter Two: The Cities\n\nThe cities that grew around the new factories had no guilds at all, and the people who came to them from the country found no one to speak for them in the councils of the<sup>1</sup>\n\ntowns were left to fend for themselves in the new order of things.\n\n---\n\n<sup>1</sup> Ibid., p. 77.',
    'masters, who met in their clubs and settled the wages of the workers among themselves.<sup>2</sup>\n\nOnly in the last years of the century did the workers of the cities begin to form unions of their own.\n\n---\n\n<sup>2</sup> Ibid., p. 90.',
  ].join('\n\n')}\n`;
  const report = new Report();
  const built = buildManuscript({ raw, metadata: tinyMetadata, sourceFile: 'tiny.raw.md', sourceDate: new Date('2020-01-01T00:00:00Z') }, report);
  const text = readingText(built.manuscript);

  it('ends the chapter with them, and carries the page they stood in on into the next', () => {
    expect(text).toContain('and the workers of the towns were left to fend for themselves in the new order of things.\n\n[^c1-1]');
    expect(text).toContain('in the councils of the[^c2-1] masters, who met in their clubs');
    expect(report.byCode('O-040').map((d) => d.message)).toEqual([expect.stringMatching(/the text from line \d+ on finishes the sentence that the page at line \d+ leaves unfinished before a heading/)]);
  });

  it('keeps the notes with the references they answer', () => {
    expect(built.report.byCode('R-020')).toEqual([]);
    expect(text).toMatch(/\[\^c2-1\]: Ibid\., p\. 77\./);
  });
});
