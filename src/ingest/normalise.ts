/**
 * What PDF text extraction leaves in the text that is not the book's: note references typed with
 * spaces or capitals inside their tags (`<sup> 12</sup>`, `<SUP>12</SUP>`), typographic ligatures
 * (`ﬁ`, `ﬂ`: one character for two letters, which no word list or search knows), soft hyphens
 * (invisible line-break hints inside words) and bullet characters where a list item's marker goes
 * (`• wool from the hills`). Each raw line is read through these before anything else looks at it;
 * the raw offsets of every line stay as they were.
 */

const SPACED_REFERENCE = /<sup>\s*(\d+)\s*<\/sup>/giu;
const LIGATURES: Readonly<Record<string, string>> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st' };
const LIGATURE = /[\uFB00-\uFB06]/gu;
/** A soft hyphen inside a word prints nothing; one at the end of a line is the line's hyphen. */
const SOFT_HYPHEN_INSIDE = /(?<=\p{L})\u00AD(?=\p{L})/gu;
const SOFT_HYPHEN = /\u00AD/gu;
const BULLET = /^(\s{0,3})[•◦▪‣●■□]\s+/u;

export interface ExtractionCounts {
  references: number;
  ligatures: number;
  softHyphens: number;
  bullets: number;
}

/** One raw line as the book means it (see the module comment). */
export function normaliseLine(line: string): string {
  return line
    .replace(SPACED_REFERENCE, '<sup>$1</sup>')
    .replace(LIGATURE, (ch) => LIGATURES[ch]!)
    .replace(SOFT_HYPHEN_INSIDE, '')
    .replace(SOFT_HYPHEN, '-')
    .replace(BULLET, '$1- ');
}

/** How many of each kind of change {@link normaliseLine} makes in a raw text, for the report. */
export function extractionCounts(raw: string): ExtractionCounts {
  const count = (pattern: RegExp): number => raw.match(pattern)?.length ?? 0;
  return {
    references: (raw.match(SPACED_REFERENCE) ?? []).filter((tag) => !/^<sup>\d+<\/sup>$/u.test(tag)).length,
    ligatures: count(LIGATURE),
    softHyphens: count(SOFT_HYPHEN),
    bullets: raw.split('\n').filter((line) => BULLET.test(line)).length,
  };
}
