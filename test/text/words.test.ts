import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordsIn } from '../../src/text/words.js';

/** What the scan stands in for. */
function byRegex(text: string, joiners: string, minLength: number): string[] {
  const escaped = joiners.replace(/[-\\\]^]/g, '\\$&');
  return (text.match(new RegExp(`\\p{L}[\\p{L}${escaped}]*`, 'gu')) ?? []).filter((w) => w.length >= minLength);
}

describe('wordsIn', () => {
  it.each([
    ["l'état d’être co-op 'tis", "'’", 1, ["l'état", 'd’être', 'co', 'op', "tis"]],
    ['co-op self-activity -x', "'’-", 1, ['co-op', 'self-activity', 'x']],
    ['a ab abc abcd 𝒜𝒞x', "'’", 4, ['abcd', '𝒜𝒞x']],
    ['x\ud800y \udc00z', '', 1, ['x', 'y', 'z']],
  ])('%j with joiners %j, at least %i long', (text, joiners, minLength, words) => {
    expect(wordsIn(text, joiners, minLength)).toEqual(words);
  });

  it('finds what the Unicode regex finds, on any text', () => {
    const alphabet = fc.constantFrom('a', 'Z', 'é', 'ß', 'ж', '中', '𝒜', '\ud835', '\udc9c', "'", '’', '-', ' ', '.', '1', '<', '\u0301');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')), fc.constantFrom("'’", "'’-", ''), fc.integer({ min: 1, max: 5 }), (text, joiners, minLength) => {
        expect(wordsIn(text, joiners, minLength)).toEqual(byRegex(text, joiners, minLength));
      }),
      { numRuns: 2000 },
    );
  });
});
