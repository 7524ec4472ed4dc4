import { normaliseTitle } from './normalise-title.js';
import type { BodyHeading, Contents, ContentsEntry } from './types.js';

const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s+\S/;
const BOLD_LINE = /^\s*(?:\*\*[^*].*\*\*|__[^_].*__|<b>.*<\/b>|<strong>.*<\/strong>)\s*$/i;

/** Candidate body headings: markdown `#` headings and lines that are entirely bold, outside the Contents. */
export function findBodyHeadings(rawLines: readonly string[], contents: Contents | null): BodyHeading[] {
  const excluded = new Set(contents?.lines ?? []);
  const out: BodyHeading[] = [];
  rawLines.forEach((text, i) => {
    const line = i + 1;
    if (excluded.has(line)) return;
    if (MARKDOWN_HEADING.test(text) || BOLD_LINE.test(text)) out.push({ text, line });
  });
  return out;
}

/** Longest line read as a heading that lost its marks. */
const PLAIN_HEADING_LENGTH = 160;

/**
 * Lines that say exactly what a Contents entry says, standing alone between blank lines, though
 * unmarked: an extraction sometimes drops a heading's `#` or bold. Asked only for entries that
 * matched no marked heading, and only a line equal to the title (numbers and case aside) is one.
 */
export function plainTitleLines(rawLines: readonly string[], contents: Contents, entries: readonly ContentsEntry[]): BodyHeading[] {
  const excluded = new Set(contents.lines);
  const wanted = new Set(entries.map((entry) => normaliseTitle(entry.title)).filter((key) => key !== ''));
  const out: BodyHeading[] = [];
  rawLines.forEach((text, i) => {
    const line = i + 1;
    if (excluded.has(line) || text.trim() === '' || text.length > PLAIN_HEADING_LENGTH || MARKDOWN_HEADING.test(text) || BOLD_LINE.test(text)) return;
    const alone = (rawLines[i - 1] ?? '').trim() === '' && (rawLines[i + 1] ?? '').trim() === '';
    if (alone && wanted.has(normaliseTitle(text))) out.push({ text, line });
  });
  return out;
}
