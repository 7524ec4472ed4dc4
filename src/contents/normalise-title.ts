import { romanToNumber } from './roman.js';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, first: 1, second: 2, third: 3, fourth: 4, fifth: 5,
  sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};
const DIVISION_WORDS: ReadonlySet<string> = new Set(['part', 'book', 'chapter', 'section', 'volume']);

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', nbsp: ' ', quot: '"', apos: "'", lt: '<', gt: '>', ndash: '–', mdash: '—', hellip: '…' };

/** Undoes markdown backslash escapes (`1\\.`, `\\*`) and common HTML entities (`&amp;`, `&#8217;`). */
export function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** Removes note references, HTML tags, markdown heading marks, emphasis and links. */
export function stripMarkup(text: string): string {
  return unescapeMarkdown(text)
    .replace(/<sup>.*?<\/sup>/gi, '')
    .replace(/\[\^[^\]]*\]/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/\*\*|__|[*`]/g, '')
    .replace(/(^|\s)_(\S)/g, '$1$2')
    .replace(/(\S)_(\s|$)/g, '$1$2');
}

/**
 * Joins extraction hyphen breaks: `Hori- zontalist` → `Horizontalist` (a lower-case continuation),
 * `Post- Capitalist` → `Post-Capitalist` (a capital after the break keeps the hyphen).
 */
export function joinHyphenBreaks(text: string): string {
  return text
    .replace(/(\p{L})[-\u00ad\u2010]\s+(?!(?:and|or|nor|to)\b)(\p{Ll})/gu, '$1$2')
    .replace(/(\p{L})[-\u00ad\u2010]\s+(\p{Lu})/gu, '$1-$2');
}

/** Display form of a Contents or heading title: markup stripped, hyphen breaks joined, whitespace normalised. */
export function cleanTitle(text: string): string {
  return joinHyphenBreaks(stripMarkup(text))
    .replace(/\s+/g, ' ')
    .replace(/(?:\s*[.·•…_]){2,}\s*$/u, '')
    .trim();
}

function numberOf(token: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  return NUMBER_WORDS[token] ?? romanToNumber(token);
}

/**
 * The comparison key the matcher uses: lower case, no diacritics, markup, punctuation or hyphens,
 * leading numbering (`III.`, `Chapter One`, `Part 2`) as arabic digits.
 */
export function normaliseTitle(text: string): string {
  const plain = joinHyphenBreaks(stripMarkup(text))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/(\p{L})[-\u00ad\u2010\u2011](?=\p{L})/gu, '$1')
    .replace(/['’‘]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const tokens = plain === '' ? [] : plain.split(' ');
  const first = tokens[0];
  const second = tokens[1];
  if (first !== undefined && DIVISION_WORDS.has(first) && second !== undefined) {
    const n = numberOf(second);
    if (n !== null) tokens[1] = String(n);
  } else if (first !== undefined && tokens.length > 1) {
    const n = /^\d+$/.test(first) ? Number(first) : romanToNumber(first);
    if (n !== null) tokens[0] = String(n);
  }
  return tokens.join(' ');
}

/** A key split into its leading numbering (`chapter 3`, `2`) and the rest. */
export function splitLabel(key: string): { label: string; rest: string } {
  const m = /^((?:(?:part|book|chapter|section|volume) )?\d+(?: \d+)*)(?: |$)(.*)$/.exec(key);
  if (m) return { label: m[1] ?? '', rest: m[2] ?? '' };
  return { label: '', rest: key };
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const t = s.replace(/ /g, '');
  for (let i = 0; i < t.length - 1; i++) {
    const g = t.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function dice<T>(a: Map<T, number>, b: Map<T, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let common = 0;
  for (const n of a.values()) sizeA += n;
  for (const n of b.values()) sizeB += n;
  for (const [k, n] of a) common += Math.min(n, b.get(k) ?? 0);
  return sizeA + sizeB === 0 ? 0 : (2 * common) / (sizeA + sizeB);
}

function tokens(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of s.split(' ')) if (t !== '') out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}

/**
 * A normalised key read once for comparing with many others (see {@link preparedSimilarity}): the
 * Contents matching compares every entry with every heading, which would split, tokenise and
 * count the bigrams of each key again for every pair.
 */
export interface PreparedTitle {
  key: string;
  label: string;
  /** The key without its label (the whole key when it is only a label). */
  rest: string;
  tokens?: Map<string, number>;
  bigrams?: Map<string, number>;
}

export function prepareTitle(key: string): PreparedTitle {
  const { label, rest } = splitLabel(key);
  return { key, label, rest: rest === '' ? key : rest };
}

/** {@link titleSimilarity} of two prepared keys. */
export function preparedSimilarity(a: PreparedTitle, b: PreparedTitle): number {
  if (a.key === '' || b.key === '') return 0;
  if (a.key === b.key) return 1;
  const text = a.rest === b.rest ? 1 : 0.5 * dice((a.tokens ??= tokens(a.rest)), (b.tokens ??= tokens(b.rest))) + 0.5 * dice((a.bigrams ??= bigrams(a.rest)), (b.bigrams ??= bigrams(b.rest)));
  let factor = 1;
  if (a.label !== '' && b.label !== '' && a.label !== b.label) factor = 0.6;
  else if ((a.label === '') !== (b.label === '')) factor = 0.9;
  return text * factor;
}

/** Similarity in [0, 1] of two normalised keys (see `normaliseTitle`), tolerant of small wording drift. */
export function titleSimilarity(a: string, b: string): number {
  return preparedSimilarity(prepareTitle(a), prepareTitle(b));
}

/** Letters and digits only, lowercased, in single-spaced words: how a title page's heading and the book's title compare. */
function titleWords(text: string): string {
  return stripMarkup(text).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Whether a heading (as the raw text has it, marks and all) gives the book's title: the same words
 * whatever the case and punctuation (`THE SMALL BOOK:`), or the title with its subtitle after a colon
 * or a dash (`The Small Book: A Study of Rivers`), or, for a title with a subtitle, the main title alone.
 */
export function isBookTitle(heading: string, title: string): boolean {
  const h = titleWords(heading);
  const t = titleWords(title);
  if (!h || !t) return false;
  if (h === t) return true;
  if (h.startsWith(`${t} `)) return /[:—–]/u.test(stripMarkup(heading));
  return h === titleWords(title.split(/[:—–]/u)[0]!);
}
