/**
 * A chapter whose opening page is not in the raw file (a page dropped) leaves its Contents entry
 * matching no heading (I-010), and its other pages carry on their own note numbers with nothing to
 * say that the numbering starts afresh: read in place, every one of them repeats a number of the
 * chapter before, and the order sets them wherever that contradicts least (on the real book in
 * reading order, chapter eleven's opening page dropped, 28 of its pages went after About the
 * Author). Here the missing heading is set, for judging an order, on the page of that order where
 * the note numbering goes back and the heading explains it best, between the headings found before
 * and after it in the Contents.
 */
import type { AnchorAt, FragmentFeatures } from './features.js';
import { type SolverFeatures, placeAnchors } from './chains.js';
import { noteContradictions } from './reseat.js';

/** A chapter-level Contents entry whose heading the text does not hold: its index, printed page and numbering. */
export type MissingHeading = Omit<AnchorAt, 'block'>;

/**
 * The features with each missing heading set on the page of `order` where it puts fewest note
 * numbers out of place (a page whose notes go back to a number met before), if that puts fewer out
 * of place than none; `features` as they are when nothing is missing or nothing gains.
 */
export function withMissingHeadings(order: readonly number[], input: readonly FragmentFeatures[], features: readonly SolverFeatures[], missing: readonly MissingHeading[]): readonly SolverFeatures[] {
  if (!missing.length) return features;
  let anchored = input;
  let placed = features;
  let count = noteContradictions(order, placed);
  for (const heading of missing) {
    // Between the pages of the headings found before and after it in the Contents.
    let from = 0;
    let to = order.length;
    order.forEach((index, k) => {
      for (const a of placed[index]!.anchors) {
        if (a.entry < heading.entry) from = Math.max(from, k + 1);
        else if (a.entry > heading.entry) to = Math.min(to, k);
      }
    });
    let best: { input: FragmentFeatures[]; placed: SolverFeatures[]; count: number } | null = null;
    let reached = 0;
    for (let k = from; k < to; k++) {
      const f = placed[order[k]!]!;
      if (f.firstNote === null) continue;
      if (f.firstNote <= reached && f.anchors.length === 0) {
        const index = order[k]!;
        const tried = anchored.map((g, i) => (i === index ? { ...g, anchors: [{ ...heading, block: 0 }] } : g));
        const triedPlaced = placeAnchors(tried);
        const triedCount = noteContradictions(order, triedPlaced);
        if (triedCount < (best?.count ?? count)) best = { input: tried, placed: triedPlaced, count: triedCount };
      }
      reached = f.lastNote ?? reached;
    }
    if (best) [anchored, placed, count] = [best.input, best.placed, best.count];
  }
  return placed;
}
