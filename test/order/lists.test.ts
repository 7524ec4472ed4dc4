import { describe, expect, it } from 'vitest';
import { placeAnchors } from '../../src/order/chains.js';
import type { FragmentFeatures } from '../../src/order/features.js';
import { listsInOrder } from '../../src/order/lists.js';

/** A page: a list page when it has a key, a heading's page when it has an entry. */
function page(id: number, listKey: string | null, extra: Partial<FragmentFeatures> = {}): FragmentFeatures {
  return {
    id, startsOpen: false, startsWithName: false, endsOpen: false, endsOnComma: false, endsMidPhrase: false, endCut: null, opening: '', lastWord: null, firstWord: null,
    hasTail: false, lastNoteOpen: false, firstNote: null, lastNote: null, anchors: [], firstKey: listKey, lastKey: listKey, listKey, size: 1600,
    terms: new Float64Array(), termIds: new Uint32Array(), ...extra,
  };
}

const heading = (entry: number, page: number) => [{ entry, restartsNotes: false, page, block: 0 }];

describe('listsInOrder', () => {
  it('sorts a list’s pages by their entries, keeping pages that carry on with the page before them', () => {
    const features = placeAnchors([
      page(0, null, { anchors: heading(0, 10) }), // the list's heading
      page(1, 'mason'),
      page(2, 'abrams'),
      page(3, 'smith'),
      page(4, null, { startsOpen: true }), // the rest of an entry cut on page 3
      page(5, 'graeber'),
      page(6, null, { anchors: heading(1, 20) }), // the next heading
    ]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6], features)).toEqual([0, 2, 5, 1, 3, 4, 6]);
  });

  it('brings back list pages left after the next heading, and leaves a span of prose alone', () => {
    const features = placeAnchors([
      page(0, null, { anchors: heading(0, 10) }),
      page(1, 'kropotkin'),
      page(2, 'bookchin'),
      page(3, 'zibechi'),
      page(4, 'ward'),
      page(5, null, { anchors: heading(1, 20) }), // About the Author
      page(6, 'carson'), // a list page the order set after it
      page(7, null),
    ]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6, 7], features)).toEqual([0, 2, 6, 1, 4, 3, 5, 7]);
    const prose = placeAnchors([page(0, null, { anchors: heading(0, 1) }), page(1, null), page(2, 'b'), page(3, 'a'), page(4, null), page(5, null)]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5], prose)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
