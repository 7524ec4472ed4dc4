/** The global step: successor assignment over chain ends, contracted round by round. */
import { type Assignment, solveAssignment } from './assignment.js';
import { type Chain, type SolverFeatures, chainOf } from './chains.js';
import { type ScramblePattern, chainScore, patternScore, topicScore } from './evidence.js';

/** Every fragment as a chain of its own, and what the chains' headings and notes say of each join. */
export interface SingleChains {
  chains: Chain[];
  /** chainScore of every ordered pair (row = the chain before), the diagonal 0. */
  between: Float64Array;
}

/** The first round's chains and their chain scores: the same for every contraction of a solve. */
export function singleChains(features: readonly SolverFeatures[]): SingleChains {
  const n = features.length;
  const chains = features.map((_, i) => chainOf([i], features));
  const between = new Float64Array(n * n);
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) if (x !== y) between[x * n + y] = chainScore(chains[x]!, chains[y]!);
  return { chains, between };
}

/** What joining chain x to chain y scores: the last and first pages' join, the headings and notes, the scramble's rhythm and the topic. */
export function chainJoinScore(features: readonly SolverFeatures[], local: Float32Array, pattern?: ScramblePattern): (x: Chain, y: Chain) => number {
  const n = features.length;
  return (x, y) => local[x.members[x.members.length - 1]! * n + y.members[0]!]! + chainScore(x, y) + (pattern ? patternScore(x, y, pattern) : 0) + topicScore(x, y, features);
}

/** Iterated assignment with contraction: strong joins first, weaker ones as chains grow. */
export function contract(features: readonly SolverFeatures[], local: Float32Array, first: number | undefined, pattern?: ScramblePattern, singles = singleChains(features)): Chain[] {
  const n = features.length;
  let chains: Chain[] = singles.chains;
  const score = chainJoinScore(features, local, pattern);
  // Single fragments have no rhythm of their own and too few pages for a topic: their score is the
  // local one plus the chain score, and the chain score is shared by every contraction.
  const opening = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) opening[k] = local[k]! + singles.between[k]!;
  for (let i = 0; i < n; i++) opening[i * n + i] = 0;
  const scores = new JoinScores(score, chains, opening);
  let solved = null as Round | null;
  for (const threshold of [8, 5, 3]) {
    for (;;) {
      const matrix = scores.of(chains);
      // The assignment does not depend on the threshold: chains a round left unmerged keep theirs.
      if (solved?.chains !== chains) solved = successors(chains, matrix, first, solved);
      const links = linksAbove(solved.successor, matrix, threshold);
      if (links.size === 0) break;
      const merged = acceptLinks(chains, links, features, score, threshold);
      if (merged.length === chains.length) break;
      chains = merged;
    }
  }
  return chains;
}

/**
 * Every chain's join score to every other, kept from round to round: a round merges only some
 * chains, and only the joins of the merged ones need scoring again.
 */
class JoinScores {
  constructor(
    private readonly score: (x: Chain, y: Chain) => number,
    private chains: Chain[],
    private matrix: Float64Array,
  ) {}

  of(chains: Chain[]): Float64Array {
    if (chains === this.chains) return this.matrix;
    const count = chains.length;
    const previousIndex = new Map(this.chains.map((c, i) => [c, i]));
    const old = chains.map((c) => previousIndex.get(c) ?? -1);
    const previousCount = this.chains.length;
    const matrix = new Float64Array(count * count);
    for (let x = 0; x < count; x++) {
      const ox = old[x]!;
      for (let y = 0; y < count; y++) {
        if (x === y) continue;
        const oy = old[y]!;
        matrix[x * count + y] = ox >= 0 && oy >= 0 ? this.matrix[ox * previousCount + oy]! : this.score(chains[x]!, chains[y]!);
      }
    }
    this.chains = chains;
    this.matrix = matrix;
    return matrix;
  }
}

/** One round's assignment: each chain's successor (the chain count for the dummy), and the solution it came from. */
interface Round {
  chains: Chain[];
  successor: Int32Array;
  solution: Assignment;
}

/**
 * One round of the global step: every chain end chooses a successor so that the total score of all
 * joins is highest (an assignment, with a dummy node for the book's two ends). A round after another
 * starts from the last one's solution: the chains it did not merge keep their successors and
 * potentials, so only the merged ones need a path.
 */
