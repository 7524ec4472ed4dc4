import type { Fragment } from '../model/page.js';
import { codePointSizeBefore, letterBefore, wordsIn } from '../text/words.js';

const FIRST_WORD = /\p{L}[\p{L}'’-]*/u;

/** The characters a word holds beside letters (see {@link wordsOf}). */
function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2d;
}

/** Lowercased words of a text, markup and references left out. */
function wordsOf(text: string): string[] {
  return wordsIn(text.replace(/<sup>\d+<\/sup>/g, ' ').toLowerCase(), "'’-");
}

/**
 * How the book itself joins words: counts of adjacent word pairs inside its paragraphs. A page
 * break that cuts a sentence leaves a pair that, in the right order, is usually one the book
 * uses elsewhere (`the principal`, `outside Parliament`).
 */
const AS_FIRST = 1;
const AS_SECOND = 2;

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
    // How each asked word may be asked about (one look-up per word of the book, not two or three).
    const askedAs = asked ? new Map<string, number>() : null;
    if (askedAs && asked) {
      for (const word of asked.firsts) askedAs.set(word, AS_FIRST);
      for (const word of asked.seconds) askedAs.set(word, (askedAs.get(word) ?? 0) | AS_SECOND);
    }
    for (const fragment of fragments) {
      for (const block of fragment.body) {
        const words = wordsOf(block.text);
        this.total += words.length;
        let previousAs = 0;
        for (let i = 0; i < words.length; i++) {
          const word = words[i]!;
          const as = askedAs ? (askedAs.get(word) ?? 0) : AS_FIRST | AS_SECOND;
          const before = previousAs;
          previousAs = as;
          if (as === 0) continue;
          this.singles.set(word, (this.singles.get(word) ?? 0) + 1);
          if (i > 0 && (as & AS_SECOND) !== 0 && (before & AS_FIRST) !== 0) {
            const first = words[i - 1]!;
            let seconds = this.pairs.get(first);
            if (!seconds) this.pairs.set(first, (seconds = new Map()));
            seconds.set(word, (seconds.get(word) ?? 0) + 1);
          }
        }
      }
    }
  }

  /** The last of {@link wordsOf}, read back from the end of the text instead of listing every word. */
  static lastWord(text: string): string | null {
    const lower = text.replace(/<sup>\d+<\/sup>/g, ' ').toLowerCase();
    // A word is the rest of a run of word characters from the run's first letter on: the last word
    // is in the last run that holds a letter.
    let end = lower.length;
    while (end > 0) {
      while (end > 0 && !isJoiner(lower.charCodeAt(end - 1)) && !letterBefore(lower, end)) end -= codePointSizeBefore(lower, end);
      let start = end;
      let firstLetter = -1;
      while (start > 0) {
        const joiner = isJoiner(lower.charCodeAt(start - 1));
        const letter = joiner ? 0 : letterBefore(lower, start);
        if (!joiner && !letter) break;
        start -= joiner ? 1 : letter;
        if (letter) firstLetter = start;
      }
      if (firstLetter >= 0) return lower.slice(firstLetter, end);
      end = start;
    }
    return null;
  }

  /** The first of {@link wordsOf}, without listing the others. */
  static firstWord(text: string): string | null {
    return FIRST_WORD.exec(text.replace(/<sup>\d+<\/sup>/g, ' ').toLowerCase())?.[0] ?? null;
  }

  /** Log lift of the pair over chance, in [-1, 3]: how much likelier the book makes `a b` than two words at random. */
  lift(a: string, b: string): number {
    // (asked row by row or column by column: a page's last word against every opening, or the
    // other way round; each side's look-ups are kept for the next call)
    if (a !== this.firstAsked) {
      this.firstAsked = a;
      this.firstSeconds = this.pairs.get(a);
      this.firstCount = this.singles.get(a) ?? 0;
    }
    if (b !== this.secondAsked) {
      this.secondAsked = b;
      this.secondCount = this.singles.get(b) ?? 0;
    }
    const pair = this.firstSeconds?.get(b) ?? 0;
    const expected = (this.firstCount * this.secondCount) / Math.max(1, this.total);
    return Math.max(-1, Math.min(3, Math.log((pair + 0.1) / (expected + 0.1))));
  }

  private firstAsked: string | null = null;
  private firstSeconds: Map<string, number> | undefined;
  private firstCount = 0;
  private secondAsked: string | null = null;
  private secondCount = 0;
}
