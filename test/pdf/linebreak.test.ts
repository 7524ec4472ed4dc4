import { createRequire } from 'node:module';
import Hypher from 'hypher';
import enUs from 'hyphenation.en-us';
import { describe, expect, it } from 'vitest';
import { hyphenationPoints } from '../../src/pdf/hyphenate.js';
import { BOX, breakGreedy, breakLines, INFINITE_PENALTY, Items } from '../../src/pdf/linebreak.js';

/** Words of the given widths separated by glue (3 ± 1.5/1), each word breakable in the middle with a hyphen. */
function paragraph(widths: number[], hyphenate: boolean): Items {
  const items = new Items();
  widths.forEach((w, i) => {
    if (i > 0) items.glue(3, 1.5, 1);
    if (hyphenate) {
      items.box(w / 2);
      items.breakPoint(2, 50, true);
      items.box(w / 2);
    } else items.box(w);
  });
  items.glue(0, 1e6, 0);
  items.breakPoint(0, -INFINITE_PENALTY, false);
  return items;
}

function lineWidths(items: Items, breaks: number[], ratios: ArrayLike<number>): number[] {
  const out: number[] = [];
  let start = 0;
  breaks.forEach((b, li) => {
    while (start < items.length && items.type[start] !== BOX) start++;
    let w = 0;
    for (let i = start; i < b; i++) {
      if (items.type[i] === BOX) w += items.width[i]!;
      else if (items.type[i] === 1) w += items.width[i]! + (ratios[li]! >= 0 ? ratios[li]! * items.stretch[i]! : ratios[li]! * items.shrink[i]!);
    }
    if (items.type[b] === 2) w += items.width[b]!;
    out.push(w);
    start = b + 1;
  });
  return out;
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('Knuth–Plass line breaking', () => {
  it('fills every line but the last to the measure, never beyond it', () => {
    const rand = seeded(7);
    const widths = Array.from({ length: 400 }, () => 10 + Math.floor(rand() * 40));
    const items = paragraph(widths, true);
    const { breaks, ratios } = breakLines(items, () => 300);
    const w = lineWidths(items, breaks, ratios);
    expect(breaks.length).toBeGreaterThan(20);
    w.slice(0, -1).forEach((width) => expect(width).toBeCloseTo(300, 6));
    expect(Math.max(...w)).toBeLessThanOrEqual(300 + 1e-6);
    ratios.slice(0, -1).forEach((r) => expect(r).toBeGreaterThanOrEqual(-1));
  });

  it('never hyphenates more than two lines in a row', () => {
    const rand = seeded(11);
    // long words and a narrow measure make hyphenation attractive everywhere
    const widths = Array.from({ length: 600 }, () => 40 + Math.floor(rand() * 30));
    const items = paragraph(widths, true);
    const { breaks } = breakLines(items, () => 150);
    let run = 0;
    let max = 0;
    for (const b of breaks) {
      run = items.flagged[b] ? run + 1 : 0;
      max = Math.max(max, run);
    }
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(2);
  });

  it('falls back to underfull lines rather than overfull ones', () => {
    const items = new Items();
    items.box(100);
    items.glue(3, 1.5, 1);
    items.box(280);
    items.glue(0, 1e6, 0);
    items.breakPoint(0, -INFINITE_PENALTY, false);
    const result = breakLines(items, () => 300);
    expect(result.pass).toBe(4);
    expect(lineWidths(items, result.breaks, result.ratios).every((w) => w <= 300)).toBe(true);
  });

  it('breaks ragged text first-fit without hyphens', () => {
    const items = paragraph([50, 60, 70, 80, 90, 40, 30], true);
    const { breaks } = breakGreedy(items, () => 150);
    for (const b of breaks.slice(0, -1)) expect(items.flagged[b]).toBe(0);
  });
});

describe('hyphenation', () => {
  it('uses the TeX en-US patterns with 2/3 minimums', () => {
    expect(hyphenationPoints('hyphenation')).toEqual([2, 6]);
    expect(hyphenationPoints('cooptation').length).toBeGreaterThan(0);
    expect(hyphenationPoints('the')).toEqual([]);
    expect(hyphenationPoints('NATO')).toEqual([]);
    for (const p of hyphenationPoints('parliamentary')) {
      expect(p).toBeGreaterThanOrEqual(2);
      expect('parliamentary'.length - p).toBeGreaterThanOrEqual(3);
    }
  });

  it('cuts words exactly where Hypher does (its trie walked directly)', () => {
    const hypher = new Hypher(enUs);
    const english = createRequire(import.meta.url)('an-array-of-english-words') as string[];
    const words = english.filter((_, i) => i % 40 === 0);
    words.push(...words.slice(0, 500).map((w) => w[0]!.toUpperCase() + w.slice(1)), 'Ἀθῆναι', 'Москва', 'coöperation', 'Łódź');
    for (const word of words) {
      const expected: number[] = [];
      if (word.length >= 5 && /^[\p{L}\p{M}]+$/u.test(word) && word !== word.toUpperCase()) {
        let at = 0;
        const parts = hypher.hyphenate(word.toLowerCase());
        for (let i = 0; i < parts.length - 1; i++) {
          at += parts[i]!.length;
          if (at >= 2 && word.length - at >= 3) expected.push(at);
        }
      }
      expect(hyphenationPoints(word), word).toEqual(expected);
    }
  });
});
