/**
 * A fragment holding two pages' text, split by the order (src/order/split.ts): the synthetic
 * `parts` book scrambled by interleaving. Ingest gave two fragments holding two pages each: a
 * section's last page with the page opening the next section's heading, and a chapter's page with
 * the bibliography's last page.
 */
import { describe, expect, it } from 'vitest';
import { compare, describe as explain, recover } from '../helpers/recover.js';
import { render, scramble } from '../helpers/scramble.js';
import { syntheticBook } from '../helpers/synthetic-book.js';
import { bookOptions } from '../helpers/synthetic-cases.js';
import { endsSentence, opensMidSentence } from '../../src/order/split.js';

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

describe('splitting in a book too small to tell a page size', () => {
  // Twelve pages, too few with notes to tell how much text a page holds: only what the text and the
  // order say can admit a fragment. Interleaved, one fragment held the text of two pages.
  const book = syntheticBook({ ...bookOptions('small', 'plain'), seed: 141006, chapters: 3, preface: true, bibliography: false, sections: [1, 2], paragraphs: [3, 5] });
  const result = recover(book, render(book, scramble('interleave', book.pages.length, 39201)).raw);

  it('splits it, and the book comes back block for block', () => {
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