export function successors(chains: Chain[], scores: Float64Array, first: number | undefined, previous: Round | null = null): Round {
  const count = chains.length;
  const size = count + 1; // the last node is the dummy "outside the book"
  const cost = new Float64Array(size * size);
  const FORBIDDEN = 1e6;
  // (asked once per chain, not once per pair)
  const opensBook = Uint8Array.from(chains, (chain) => (chain.members[0] === first ? 1 : 0));
  for (let x = 0; x < count; x++) {
    for (let y = 0; y < count; y++) cost[x * size + y] = x === y || opensBook[y] === 1 ? FORBIDDEN : -scores[x * count + y]!;
    cost[x * size + count] = 0;
    cost[count * size + x] = opensBook[x] === 1 ? -50 : 0;
  }
  cost[count * size + count] = FORBIDDEN;
  const solution = solveAssignment(cost, size, previous ? startFrom(previous, chains) : undefined);
  return { chains, successor: solution.rowToColumn.subarray(0, count), solution };
}

/** The last round's solution in this round's indexes: its potentials and successors, for the chains both rounds have. */
function startFrom(previous: Round, chains: readonly Chain[]): { columnPotentials: Float64Array; rowToColumn: Int32Array } {
  const before = previous.chains.length;
  const oldIndex = new Map(previous.chains.map((c, i) => [c, i]));
  const toOld = [...chains.map((c) => oldIndex.get(c) ?? -1), before];
  const toNew = new Int32Array(before + 1).fill(-1);
  toOld.forEach((old, x) => old >= 0 && (toNew[old] = x));
  const columnPotentials = Float64Array.from(toOld, (old) => (old >= 0 ? previous.solution.columnPotentials[old]! : Number.NaN));
  const rowToColumn = Int32Array.from(toOld, (old) => (old >= 0 ? toNew[previous.solution.rowToColumn[old]!]! : -1));
  return { columnPotentials, rowToColumn };
}

/** The assigned joins scoring at least `threshold`; a cycle among them is broken at its weakest join. */
export function linksAbove(successor: Int32Array, scores: Float64Array, threshold: number): Map<number, number> {
  const count = successor.length;
  const links = new Map<number, number>();
  for (let x = 0; x < count; x++) {
    const y = successor[x]!;
    if (y < count && scores[x * count + y]! >= threshold) links.set(x, y);
  }
  // Break cycles at their weakest join.
  const state = new Uint8Array(count);
  for (let start = 0; start < count; start++) {
    if (state[start]) continue;
    const path: number[] = [];
    let x: number | undefined = start;
    while (x !== undefined && !state[x]) {
      state[x] = 1;
      path.push(x);
      x = links.get(x);
    }
    if (x !== undefined && state[x] === 1) {
      const cycle = path.slice(path.indexOf(x));
      let weakest = cycle[0]!;
      for (const c of cycle) if (scores[c * count + links.get(c)!]! < scores[weakest * count + links.get(weakest)!]!) weakest = c;
      links.delete(weakest);
    }
    for (const c of path) state[c] = 2;
  }
  return links;
}

/**
 * Applies one round's joins strongest first, each judged again against the chains as they have
 * grown in this round: two joins that are fine alone can together skip a heading or break the
 * note sequence, and then the weaker one waits for a later round.
 */
export function acceptLinks(chains: Chain[], links: Map<number, number>, features: readonly SolverFeatures[], score: (x: Chain, y: Chain) => number, threshold: number): Chain[] {
  const ranked = [...links].map(([x, y]) => ({ x, y, s: score(chains[x]!, chains[y]!) })).sort((a, b) => b.s - a.s);
  // Each group is a run of original chains; groups are keyed by their head chain.
  const groupOf = chains.map((_, i) => i);
  const runs = new Map<number, number[]>(chains.map((_, i) => [i, [i]]));
  const composite = new Map<number, Chain>(chains.map((c, i) => [i, c]));
  const find = (i: number): number => (groupOf[i] === i ? i : (groupOf[i] = find(groupOf[i]!)));
  for (const { x, y } of ranked) {
    const gx = find(x);
    const gy = find(y);
    if (gx === gy) continue;
    const runX = runs.get(gx)!;
    const runY = runs.get(gy)!;
    if (runX[runX.length - 1] !== x || runY[0] !== y) continue;
    if (score(composite.get(gx)!, composite.get(gy)!) < threshold) continue;
    const run = [...runX, ...runY];
    groupOf[gy] = gx;
    runs.set(gx, run);
    runs.delete(gy);
    composite.set(gx, chainOf(run.flatMap((c) => chains[c]!.members), features));
    composite.delete(gy);
  }
  return [...composite.values()];
}
