import type { Fragment } from '../model/page.js';

const WORD = /\p{L}[\p{L}'’-]*/gu;

/** Lowercased words of a text, markup and references left out. */
function wordsOf(text: string): string[] {
  return (text.replace(/<sup>\d+<\/sup>/g, ' ').toLowerCase().match(WORD) ?? []);
}

/**
 * How the book itself joins words: counts of adjacent word pairs inside its paragraphs. A page
 * break that cuts a sentence leaves a pair that, in the right order, is usually one the book
 * uses elsewhere (`the principal`, `outside Parliament`).
 */
export class WordPairs {
  /** Pair counts by first word, then second: a look-up makes no `a b` string to hash (tens of thousands are asked). */
  private readonly pairs = new Map<string, Map<string, number>>();
  private readonly singles = new Map<string, number>();
  private total = 0;

  /**
   * `asked`, when given, holds the only words {@link lift} will be asked about as the first and as
   * the second of a pair (a page's last and first words): only their counts are kept.
   */
  constructor(fragments: readonly Fragment[], asked?: { firsts: ReadonlySet<string>; seconds: ReadonlySet<string> }) {
    for (const fragment of fragments) {
      for (const block of fragment.body) {
        const words = wordsOf(block.text);
        this.total += words.length;
        for (let i = 0; i < words.length; i++) {
          const word = words[i]!;
          if (asked && !asked.firsts.has(word) && !asked.seconds.has(word)) continue;
          this.singles.set(word, (this.singles.get(word) ?? 0) + 1);
          if (i > 0 && (!asked || (asked.seconds.has(word) && asked.firsts.has(words[i - 1]!)))) {
            const first = words[i - 1]!;
            let seconds = this.pairs.get(first);
            if (!seconds) this.pairs.set(first, (seconds = new Map()));
            seconds.set(word, (seconds.get(word) ?? 0) + 1);
          }
        }
      }
    }
  }

  static lastWord(text: string): string | null {
    const words = wordsOf(text);
    return words[words.length - 1] ?? null;
  }

  static firstWord(text: string): string | null {
    return wordsOf(text)[0] ?? null;
  }

  /** Log lift of the pair over chance, in [-1, 3]: how much likelier the book makes `a b` than two words at random. */
  lift(a: string, b: string): number {
    const pair = this.pairs.get(a)?.get(b) ?? 0;
    const expected = ((this.singles.get(a) ?? 0) * (this.singles.get(b) ?? 0)) / Math.max(1, this.total);
    return Math.max(-1, Math.min(3, Math.log((pair + 0.1) / (expected + 0.1))));
  }
}
