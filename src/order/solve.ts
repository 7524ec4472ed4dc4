import { assign } from './assignment.js';
import { cosine, type FragmentFeatures } from './features.js';

/** Scores how well the text at the end of one fragment runs on into the start of another. */
export type HyphenJoinScore = (cut: string, opening: string) => number;

export interface Join {
  /** Fragment index this join leads into. */
  to: number;
  from: number | null;
  score: number;
  reasons: string[];
}

interface Chain {
  members: number[];
  firstNote: number | null;
  lastNote: number | null;
  /** A notes-restarting heading comes before the chain's first note (or the chain has such a heading and no notes before it). */
  restartsFirst: boolean;
  /** Contents entry of the last notes-restarting heading, and whether notes follow it in the chain. */
  lastRestart: number | null;
  notesAfterLastRestart: boolean;
  /** Contents entry of the first notes-restarting heading (the chapter of the chain's later notes). */
  firstRestart: number | null;
  minEntry: number | null;
  maxEntry: number | null;
}

function chainOf(members: number[], features: readonly FragmentFeatures[]): Chain {
  const chain: Chain = { members, firstNote: null, lastNote: null, restartsFirst: false, lastRestart: null, notesAfterLastRestart: false, firstRestart: null, minEntry: null, maxEntry: null };
  for (const index of members) {
    const f = features[index]!;
    // Anchors sit among the fragment's notes; a restart before the fragment's first note counts first.
    for (const anchor of f.anchors) {
      chain.minEntry = chain.minEntry === null ? anchor.entry : Math.min(chain.minEntry, anchor.entry);
      chain.maxEntry = chain.maxEntry === null ? anchor.entry : Math.max(chain.maxEntry, anchor.entry);
      if (anchor.restartsNotes) {
        if (chain.firstNote === null && chain.firstRestart === null) chain.restartsFirst = true;
        chain.firstRestart ??= anchor.entry;
        chain.lastRestart = anchor.entry;
        chain.notesAfterLastRestart = false;
      }
    }
    if (f.firstNote !== null) {
      chain.firstNote ??= f.firstNote;
      chain.lastNote = f.lastNote;
      if (chain.lastRestart !== null) chain.notesAfterLastRestart = true;
    }
  }
  return chain;
}

/** Edge evidence between two fragments: fixed for the whole solve, so computed once. */
function localScore(t: FragmentFeatures, h: FragmentFeatures, hyphen: HyphenJoinScore, reasons?: string[]): number {
  let score = 0;
  if (t.endsOpen && h.startsOpen) {
    score += 3;
    reasons?.push('sentence runs on');
    if (t.endCut) {
      const join = hyphen(t.endCut, h.opening);
      score += join;
      reasons?.push(join > 0 ? `\`${t.endCut}\` joins \`${h.opening.split(/\s/)[0]}\`` : `\`${t.endCut}\` does not join well`);
    }
  } else if (t.endsOpen !== h.startsOpen) {
    score -= 8;
    reasons?.push(t.endsOpen ? 'sentence left unfinished' : 'page opens mid-sentence after a finished one');
  }
  if (h.hasTail) {
    score += t.lastNoteOpen ? 3 : -2;
    reasons?.push(t.lastNoteOpen ? 'note tail finishes the open note' : 'note tail with no open note before');
  } else if (t.lastNoteOpen) {
    score -= 1;
  }
  const similarity = cosine(t, h);
  score += 4 * similarity - 0.5;
  if (reasons && similarity > 0.15) reasons.push(`shared vocabulary ${similarity.toFixed(2)}`);
  return score;
}

function chainScore(x: Chain, y: Chain, reasons?: string[]): number {
  let score = 0;
  const a = x.lastNote;
  const b = y.firstNote;
  if (y.restartsFirst) {
    if (b !== null && b !== 1) score -= 8;
  } else if (b !== null) {
    if (x.lastRestart !== null && !x.notesAfterLastRestart) {
      score += b === 1 ? 6 : -8;
      reasons?.push(b === 1 ? 'notes start at 1 after the chapter opening' : `note ${b} cannot follow a chapter opening`);
    } else if (a !== null) {
      if (b === a + 1) {
        score += 6;
        reasons?.push(`notes run ${a} → ${b}`);
        if (x.lastRestart !== null && y.firstRestart !== null && y.firstRestart <= x.lastRestart) score -= 20;
      } else {
        score -= 8;
        reasons?.push(`notes jump ${a} → ${b}`);
      }
    }
  }
  if (x.maxEntry !== null && y.minEntry !== null) {
    if (y.minEntry <= x.maxEntry) {
      score -= 30;
      reasons?.push('Contents order violated');
    } else if (y.minEntry === x.maxEntry + 1) {
      score += 1;
    } else {
      // A heading found elsewhere in the text would have to sit inside this join.
      score -= 30;
      reasons?.push('skips Contents headings');
    }
  }
  return score;
}

export interface SolveOptions {
  hyphen: HyphenJoinScore;
  /** Fragment that must come first (the title page), if known. */
  first?: number;
}

