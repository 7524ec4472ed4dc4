/**
 * Pages with nothing to number them: no notes, no heading, no list entries. The assembly and the
 * search place such a page by its joins and its neighbourhood, and where a chapter's note numbers
 * run on from one noted page to the next, they favour the two noted pages meeting: the page that
 * stands between them in the book is left wherever else it read well enough. (A random permutation
 * of the real book, seed 7: of the 111 joins from a noted page into a plain one, 30 came back; in
 * 47 of those lost, the order went straight on to the noted page the plain one leads into.)
 * Here each plain page may move, anywhere, to the join its own evidence says it belongs in (the
 * page before carried on into it and it into the page after, a word cut and finished) where the
 * move gains the joins it changes at least SEAT_GAIN, and the whole order, note numbers and page
 * counts judged too, gains.
 */
import type { SolverFeatures } from './chains.js';
import { orderWorth } from './reseat.js';

/**
 * What a plain page's move must gain on the joins it changes before the whole order is judged.
 * Permutations of the real book, seeds 1–13: 475.2 page joins kept on average (468.9 without the
 * moves); stacks dropped and picked up, seeds 1–13: 3 joins more on average, none fewer. (Seeds 7,
 * 11 and 13 of permutations: 3 gains most; 2 and 4 a little less, 8 far less.)
 */
const SEAT_GAIN = 3;
/** The pages a plain page is tried after (its best predecessors) and before (its best successors). */
const SEAT_CANDIDATES = 8;
/** Moves judged on the whole order in each round, best gain first: the first that gains is made. */
const MOVES_JUDGED = 5;
/** How many pages may move, at most: each round moves one. */
const MOST_MOVES = 200;

/** Whether a fragment holds nothing that numbers it: no notes (not even a note's tail), no heading, no list entries. */
function isPlain(f: SolverFeatures): boolean {
  return f.firstNote === null && !f.hasTail && f.anchors.length === 0 && f.listKey === null && f.entryKey === null;
}

/** The order with plain pages moved to the joins their own evidence sets them in (see the module's comment). `local`: the joins' scores, n × n. */
export function seatPlainPages(start: readonly number[], features: readonly SolverFeatures[], local: Float32Array, first: number | undefined): number[] {
  const n = features.length;
  const join = (a: number | undefined, b: number | undefined): number => (a === undefined || b === undefined ? 0 : local[a * n + b]!);
  const plain = start.filter((index) => index !== first && isPlain(features[index]!));
  if (!plain.length) return [...start];
  // Each plain page's best joins on either side: the places worth trying are beside them.
  const best = (scoreOf: (other: number) => number, page: number): number[] => {
    const ranked: Array<[number, number]> = [];
    for (let other = 0; other < n; other++) {
      if (other === page) continue;
      const score = scoreOf(other);
      if (ranked.length < SEAT_CANDIDATES || score > ranked[ranked.length - 1]![1]) {
        ranked.push([other, score]);
        ranked.sort((x, y) => y[1] - x[1]);
        if (ranked.length > SEAT_CANDIDATES) ranked.pop();
      }
    }
    return ranked.map(([other]) => other);
  };
  const before = new Map(plain.map((page) => [page, best((other) => join(other, page), page)]));
  const after = new Map(plain.map((page) => [page, best((other) => join(page, other), page)]));
  let order = [...start];
  let worth = orderWorth(order, features, local);
  const at = new Int32Array(n);
  for (let moves = 0; moves < MOST_MOVES; moves++) {
    order.forEach((index, k) => (at[index] = k));
    const tried: Array<{ page: number; before: number; gain: number }> = [];
    for (const page of plain) {
      const k = at[page]!;
      const out = join(order[k - 1], order[k + 1]) - join(order[k - 1], page) - join(page, order[k + 1]);
      /** The gain of setting the page between two neighbours of the order (x before y). */
      const into = (x: number | undefined, y: number | undefined): number => out + join(x, page) + join(page, y) - join(x, y);
      let found = { before: -1, gain: -Infinity };
      const consider = (x: number | undefined, y: number | undefined): void => {
        // (not where it stands, nor before the first page: the title page opens the book)
        if (x === undefined || y === undefined || x === page || y === page) return;
        const gain = into(x, y);
        if (gain > found.gain) found = { before: y, gain };
      };
      for (const x of before.get(page)!) consider(x, order[at[x]! + 1]);
      for (const y of after.get(page)!) consider(order[at[y]! - 1], y);
      if (found.gain >= SEAT_GAIN) tried.push({ page, before: found.before, gain: found.gain });
    }
    tried.sort((a, b) => b.gain - a.gain);
    let moved = false;
    for (const { page, before: next } of tried.slice(0, MOVES_JUDGED)) {
      const candidate = order.filter((index) => index !== page);
      candidate.splice(candidate.indexOf(next), 0, page);
      const candidateWorth = orderWorth(candidate, features, local);
      if (candidateWorth > worth) {
        [order, worth, moved] = [candidate, candidateWorth, true];
        break;
      }
    }
    if (!moved) break;
  }
  return order;
}
