import { describe, expect, it } from 'vitest';
import { chainOf, placeAnchors } from '../../src/order/chains.js';
import type { AnchorAt, FragmentFeatures } from '../../src/order/features.js';
import { insertRemaining } from '../../src/order/placement.js';
import { pageFeatures } from '../helpers/features.js';

/** Features of a page with no notes and no sentence open at either edge, with headings. */
function page(id: number, anchors: AnchorAt[] = []): FragmentFeatures {
  return pageFeatures(id, { anchors });
}

const heading = (entry: number, printed: number): AnchorAt[] => [{ entry, block: 0, restartsNotes: true, page: printed }];

describe('insertRemaining', () => {
  // A title page (0), a preface (1, page 3), chapter one (2–3, page 4) and an afterword (4, page 6).
  const features = placeAnchors([page(0), page(1, heading(0, 3)), page(2, heading(1, 4)), page(3), page(4, heading(2, 6))]);
  const flat = () => 0;

  it('opens on the title page and sets the chains the Contents anchors after it in Contents order', () => {
    const chains = [[2, 3], [4], [0], [1]].map((members) => chainOf(members, features));
    expect(insertRemaining(chains, flat, 0, features)).toEqual([0, 1, 2, 3, 4]);
  });

  it("does not let the title page's chain set a later heading before the first", () => {
    // The joins ran the title page into the afterword's page (a heading opens a page after a
    // title page as well as after any other): the afterword still goes where the Contents puts it.
    const chains = [[0, 4], [1], [2, 3]].map((members) => chainOf(members, features));
    expect(insertRemaining(chains, flat, 0, features)).toEqual([0, 1, 2, 3, 4]);
  });
});
