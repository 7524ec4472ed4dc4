import { type FragmentFeatures } from './features.js';
import { type Chain, chainOf, placeAnchors } from './chains.js';
import { contract } from './contract.js';
import { type SolveOptions, chainScore, learnPattern, localScore, patternScore, topicScore } from './evidence.js';
import { insertRemaining } from './placement.js';

export type { HyphenJoinScore, SolveOptions } from './evidence.js';

export interface Join {
  /** Fragment index this join leads into. */
  to: number;
  from: number | null;
  score: number;
  reasons: string[];
}

/**
 * Orders fragments as a path: strong, unambiguous successor links first (mutual best with a margin),
 * re-scoring chain ends as chains grow, then cheapest insertion of what is left between the chains
 * that the Contents anchors already place.
 */
export function solveOrder(input: readonly FragmentFeatures[], options: SolveOptions): { order: number[]; joins: Join[] } {
  const features = placeAnchors(input);
  const n = features.length;
  const local = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) local[i * n + j] = localScore(features[i]!, features[j]!, options);

  let chains = contract(features, local, options.first);
  // The way the pages were scrambled often repeats (a booklet's sheet sides, a duplex scan): where
  // the sure joins show a preferred step through the raw file, it becomes evidence for the others.
  const pattern = learnPattern(chains, features, local);
  if (pattern.steps.size) {
    for (let i = 0; i < n; i++) for (const [step, bonus] of pattern.steps) if (i + step >= 0 && i + step < n) local[i * n + i + step]! += bonus;
    chains = contract(features, local, options.first, pattern);
  }
  const score = (x: Chain, y: Chain): number => local[x.members[x.members.length - 1]! * n + y.members[0]!]! + chainScore(x, y) + (pattern.steps.size ? patternScore(x, y, pattern) : 0) + topicScore(x, y, features);

  const order = insertRemaining(chains, score, options.first, features);
  const joins: Join[] = order.map((to, k) => {
    if (k === 0) return { to, from: null, score: 0, reasons: ['first page'] };
    const from = order[k - 1]!;
    const reasons: string[] = [];
    const s = localScore(features[from]!, features[to]!, options, reasons) + chainScore(chainOf(order.slice(0, k), features), chainOf([to, ...order.slice(k + 1, k + 6)], features), reasons);
    return { to, from, score: s, reasons };
  });
  return { order, joins };
}
