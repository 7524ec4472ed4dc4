import type { Fragment, RawBlock } from '../model/page.js';
import { endsOpen, endsWithLeadIn, isProse, startsContinuation } from '../text/sentence.js';
import { isCitation } from '../text/citation.js';
import { answered, cutInsideText } from './split-fragments.js';

/** Notes are set smaller than body text: a character of a note takes this share of a body character's room. */
const NOTE_WEIGHT = 0.7;
/** A fragment holding more than this many typical pages of text holds more than one page. */
const OVERSIZE = 1.45;

function blockSize(blocks: readonly RawBlock[]): number {
  return blocks.reduce((s, b) => s + b.text.length, 0);
}

export function fragmentSize(fragment: Fragment): number {
  return blockSize(fragment.body) + NOTE_WEIGHT * (blockSize(fragment.notes) + (fragment.noteTail?.text.length ?? 0));
}

/** Fewer whole pages than this tell no page size. */
const MEDIAN_OF = 8;

/**
 * The book's own page capacity, in characters: the median size of the fragments that are most
 * surely one whole page (a footnote area at their end, and another page's footnote area before
 * them), or in a book with too few notes for that, of the fragments the text cuts at both ends.
 */
export function pageCapacity(fragments: readonly Fragment[]): number | null {
  const noted = fragments.filter((f) => f.notes.length > 0 && f.cutReason.startsWith('footnote area ended'));
  if (noted.length >= MEDIAN_OF) return medianSize(noted);
  // A book with few notes: the fragments the text itself cuts at both ends, a page top (a cut word's
  // end, a sentence carried on, a division's heading) before and a page end inside the text after.
  // Most are one page; a page break between paragraphs leaves no trace, and such fragments hold more.
  const cutAtBoth = fragments.filter((_, k) => k > 0 && k + 1 < fragments.length && cutInsideText(fragments[k + 1]!.cutReason));
  return cutAtBoth.length >= MEDIAN_OF ? medianSize(cutAtBoth) : null;
}

function medianSize(fragments: readonly Fragment[]): number {
  const sizes = fragments.map(fragmentSize).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)]!;
}

/** How a list entry filed under its author's surname opens (`Marx, Karl. *Capital*…`). */
export const SURNAME_FIRST = /^[*_]*\p{Lu}[\p{L}'’-]+,\s+\p{Lu}/u;

/** Such an entry, citing a work. */
function isEntry(text: string): boolean {
  return SURNAME_FIRST.test(text) && isCitation(text);
}

function boundaryCost(previous: RawBlock, next: RawBlock): number | null {
  if (previous.kind === 'heading') return null;
  const open = endsOpen(previous.text);
  const continues = startsContinuation(next.text);
  // Short lines (a title page's names and dates) give way to prose at a page top more often than not.
  if (!isProse(previous.text) && isProse(next.text) && !continues) return -0.3;
  // So does a page of prose to a page of a list of works: a list's page is set in short entries,
  // and holds fewer characters than a page of prose (its size alone would cut a paragraph off).
  if (isProse(previous.text) && !open && isEntry(next.text) && !isEntry(previous.text)) return -0.3;
  if (!open && !continues) return 0;
  // A lead-in may introduce a quotation set as a paragraph of its own on the same page.
  if (endsWithLeadIn(previous.text)) return 0.4;
  // The extraction gives each paragraph of a page whole: one stopped mid-sentence and carried on
  // by the next block was cut by a page end.
  return -0.3;
}

/**
 * A fragment cut in two before body block `at`: the head takes the body before it, the tail the rest
 * of the body with every note (a page's notes come after its body), and `cutReason`. Ids are kept:
 * the caller numbers the pieces.
 */
export function cutFragment(fragment: Fragment, at: number, cutReason: string): [Fragment, Fragment] {
  const head = fragment.body.slice(0, at);
  const rest = fragment.body.slice(at);
  const cut = rest[0]!;
  return [
    {
      ...fragment,
      body: head,
      noteTail: null,
      notes: [],
      refs: head.flatMap((b) => b.refs),
      candidateSplits: fragment.candidateSplits.filter((c) => c < at),
      span: { ...fragment.span, endLine: head[head.length - 1]!.span.endLine, end: head[head.length - 1]!.span.end },
    },
    {
      ...fragment,
      body: rest,
      refs: rest.flatMap((b) => b.refs),
      candidateSplits: fragment.candidateSplits.filter((c) => c > at).map((c) => c - at),
      cutReason,
      span: { ...fragment.span, startLine: cut.span.startLine, start: cut.span.start },
    },
  ];
}

/**
 * Splits fragments that hold the text of several pages — a page without notes is indistinguishable
 * from the page after it in the raw text unless something cuts them — at the block boundary that
 * leaves the footnoted part closest to one page of text. The evidence is the book's page capacity.
 */
export function splitOversized(fragments: readonly Fragment[], capacity: number | null): Fragment[] {
  if (!capacity) return [...fragments];
  const out: Fragment[] = [];
  const split = (fragment: Fragment): void => {
    if (fragmentSize(fragment) <= OVERSIZE * capacity || fragment.body.length < 2) {
      out.push(fragment);
      return;
    }
    const noteNumbers = new Set(fragment.notes.map((n) => n.noteNumber));
    const notesSize = fragmentSize(fragment) - blockSize(fragment.body);
    let best: { at: number; cost: number } | null = null;
    let headSize = 0;
    for (let at = 1; at < fragment.body.length; at++) {
      headSize += fragment.body[at - 1]!.text.length;
      // References to this page's notes tie their paragraph to the notes.
      if (fragment.body[at - 1]!.refs.some((r) => answered(noteNumbers, r))) break;
      const kind = boundaryCost(fragment.body[at - 1]!, fragment.body[at]!);
      if (kind === null) continue;
      const tail = blockSize(fragment.body) - headSize + notesSize;
      const cost = Math.abs(tail - capacity) / capacity + kind;
      if (!best || cost < best.cost) best = { at, cost };
    }
    if (!best) {
      out.push(fragment);
      return;
    }
    const [headFragment, tailFragment] = cutFragment(fragment, best.at, `the text holds more than one page (${Math.round(fragmentSize(fragment))} characters; a page holds about ${Math.round(capacity)}): cut before line ${fragment.body[best.at]!.span.startLine}`);
    split(headFragment);
    out.push(tailFragment);
  };
  for (const fragment of fragments) split(fragment);
  return out.map((f, id) => ({ ...f, id }));
}
