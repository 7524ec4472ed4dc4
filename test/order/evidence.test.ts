import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, solveAssignment } from '../../src/order/assignment.js';
import { chainOf, placeAnchors } from '../../src/order/chains.js';
import { learnPattern, localScore, neighbourhoodJoins, patternScore } from '../../src/order/evidence.js';
import type { FragmentFeatures } from '../../src/order/features.js';
import { WordPairs } from '../../src/order/word-pairs.js';
import type { Fragment } from '../../src/model/page.js';
import { pageFeatures } from '../helpers/features.js';

describe('assign (Hungarian method)', () => {
  it('finds the cheapest perfect assignment', () => {
    // Rows choose columns; the greedy pick (row 0 → column 0, cost 1) is not optimal.
    const cost = Float64Array.from([1, 2, 9, 2, 9, 9, 9, 3, 1]);
    expect([...assign(cost, 3)]).toEqual([1, 0, 2]);
  });

  it('started from a similar problem’s solution, finds an assignment as cheap as from scratch', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const total = (cost: Float64Array, n: number, rows: Int32Array) => rows.reduce((sum, column, row) => sum + cost[row * n + column]!, 0);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(random() * 25);
      const first = Float64Array.from({ length: n * n }, () => (random() < 0.3 ? Math.round(random() * 4) / 2 : random() * 10 - 5));
      const previous = solveAssignment(first, n);
      // Some rows and columns change (chains merged), and one column is new.
      const second = first.map((c) => (random() < 0.2 ? random() * 10 - 5 : c));
      const columnPotentials = previous.columnPotentials.map((v, j) => (j === 0 ? Number.NaN : v));
      const rowToColumn = previous.rowToColumn.map((c) => (c === 0 ? -1 : c));
      const warm = solveAssignment(second, n, { columnPotentials, rowToColumn });
      expect(new Set(warm.rowToColumn).size).toBe(n);
      expect(total(second, n, warm.rowToColumn)).toBeCloseTo(total(second, n, assign(second, n)), 9);
    }
  });
});

/** Features of a fragment whose notes run from `first` to `last` (null: none). */
function page(id: number, first: number | null, last = first): FragmentFeatures {
  return pageFeatures(id, { firstNote: first, lastNote: last });
}

/** Chains whose notes run on, laid out in raw order by the given successive steps. */
function chainsWithSteps(steps: number[], count: number): { features: ReturnType<typeof placeAnchors>; members: number[][] } {
  const chains: number[][] = [];
  let start = 0;
  while (start < count - 40) {
    const members = [start];
    for (let k = 0; members.length < 12; k++) members.push((members[members.length - 1]! + steps[k % steps.length]!) % count);
    chains.push(members);
    start += 40;
  }
  const notes = new Map<number, number>();
  for (const members of chains) members.forEach((m, i) => notes.set(m, i + 1));
  const features = placeAnchors(Array.from({ length: count }, (_, id) => page(id, notes.get(id) ?? null)));
  return { features, members: chains };
}

describe('learnPattern', () => {
  it('learns a booklet’s rhythm of raw steps from sure joins', () => {
    const { features, members } = chainsWithSteps([1, 3], 400);
    const pattern = learnPattern(members.map((m) => chainOf(m, features)), features, () => 0);
    expect([...pattern.steps.keys()].sort((a, b) => a - b)).toEqual([1, 3]);
    expect(pattern.transitions.get('1,3')).toBeGreaterThan(0);
    expect(pattern.transitions.get('1,1') ?? -1).toBeLessThan(0);
    // A join that keeps the rhythm beats one that breaks it.
    const ending = chainOf([0, 1], features);
    expect(patternScore(ending, chainOf([4, 5], features), pattern)).toBeGreaterThan(patternScore(ending, chainOf([2, 3], features), pattern));
  });

  it('learns nothing from a random scramble', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647);
    const steps = Array.from({ length: 60 }, () => (random() % 300) + 9);
    const { features, members } = chainsWithSteps(steps, 4000);
    const pattern = learnPattern(members.map((m) => chainOf(m, features)), features, () => 0);
    expect(pattern.steps.size).toBe(0);
  });
});

describe('WordPairs', () => {
  it('rates the word pairs the book uses above pairs it never uses', () => {
    const block = (text: string) => ({ index: 0, kind: 'body' as const, text, span: { startLine: 1, endLine: 1, start: 0, end: 0 }, refs: [] });
    const fragment: Fragment = { id: 0, body: [block('The working class and the working day.'), block('A working class movement.')], noteTail: null, notes: [], refs: [], candidateSplits: [], cutReason: '', span: { startLine: 1, endLine: 1, start: 0, end: 0 } };
    const pairs = new WordPairs([fragment]);
    expect(pairs.lift('working', 'class')).toBeGreaterThan(1);
    expect(pairs.lift('class', 'working')).toBeLessThan(0.5);
  });
});

