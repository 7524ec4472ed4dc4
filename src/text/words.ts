/**
 * Words of a text as `/\p{L}[\p{L}<joiners>]*\/gu` would match them, found by a scan of character
 * codes instead. The order stage reads every block of the book several times for words (its
 * vocabulary, the book's word pairs); a Unicode-property regex over the whole book, run once and
 * so never optimised, cost twice what this does.
 */

const LETTER = /^\p{L}$/u;

/** By code unit of the Basic Multilingual Plane: 0 not yet asked, 1 a letter, 2 not. */
const letterTable = new Uint8Array(0x10000);

function isLetterUnit(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  let known = letterTable[code]!;
  if (known === 0) letterTable[code] = known = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

/** Code units of the code point at `at` that is a letter (2 for a surrogate pair), or 0 if it is none. */
function letterAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return isLetterUnit(code) ? 1 : 0;
  const point = text.codePointAt(at)!;
  const size = point > 0xffff ? 2 : 1;
  return LETTER.test(String.fromCodePoint(point)) ? size : 0;
}

/**
 * The words of `text`: a letter, then letters or any of `joiners` (single code units, such as an
 * apostrophe or a hyphen), as long as they go; only those at least `minLength` code units long.
 */
export function wordsIn(text: string, joiners: string, minLength = 1): string[] {
  const joining = new Set([...joiners].map((ch) => ch.charCodeAt(0)));
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
      if (joining.has(text.charCodeAt(at))) {
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
