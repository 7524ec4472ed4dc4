/**
 * Words of a text as `/\p{L}[\p{L}<joiners>]*\/gu` would match them, found by a scan of character
 * codes instead. The order stage reads every block of the book several times for words (its
 * vocabulary, the book's word pairs, which blocks are prose); a Unicode-property regex over the
 * whole book, run once and so never optimised, cost twice what this does.
 */

const LETTER = /^\p{L}$/u;
const UPPERCASE = /^\p{Lu}$/u;

const NOT_LETTER = 1;
const LETTER_UNIT = 2;
const UPPERCASE_UNIT = 3;

/** By code unit of the Basic Multilingual Plane: 0 not yet asked, else one of the kinds above. */
const unitKinds = new Uint8Array(0x10000);

function kindOf(character: string): number {
  return UPPERCASE.test(character) ? UPPERCASE_UNIT : LETTER.test(character) ? LETTER_UNIT : NOT_LETTER;
}

function unitKind(code: number): number {
  if (code < 0x80) return code >= 0x61 && code <= 0x7a ? LETTER_UNIT : code >= 0x41 && code <= 0x5a ? UPPERCASE_UNIT : NOT_LETTER;
  let kind = unitKinds[code]!;
  if (kind === 0) unitKinds[code] = kind = kindOf(String.fromCharCode(code));
  return kind;
}

/** The kind of the code point at `at`, and its code units (2 for a surrogate pair). */
function pointAt(text: string, at: number): { kind: number; size: number } {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return ONE_UNIT[unitKind(code)]!;
  const point = text.codePointAt(at)!;
  return { kind: kindOf(String.fromCodePoint(point)), size: point > 0xffff ? 2 : 1 };
}

/** By kind, a code point of one code unit (made once: the scans ask for every character of a book). */
const ONE_UNIT = [0, NOT_LETTER, LETTER_UNIT, UPPERCASE_UNIT].map((kind) => ({ kind, size: 1 }));

/** Code units of the letter at `at` (2 for a surrogate pair), or 0 if no letter is there. */
function letterAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return unitKind(code) === NOT_LETTER ? 0 : 1;
  const { kind, size } = pointAt(text, at);
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
    if (kind === UPPERCASE_UNIT) capitalised++;
  }
  return { words, capitalised };
}

/** Whether the run of letters and `joiners` that ends the text holds a capital, as `/\p{Lu}[\p{L}<joiners>]*$/u` tests it. */
export function endsInCapitalisedRun(text: string, joiners: string): boolean {
  const joining = joinerTable(joiners);
  for (let at = text.length; at > 0; ) {
    const code = text.charCodeAt(at - 1);
    if (joining[code] === 1) {
      at--;
      continue;
    }
    const pair = code >= 0xdc00 && code <= 0xdfff && at >= 2 && text.charCodeAt(at - 2) >= 0xd800 && text.charCodeAt(at - 2) <= 0xdbff;
    const kind = pair ? kindOf(text.slice(at - 2, at)) : unitKind(code);
    if (kind === UPPERCASE_UNIT) return true;
    if (kind === NOT_LETTER) return false;
    at -= pair ? 2 : 1;
  }
  return false;
}
