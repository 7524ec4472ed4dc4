import { describe, expect, it } from 'vitest';
import { placeAnchors } from '../../src/order/chains.js';
import type { FragmentFeatures } from '../../src/order/features.js';
import { inLists, listsInOrder } from '../../src/order/lists.js';
import { reportListBreaks } from '../../src/order/index.js';
import { Report } from '../../src/diagnostics/diagnostic.js';
import type { Fragment } from '../../src/model/page.js';
import { pageFeatures } from '../helpers/features.js';

/** A page: a list page when it has a key, a heading's page when it has an entry. */
function page(id: number, listKey: string | null, extra: Partial<FragmentFeatures> = {}): FragmentFeatures {
  return pageFeatures(id, { firstKey: listKey, lastKey: listKey, listKey, entryKey: listKey, ...extra });
}

const heading = (entry: number, page: number) => [{ entry, restartsNotes: false, page, block: 0 }];

/** A list's heading and four pages with the given keys, then About the Author's heading (pages 0–5), then `after`, numbered on. */
function listThenAbout(keys: readonly [string, string, string, string], after: ReadonlyArray<Partial<FragmentFeatures> & { key?: string | null }>): FragmentFeatures[] {
  return [
    page(0, null, { anchors: heading(0, 10) }),
    ...keys.map((key, k) => page(k + 1, key)),
    page(5, null, { anchors: heading(1, 20) }), // About the Author
    ...after.map(({ key = null, ...extra }, k) => page(6 + k, key, extra)),
  ];
}

