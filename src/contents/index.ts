/**
 * The Contents stage: pure functions over the raw extraction (no fs, no clock).
 *
 * - `parseContents(rawLines)` finds the book's own Contents — under a `Contents` heading, plus chunks of
 *   later Contents pages scattered through the file — and reads entries (title, printed page, level, role).
 * - `findBodyHeadings(rawLines, contents)` lists candidate headings outside the Contents.
 * - `matchHeadings(contents, headings)` pairs entries with headings by a global maximum-weight assignment.
 * - `normaliseTitle(text)` is the comparison key the matcher uses, for other stages.
 */
export type { BodyHeading, Contents, ContentsEntry, ContentsLevel, ContentsRole, HeadingMatch } from './types.js';
export { parseContents } from './parse-contents.js';
export { findBodyHeadings, plainTitleLines } from './find-body-headings.js';
export { matchHeadings, MATCH_THRESHOLD } from './match-headings.js';
export { cleanTitle, isBookTitle, normaliseTitle, titleSimilarity } from './normalise-title.js';
export { numberToRoman, romanToNumber } from './roman.js';
