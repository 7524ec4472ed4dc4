import type { RawBlock } from '../model/page.js';
import { endsOpen, startsContinuation } from '../text/sentence.js';

/** Longer than this, a line is text, not a running head or footer. */
const DEBRIS_LENGTH = 60;
/** A page number standing alone (`117`): the folio of a page the extraction kept. */
const FOLIO = /^\d{1,4}$/u;
const FOLIOS_AT_LEAST = 3;

/** A printed page number the extraction kept, which pageEdgeDebris marked: no text of the page. */
export function isFolio(block: RawBlock): boolean {
  return !!block.pageEdge && FOLIO.test(block.text.trim());
}
const MONTH = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/g;

/**
 * Lines the extraction left at the edges of pages, a running head or footer that escaped it
 * (`[Last Edited October 7, 2020]`, a bare page number): a short one-line body block, not ending
 * as a sentence does, that recurs word for word but for its numbers, months and capitals (a date,
 * a page number), and that at least half the time stands where a page ends or begins: just before a footnote area or
 * just after one, or cutting into a sentence (the block before stops mid-sentence, or the one
 * after carries a sentence on), where nothing the author wrote would stand. Returns their block
 * indexes.
 */
export function pageEdgeDebris(blocks: readonly RawBlock[]): Set<number> {
  const byShape = new Map<string, RawBlock[]>();
  for (const block of blocks) {
    if (block.kind !== 'body' || block.text.includes('\n') || block.text.length > DEBRIS_LENGTH || block.refs.length) continue;
    const text = block.text.replace(/\s+/g, ' ').trim();
    if (!(/\p{L}/u.test(text) || FOLIO.test(text)) || /[.!?:;,]$/u.test(text) || /^(?:[-*+]|\d+[.)])\s/u.test(text)) continue;
    const shape = text.toLowerCase().replace(/\d+/g, '#').replace(MONTH, 'month');
    byShape.set(shape, [...(byShape.get(shape) ?? []), block]);
  }
  const atPageEdge = (block: RawBlock): boolean => {
    const before = blocks[block.index - 1];
    const after = blocks[block.index + 1];
    if (after?.kind === 'rule' || before?.kind === 'note') return true;
    return (before?.kind === 'body' && endsOpen(before.text)) || (after?.kind === 'body' && startsContinuation(after.text));
  };
  const debris = new Set<number>();
  for (const [shape, found] of byShape) {
    // A bare number recurs as folios do only page after page (once or twice it is a year, a figure);
    // numbers that run on from one to the next are page numbers wherever they stand.
    const folios = shape === '#';
    if (found.length < (folios ? FOLIOS_AT_LEAST : 2)) continue;
    if (2 * found.filter(atPageEdge).length >= found.length || (folios && runOn(found.map((block) => Number(block.text.trim()))))) for (const block of found) debris.add(block.index);
  }
  return debris;
}

/** Most of the numbers, sorted, follow each other by one or two (page numbers; years and figures do not). */
function runOn(numbers: readonly number[]): boolean {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  let close = 0;
  for (let k = 1; k < sorted.length; k++) if (sorted[k]! - sorted[k - 1]! <= 2) close++;
  return sorted.length >= FOLIOS_AT_LEAST && close >= 0.6 * (sorted.length - 1);
}
