import type { RawBlock } from '../model/page.js';
import { endsOpen, startsContinuation } from '../text/sentence.js';

/** Longer than this, a line is text, not a running head or footer. */
const DEBRIS_LENGTH = 60;
/** A page number standing alone (`117`): the folio of a page the extraction kept. */
const FOLIO = /^\d{1,4}$/u;
const FOLIOS_AT_LEAST = 3;
/**
 * A line standing after a finished sentence this many times or more is a division's closing line:
 * a footer stands after a sentence the page cuts on most pages (all of three by chance: 1 in 40).
 */
const CLOSING_AT_LEAST = 3;

/** A printed page number the extraction kept, which pageEdgeDebris marked: no text of the page. */
export function isFolio(block: RawBlock): boolean {
  return !!block.pageEdge && FOLIO.test(block.text.trim());
}
/** A date and nothing else (`January 12, 2021`, `12 January 2021`, `[October 7, 2020]`), English month names. */
const DATELINE = /^[[(]?(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september|october|november|december),?\s+\d{4})[\])]?$/iu;
const MONTH = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/g;
/** How a letter opens (`Dear Sir,`, `My dear Engels,`). */
const SALUTATION = /^(?:my\s+)?dear\b/iu;

/** A short line's shape: its numbers and month names left out, as a running head's or a date's recur. */
function shapeOf(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(MONTH, 'month');
}

/**
 * Lines the extraction left at the edges of pages, a running head or footer that escaped it (a
 * bare page number, `[Draft of May 2]`): a short one-line body block, not ending as a sentence does,
 * that recurs word for word but for its numbers, months and capitals (a date, a page number), and
 * that at least half the time stands where a page ends or begins: just before a footnote area or
 * just after one, or cutting into a sentence (the block before stops mid-sentence, or the one
 * after carries a sentence on), where nothing the author wrote would stand. Returns their block
 * indexes (`debris`).
 *
 * Such a line that stands every time after a finished sentence (three times or more, and once at
 * least before a footnote area, a heading or the end of the text) is no footer (a footer stands
 * on page after page, and most pages end mid-sentence): it is the author's own closing line of a
 * division (`[Last edited October 7, 2020]` at the end of each chapter), kept in the text, and a
 * page ends where it stands (`closing`).
 */
export function pageEdgeDebris(blocks: readonly RawBlock[]): { debris: Set<number>; closing: Set<number> } {
  const byShape = new Map<string, RawBlock[]>();
  for (const block of blocks) {
    if (block.kind !== 'body' || block.text.includes('\n') || block.text.length > DEBRIS_LENGTH || block.refs.length) continue;
    const text = block.text.replace(/\s+/g, ' ').trim();
    if (!(/\p{L}/u.test(text) || FOLIO.test(text)) || /[.!?:;,]$/u.test(text) || /^(?:[-*+]|\d+[.)])\s/u.test(text)) continue;
    const shape = shapeOf(text);
    byShape.set(shape, [...(byShape.get(shape) ?? []), block]);
  }
  const atPageEdge = (block: RawBlock): boolean => {
    const before = blocks[block.index - 1];
    const after = blocks[block.index + 1];
    if (after?.kind === 'rule' || before?.kind === 'note') return true;
    return (before?.kind === 'body' && endsOpen(before.text)) || (after?.kind === 'body' && startsContinuation(after.text));
  };
  const afterFinishedSentence = (block: RawBlock): boolean => {
    const before = blocks[block.index - 1];
    return before?.kind === 'body' && !endsOpen(before.text);
  };
  const endsPage = (block: RawBlock): boolean => {
    const after = blocks[block.index + 1];
    return after === undefined || after.kind === 'rule' || after.kind === 'heading';
  };
  const debris = new Set<number>();
  const closing = new Set<number>();
  for (const [shape, found] of byShape) {
    // A bare number recurs as folios do only page after page (once or twice it is a year, a figure);
    // numbers that run on from one to the next are page numbers wherever they stand.
    const folios = shape === '#';
    if (found.length < (folios ? FOLIOS_AT_LEAST : 2)) continue;
    if (!(2 * found.filter(atPageEdge).length >= found.length || (folios && runOn(found.map((block) => Number(block.text.trim())))))) continue;
    const closes = !folios && found.length >= CLOSING_AT_LEAST && found.every(afterFinishedSentence) && found.some(endsPage);
    for (const block of found) (closes ? closing : debris).add(block.index);
  }
  // A date alone after a finished sentence, as a preface is signed off (`January 12, 2021`), closes
  // its division, and the next division opens a page of its own: where no other line has its shape
  // (dates that recur head a diary's entries, and closed divisions only as the lines above say) and
  // no letter's salutation follows it (a letter quoted with its date).
  for (const block of blocks) {
    const text = block.text.trim();
    if (block.kind !== 'body' || !DATELINE.test(text) || !afterFinishedSentence(block) || (byShape.get(shapeOf(text))?.length ?? 0) > 1) continue;
    if (!SALUTATION.test(blocks[block.index + 1]?.text ?? '')) closing.add(block.index);
  }
  return { debris, closing };
}

/** Most of the numbers, sorted, follow each other by one or two (page numbers; years and figures do not). */
function runOn(numbers: readonly number[]): boolean {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  let close = 0;
  for (let k = 1; k < sorted.length; k++) if (sorted[k]! - sorted[k - 1]! <= 2) close++;
  return sorted.length >= FOLIOS_AT_LEAST && close >= 0.6 * (sorted.length - 1);
}
