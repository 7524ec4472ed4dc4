/**
 * Words of a text as `/\p{L}[\p{L}<joiners>]*\/gu` would match them, found by a scan of character
 * codes instead. The order stage reads every block of the book several times for words (its
 * vocabulary, the book's word pairs, which blocks are prose); a Unicode-property regex over the
 * whole book, run once and so never optimised, cost twice what this does.
 */

const LETTER = /^\p{L}$/u;
const UPPERCASE = /^\p{Lu}$/u;
const LOWERCASE = /^\p{Ll}$/u;

const NOT_LETTER = 1;
const LOWERCASE_LETTER = 2;
const UPPERCASE_LETTER = 3;
/** A letter neither upper nor lower case (`中`, `ǅ`, a modifier letter). */
const OTHER_LETTER = 4;

/** By code unit of the Basic Multilingual Plane: 0 not yet asked, else one of the kinds above. */
const unitKinds = new Uint8Array(0x10000);

function kindOf(character: string): number {
  if (!LETTER.test(character)) return NOT_LETTER;
  return UPPERCASE.test(character) ? UPPERCASE_LETTER : LOWERCASE.test(character) ? LOWERCASE_LETTER : OTHER_LETTER;
}

function unitKind(code: number): number {
  // (NaN, read past either end of a text, is no letter)
  if (!(code >= 0x80)) return code >= 0x61 && code <= 0x7a ? LOWERCASE_LETTER : code >= 0x41 && code <= 0x5a ? UPPERCASE_LETTER : NOT_LETTER;
  let kind = unitKinds[code]!;
  if (kind === 0) unitKinds[code] = kind = kindOf(String.fromCharCode(code));
  return kind;
}

/** By kind, a code point of one code unit (made once: the scans ask for every character of a book). */
const ONE_UNIT = [0, NOT_LETTER, LOWERCASE_LETTER, UPPERCASE_LETTER, OTHER_LETTER].map((kind) => ({ kind, size: 1 }));

/** The kind of the code point at `at`, and its code units (2 for a surrogate pair, as a /u regex reads it). */
function pointAt(text: string, at: number): { kind: number; size: number } {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return ONE_UNIT[unitKind(code)]!;
  const point = text.codePointAt(at)!;
  return { kind: kindOf(String.fromCodePoint(point)), size: point > 0xffff ? 2 : 1 };
}

/** The kind of the code point that ends at `at`, and its code units. */
function pointBefore(text: string, at: number): { kind: number; size: number } {
  const code = text.charCodeAt(at - 1);
  const pair = code >= 0xdc00 && code <= 0xdfff && at >= 2 && text.charCodeAt(at - 2) >= 0xd800 && text.charCodeAt(at - 2) <= 0xdbff;
  return pair ? { kind: kindOf(text.slice(at - 2, at)), size: 2 } : ONE_UNIT[unitKind(code)]!;
}

/** Code units of the code point at `at`: 2 for a surrogate pair, else 1. */
export function codePointSize(text: string, at: number): number {
  return pointAt(text, at).size;
}

/** Code units of the code point that ends at `at`: 2 for a surrogate pair, else 1. */
export function codePointSizeBefore(text: string, at: number): number {
  return pointBefore(text, at).size;
}

/** Code units of the letter (`\p{L}`) at `at`, or 0 if no letter is there. */
export function letterAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return unitKind(code) === NOT_LETTER ? 0 : 1;
  const { kind, size } = pointAt(text, at);
  return kind === NOT_LETTER ? 0 : size;
}

/** Code units of the lowercase letter (`\p{Ll}`) at `at`, or 0 if none is there. */
export function lowercaseAt(text: string, at: number): number {
  const { kind, size } = pointAt(text, at);
  return kind === LOWERCASE_LETTER ? size : 0;
}

/** Code units of the letter (`\p{L}`) that ends at `at`, or 0 if none ends there. */
export function letterBefore(text: string, at: number): number {
  const { kind, size } = pointBefore(text, at);
  return kind === NOT_LETTER ? 0 : size;
}

const joinerTables = new Map<string, Uint8Array>();

function joinerTable(joiners: string): Uint8Array {
  let table = joinerTables.get(joiners);
  if (!table) {
    table = new Uint8Array(0x10000);
    for (const ch of joiners) table[ch.charCodeAt(0)] = 1;
    joinerTables.set(joiners, table);
  }
  return table;
}

/**
 * The words of `text`: a letter, then letters or any of `joiners` (single code units, such as an
 * apostrophe or a hyphen), as long as they go; only those at least `minLength` code units long.
 */
export function wordsIn(text: string, joiners: string, minLength = 1): string[] {
  const joining = joinerTable(joiners);
  const words: string[] = [];
  const length = text.length;
  for (let at = 0; at < length; ) {
    const first = letterAt(text, at);
    if (first === 0) {
      at += text.codePointAt(at)! > 0xffff ? 2 : 1;
      continue;
    }
    const start = at;
    at += first;
    while (at < length) {
      if (joining[text.charCodeAt(at)] === 1) {
        at++;
        continue;
      }
      const next = letterAt(text, at);
      if (next === 0) break;
      at += next;
    }
    if (at - start >= minLength) words.push(text.slice(start, at));
  }
  return words;
}

/** How many runs of letters (`/\p{L}+/gu`) the text holds, and how many of them open with a capital (`\p{Lu}`). */
export function countWords(text: string): { words: number; capitalised: number } {
  let words = 0;
  let capitalised = 0;
  const length = text.length;
  let inWord = false;
  for (let at = 0; at < length; ) {
    const { kind, size } = pointAt(text, at);
    at += size;
    if (kind === NOT_LETTER) {
      inWord = false;
      continue;
    }
    if (inWord) continue;
    inWord = true;
    words++;
    if (kind === UPPERCASE_LETTER) capitalised++;
  }
  return { words, capitalised };
}

/** Whether the run of letters and `joiners` that ends the text holds a capital, as `/\p{Lu}[\p{L}<joiners>]*$/u` tests it. */
export function endsInCapitalisedRun(text: string, joiners: string): boolean {
  const joining = joinerTable(joiners);
  for (let at = text.length; at > 0; ) {
    if (joining[text.charCodeAt(at - 1)] === 1) {
      at--;
      continue;
    }
    const { kind, size } = pointBefore(text, at);
    if (kind === UPPERCASE_LETTER) return true;
    if (kind === NOT_LETTER) return false;
    at -= size;
  }
  return false;
}
