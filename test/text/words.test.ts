import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, endsInCapitalisedRun, wordsIn } from '../../src/text/words.js';

/** What the scan stands in for. */
function byRegex(text: string, joiners: string, minLength: number): string[] {
  const escaped = joiners.replace(/[-\\\]^]/g, '\\$&');
  return (text.match(new RegExp(`\\p{L}[\\p{L}${escaped}]*`, 'gu')) ?? []).filter((w) => w.length >= minLength);
}

/** Random text of letters (accented, astral, capital), lone surrogates, joiners and the rest. */
const anyText = fc.array(fc.constantFrom('a', 'Z', 'é', 'É', 'ß', 'ж', 'Ж', '中', 'ǅ', 'ʰ', '𝒜', '𝒶', '\ud835', '\udc9c', "'", '’', '-', ' ', '.', '1', '<', '\u0301'), { maxLength: 40 }).map((chars) => chars.join(''));

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
    fc.assert(
      fc.property(anyText, fc.constantFrom("'’", "'’-", ''), fc.integer({ min: 1, max: 5 }), (text, joiners, minLength) => {
        expect(wordsIn(text, joiners, minLength)).toEqual(byRegex(text, joiners, minLength));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('countWords and endsInCapitalisedRun', () => {
  it('count the runs of letters, and the capitalised ones, as the Unicode regex finds them', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const runs = text.match(/\p{L}+/gu) ?? [];
        expect(countWords(text)).toEqual({ words: runs.length, capitalised: runs.filter((run) => /^\p{Lu}/u.test(run)).length });
      }),
      { numRuns: 2000 },
    );
  });

  it('tell a capitalised run at the end as the anchored regex does', () => {
    expect(endsInCapitalisedRun('as Marx said of Proudhon', "'’-")).toBe(true);
    expect(endsInCapitalisedRun('as Marx said of proudhon', "'’-")).toBe(false);
    expect(endsInCapitalisedRun('the Anti-Dühring', "'’-")).toBe(true);
    fc.assert(
      fc.property(anyText, (text) => {
        expect(endsInCapitalisedRun(text, "'’-")).toBe(/\p{Lu}[\p{L}'’-]*$/u.test(text));
      }),
      { numRuns: 2000 },
    );
  });
});