describe('inLists', () => {
  it('marks the places between two headings whose pages are mostly a list’s, as listsInOrder reads them', () => {
    const features = placeAnchors([
      page(0, null, { anchors: heading(0, 1) }), // a chapter: a page of entries among prose is no list
      page(1, 'marx'),
      page(2, null),
      page(3, null, { anchors: heading(1, 10) }), // the bibliography's heading
      page(4, 'abrams'),
      page(5, null, { startsOpen: true }),
      page(6, 'bookchin'),
      page(7, 'carson'),
      page(8, 'dean'),
      page(9, null, { anchors: heading(2, 20) }), // About the Author
    ]);
    expect(inLists([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], features)).toEqual([false, false, false, true, true, true, true, true, true, false]);
    // (by the order given: the same pages with the heading of About the Author moved up make no list)
    expect(inLists([0, 1, 2, 3, 4, 9, 5, 6, 7, 8], features)).toEqual(Array(10).fill(false));
  });
});

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

  it('sets a page that opens on the rest of an entry by the entries it holds, wherever the order left it', () => {
    const features = placeAnchors([
      page(0, null, { anchors: heading(0, 10) }),
      page(1, 'abrams', { endsOpen: true }),
      page(2, 'mason', { endsOpen: true }),
      page(3, 'bookchin', { startsOpen: true }), // the rest of the entry page 1 cuts, then Bookchin's
      page(4, 'smith'),
      page(5, 'graeber'),
      page(6, null, { anchors: heading(1, 20) }),
    ]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6], features)).toEqual([0, 1, 3, 5, 2, 4, 6]);
  });

  it('sets a page of one entry, too few for a list page, by that entry, wherever the order left it', () => {
    const features = placeAnchors([
      page(0, null, { anchors: heading(0, 10) }),
      page(1, 'abrams'),
      page(2, 'mason'),
      page(3, 'smith'),
      page(4, null, { entryKey: 'build' }), // `*Build the City: …* (…, 2015).` alone: the order, with no join to go by, set it after Smith's
      page(5, 'graeber'),
      page(6, null, { anchors: heading(1, 20) }),
    ]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6], features)).toEqual([0, 1, 4, 5, 2, 3, 6]);
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

  it('brings back however many list pages follow a heading whose own page is no list, and leaves a list that opens on its heading’s page', () => {
    // (a run of list pages the order set after About the Author: a list of its own by count)
    const pages = listThenAbout(['abrams', 'kropotkin', 'ward', 'zibechi'], [{ key: 'carson' }, { key: 'dafermos' }, { key: 'marx' }, { key: 'bookchin' }]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], placeAnchors(pages))).toEqual([0, 1, 9, 6, 7, 2, 8, 3, 4, 5]);
    // An index after the bibliography opens on its heading's page: its pages stay its own.
    const index = placeAnchors([...pages.slice(0, 5), page(5, 'anarchism', { anchors: heading(1, 20) }), ...pages.slice(6)]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], index)).toEqual([0, 1, 2, 3, 4, 5, 9, 6, 7, 8]);
  });

  it('brings back a page of one entry, too few for a list page, left after About the Author', () => {
    const features = placeAnchors(listThenAbout(['abrams', 'kropotkin', 'ward', 'zibechi'], [
      { entryKey: 'bauwens', firstNote: 1, lastNote: 1 }, // `Michel Bauwens.¹ “Evolving…” in Andrea Botero and` and its note
      {}, // prose of About the Author's
    ]));
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6, 7], features)).toEqual([0, 1, 6, 2, 3, 4, 5, 7]);
  });

  it('sets a page whose footnote area opens with a note’s rest after the page with notes its entries sort alike with', () => {
    const pages = listThenAbout(['abrams', 'bauwens', 'carson', 'zibechi'], [{ entryKey: 'bauwens', firstNote: 1, lastNote: 1 }]); // `Michel Bauwens.¹ …` and its note
    pages[2] = page(2, 'bauwens', { hasTail: true }); // `Bauwens. …` entries, then the rest of the note below
    const features = placeAnchors(pages);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6], features)).toEqual([0, 1, 6, 2, 3, 4, 5]);
  });

  it('brings back list pages set before the first heading, where only the joins placed them', () => {
    const features = placeAnchors([
      page(0, null), // the title page
      page(1, 'conaty'), // list pages the order set among the front matter
      page(2, 'crossin'),
      page(3, null), // a dedication
      page(4, null, { anchors: heading(0, 8) }), // the first chapter
      page(5, null),
      page(6, null, { anchors: heading(1, 40) }), // the bibliography
      page(7, 'abrams'),
      page(8, 'bauwens'),
      page(9, 'davidson'),
      page(10, 'zibechi'),
    ]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], features)).toEqual([0, 3, 4, 5, 6, 7, 8, 1, 2, 9, 10]);
    // Without a title page first the file's first span is a chapter's, and is left alone.
    const opening = placeAnchors([page(0, 'kropotkin', { anchors: heading(0, 1) }), page(1, null), page(2, null, { anchors: heading(1, 9) }), page(3, 'a'), page(4, 'b'), page(5, 'c'), page(6, 'd')]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6], opening)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('brings back list pages set in a chapter, to the list whose heading’s page opens it however few of its pages stand there', () => {
    // (pages dealt out at random: the joins set most of the bibliography's pages among a chapter's)
    const features = placeAnchors([
      page(0, null, { anchors: heading(0, 1) }), // a chapter
      page(1, 'kropotkin'),
      page(2, null, { firstNote: 1, lastNote: 2 }),
      page(3, 'abrams'),
      page(4, 'ward'),
      page(5, null, { firstNote: 3, lastNote: 3 }),
      page(6, 'bookchin', { anchors: heading(1, 9) }), // the bibliography opens on its heading's page
      page(7, 'marx'),
      page(8, null, { anchors: heading(2, 20) }), // About the Author
    ]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8], features, { fromChapters: () => true })).toEqual([0, 2, 5, 6, 3, 1, 7, 4, 8]);
    // (a page a sure join ties to the prose beside it stays; asked to leave the chapters alone, as
    // the order is before the pages run together are split, every page stays)
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8], features, { fromChapters: (page) => page !== 3 })).toEqual([0, 2, 3, 5, 6, 1, 7, 4, 8]);
    expect(listsInOrder([0, 1, 2, 3, 4, 5, 6, 7, 8], features)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // A page of entries among prose with no list in the book stays where it is.
    const noList = placeAnchors([page(0, null, { anchors: heading(0, 1) }), page(1, 'kropotkin'), page(2, null), page(3, null, { anchors: heading(1, 9) }), page(4, null)]);
    expect(listsInOrder([0, 1, 2, 3, 4], noList, { fromChapters: () => true })).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('reportListBreaks', () => {
  const span = { startLine: 1, endLine: 1, start: 0, end: 0 };
  const fragment = (id: number, line: number, firstBlock: 'heading' | 'body' = 'body'): Fragment => ({
    id, body: [{ index: id, kind: firstBlock, text: 'x', span, refs: [] }], noteTail: null, notes: [], refs: [], candidateSplits: [], cutReason: 'test', span: { ...span, startLine: line },
  });
  const keyed = (id: number, firstKey: string | null, lastKey: string | null) => page(id, firstKey, { firstKey, lastKey });

  it('names the join where a list’s alphabet goes back, and not one where a heading starts it afresh', () => {
    const report = new Report();
    const features = [keyed(0, 'abrams', 'bookchin'), keyed(1, 'carson', 'zibechi'), keyed(2, 'marx', 'ostrom'), keyed(3, 'adams', 'baker')];
    reportListBreaks([fragment(0, 10), fragment(1, 20), fragment(2, 30), fragment(3, 40, 'heading')], features, { report, sourceDate: new Date(0), sourceFile: 'book.raw.md' });
    expect(report.diagnostics.map((d) => [d.code, d.place?.line])).toEqual([['O-032', 30]]);
    expect(report.diagnostics[0]!.message).toMatch(/`zibechi` before `marx`, after the page at line 20/);
  });
});
