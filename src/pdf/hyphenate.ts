import Hypher, { type HypherLanguage } from 'hypher';
import de from 'hyphenation.de';
import enGb from 'hyphenation.en-gb';
import enUs from 'hyphenation.en-us';
import es from 'hyphenation.es';
import fr from 'hyphenation.fr';
import it from 'hyphenation.it';
import nl from 'hyphenation.nl';
import pt from 'hyphenation.pt';

const LETTERS = /^[\p{L}\p{M}]+$/u;

/**
 * TeX's hyphenation patterns (as Hypher packs them) by language tag, lower case: a tag's own, else
 * its language's (`de-AT` → `de`). English is American unless the tag says British (or Australian,
 * Indian, …: the Commonwealth spellings hyphenate as British ones do).
 */
const PATTERNS: Record<string, HypherLanguage> = { en: enUs, 'en-us': enUs, 'en-gb': enGb, 'en-au': enGb, 'en-nz': enGb, 'en-in': enGb, 'en-ie': enGb, 'en-za': enGb, de, es, fr, it, nl, pt };

/** Hypher's pattern trie: a node per character code, with the pattern's points where one ends. */
interface TrieNode {
  [code: number]: TrieNode | undefined;
  _points?: (number | string)[];
}
type HypherInternals = { trie?: TrieNode; leftMin?: number; rightMin?: number; exceptions?: Record<string, unknown> };

/** Liang's points of the padded word, reused from word to word. */
let scratch = new Uint8Array(64);

/**
 * Where Hypher's hyphenate(word) would cut `word` (offsets into it), found by walking its
 * pattern trie directly: Hypher builds arrays and strings for every word, which made it the
 * dearest part of a paragraph's second (hyphenating) pass. Null when Hypher's own answer is
 * needed (an exception word, a word whose lower case changes its length, an unknown Hypher).
 */
function cuts(internals: HypherInternals, word: string): number[] | null {
  const trie = internals.trie;
  const leftMin = internals.leftMin;
  const rightMin = internals.rightMin;
  if (!trie || leftMin === undefined || rightMin === undefined) return null;
  const lower = word.toLowerCase();
  if (lower.length !== word.length || (internals.exceptions && Object.prototype.hasOwnProperty.call(internals.exceptions, lower))) return null;
  // the word between '_' marks, as Hypher pads it
  const n = word.length + 2;
  if (scratch.length < n + 16) scratch = new Uint8Array(2 * (n + 16));
  const points = scratch;
  points.fill(0, 0, n + 16);
  for (let i = 0; i < n; i++) {
    let node: TrieNode | undefined = trie;
    for (let j = i; j < n; j++) {
      node = node[j === 0 || j === n - 1 ? 95 : lower.charCodeAt(j - 1)];
      if (!node) break;
      const np = node._points;
      if (np) {
        for (let k = 0; k < np.length; k++) {
          const v = +np[k]!;
          if (v > points[i + k]!) points[i + k] = v;
        }
      }
    }
  }
  const out: number[] = [];
  for (let i = leftMin + 1; i < n - rightMin && i < n - 1; i++) if (points[i]! % 2 === 1) out.push(i - 1);
  return out;
}

const NOT_ASCII = 0;
const CAPITALS = 1;
const LOWER_TOO = 2;

/**
 * Is `word` all ASCII letters, and are some of them lower case? (The common case, answered
 * without the Unicode property regex or an upper-cased copy.)
 */
function asciiLetters(word: string): number {
  let lower = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    else if (c < 65 || c > 90) return NOT_ASCII;
  }
  return lower ? LOWER_TOO : CAPITALS;
}

/** Where a language's words may be hyphenated. */
export class Hyphenator {
  private readonly hypher: Hypher;
  private readonly cache = new Map<string, number[]>();

  constructor(language: HypherLanguage) {
    this.hypher = new Hypher(language);
  }

  /**
   * Offsets inside `word` where a discretionary hyphen may go (Liang patterns, left/right minimum
   * 2/3). Words shorter than 5 letters, all-capital words and anything that is not purely letters
   * get none.
   */
  points(word: string): number[] {
    let points = this.cache.get(word);
    if (points) return points;
    points = [];
    const ascii = word.length >= 5 ? asciiLetters(word) : NOT_ASCII;
    if (word.length >= 5 && (ascii === LOWER_TOO || (ascii === NOT_ASCII && LETTERS.test(word) && word !== word.toUpperCase()))) {
      const at = cuts(this.hypher as unknown as HypherInternals, word);
      if (at) {
        for (const p of at) if (p >= 2 && word.length - p >= 3) points.push(p);
      } else {
        const parts = this.hypher.hyphenate(word.toLowerCase());
        let offset = 0;
        for (let i = 0; i < parts.length - 1; i++) {
          offset += parts[i]!.length;
          if (offset >= 2 && word.length - offset >= 3) points.push(offset);
        }
      }
    }
    this.cache.set(word, points);
    return points;
  }
}

/** The languages the print edition hyphenates, for messages. */
export const HYPHENATED_LANGUAGES = 'English (American or British), Dutch, French, German, Italian, Portuguese, Spanish';

const hyphenators = new Map<HypherLanguage, Hyphenator>();

/** The hyphenator for a BCP 47 language tag (`en`, `en-GB`, `de-CH`), or null where no patterns are at hand for its language. */
export function hyphenatorFor(tag: string): Hyphenator | null {
  const lower = tag.trim().toLowerCase();
  const patterns = PATTERNS[lower] ?? PATTERNS[lower.split('-')[0]!];
  if (!patterns) return null;
  let hyphenator = hyphenators.get(patterns);
  if (!hyphenator) hyphenators.set(patterns, (hyphenator = new Hyphenator(patterns)));
  return hyphenator;
}

/** {@link Hyphenator.points} of American English (TeX's en-US patterns). */
export function hyphenationPoints(word: string): number[] {
  return hyphenatorFor('en-US')!.points(word);
}
