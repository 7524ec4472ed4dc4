/**
 * What PDF text extraction leaves in the text that is not the book's: note references typed with
 * spaces or capitals inside their tags (`<sup> 12</sup>`, `<SUP>12</SUP>`) or several in one tag
 * (`<sup>1,2</sup>`, `<sup>3–5</sup>`), typographic ligatures
 * (`ﬁ`, `ﬂ`: one character for two letters, which no word list or search knows), soft hyphens
 * (invisible line-break hints inside words), zero-width spaces, bullet characters where a list
 * item's marker goes (`• wool from the hills`), and note numbers set as superscript digits
 * (`months.¹`, `¹ Parish records`) rather than tagged. Each raw line is read through these before
 * anything else looks at it; the raw offsets of every line stay as they were.
 */

const SPACED_REFERENCE = /<sup>\s*(\d+)\s*<\/sup>/giu;
/** Several notes marked in one tag, inside a line (`…in the square.<sup>1,2</sup>`, `<sup>3–5</sup>`). */
const MULTI_REFERENCE = /(?<!^\s{0,3})<sup>\s*(\d+(?:\s*[,–-]\s*\d+)+)\s*<\/sup>/giu;
/** A range of notes longer than this is not one (`<sup>1914–1918</sup>`): its two ends are kept. */
const LONGEST_RANGE = 20;
const LIGATURES: Readonly<Record<string, string>> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st' };
const LIGATURE = /[\uFB00-\uFB06]/gu;
/** A soft hyphen inside a word prints nothing; one at the end of a line is the line's hyphen. */
const SOFT_HYPHEN_INSIDE = /(?<=\p{L})\u00AD(?=\p{L})/gu;
const SOFT_HYPHEN = /\u00AD/gu;
/** Zero-width spaces, word joiners and stray byte-order marks: invisible, yet they cut a word in two for every search and word list. */
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/gu;

const ZERO_WIDTH_CHARACTER = new RegExp(`^${ZERO_WIDTH.source}$`, 'u');

/** Whether a character is one of the invisible ones normalising takes out (see ZERO_WIDTH): none of the text, like whitespace. */
export function isZeroWidth(char: string): boolean {
  return ZERO_WIDTH_CHARACTER.test(char);
}
const BULLET = /^(\s{0,3})[•◦▪‣●■□]\s+/u;
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** Superscript digits opening a line: a note's definition (`¹ Parish records…`). */
const SUPERSCRIPT_DEFINITION = /^(\s{0,3})([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?=\s)/u;
/**
 * Superscript digits after a word or its punctuation, before a space, punctuation or the line's
 * end: a note reference (`months.¹`, `river²,`). A square or a cube after a unit (`km²`) is none.
 */
const SUPERSCRIPT_REFERENCE = /(?<=[\p{L}.,;:!?)\]”"’'])(?<!\b(?:m|km|cm|mm|ft|in|mi|yd|sq))([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?=[\s.,;:!?)\]”"’']|$)/gu;
const SUPERSCRIPT_DIGIT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/u;
const superscriptNumber = (digits: string): string => [...digits].map((ch) => SUPERSCRIPT_DIGITS.indexOf(ch)).join('');

export interface ExtractionCounts {
  references: number;
  ligatures: number;
  softHyphens: number;
  zeroWidth: number;
  bullets: number;
}

/** One raw line as the book means it (see the module comment). */
/** `1,2` → notes 1 and 2; `3–5` → notes 3, 4 and 5. */
function notesOf(marks: string): number[] {
  return marks.split(',').flatMap((part) => {
    const [from, to] = part.split(/[–-]/u).map((n) => Number(n.trim()));
    if (to === undefined) return [from!];
    return to > from! && to - from! <= LONGEST_RANGE ? Array.from({ length: to - from! + 1 }, (_, k) => from! + k) : [from!, to];
  });
}

/**
 * A character without which none of the replacements below can change a line: `<` of a `<sup>` tag,
 * a ligature, a soft hyphen, a zero-width character, a bullet, a superscript digit. Most lines of a
 * book hold none, and one scan for them costs less than the nine replacements (whose look-behinds
 * are tried at every position of the line).
 */
const MAY_CHANGE = /[<\uFB00-\uFB06\u00AD\u200B\u2060\uFEFF•◦▪‣●■□⁰¹²³⁴⁵⁶⁷⁸⁹]/u;

export function normaliseLine(line: string): string {
  if (!MAY_CHANGE.test(line)) return line;
  // Many lines hold a `<sup>` tag and nothing else of the kind: the patterns with look-behinds run
  // only on lines with the character they need (no replacement here adds or removes another's).
  let out = line
    .replace(MULTI_REFERENCE, (_, marks: string) => notesOf(marks).map((n) => `<sup>${n}</sup>`).join(''))
    .replace(SPACED_REFERENCE, '<sup>$1</sup>')
    .replace(LIGATURE, (ch) => LIGATURES[ch]!);
  if (out.includes('\u00AD')) out = out.replace(SOFT_HYPHEN_INSIDE, '').replace(SOFT_HYPHEN, '-');
  out = out.replace(ZERO_WIDTH, '').replace(BULLET, '$1- ');
  if (!SUPERSCRIPT_DIGIT.test(out)) return out;
  return out
    .replace(SUPERSCRIPT_DEFINITION, (_, indent: string, digits: string) => `${indent}<sup>${superscriptNumber(digits)}</sup>`)
    .replace(SUPERSCRIPT_REFERENCE, (digits: string) => `<sup>${superscriptNumber(digits)}</sup>`);
}

/** What each of the per-line note patterns needs: a superscript digit or a tag's `<` (see MAY_CHANGE). */
const NOTE_MARK = /[<⁰¹²³⁴⁵⁶⁷⁸⁹]/u;

/** How many of each kind of change {@link normaliseLine} makes in a raw text, for the report. */
export function extractionCounts(raw: string): ExtractionCounts {
  const count = (pattern: RegExp): number => raw.match(pattern)?.length ?? 0;
  return {
    references: (raw.match(SPACED_REFERENCE) ?? []).filter((tag) => !/^<sup>\d+<\/sup>$/u.test(tag)).length + raw.split('\n').reduce((n, line) => (!NOTE_MARK.test(line) ? n : n + (SUPERSCRIPT_DEFINITION.test(line) ? 1 : 0) + (line.match(SUPERSCRIPT_REFERENCE)?.length ?? 0) + (line.match(MULTI_REFERENCE)?.length ?? 0)), 0),
    ligatures: count(LIGATURE),
    softHyphens: count(SOFT_HYPHEN),
    zeroWidth: count(ZERO_WIDTH),
    bullets: raw.split('\n').filter((line) => BULLET.test(line)).length,
  };
}
