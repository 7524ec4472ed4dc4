import type { BodyHeading, Contents } from './types.js';

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