describe('WordPairs.firstWord and lastWord', () => {
  it('are the first and last of the words the pairs count, found without listing the rest', () => {
    const wordsOf = (text: string): string[] => text.replace(/<sup>\d+<\/sup>/g, ' ').toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? [];
    for (const text of ['', '12 — 34', 'The state and the', 'workers’ self-activity.<sup>12</sup>', "-'ab cd-- --", 'İstanbul', 'end 𝐀𝐁 —', 'a \ud835 b', 'x\udc00']) {
      const words = wordsOf(text);
      expect(WordPairs.firstWord(text), JSON.stringify(text)).toBe(words[0] ?? null);
      expect(WordPairs.lastWord(text), JSON.stringify(text)).toBe(words[words.length - 1] ?? null);
    }
    const anyText = fc.array(fc.constantFrom('a', 'Z', 'é', 'İ', '中', '𝐀', '\ud835', '\udc00', "'", '’', '-', ' ', '.', '1', '<sup>2</sup>'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(anyText, (text) => {
        const words = wordsOf(text);
        expect(WordPairs.firstWord(text)).toBe(words[0] ?? null);
        expect(WordPairs.lastWord(text)).toBe(words[words.length - 1] ?? null);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a web address at a page top', () => {
  it('joins best the page whose last paragraph has the title its path repeats', () => {
    const options = { hyphen: () => 0 };
    const address = { ...page(1, null), startsOpen: true, addressWords: ['oureconomy', 'how', 'communist', 'mayor', 'defeating', 'privatisation', 'chile'] };
    const entry = (words: string) => ({ ...page(0, null), endsOpen: true, closingWords: new Set(words.split(' ')) });
    const [sameTitle, otherTitle] = placeAnchors([entry('alexander pinez pinto how communist mayor defeating privatisation chile open democracy april'), entry('miles hadfield fire the bosses platform co-ops set out their radical stall thenews november'), address]);
    const reasons: string[] = [];
    const right = localScore(sameTitle!, placeAnchors([address])[0]!, options, reasons);
    const wrong = localScore(otherTitle!, placeAnchors([address])[0]!, options);
    expect(right - wrong).toBe(5);
    expect(reasons).toContain('the address repeats 6 words of the title before it');
  });
});

describe('a page that opens on the rest of a word', () => {
  it('joins the page that cuts it, not a page that leaves a sentence open without a cut', () => {
    const wordRest = (word: string): boolean => word === 'dustrial';
    const options = { hyphen: (cut: string, opening: string) => (cut === 'in-' && opening.startsWith('dustrial') ? 3 : -1), wordRest };
    const rest = { ...page(2, null), startsOpen: true, firstWord: 'dustrial', opening: 'dustrial bourgeoisie. Only under its rule' };
    const [cutting, open] = placeAnchors([
      { ...page(0, null), endsOpen: true, endCut: 'in-', lastWord: 'in' },
      { ...page(1, null), endsOpen: true, lastWord: 'the' },
      rest,
    ]);
    const after = placeAnchors([rest])[0]!;
    const reasons: string[] = [];
    const uncut = localScore(open!, after, options, reasons);
    expect(localScore(cutting!, after, options) - uncut).toBe(3 + 3);
    expect(reasons).toContain('the page opens on `dustrial`, the rest of a word the page before does not cut');
    // (a page that opens on a word is not held to it)
    const word = placeAnchors([{ ...rest, firstWord: 'bourgeoisie' }])[0]!;
    expect(localScore(open!, word, options) - uncut).toBe(3);
  });
});

describe('neighbourhoodJoins', () => {
  /** 160 pages in four chapters of 40; each page holds three words of its chapter's twenty and two of a shared hundred. */
  function chapters(): FragmentFeatures[] {
    let seed = 11;
    const random = (below: number) => (seed = (seed * 16807) % 2147483647) % below;
    return Array.from({ length: 160 }, (_, id) => {
      const chapter = Math.floor(id / 40);
      const ids = new Set<number>();
      while (ids.size < 3) ids.add(1000 + chapter * 20 + random(20));
      while (ids.size < 5) ids.add(random(100));
      const termIds = Uint32Array.from([...ids].sort((a, b) => a - b));
      return { ...page(id, null), termIds, terms: Float64Array.from(termIds, () => 1 / Math.sqrt(5)) };
    });
  }
  const chainsOf = (features: ReturnType<typeof placeAnchors>) => [0, 40, 80, 120].map((start) => chainOf(Array.from({ length: 30 }, (_, k) => start + k), features));
  const mean = (scores: Float32Array, pairs: Array<[number, number]>) => pairs.reduce((sum, [a, b]) => sum + scores[a * 160 + b]!, 0) / pairs.length;
  const within = Array.from({ length: 159 }, (_, k): [number, number] => [k, k + 1]).filter(([a, b]) => Math.floor(a / 40) === Math.floor(b / 40));
  const across = Array.from({ length: 120 }, (_, k): [number, number] => [k, k + 40]);

  it('learns from the sure joins that pages near the same pages follow each other', () => {
    const features = placeAnchors(chapters());
    const scores = neighbourhoodJoins(features, { chains: chainsOf(features), pattern: undefined });
    expect(mean(scores, within)).toBeGreaterThan(0.5);
    expect(mean(scores, across)).toBeLessThan(0);
  });

  it('says nothing where the raw file’s rhythm explains the sure joins', () => {
    const features = placeAnchors(chapters());
    const scores = neighbourhoodJoins(features, { chains: chainsOf(features), pattern: { steps: new Map([[1, 3]]), transitions: new Map() } });
    expect(scores.every((s) => s === 0)).toBe(true);
  });

  it('says little where there are no sure joins to learn from', () => {
    const features = placeAnchors(chapters());
    const scores = neighbourhoodJoins(features, { chains: [], pattern: undefined });
    expect(Math.max(...scores.map(Math.abs))).toBeLessThan(1e-6);
  });
});
