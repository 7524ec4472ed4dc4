import { isBookTitle } from '../contents/index.js';
import type { RawBlock } from '../model/page.js';
import { isProse } from '../text/sentence.js';

/** Characters a line of names, dates and places rarely reaches; a sentence of the book's text often does. */
const SHORT_LINE = 120;
/** A colophon's notes on the source (`Author provided the source via email. …`) are a sentence or two. */
const SHORT_NOTE = 250;

/** The lines of a block, the extraction's hard line breaks (two trailing spaces) taken off. */
function linesOf(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/\s+$/u, '').trim()).filter(Boolean);
}

/**
 * The source's own colophon, where the extraction kept it: a page that repeats the book's title as
 * a plain line among short lines of names and dates (`The Anarchist Library` / `Anti-Copyright`,
 * `Kevin A. Carson` / `Exodus` / `General Idea of …` / `2021`, `Published by …`,
 * `**theanarchistlibrary.org**`). The title page gives the title as a heading; only a page that
 * repeats it elsewhere, in a block of several lines, is taken for the colophon, and only if the
 * title page was found (without it, that block may be the title page itself).
 *
 * Marks the colophon's blocks (`colophon`; a bold line among them is text, not a heading, unless
 * the Contents names it) and
 * returns the indexes of its first and last block, or null. The colophon's page closes the book:
 * ingest cuts it from the text around it, the order sets it last, repair makes it a division.
 */
export function markSourceColophon(blocks: RawBlock[], title: string | undefined, titleLine: number | undefined, headingLines: ReadonlySet<number>): { from: number; to: number } | null {
  if (!title || titleLine === undefined) return null;
  const at = blocks.findIndex((block) => {
    if (block.kind !== 'body' || block.span.startLine === titleLine || block.refs.length) return false;
    const lines = linesOf(block.text);
    return lines.length >= 3 && lines.every((line) => line.length <= SHORT_LINE) && lines.some((line) => isBookTitle(line, title));
  });
  if (at < 0) return null;
  // (a heading the Contents names is the book's, never the colophon's)
  const plainLines = (block: RawBlock): boolean => (block.kind === 'body' || (block.kind === 'heading' && block.headingDepth === 0 && !headingLines.has(block.span.startLine))) && !block.refs.length && !block.pageEdge;
  let from = at;
  // Before it: the publisher's lines (short, and no sentence).
  while (from > 0 && plainLines(blocks[from - 1]!) && linesOf(blocks[from - 1]!.text).every((line) => line.length <= SHORT_LINE && !isProse(line))) from--;
  let to = at;
  // After it: notes on the source and the publisher's address, each a line or two; not a list.
  while (to + 1 < blocks.length && plainLines(blocks[to + 1]!) && blocks[to + 1]!.text.length <= SHORT_NOTE && !/^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s/u.test(blocks[to + 1]!.text)) to++;
  for (let k = from; k <= to; k++) {
    const block = blocks[k]!;
    block.colophon = true;
    if (block.kind === 'heading') {
      block.kind = 'body';
      delete block.headingDepth;
    }
  }
  return { from, to };
}
