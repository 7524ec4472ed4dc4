import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/**
 * Word evidence for text repair: the book's own vocabulary (strongest) and a general English word list.
 * Pure apart from loading the word list once, lazily, on the first dictionary look-up.
 */

/** A word token: letters/digits, inner apostrophes, inner hyphens; an optional trailing hyphen marks a cut. */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*(?:-[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*)*-?/gu;
/** Whitespace-delimited chunks; a chunk holding a URL or an e-mail address is not prose. */
const CHUNK = /\S+/g;
const ADDRESS = /:\/\/|www\.|@/u;
/** HTML tags (`<sup>`) and markdown link targets inside a chunk. */
const TAG_OR_TARGET = /<[^<>\s]*>|\]\([^)\s]*\)/gu;
const HAS_LETTER = /\p{L}/u;
/** Words that may follow a suspended hyphen (`desktop- and laptop-based`); they are not fragments. */
const LINKERS = new Set(['and', 'or', 'to', 'nor', 'und']);
/** Letters of a word's end that index the words a rest may finish (see Vocabulary.wordEndingWith). */
const ENDING = 3;

/** Lowercase, curly apostrophe to straight, possessive `'s` / trailing `'` removed. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  // Most words have no apostrophe: spare them the three replacements (a hot path of hyphen decisions).
  if (!lower.includes("'") && !lower.includes('’')) return lower;
  return lower.replace(/’/g, "'").replace(/'s$/u, '').replace(/'$/u, '');
}

export class Vocabulary {
  private readonly whole = new Map<string, number>();
  /** Parts of hyphenated compounds (whole plain tokens are added at look-up). */
  private readonly segments = new Map<string, number>();
  private readonly pairs = new Map<string, number>();
  /** The parts that some hyphen follows: a pair that starts with no such part is never met (most asked are not). */
  private readonly pairFirsts = new Set<string>();
  private readonly firstSegments = new Map<string, number>();
  private readonly prefixCache = new Map<string, { hyphenated: number; closed: number }>();

  /**
   * Tokenise markdown-ish text. A token ending in `-` followed by whitespace or the end of the text is a cut
   * (or suspended) fragment and is not counted; nor is the word after an inline cut (`Hori- zontalist`).
   */
  static fromTexts(texts: Iterable<string>): Vocabulary {
    const vocab = new Vocabulary();
    for (const text of texts) vocab.addText(text);
    return vocab;
  }

  private addText(text: string): void {
    let skipNext = false;
    CHUNK.lastIndex = 0;
    for (let chunkMatch = CHUNK.exec(text); chunkMatch; chunkMatch = CHUNK.exec(text)) {
      let chunk = chunkMatch[0];
      const chunkEnd = chunkMatch.index + chunk.length;
      const word = plainWordOf(chunk);
      if (word !== null) {
        // (what the general path below does with a chunk whose one token is `word`)
        if (skipNext) {
          skipNext = false;
          if (!LINKERS.has(word.toLowerCase())) continue;
        }
        bump(this.whole, word.toLowerCase());
        continue;
      }
      if (ADDRESS.test(chunk)) {
        skipNext = false;
        continue;
      }
      if (chunk.includes('<') || chunk.includes('](')) chunk = chunk.replace(TAG_OR_TARGET, (m) => ' '.repeat(m.length));
      TOKEN.lastIndex = 0;
      for (let match = TOKEN.exec(chunk); match; match = TOKEN.exec(chunk)) {
        const token = match[0];
        if (token.endsWith('-')) {
          if (match.index + token.length === chunk.length) {
            // Cut at a line/block end, or inline `Hori- zontalist`: the next word on the same line is a fragment too.
            skipNext = text.charAt(chunkEnd) === ' ';
            continue;
          }
          // `word-—` and the like: count the word without its hyphen.
          this.add(token.slice(0, -1));
          skipNext = false;
          continue;
        }
        if (skipNext) {
          skipNext = false;
          if (!LINKERS.has(token.toLowerCase())) continue;
        }
        this.add(token);
      }
    }
  }

  private add(token: string): void {
    if (!HAS_LETTER.test(token)) return;
    const lower = token.toLowerCase();
    const word = lower.includes("'") || lower.includes('’') ? normalizeWord(lower) : lower;
    if (!word) return;
    bump(this.whole, word);
    if (!word.includes('-')) return;
    const parts = word.split('-');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      bump(this.segments, part);
      if (i + 1 < parts.length) {
        bump(this.pairs, `${part}-${parts[i + 1]!}`);
        this.pairFirsts.add(part);
      }
    }
    bump(this.firstSegments, parts[0]!);
  }

  /** Occurrences of `word` as a whole token (case-insensitive; possessives folded). */
  count(word: string): number {
    return this.whole.get(normalizeWord(word)) ?? 0;
  }

  has(word: string): boolean {
    return this.count(word) > 0;
  }

  /**
   * The word the book writes that `rest` is no word but the end of, where a page opens on it: three
   * letters or more, written by the book less than twice and unknown to the word list, the end of a
   * word the book writes at least twice and two letters longer (`capitalism` for `ism`); else null.
   */
  wordRestOf(rest: string): string | null {
    if (rest.length < 3 || this.count(rest) >= 2 || isDictionaryWord(rest)) return null;
    return this.wordEndingWith(rest, 2);
  }

  /**
   * A word the book writes at least twice that ends with `rest` and is longer by `least` letters or
   * more (`collective` for `tive`), or null: what a word's rest after a cut may be the end of.
   */
  wordEndingWith(rest: string, least: number): string | null {
    const tail = normalizeWord(rest);
    // (a rest shorter than the index's endings, which no page's first word is, is sought among them all)
    const words = tail.length >= ENDING ? (this.byEnding().get(tail.slice(-ENDING)) ?? []) : [...this.byEnding().values()].flat();
    for (const word of words) if (word.length >= tail.length + least && word.endsWith(tail)) return word;
    return null;
  }

  /** The words written at least twice, unhyphenated, by their last ENDING letters, in the order first met (made on the first look-up: the vocabulary is complete by then). */
  private endings: Map<string, string[]> | null = null;

  private byEnding(): Map<string, string[]> {
    if (this.endings) return this.endings;
    const endings = new Map<string, string[]>();
    for (const [word, n] of this.whole) {
      if (n < 2 || word.includes('-')) continue;
      const key = word.slice(-ENDING);
      const words = endings.get(key);
      if (words) words.push(word);
      else endings.set(key, [word]);
    }
    return (this.endings = endings);
  }

  /** Occurrences of `word` whole or as one part of a hyphenated compound (`operation` in `co-operation`). */
  segmentCount(word: string): number {
    const w = normalizeWord(word);
    return (this.segments.get(w) ?? 0) + (w.includes('-') ? 0 : this.whole.get(w) ?? 0);
  }

  /** How often `a-b` appears whole, alone or inside a longer compound (`a-b-c`). */
  hyphenatedCount(a: string, b: string): number {
    const first = normalizeWord(a);
    return this.pairFirsts.has(first) ? (this.pairs.get(`${first}-${normalizeWord(b)}`) ?? 0) : 0;
  }

  /** How often the book writes `prefix-…` (a token whose first segment is the prefix). */
  hyphenatedAfter(prefix: string): number {
    return this.firstSegments.get(normalizeWord(prefix)) ?? 0;
  }

  /**
   * The book's house style for a prefix: compounds written `prefix-word` vs closed `prefixword`
   * (closed = whole tokens that are the prefix plus a dictionary word of 4+ letters). Token counts.
   * The closed ones are counted over the whole vocabulary: ask {@link hyphenatedAfter} first.
   */
  prefixStyle(prefix: string): { hyphenated: number; closed: number } {
    const p = normalizeWord(prefix);
    const cached = this.prefixCache.get(p);
    if (cached) return cached;
    let closed = 0;
    for (const [word, n] of this.whole) {
      if (word.length >= p.length + 4 && word.startsWith(p) && !word.includes('-') && isDictionaryWord(word.slice(p.length))) {
        closed += n;
      }
    }
    const style = { hyphenated: this.firstSegments.get(p) ?? 0, closed };
    this.prefixCache.set(p, style);
    return style;
  }
}