/**
 * Orders fragments as a path: strong, unambiguous successor links first (mutual best with a margin),
 * re-scoring chain ends as chains grow, then cheapest insertion of what is left between the chains
 * that the Contents anchors already place.
 */
export function solveOrder(input: readonly FragmentFeatures[], options: SolveOptions): { order: number[]; joins: Join[] } {
  // Rank the Contents headings actually found, so "next heading" means the next one the text has.
  const found = [...new Set(input.flatMap((f) => f.anchors.map((a) => a.entry)))].sort((a, b) => a - b);
  const rank = new Map(found.map((entry, i) => [entry, i]));
  const features = input.map((f) => ({ ...f, anchors: f.anchors.map((a) => ({ ...a, entry: rank.get(a.entry)! })) }));
  const n = features.length;
  const local = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) local[i * n + j] = localScore(features[i]!, features[j]!, options.hyphen);

  let chains: Chain[] = features.map((_, i) => chainOf([i], features));
  const score = (x: Chain, y: Chain): number => local[x.members[x.members.length - 1]! * n + y.members[0]!]! + chainScore(x, y);

  for (const threshold of [8, 5, 3, 1]) {
    for (;;) {
      const links = assignmentLinks(chains, score, options.first, threshold);
      if (links.size === 0) break;
      const merged = acceptLinks(chains, links, features, score, threshold);
      if (merged.length === chains.length) break;
      chains = merged;
    }
  }

  const order = insertRemaining(chains, score, options.first);
  const joins: Join[] = order.map((to, k) => {
    if (k === 0) return { to, from: null, score: 0, reasons: ['first page'] };
    const from = order[k - 1]!;
    const reasons: string[] = [];
    const s = localScore(features[from]!, features[to]!, options.hyphen, reasons) + chainScore(chainOf(order.slice(0, k), features), chainOf([to, ...order.slice(k + 1, k + 6)], features), reasons);
    return { to, from, score: s, reasons };
  });
  return { order, joins };
}

/**
 * One round of the global step: every chain end chooses a successor so that the total score of all
 * joins is highest (an assignment, with a dummy node for the book's two ends). Joins scoring at least
 * `threshold` are kept; a cycle among them is broken at its weakest join.
 */
function assignmentLinks(chains: Chain[], score: (x: Chain, y: Chain) => number, first: number | undefined, threshold: number): Map<number, number> {
  const count = chains.length;
  const size = count + 1; // the last node is the dummy "outside the book"
  const cost = new Float64Array(size * size);
  const scores = new Float64Array(size * size);
  const FORBIDDEN = 1e6;
  for (let x = 0; x < count; x++) {
    for (let y = 0; y < count; y++) {
      if (x === y || chains[y]!.members[0] === first) {
        cost[x * size + y] = FORBIDDEN;
        continue;
      }
      const s = score(chains[x]!, chains[y]!);
      scores[x * size + y] = s;
      cost[x * size + y] = -s;
    }
    cost[x * size + count] = 0;
    cost[count * size + x] = chains[x]!.members[0] === first ? -50 : 0;
  }
  cost[count * size + count] = FORBIDDEN;
  const successor = assign(cost, size);
  const links = new Map<number, number>();
  for (let x = 0; x < count; x++) {
    const y = successor[x]!;
    if (y < count && scores[x * size + y]! >= threshold) links.set(x, y);
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
      for (const c of cycle) if (scores[c * size + links.get(c)!]! < scores[weakest * size + links.get(weakest)!]!) weakest = c;
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
function acceptLinks(chains: Chain[], links: Map<number, number>, features: readonly FragmentFeatures[], score: (x: Chain, y: Chain) => number, threshold: number): Chain[] {
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

/** Anchored chains in Contents order form the spine; the rest go where they cost least. */
function insertRemaining(chains: Chain[], score: (x: Chain, y: Chain) => number, first: number | undefined): number[] {
  const anchored = chains.filter((c) => c.minEntry !== null).sort((a, b) => a.minEntry! - b.minEntry!);
  const loose = chains.filter((c) => c.minEntry === null).sort((a, b) => b.members.length - a.members.length);
  const spine: Chain[] = [];
  const firstChain = loose.findIndex((c) => c.members[0] === first);
  if (firstChain >= 0) spine.push(...loose.splice(firstChain, 1));
  spine.push(...anchored);
  for (const chain of loose) {
    let bestAt = spine.length;
    let best = spine.length ? score(spine[spine.length - 1]!, chain) : 0;
    for (let k = spine[0]?.members[0] === first ? 1 : 0; k < spine.length; k++) {
      const before = spine[k - 1];
      const after = spine[k]!;
      const gain = (before ? score(before, chain) - score(before, after) : 0) + score(chain, after);
      if (gain > best) {
        best = gain;
        bestAt = k;
      }
    }
    spine.splice(bestAt, 0, chain);
  }
  return spine.flatMap((c) => c.members);
}
