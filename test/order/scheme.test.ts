import { describe, expect, it } from 'vitest';
import { bookletLayouts, fitBooklet, fitDuplex, fitInterleave, fitTwoPasses, scanReadings, twoPassScans } from '../../src/order/scheme.js';
import { booklet, duplex, interleave, scramble } from '../helpers/scramble.js';

/** Joins that favour each page's true successor: raw index → page index, successor scores 5, others −1. */
function joinsFor(rawPages: readonly number[]): (a: number, b: number) => number {
  return (a, b) => (rawPages[b] === rawPages[a]! + 1 ? 5 : -1);
}

describe('scan schemes', () => {
  it('reads a duplex scan back by zipping the raw file’s start and end', () => {
    const raw = duplex(41);
    const reading = fitDuplex(raw.length, joinsFor(raw));
    expect(reading.order.map((at) => raw[at])).toEqual(Array.from({ length: 41 }, (_, i) => i));
  });

  it('reads a duplex scan back when a blank page shifts the zip', () => {
    // Page 20 was blank and left nothing: the backs no longer pair with the fronts by position.
    const raw = duplex(40).filter((page) => page !== 20);
    const reading = fitDuplex(raw.length, joinsFor(raw.map((p) => (p > 20 ? p - 1 : p))));
    expect(reading.order.map((at) => raw[at])).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((p) => p !== 20));
  });

  it('does not shift the zip twice for joins a little better than the true ones', () => {
    // Reading pages 11 and 12 the wrong way round takes two shifts; its three joins score 7 against
    // the true joins' 5, as page joins often do by chance where every page carries a sentence on.
    const raw = duplex(40);
    const truth = joinsFor(raw);
    const swapped = new Set(['10,12', '12,11', '11,13']);
    const reading = fitDuplex(raw.length, (a, b) => (swapped.has(`${raw[a]},${raw[b]}`) ? 7 : truth(a, b)));
    expect(reading.order.map((at) => raw[at])).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  describe('a stack scanned in two passes', () => {
    // Pages 20 and 33 were blank: fronts and backs no longer pair by position.
    const blank = new Set([20, 33]);
    const kept = Array.from({ length: 80 }, (_, i) => i).filter((page) => !blank.has(page));
    /** The sure joins of a raw file: each page to the next, as raw fragments. */
    const sureJoins = (raw: readonly number[]): Array<[number, number]> => kept.slice(1).map((page, k) => [raw.indexOf(kept[k]!), raw.indexOf(page)]);
    const fronts = kept.filter((page) => page % 2 === 0);
    const backs = kept.filter((page) => page % 2 === 1);
    const passes: Array<[string, number[]]> = [
      ['fronts and backs each forward', [...fronts, ...backs]],
      ['fronts and backs each backward', [...backs.toReversed(), ...fronts.toReversed()]],
      ['from the middle out', [...fronts.toReversed(), ...backs]],
    ];
    it.each(passes)('%s: read back from where the sure joins put the second pass', (what, raw) => {
      const rank = (page: number): number => kept.indexOf(page);
      const join = (a: number, b: number): number => (rank(raw[b]!) === rank(raw[a]!) + 1 ? 5 : -1);
      const found = twoPassScans(sureJoins(raw), raw.length);
      const readings = found.map((passes) => fitTwoPasses(raw.length, join, passes).order.map((at) => raw[at]));
      expect(found.some((passes) => passes.scan.includes(what))).toBe(true);
      expect(readings).toContainEqual(kept);
    });

    it('is not what the sure joins of a random scramble or a booklet show', () => {
      for (const raw of [scramble('permutation', 80, 7), booklet(80, 16)]) {
        expect(twoPassScans(sureJoins(raw.filter((page) => !blank.has(page))), kept.length)).toEqual([]);
      }
    });
  });

  it('reads interleaved ranges back when blank pages shift the deal', () => {
    // Three ranges of 20 pages dealt in turn; pages 5, 27 and 44 were blank and left nothing, so
    // the exact reading (one page from each range in turn) is off from the first blank on.
    const blank = new Set([5, 27, 44]);
    const raw = interleave(60, 3).filter((page) => !blank.has(page));
    const kept = Array.from({ length: 60 }, (_, i) => i).filter((page) => !blank.has(page));
    const rank = (page: number): number => kept.indexOf(page);
    const joins = joinsFor(raw.map(rank));
    const exact = scanReadings(raw.length).find((r) => r.scan.startsWith('3 ranges'))!;
    expect(exact.order.map((at) => raw[at])).not.toEqual(kept);
    const fitted = fitInterleave(raw.length, 3, joins);
    expect(fitted!.order.map((at) => raw[at])).toEqual(kept);
  });

  it('reads interleaved ranges back when one range is silent for long (a front matter of blank pages)', () => {
    // Three ranges of 30 pages; the first range's pages 1–12 are blank but for 4 and 9, so it
    // gives nothing for a dozen raw fragments at a time while the others go on in turn.
    const blank = new Set([1, 2, 3, 5, 6, 7, 8, 10, 11, 12]);
    const raw = interleave(90, 3).filter((page) => !blank.has(page));
    const kept = Array.from({ length: 90 }, (_, i) => i).filter((page) => !blank.has(page));
    const fitted = fitInterleave(raw.length, 3, joinsFor(raw.map((page) => kept.indexOf(page))));
    expect(fitted!.order.map((at) => raw[at])).toEqual(kept);
  });

  it('keeps each heading in the range its printed page lies in where the joins cannot tell', () => {
    // Two ranges of 30 pages whose joins say little, but for two that read well by chance: the
    // chains trading their tails after page 10 (0–10 then 41–59, and 30–40 then 11–29) scores
    // better by the joins than the truth, even with the deal's rhythm broken once.
    const raw = interleave(60, 2);
    const joins = (a: number, b: number): number => {
      const [from, to] = [raw[a]!, raw[b]!];
      if ((from === 10 && to === 41) || (from === 40 && to === 11)) return 3;
      return to === from + 1 ? -0.5 : -1;
    };
    /** Where the reading puts a page: in the first range read, or the second. */
    const halfOf = (order: readonly number[], page: number): number => (order.findIndex((at) => raw[at] === page) < 30 ? 0 : 1);
    const traded = fitInterleave(raw.length, 2, joins)!.order;
    expect([halfOf(traded, 15), halfOf(traded, 45)]).toEqual([1, 0]);
    // Headings on pages 16 and 46 (the 16th of each range) say which range each is in.
    const headings = [15, 45].map((page) => ({ index: raw.indexOf(page), page: page + 1 }));
    const fitted = fitInterleave(raw.length, 2, joins, headings)!.order;
    expect([halfOf(fitted, 15), halfOf(fitted, 45)]).toEqual([0, 1]);
  });

  it('offers the raw order, its reverse and interleaved ranges as readings', () => {
    const readings = scanReadings(30);
    expect(readings[0]!.order).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(readings[1]!.order).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
    const raw = interleave(30, 3);
    const three = readings.find((r) => r.scan.startsWith('3 ranges'))!;
    expect(three.order.map((at) => raw[at])).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});

/**
 * A raw file of booklets in a row: each volume `pages` pages long, imposed in signatures of `size`
 * from its own first page, its printed numbers running on from the volume before and starting at
 * `firstPrinted` (pages before it are unnumbered front matter). Gives each raw position's place in
 * reading order and, every `every` pages, a heading there with its printed page.
 */
function booklets(volumes: readonly number[], size: number, every: number, firstPrinted = 1) {
  const reading: number[] = [];
  const headings: Array<{ index: number; page: number }> = [];
  let before = 0;
  for (const pages of volumes) {
    for (const page of booklet(pages, size)) {
      const printed = before + page + firstPrinted;
      if (printed >= 1 && printed % every === 0) headings.push({ index: reading.length, page: printed });
      reading.push(before + page);
    }
    before += pages;
  }
  return { reading, headings };
}

describe('booklet layouts', () => {
  it('reads one booklet whose signatures open on page 1', () => {
    const { reading, headings } = booklets([96], 16, 5);
    const layouts = bookletLayouts(headings);
    expect(layouts[0]).toMatchObject({ size: 16, aligned: true });
    const fit = fitBooklet(reading.length, joinsFor(reading), headings, layouts[0]!);
    expect(fit.order.map((at) => reading[at])).toEqual(Array.from({ length: 96 }, (_, i) => i));
  });

  it('finds volumes in a row, each imposed from its own first page, whose page numbers run on', () => {
    // 70 pages is no whole number of signatures: the second volume's grid is not the first one's.
    const { reading, headings } = booklets([70, 70, 54], 16, 5);
    const layouts = bookletLayouts(headings);
    expect(layouts[0]).toMatchObject({ size: 16, aligned: false });
    expect(layouts[0]!.volumes.map((v) => v.residue)).toEqual([0, 70 % 16, 140 % 16]);
    const fit = fitBooklet(reading.length, joinsFor(reading), headings, layouts[0]!);
    expect(fit.order.map((at) => reading[at])).toEqual(Array.from({ length: 194 }, (_, i) => i));
  });

  it('finds the grid of a booklet whose page 1 is not its first page', () => {
    // Four unnumbered pages (a half-title, its back, a title page, its back) come before page 1.
    const { reading, headings } = booklets([100], 16, 5, -3);
    const layouts = bookletLayouts(headings);
    expect(layouts[0]!.volumes).toEqual([expect.objectContaining({ residue: 12 })]);
    const fit = fitBooklet(reading.length, joinsFor(reading), headings, layouts[0]!);
    expect(fit.order.map((at) => reading[at])).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('reads a signature half of whose pages are blank and leave nothing', () => {
    // 8-page signatures; pages 2, 4, 6 and 7 (the front matter's blank versos) leave no fragment.
    const { reading, headings } = booklets([96], 8, 5);
    const blank = new Set([1, 3, 5, 6]);
    const kept = reading.filter((page) => !blank.has(page));
    const shifted = headings.filter((h) => !blank.has(reading[h.index]!)).map((h) => ({ page: h.page, index: kept.indexOf(reading[h.index]!) }));
    const layouts = bookletLayouts(shifted);
    expect(layouts[0]).toMatchObject({ size: 8, aligned: true });
    const fit = fitBooklet(kept.length, joinsFor(kept.map((page) => page - [...blank].filter((b) => b < page).length)), shifted, layouts[0]!);
    expect(fit.order.map((at) => kept[at])).toEqual(Array.from({ length: 96 }, (_, i) => i).filter((page) => !blank.has(page)));
  });

  it('asks for a number of joins that grows with the signature, not with its square', () => {
    // Four 96-page signatures: the climb and return of every range from every start are fitted.
    const { reading, headings } = booklets([384], 96, 5);
    const layout = bookletLayouts(headings).find((l) => l.size === 96)!;
    let asked = 0;
    const joins = joinsFor(reading);
    const fit = fitBooklet(reading.length, (a, b) => (asked++, joins(a, b)), headings, layout);
    expect(fit.order.map((at) => reading[at])).toEqual(Array.from({ length: 384 }, (_, i) => i));
    // (108 thousand; with every pair of chain ends tried, as before the window, 433 thousand)
    expect(asked).toBeLessThan(200_000);
  });

  it('finds no booklet in a raw file already in reading order', () => {
    const headings = Array.from({ length: 20 }, (_, i) => ({ index: i * 5, page: i * 5 + 1 }));
    expect(bookletLayouts(headings)).toEqual([]);
  });
});
