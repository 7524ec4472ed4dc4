/**
 * Damaged raw text (test/helpers/mutate.ts: lines left out, repeated or swapped, junk and stray
 * marks, rules, superscripts, blank lines or heading marks lost, lines run together, carriage
 * returns, indents) of random small synthetic books, in reading order or scrambled: the pipeline
 * either builds, losing and repeating no character of the text and making no heading without text,
 * or stops on a diagnostic that names the line; it never fails otherwise. (`npx tsx scripts/fuzz.ts` does the same to the whole book.)
 */
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { FatalInputError } from '../../src/diagnostics/diagnostic.js';
import { recover } from '../helpers/recover.js';
import { MUTATIONS, mutate } from '../helpers/mutate.js';
import { render, scramble } from '../helpers/scramble.js';
import { mulberry32, syntheticBook } from '../helpers/synthetic-book.js';
import { PROFILES } from '../helpers/synthetic-cases.js';

function emptyHeadings(node: Nodes): number {
  const own = node.type === 'heading' && toString(node).trim() === '' ? 1 : 0;
  return own + ('children' in node ? node.children.reduce((sum: number, child: Nodes) => sum + emptyHeadings(child), 0) : 0);
}

describe('random small books, their raw text damaged', () => {
  it('build without losing a character, or stop on a diagnostic naming the line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...MUTATIONS),
        fc.constantFrom('identity' as const, 'permutation' as const),
        fc.integer({ min: 0, max: 1_000_000 }),
        (bookSeed, mutation, kind, damageSeed) => {
          const book = syntheticBook({ seed: bookSeed, chapters: 2, preface: true, bibliography: true, ...PROFILES.full, sections: [1, 2], paragraphs: [3, 5] });
          const raw = mutate(render(book, scramble(kind, book.pages.length, damageSeed)).raw, mutation, mulberry32(damageSeed));
          // (recover rethrows anything but a fatal input error: the property fails on it)
          const result = recover(book, raw);
          const context = JSON.stringify({ bookSeed, mutation, kind, damageSeed });
          if (result.build === null) {
            expect(result.error, context).toBeInstanceOf(FatalInputError);
            expect((result.error as FatalInputError).diagnostic.place?.line, context).toBeGreaterThanOrEqual(1);
          } else {
            expect(result.report.byCode('I-090').concat(result.report.byCode('O-090')), context).toEqual([]);
            // (a heading without text has no title for the table of contents: EPUBCheck rejects the book)
            expect(emptyHeadings(result.build.book.tree), context).toBe(0);
          }
        },
      ),
      { numRuns: 150, seed: 30 },
    );
  });
});
