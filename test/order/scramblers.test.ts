/** The page scramblers and the synthetic generator itself: what the scramble tests rely on. */
import { describe, expect, it } from 'vitest';
import { truthWords, wordBag } from '../helpers/recover.js';
import { booklet, droppedStack, duplex, interleave, render, scramble, SCRAMBLE_KINDS } from '../helpers/scramble.js';
import { mulberry32, syntheticBook } from '../helpers/synthetic-book.js';
import { bookOptions } from '../helpers/synthetic-cases.js';

describe('scramblers', () => {
  it('duplex: fronts forward, then backs reversed', () => {
    expect(duplex(7)).toEqual([0, 2, 4, 6, 5, 3, 1]);
  });

  it('interleave: runs dealt out in turn', () => {
    expect(interleave(7, 3)).toEqual([0, 3, 6, 1, 4, 2, 5]);
  });

  it('booklet: sheet sides [S,1], [2,S−1], [S−2,3], [4,S−3] per signature; pages past the end are blank', () => {
    expect(booklet(8, 8).map((p) => p + 1)).toEqual([8, 1, 2, 7, 6, 3, 4, 5]);
    expect(booklet(10, 8).map((p) => p + 1)).toEqual([8, 1, 2, 7, 6, 3, 4, 5, 9, 10]);
  });

  it('stacks: runs of pages kept in order, the runs shuffled', () => {
    const order = droppedStack(200, mulberry32(3));
    const runs = order.reduce<number[][]>((found, page, k) => (k > 0 && page === order[k - 1]! + 1 ? found[found.length - 1]!.push(page) : found.push([page]), found), []);
    expect(runs.length).toBeGreaterThan(3);
    // (two runs the shuffle happens to set in order read as one)
    expect(runs.slice(0, -1).every((run) => run.length >= 8)).toBe(true);
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
  });

  it.each(SCRAMBLE_KINDS)('%s is a permutation of the pages, the same for the same seed', (kind) => {
    const order = scramble(kind, 53, 9);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 53 }, (_, i) => i));
    expect(scramble(kind, 53, 9)).toEqual(order);
  });
});

describe('synthetic book', () => {
  const book = syntheticBook(bookOptions('small', 'full'));

  it('is the same for the same seed', () => {
    expect(syntheticBook(bookOptions('small', 'full')).pages).toEqual(book.pages);
  });

  it('holds on its pages exactly the text of its ground truth (Contents aside)', () => {
    const pages = book.pages.filter((p) => p.division >= 0).map((p) => p.text.replace(/<sup>\d+<\/sup>/g, ' ').replace(/^#+ |^---$/gm, ' '));
    expect(wordBag(pages)).toEqual(truthWords(book));
  });

  it('has every feature of the raw format', () => {
    expect(book.stats.hyphenCuts).toBeGreaterThan(0);
    expect(book.stats.runOvers).toBeGreaterThan(0);
    expect(book.stats.midParagraphBreaks).toBeGreaterThan(book.stats.paragraphBreaks);
    const raw = render(book, scramble('identity', book.pages.length, 0)).raw;
    expect(raw).toMatch(/^# Contents$/m);
    expect(raw).toMatch(/^<b>Chapter One: .*<\/b>\t<b>\d+<\/b>$/m);
    expect(raw).toMatch(/^I\. .* \. \. \. \. \.\t\d+$/m);
    expect(raw).toMatch(/\p{L}-\n\n(?:---\n\n[\s\S]*?\n\n)?\p{Ll}/u);
    expect(raw).toMatch(/^---\n\n\p{Ll}/mu);
  });

  it('prints the real page numbers in its Contents', () => {
    const contents = book.pages.find((p) => p.division === -1)!.text;
    for (const division of book.divisions.filter((d) => d.role === 'chapter')) {
      expect(contents).toContain(`<b>${division.title}</b>\t<b>${division.firstPage}</b>`);
      const page = book.pages.find((p) => p.number === division.firstPage)!;
      expect(page.text).toContain(division.title);
    }
  });
});