/** Punctuation around a word that no token, tag, link target or address takes in (see plainWordOf). */
const PLAIN_PUNCTUATION = new Set([...'.,;:!?()"“”…—–'].map((ch) => ch.charCodeAt(0)));

/**
 * The word of a chunk that is ASCII letters with at most punctuation around them (`word`, `(word,`,
 * `“word.”`), or null. Most chunks of a book are such: the tokenizer would find that one token,
 * with no cut, no apostrophe or hyphen, no tag or address, so the chunk can skip it.
 */
function plainWordOf(chunk: string): string | null {
  // (`www.` marks an address, which the tokenizer's caller leaves out)
  if (chunk.includes('www.')) return null;
  let start = 0;
  while (start < chunk.length && PLAIN_PUNCTUATION.has(chunk.charCodeAt(start))) start++;
  let end = start;
  for (let c = chunk.charCodeAt(end); end < chunk.length && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)); c = chunk.charCodeAt(++end));
  if (end === start) return null;
  for (let k = end; k < chunk.length; k++) if (!PLAIN_PUNCTUATION.has(chunk.charCodeAt(k))) return null;
  return start === 0 && end === chunk.length ? chunk : chunk.slice(start, end);
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** A sorted word list, searched by halves. */
interface WordList {
  has(word: string): boolean;
}

