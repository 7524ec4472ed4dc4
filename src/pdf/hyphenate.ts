import Hypher from 'hypher';
import enUs from 'hyphenation.en-us';

const hypher = new Hypher(enUs);
const cache = new Map<string, number[]>();
const LETTERS = /^[\p{L}\p{M}]+$/u;

/**
 * Offsets inside `word` where a discretionary hyphen may go (Liang patterns, TeX's en-US set,
 * left/right minimum 2/3). Words shorter than 5 letters, all-capital words and anything that is
 * not purely letters get none.
 */
export function hyphenationPoints(word: string): number[] {
  let points = cache.get(word);
  if (points) return points;
  points = [];
  if (word.length >= 5 && LETTERS.test(word) && word !== word.toUpperCase()) {
    const parts = hypher.hyphenate(word.toLowerCase());
    let at = 0;
    for (let i = 0; i < parts.length - 1; i++) {
      at += parts[i]!.length;
      if (at >= 2 && word.length - at >= 3) points.push(at);
    }
  }
  cache.set(word, points);
  return points;
}
