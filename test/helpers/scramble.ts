/**
 * Seeded page scramblers for synthetic books, and the renderer that turns a scrambled page
 * sequence into raw extraction text (pages concatenated with blank lines, blank pages leaving
 * nothing). A scramble is a list of page indexes (into `book.pages`) in the order the extraction
 * gives them; damage drops or repeats a page.
 */
import { mulberry32, randInt, shuffle, type Rng } from './synthetic-book.js';
import type { SyntheticBook } from './synthetic-book.js';

export type ScrambleKind = 'identity' | 'permutation' | 'duplex' | 'piles' | 'interleave' | 'booklet' | 'sheets' | 'stacks';

export const SCRAMBLE_KINDS: readonly ScrambleKind[] = ['identity', 'permutation', 'duplex', 'piles', 'interleave', 'booklet', 'sheets', 'stacks'];

/** Pages 1, 3, 5, … (fronts) then …, 6, 4, 2 (backs, reversed): a duplex scan of a stack of sheets. */
export function duplex(count: number): number[] {
  const fronts: number[] = [];
  const backs: number[] = [];
  for (let i = 0; i < count; i++) (i % 2 === 0 ? fronts : backs).push(i);
  return [...fronts, ...backs.reverse()];
}

/** Pages 1, 3, 5, … (fronts) then 2, 4, 6, … (backs, forward): a duplex stack scanned fronts first, then turned over and fed again as it lay. */
export function piles(count: number): number[] {
  const fronts: number[] = [];
  const backs: number[] = [];
  for (let i = 0; i < count; i++) (i % 2 === 0 ? fronts : backs).push(i);
  return [...fronts, ...backs];
}

/** Cuts the pages into `runs` contiguous runs and deals them out one page from each run in turn. */
export function interleave(count: number, runs: number): number[] {
  const size = Math.ceil(count / runs);
  const out: number[] = [];
  for (let k = 0; k < size; k++) for (let r = 0; r < runs; r++) if (r * size + k < count && k < size) out.push(r * size + k);
  return out;
}

/**
 * Booklet 2-up imposition, saddle-stitched signatures of `signature` pages (a multiple of 4): each
 * sheet side holds two pages, [S,1], [2,S−1], [S−2,3], [4,S−3], … of each signature, in turn.
 * Pages past the book's end are blank and leave nothing.
 */
export function booklet(count: number, signature: number): number[] {
  if (signature % 4 !== 0) throw new Error('a signature holds a multiple of 4 pages');
  const out: number[] = [];
  for (let base = 0; base < count; base += signature) {
    for (let i = 0; i < signature / 2; i++) {
      const a = signature - i; // 1-based within the signature
      const b = 1 + i;
      const side = i % 2 === 0 ? [a, b] : [b, a];
      for (const p of side) if (base + p - 1 < count) out.push(base + p - 1);
    }
  }
  return out;
}

/**
 * A booklet's sheet sides (two pages each, see {@link booklet}) extracted in a random order: the
 * pages of one side stay together, the sides do not keep their imposition order.
 */
export function shuffledSheets(count: number, signature: number, rng: Rng): number[] {
  const imposed = booklet(count, signature);
  const sides: number[][] = [];
  for (let k = 0; k < imposed.length; k += 2) sides.push(imposed.slice(k, k + 2));
  return shuffle(rng, sides).flat();
}

/**
 * A stack of pages dropped and picked up again: cut into runs of `shortest` to `longest` pages,
 * each run's pages still in order, the runs in a random order.
 */
export function droppedStack(count: number, rng: Rng, shortest = 8, longest = 40): number[] {
  const runs: number[][] = [];
  for (let start = 0; start < count; ) {
    const length = Math.min(count - start, randInt(rng, shortest, longest));
    runs.push(Array.from({ length }, (_, k) => start + k));
    start += length;
  }
  return shuffle(rng, runs).flat();
}

/**
 * The pages' indexes in the order `kind` deals them out with `seed`. `signature`: the booklet's
 * and the sheet sides' signature size (a multiple of 4); by default one the seed picks, 8 to 20.
 */
export function scramble(kind: ScrambleKind, count: number, seed: number, signature?: number): number[] {
  const rng = mulberry32(seed);
  const identity = Array.from({ length: count }, (_, i) => i);
  switch (kind) {
    case 'identity':
      return identity;
    case 'permutation':
      return shuffle(rng, identity);
    case 'duplex':
      return duplex(count);
    case 'piles':
      return piles(count);
    case 'interleave':
      return interleave(count, randInt(rng, 2, 4));
    case 'booklet':
      return booklet(count, signature ?? 4 * randInt(rng, 2, 5));
    case 'sheets':
      return shuffledSheets(count, signature ?? 4 * randInt(rng, 2, 5), rng);
    case 'stacks':
      return droppedStack(count, rng);
  }
}

/** Leaves out the page at `page` (an index into the book's pages). */
export function dropPage(order: readonly number[], page: number): number[] {
  return order.filter((p) => p !== page);
}

/** Repeats the page `page` at a seeded position of the order. */
export function duplicatePage(order: readonly number[], page: number, rng: Rng): number[] {
  const out = [...order];
  out.splice(randInt(rng, 0, out.length), 0, page);
  return out;
}

export interface Rendered {
  raw: string;
  /** For each entry of the order: the page index and the 1-based raw line its text starts on (null if blank). */
  placed: Array<{ page: number; line: number | null }>;
}

/** Pages → raw extraction text, blank lines between pages, blank pages leaving nothing. */
export function render(book: SyntheticBook, order: readonly number[]): Rendered {
  const parts: string[] = [];
  const placed: Rendered['placed'] = [];
  let line = 1;
  for (const index of order) {
    const text = book.pages[index]?.text ?? '';
    if (!text) {
      placed.push({ page: index, line: null });
      continue;
    }
    placed.push({ page: index, line });
    parts.push(text);
    line += text.split('\n').length + 1;
  }
  return { raw: `${parts.join('\n\n')}\n`, placed };
}
