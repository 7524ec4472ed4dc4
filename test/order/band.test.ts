/**
 * The band of joins a booklet's fit reads gives the scores the evidence's own assembly gives every
 * pair, to the last bit, and the same surest joins wherever the band reaches every pair.
 */
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { ingest } from '../../src/ingest/index.js';
import { BandScores } from '../../src/order/band.js';
import { chainOf, placeAnchors } from '../../src/order/chains.js';
import { chainScore, localScores, sentenceRelation } from '../../src/order/evidence.js';
import { fragmentFeatures } from '../../src/order/features.js';
import { render } from '../helpers/scramble.js';
import { syntheticBook } from '../helpers/synthetic-book.js';

function bookFeatures() {
  const book = syntheticBook({ seed: 11, chapters: 3, sections: [2, 3], paragraphs: [3, 5], preface: true, bibliography: true });
  const { raw } = render(book, book.pages.map((_, i) => i));
  const ingested = ingest(raw, { report: new Report(), sourceDate: new Date(0), sourceFile: 'band.raw.md' });
  const anchors = new Map([...ingested.anchors].map(([id, a]) => [ingested.fragments.findIndex((f) => f.id === id), a] as const));
  return placeAnchors(fragmentFeatures(ingested.fragments.map((f, id) => ({ ...f, id })), anchors));
}

describe('BandScores', () => {
  const features = bookFeatures();
  const n = features.length;
  const options = { hyphen: () => 0 };
  const sentence = { runsOn: 1.5, broken: -4 };
  const base = localScores(features, { ...options, sentence: { runsOn: 0, broken: 0 } });
  // as solveOrder weighs the dense scores
  const dense = (a: number, b: number): number => {
    const r = sentenceRelation(features[a]!, features[b]!);
    return Math.fround(base[a * n + b]! + (r === 'runsOn' ? sentence.runsOn : r === 'broken' ? sentence.broken : 0));
  };

  it('scores the pairs within reach and beyond it as every pair is scored', () => {
    expect(n).toBeGreaterThan(12);
    const band = new BandScores(features, { ...options, sentence: { runsOn: 0, broken: 0 } }, sentence, 4);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) expect(band.join(a, b)).toBe(dense(a, b));
    const scanned: string[] = [];
    band.scan((a, b, score) => {
      expect(score).toBe(dense(a, b));
      scanned.push(`${a},${b}`);
    });
    expect(scanned).toContain('0,4');
    expect(scanned).not.toContain('0,5');
  });

  it('adds a rhythm step to the joins that take it, and only to those', () => {
    const band = new BandScores(features, { ...options, sentence: { runsOn: 0, broken: 0 } }, sentence, 4);
    band.addStep(2, 1.25);
    expect(band.join(3, 5)).toBe(Math.fround(dense(3, 5) + 1.25));
    expect(band.join(3, 4)).toBe(dense(3, 4));
    expect(() => band.addStep(9, 1)).toThrow(/beyond the band/);
  });

  it('finds the joins both sides pick as their best, as over every pair, when it reaches every pair', () => {
    const band = new BandScores(features, { ...options, sentence: { runsOn: 0, broken: 0 } }, sentence, n);
    const found = band.mutualBestChains(0).flatMap((c) => c.members.slice(1).map((b, k) => `${c.members[k]},${b}`));
    // over every pair: the score with the chain score of the two single pages, the title page never a successor
    const singles = features.map((_, i) => chainOf([i], features));
    const score = (a: number, b: number): number => dense(a, b) + chainScore(singles[a]!, singles[b]!);
    const pages = [...features.keys()];
    const bestAfter = (a: number): number => pages.filter((b) => b !== a && b !== 0).reduce((x, y) => (score(a, y) > score(a, x) ? y : x));
    const bestBefore = (b: number): number => pages.filter((a) => a !== b).reduce((x, y) => (score(y, b) > score(x, b) ? y : x));
    const expected = pages.flatMap((a) => {
      const b = bestAfter(a);
      return bestBefore(b) === a ? [`${a},${b}`] : [];
    });
    expect(found.length).toBeGreaterThan(3);
    expect(found.sort()).toEqual(expected.sort());
  });
});