/**
 * The general English word list as the package ships it: JSON (`["a","aa",…]`), ASCII, sorted. It
 * is searched where it lies, in the file's bytes: one pass finds where each word starts, and a
 * look-up compares the word with the bytes in place. Parsing the JSON into 275,000 strings cost
 * more than the few thousand look-ups a book needs (about 250 ms against 50).
 */
class AsciiWordList implements WordList {
  private constructor(
    private readonly bytes: Uint8Array,
    /** Where word k starts; word k ends three bytes before word k + 1 starts (`","`). */
    private readonly starts: Uint32Array,
  ) {}

  /** The list, if the bytes are such a file and its words are in order; otherwise null. */
  static of(bytes: Uint8Array): AsciiWordList | null {
    let end = bytes.length;
    while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20)) end--;
    if (end < 4 || bytes[0] !== 0x5b || bytes[1] !== 0x22 || bytes[end - 2] !== 0x22 || bytes[end - 1] !== 0x5d) return null;
    const starts: number[] = [2];
    for (let at = 2; at < end - 2; at++) {
      const byte = bytes[at]!;
      // Escapes and other than ASCII are left to the JSON parser.
      if (byte >= 0x80 || byte === 0x5c) return null;
      if (byte === 0x2c && bytes[at - 1] === 0x22 && bytes[at + 1] === 0x22) starts.push(at + 2);
    }
    starts.push(end + 1); // one past the end, as if another word followed `"]`
    const list = new AsciiWordList(bytes, Uint32Array.from(starts));
    return list.sorted() ? list : null;
  }

  private get size(): number {
    return this.starts.length - 1;
  }

  has(word: string): boolean {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = this.compare(word, middle);
      if (order === 0) return true;
      if (order > 0) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** `word` against word k, by code unit as `<` orders strings: negative, zero or positive. */
  private compare(word: string, k: number): number {
    const start = this.starts[k]!;
    const length = this.starts[k + 1]! - 3 - start;
    const shared = Math.min(word.length, length);
    for (let i = 0; i < shared; i++) {
      const difference = word.charCodeAt(i) - this.bytes[start + i]!;
      if (difference !== 0) return difference;
    }
    return word.length - length;
  }

  /** Whether every word comes after the one before it. */
  private sorted(): boolean {
    const bytes = this.bytes;
    for (let k = 1; k < this.size; k++) {
      const a = this.starts[k - 1]!;
      const b = this.starts[k]!;
      const lengthA = b - 3 - a;
      const lengthB = this.starts[k + 1]! - 3 - b;
      let i = 0;
      while (i < lengthA && i < lengthB && bytes[a + i] === bytes[b + i]) i++;
      if (!(i < lengthA && i < lengthB ? bytes[a + i]! < bytes[b + i]! : lengthA < lengthB)) return false;
    }
    return true;
  }
}

/** Any other word list: parsed, sorted by code unit, searched by halves. */
class ParsedWordList implements WordList {
  private readonly words: string[];

  constructor(json: string) {
    this.words = (JSON.parse(json) as string[]).sort();
  }

  has(word: string): boolean {
    let low = 0;
    let high = this.words.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.words[middle]!;
      if (at === word) return true;
      if (at < word) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

/** The word list in the package's file: searched in its bytes where it has the usual form. */
export function wordListOf(bytes: Uint8Array): WordList {
  return AsciiWordList.of(bytes) ?? new ParsedWordList(new TextDecoder().decode(bytes));
}

let dictionary: WordList | null = null;

function loadDictionary(): WordList {
  dictionary ??= wordListOf(readFileSync(createRequire(import.meta.url).resolve('an-array-of-english-words')));
  return dictionary;
}

/**
 * Whether `word` is in the general English word list (an-array-of-english-words), case-insensitively.
 * Possessives (`worker's`, `workers’`), regular plurals/3rd-person forms (`-s`, `-es`, `-ies`) and accented spellings
 * (`élite`) of listed words count.
 * Hyphenated compounds are never in the list: false.
 */
export function isDictionaryWord(word: string): boolean {
  const w = normalizeWord(word);
  if (!w || w.includes('-') || !HAS_LETTER.test(w)) return false;
  const dict = loadDictionary();
  if (dict.has(w)) return true;
  if (w.length > 3 && w.endsWith('s')) {
    if (dict.has(w.slice(0, -1))) return true;
    if (w.endsWith('es') && dict.has(w.slice(0, -2))) return true;
    if (w.endsWith('ies') && dict.has(`${w.slice(0, -3)}y`)) return true;
  }
  // The list is unaccented: `élite` → `elite`.
  if (NON_ASCII.test(w)) {
    const plain = w.normalize('NFD').replace(COMBINING, '');
    if (plain !== w) return isDictionaryWord(plain);
  }
  return false;
}

const NON_ASCII = /[^\x00-\x7f]/u;
const COMBINING = /\p{M}+/gu;
