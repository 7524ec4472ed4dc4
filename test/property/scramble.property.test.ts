/**
 * Properties over random small synthetic books (test/helpers/synthetic-book.ts): pages in any order
 * lose and repeat no text and never make the pipeline give up, and in reading order they come back
 * block for block.
 *
 * Not yet true, so not asserted here: that any scramble gives back the same text. Of 60 random
 * books (fast-check samples 1 and 2, scramble seed 7), 48 and 46 came back whole from a permutation,
 * 50 and 49 from a duplex scan, 48 and 44 from interleaved ranges, 47 and 51 from a booklet. Most
 * of the others hold two pages the extraction ran into one run of text. Measure with
 * test/helpers/small-books.ts; reproduce one with test/helpers/repro-scramble.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bagDifference, compare, describe as explain, recover, recoveredWords, truthWords } from '../helpers/recover.js';
import { render, scramble } from '../helpers/scramble.js';
import { syntheticBook, type SyntheticBookOptions } from '../helpers/synthetic-book.js';
import { PROFILES } from '../helpers/synthetic-cases.js';

const smallBook = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  chapters: fc.integer({ min: 2, max: 3 }),
  preface: fc.boolean(),
  bibliography: fc.boolean(),
});

function build(options: { seed: number; chapters: number; preface: boolean; bibliography: boolean }): ReturnType<typeof syntheticBook> {
  const full: SyntheticBookOptions = { ...options, ...PROFILES.plain, sections: [1, 2], paragraphs: [3, 5] };
  return syntheticBook(full);
}

describe('random small books', () => {
  it('in any order lose and repeat no text', () => {
    fc.assert(
      fc.property(smallBook, fc.integer({ min: 0, max: 1_000_000 }), (options, scrambleSeed) => {
        const book = build(options);
        const result = recover(book, render(book, scramble('permutation', book.pages.length, scrambleSeed)).raw);
        expect(result.build, String(result.error)).not.toBeNull();
        expect(result.report.byCode('I-090').concat(result.report.byCode('O-090'))).toEqual([]);
        const difference = bagDifference(truthWords(book), recoveredWords(result.build!.manuscript));
        expect(difference, JSON.stringify({ options, scrambleSeed })).toEqual([]);
      }),
      { numRuns: 6, seed: 20261126 },
    );
  });

  it('in reading order come back block for block', () => {
    fc.assert(
      fc.property(smallBook, (options) => {
        const book = build(options);
        const result = recover(book, render(book, scramble('identity', book.pages.length, 0)).raw);
        expect(result.build, String(result.error)).not.toBeNull();
        const comparison = compare(book, result.build!.manuscript);
        expect(comparison.ok, `${JSON.stringify(options)}\n${explain(comparison, result.report.diagnostics)}`).toBe(true);
      }),
      { numRuns: 40, seed: 20261126 },
    );
  });

  it('scrambled, come back block for block where the extraction ran two pages into one', () => {
    // Two pages are one run of text in the raw file: moving either piece alone gains too little,
    // unless the order is let settle around the move.
    const book = build({ seed: 842671, chapters: 2, preface: false, bibliography: true });
    const result = recover(book, render(book, scramble('permutation', book.pages.length, 7)).raw);
    const comparison = compare(book, result.build!.manuscript);
    expect(comparison.ok, explain(comparison, result.report.diagnostics)).toBe(true);
    expect(result.report.byCode('O-040')).toHaveLength(1);
  });

  it('in reading order come back block for block where the evidence ties (the raw order decides)', () => {
    // Two pages each carry a sentence over, and either could follow either: the word statistics of
    // a ten-page book favoured the wrong way round by 1.5, less than the raw order is worth.
    const book = build({ seed: 551537, chapters: 2, preface: false, bibliography: false });
    const result = recover(book, render(book, scramble('identity', book.pages.length, 0)).raw);
    const comparison = compare(book, result.build!.manuscript);
    expect(comparison.ok, explain(comparison, result.report.diagnostics)).toBe(true);
  });
});
