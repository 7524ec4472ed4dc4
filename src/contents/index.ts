export type { BodyHeading, Contents, ContentsEntry, ContentsLevel, ContentsRole, HeadingMatch } from './types.js';
export { parseContents } from './parse-contents.js';
export { findBodyHeadings } from './find-body-headings.js';
export { matchHeadings, MATCH_THRESHOLD } from './match-headings.js';
export { normaliseTitle, titleSimilarity, cleanTitle } from './normalise-title.js';
export { romanToNumber } from './roman.js';
