/**
 * Finding raw-extraction text in the clean manuscript. The two differ in markup (`<sup>12</sup>` vs
 * `[^c1-12]`, page comments, escapes, glued hyphen cuts), so both are compared as word sequences.
 */

export interface Token {
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

function mask(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => ' '.repeat(m.length));
}

function tokens(masked: string): Token[] {
  const out: Token[] = [];
  for (const m of masked.matchAll(WORD)) out.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Words of manuscript markdown, skipping comments and footnote labels. Offsets point into `markdown`. */
export function manuscriptTokens(markdown: string): Token[] {
  return tokens(mask(mask(mask(markdown, /^---\n[\s\S]*?\n---\n/), /<!--[\s\S]*?-->/g), /\[\^[^\]\s]+\]/g));
}

/** Words of raw extraction text, skipping footnote numbers and HTML tags. */
export function rawTokens(raw: string): Token[] {
  return tokens(mask(mask(raw, /<sup>\s*\d+\s*<\/sup>/g), /<\/?[a-z][a-z0-9]*(\s[^<>]*)?>/gi));
}

export class ManuscriptIndex {
  readonly tokens: Token[];
  private readonly byWord = new Map<string, number[]>();

  constructor(readonly markdown: string) {
    this.tokens = manuscriptTokens(markdown);
    this.tokens.forEach((t, i) => {
      const list = this.byWord.get(t.word);
      if (list) list.push(i);
      else this.byWord.set(t.word, [i]);
    });
  }

  /** Token indexes where `words` occur in sequence. */
  find(words: readonly string[], limit = 3): number[] {
    if (!words.length) return [];
    const hits: number[] = [];
    for (const i of this.byWord.get(words[0]!) ?? []) {
      let ok = true;
      for (let j = 1; j < words.length && ok; j++) ok = this.tokens[i + j]?.word === words[j];
      if (ok) hits.push(i);
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /**
   * Where a raw block's text now is: the offsets of its first and last words in the manuscript.
   * The first and last word may have been glued to a neighbour (hyphen cuts), so windows a few words
   * in are tried too. `near` prefers the hit closest to an offset when the text occurs twice.
   */
  locate(rawText: string, near?: number): { start: number; end: number } | null {
    const words = rawTokens(rawText).map((t) => t.word);
    if (!words.length) return null;
    const head = this.anchor(words, 'head', near);
    if (head === null) return null;
    const tail = this.anchor(words, 'tail', this.tokens[head]!.start);
    const endToken = tail !== null && tail >= head ? tail : Math.min(this.tokens.length - 1, head + words.length - 1);
    // Opening quotes, brackets and emphasis belong to the block's first word.
    let start = this.tokens[head]!.start;
    while (start > 0 && /[“"‘'(\[*_]/.test(this.markdown[start - 1]!)) start--;
    return { start, end: this.tokens[endToken]!.end };
  }

  private anchor(words: readonly string[], side: 'head' | 'tail', near?: number): number | null {
    let fallback: number | null = null;
    for (let skip = 0; skip < Math.min(4, words.length); skip++) {
      const size = Math.min(8, words.length - skip);
      if (skip > 0 && size < 3) break;
      const from = side === 'head' ? skip : words.length - size - skip;
      const hits = this.find(words.slice(from, from + size), 10);
      if (!hits.length) continue;
      // Token index of the block's first word (head) or last word (tail), assuming the words line up.
      const place = (i: number) => (side === 'head' ? i - from : i + (words.length - from - 1));
      const clamp = (i: number) => Math.max(0, Math.min(this.tokens.length - 1, i));
      if (hits.length === 1) return clamp(place(hits[0]!));
      if (near !== undefined) {
        const best = [...hits].sort((a, b) => Math.abs(this.tokens[a]!.start - near) - Math.abs(this.tokens[b]!.start - near))[0]!;
        return clamp(place(best));
      }
      fallback ??= clamp(place(hits[0]!));
    }
    return fallback;
  }
}
