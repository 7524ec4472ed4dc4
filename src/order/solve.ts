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
  /** Printed page of the first and last Contents heading in the chain, and how many fragments lie before / after them. */
  firstAnchor: PlacedAnchor | null;
  lastAnchor: PlacedAnchor | null;
  /** Fragments before the first heading's fragment, and after the last one's. */
  before: number;
  after: number;
  /** The chapter the chain's first and last text belong to, where a heading tells. */
  chapterAtStart: number | null;
  chapterAtEnd: number | null;
}

/** A Contents heading as the solver sees it: ranked among the headings found, and placed in the book. */
interface PlacedAnchor {
  entry: number;
  restartsNotes: boolean;
  page: number;
  /** The chapter (its opening heading's rank) the heading lies in, and for a chapter opening, the chapter before it. */
  chapter: number;
  chapterBefore: number | null;
  /** Fragments that may lie after (before) the heading's own before the next (after the previous) heading. */
  pagesAfter: number;
  pagesBefore: number;
}

type SolverFeatures = Omit<FragmentFeatures, 'anchors'> & { anchors: PlacedAnchor[] };

/** Ranks the headings the text has and places each in its chapter and between its neighbours' pages. */
function placeAnchors(input: readonly FragmentFeatures[]): SolverFeatures[] {
  const found = [...new Set(input.flatMap((f) => f.anchors.map((a) => a.entry)))].sort((a, b) => a - b);
  const rank = new Map(found.map((entry, i) => [entry, i]));
  const page: number[] = [];
  const restarts = new Set<number>();
  for (const f of input) {
    for (const a of f.anchors) {
      page[rank.get(a.entry)!] = a.page;
      if (a.restartsNotes) restarts.add(rank.get(a.entry)!);
    }
  }
  const owner: number[] = [];
  const before: (number | null)[] = [];
  let current = -1;
  for (let r = 0; r < found.length; r++) {
    before.push(current >= 0 ? current : null);
    if (restarts.has(r)) current = r;
    owner.push(current);
  }
  return input.map((f) => ({
    ...f,
    anchors: f.anchors.map((a) => {
      const r = rank.get(a.entry)!;
      return {
        entry: r,
        restartsNotes: a.restartsNotes,
        page: a.page,
        chapter: owner[r]!,
        chapterBefore: before[r] ?? null,
        pagesAfter: r + 1 < found.length ? page[r + 1]! - page[r]! - 1 : Infinity,
        pagesBefore: r > 0 ? page[r]! - page[r - 1]! - 1 : Infinity,
      };
    }),
  }));
}

function chainOf(members: number[], features: readonly SolverFeatures[]): Chain {
  const chain: Chain = { members, firstNote: null, lastNote: null, restartsFirst: false, lastRestart: null, notesAfterLastRestart: false, firstRestart: null, minEntry: null, maxEntry: null, firstAnchor: null, lastAnchor: null, before: 0, after: 0, chapterAtStart: null, chapterAtEnd: null };
  members.forEach((index, at) => {
    const f = features[index]!;
    if (f.anchors.length) {
      if (chain.firstAnchor === null) {
        const first = f.anchors[0]!;
        chain.firstAnchor = first;
        chain.before = at;
        chain.chapterAtStart = first.restartsNotes ? first.chapterBefore : first.chapter;
      }
      chain.lastAnchor = f.anchors[f.anchors.length - 1]!;
      chain.chapterAtEnd = chain.lastAnchor.chapter;
      chain.after = members.length - 1 - at;
    }
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
  });
  return chain;
}

/** Edge evidence between two fragments: fixed for the whole solve, so computed once. */
function localScore(t: SolverFeatures, h: SolverFeatures, options: SolveOptions, reasons?: string[]): number {
  const hyphen = options.hyphen;
  let score = 0;
  if (t.endsOpen && h.startsOpen) {
    score += 1.5;
    reasons?.push('sentence runs on');
    if (options.wordPair && t.lastWord && h.firstWord && !t.endCut) {
      const lift = options.wordPair(t.lastWord, h.firstWord);
      score += lift;
      if (lift > 1) reasons?.push(`the book says \`${t.lastWord} ${h.firstWord}\` elsewhere`);
    }
    if (t.endCut) {
      const join = hyphen(t.endCut, h.opening);
      score += join;
      reasons?.push(join > 0 ? `\`${t.endCut}\` joins \`${h.opening.split(/\s/)[0]}\`` : `\`${t.endCut}\` does not join well`);
    }
  } else if (t.endsOpen && t.endsMidPhrase && h.startsWithName) {
    // `… strength outside` + `Parliament was wrong`: a name can carry the sentence on.
    score += 1;
    reasons?.push('sentence may run on into a name');
  } else if (t.endsOpen && t.endsOnComma) {
    // `As Liddell-Hart put it,` + `For even if…`: a lead-in whose quotation opens the next page.
    reasons?.push('a lead-in may open a quotation');
  } else if (t.endsOpen !== h.startsOpen) {
    score -= 4;
    reasons?.push(t.endsOpen ? 'sentence left unfinished' : 'page opens mid-sentence after a finished one');
  }
  if (h.hasTail) {
    score += t.lastNoteOpen ? 3 : -2;
    reasons?.push(t.lastNoteOpen ? 'note tail finishes the open note' : 'note tail with no open note before');
  } else if (t.lastNoteOpen) {
    score -= 1;
  }
  if ((t.lastKey === null) !== (h.firstKey === null) && t.size > 400 && h.size > 400) {
    // A page of an alphabetical list next to a page of prose: different parts of the book.
    score -= 3;
    reasons?.push('list page beside prose page');
  }
  if (t.lastKey !== null && h.firstKey !== null) {
    // Pages of an alphabetical list follow each other in the order of their entries.
    const inOrder = t.lastKey.localeCompare(h.firstKey) <= 0;
    score += inOrder ? 2 : -4;
    reasons?.push(inOrder ? 'alphabetical order continues' : 'alphabetical order broken');
  }
  const similarity = cosine(t, h);
  score += 4 * similarity - 0.5;
  if (reasons && similarity > 0.15) reasons.push(`shared vocabulary ${similarity.toFixed(2)}`);
  return score;
}

function chainScore(x: Chain, y: Chain, reasons?: string[]): number {
  let score = 0;
  if (x.chapterAtEnd !== null && y.chapterAtStart !== null && x.chapterAtEnd !== y.chapterAtStart) {
    score -= 30;
    reasons?.push('the headings put the two sides in different chapters');
  }
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
        score -= 15;
        reasons?.push(`notes jump ${a} → ${b}`);
      }
    }
  }
  // The Contents gives every heading its page: a chain cannot run on past the next heading's page.
  if (x.maxEntry !== null && y.minEntry === null) {
    const excess = x.after + y.members.length - (1.2 * x.lastAnchor!.pagesAfter + 1);
    if (excess > 0) {
      score -= 4 * excess;
      reasons?.push('more pages than the Contents leaves after the heading');
    }
  }
  if (y.minEntry !== null && x.maxEntry === null) {
    const excess = y.before + x.members.length - (1.2 * y.firstAnchor!.pagesBefore + 1);
    if (excess > 0) {
      score -= 4 * excess;
      reasons?.push('more pages than the Contents leaves before the heading');
    }
  }
  if (x.maxEntry !== null && y.minEntry !== null) {
    if (y.minEntry <= x.maxEntry) {
      score -= 30;
      reasons?.push('Contents order violated');
    } else if (y.minEntry === x.maxEntry + 1) {
      score += 1;
      // Consecutive headings: the Contents says how many pages lie between them.
      const between = y.firstAnchor!.page - x.lastAnchor!.page;
      const need = x.after + y.before + 1;
      if (between === need) {
        score += 4;
        reasons?.push('page count between headings fits');
      } else if (need > between + 1) {
        score -= 4 * (need - between - 1);
        reasons?.push('too many pages between headings');
      }
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
  /** How likely the book makes one word after another (log lift), for sentences carried across a page. */
  wordPair?: (a: string, b: string) => number;
  /** Fragment that must come first (the title page), if known. */
  first?: number;
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
  if (process.env.DEBUG_ORDER) console.error(`raw-step prior: ${[...pattern.steps].map(([s, b]) => `${s}:${b.toFixed(2)}`).join(' ')}`);
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

interface SparseVector {
  ids: Uint32Array;
  weights: Float64Array;
}

const chainVectors = new WeakMap<Chain, SparseVector>();

/** The vocabulary of a whole chain (its strongest terms, unit length), cached per chain. */
function chainVector(chain: Chain, features: readonly SolverFeatures[]): SparseVector {
  let vector = chainVectors.get(chain);
  if (!vector) {
    const sum = new Map<number, number>();
    for (const m of chain.members) addTerms(sum, features[m]!);
    const top = [...sum].sort((a, b) => b[1] - a[1]).slice(0, 80).sort((a, b) => a[0] - b[0]);
    const norm = Math.hypot(...top.map(([, w]) => w)) || 1;
    vector = { ids: Uint32Array.from(top.map(([id]) => id)), weights: Float64Array.from(top.map(([, w]) => w / norm)) };
    chainVectors.set(chain, vector);
  }
  return vector;
}

/**
 * Two runs of several pages each that belong together talk about the same things; a run spliced
 * onto a run of another chapter does not. Short chains are left to the page-level comparison.
 */
function topicScore(x: Chain, y: Chain, features: readonly SolverFeatures[]): number {
  if (x.members.length < 3 || y.members.length < 3) return 0;
  const a = chainVector(x, features);
  const b = chainVector(y, features);
  return 6 * (cosine({ termIds: a.ids, terms: a.weights }, { termIds: b.ids, terms: b.weights }) - 0.15);
}

/** Iterated assignment with contraction: strong joins first, weaker ones as chains grow. */
function contract(features: readonly SolverFeatures[], local: Float32Array, first: number | undefined, pattern?: ScramblePattern): Chain[] {
  const n = features.length;
  let chains: Chain[] = features.map((_, i) => chainOf([i], features));
  const score = (x: Chain, y: Chain): number => local[x.members[x.members.length - 1]! * n + y.members[0]!]! + chainScore(x, y) + (pattern ? patternScore(x, y, pattern) : 0) + topicScore(x, y, features);
  for (const threshold of [8, 5, 3, 1]) {
    for (;;) {
      const links = assignmentLinks(chains, score, first, threshold);
      if (links.size === 0) break;
      const merged = acceptLinks(chains, links, features, score, threshold);
      if (merged.length === chains.length) break;
      chains = merged;
    }
  }
  return chains;
}

/** What the sure joins teach about the scramble: bonuses per raw step, and per pair of successive steps. */
interface ScramblePattern {
  steps: Map<number, number>;
  /** `previous,next` → score: how much likelier a step is after the step before it than on its own. */
  transitions: Map<string, number>;
}

const NEAR = 8;

/**
 * Where the scramble has a pattern, successive steps through the raw file follow each other in a
 * fixed rhythm (a booklet's front half goes +1, +3, +1, …; its back half −3, −1, …): a join whose
 * step fits the rhythm of the chains on both sides is likelier.
 */
function patternScore(x: Chain, y: Chain, pattern: ScramblePattern): number {
  const step = y.members[0]! - x.members[x.members.length - 1]!;
  if (Math.abs(step) > NEAR) return 0;
  let score = 0;
  if (x.members.length > 1) {
    const before = x.members[x.members.length - 1]! - x.members[x.members.length - 2]!;
    score += pattern.transitions.get(`${before},${step}`) ?? (Math.abs(before) <= NEAR ? -1 : 0);
  }
  if (y.members.length > 1) {
    const after = y.members[1]! - y.members[0]!;
    score += pattern.transitions.get(`${step},${after}`) ?? (Math.abs(after) <= NEAR ? -1 : 0);
  }
  return score;
}

/**
 * Learns from the sure joins (note numbers running on, or a sentence carried over) how far apart in
 * the raw file a page and its successor usually lie, and which step tends to follow which. Steps
 * and pairs that occur far more often than chance earn a bonus; a random scramble earns none.
 */
function learnPattern(chains: readonly Chain[], features: readonly SolverFeatures[], local: Float32Array): ScramblePattern {
  const n = features.length;
  const counts = new Map<number, number>();
  const pairs = new Map<string, number>();
  let total = 0;
  let pairTotal = 0;
  for (const chain of chains) {
    let previousStep: number | null = null;
    for (let k = 1; k < chain.members.length; k++) {
      const a = chain.members[k - 1]!;
      const b = chain.members[k]!;
      const fa = features[a]!;
      const fb = features[b]!;
      const sure = (fa.lastNote !== null && fb.firstNote === fa.lastNote + 1) || local[a * n + b]! >= 3;
      const step = b - a;
      if (!sure) {
        previousStep = null;
        continue;
      }
      total++;
      if (Math.abs(step) <= NEAR) counts.set(step, (counts.get(step) ?? 0) + 1);
      if (previousStep !== null && Math.abs(previousStep) <= NEAR && Math.abs(step) <= NEAR) {
        const key = `${previousStep},${step}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
        pairTotal++;
      }
      previousStep = step;
    }
  }
  const pattern: ScramblePattern = { steps: new Map(), transitions: new Map() };
  if (process.env.DEBUG_ORDER) console.error(`raw steps of sure joins (${total}): ${[...counts].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${s}:${c}`).join(' ')}`);
  if (total < 20) return pattern;
  for (const [step, count] of counts) {
    if (count < Math.max(4, 0.02 * total)) continue;
    const lift = Math.log(((count + 0.5) / (total + 1)) * n);
    if (lift > 1) pattern.steps.set(step, Math.min(4, lift - 1));
  }
  if (pairTotal < 20) return pattern;
  // P(next | previous) against P(next) among the sure pairs.
  const fromPrevious = new Map<number, number>();
  const toNext = new Map<number, number>();
  for (const [key, count] of pairs) {
    const [p, q] = key.split(',').map(Number) as [number, number];
    fromPrevious.set(p, (fromPrevious.get(p) ?? 0) + count);
    toNext.set(q, (toNext.get(q) ?? 0) + count);
  }
  for (const [key, count] of pairs) {
    const [p, q] = key.split(',').map(Number) as [number, number];
    if (count < 4) continue;
    const lift = Math.log((count / fromPrevious.get(p)!) / (toNext.get(q)! / pairTotal));
    pattern.transitions.set(key, Math.max(-2, Math.min(2, 1.5 * lift)));
  }
  if (process.env.DEBUG_ORDER) console.error(`step pairs: ${[...pattern.transitions].map(([k, v]) => `${k}:${v.toFixed(1)}`).join(' ')}`);
  return pattern;
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
function acceptLinks(chains: Chain[], links: Map<number, number>, features: readonly SolverFeatures[], score: (x: Chain, y: Chain) => number, threshold: number): Chain[] {
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

type TermVector = Map<number, number>;

function addTerms(into: TermVector, f: SolverFeatures): void {
  f.termIds.forEach((id, i) => into.set(id, (into.get(id) ?? 0) + f.terms[i]!));
}

function vectorCosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [id, w] of a) {
    na += w * w;
    const v = b.get(id);
    if (v !== undefined) dot += w * v;
  }
  for (const w of b.values()) nb += w * w;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

interface SpineState {
  /** Vocabulary of the chapter each gap lies in (shared objects: one per chapter). */
  chapterTerms: TermVector[];
  /** Note number the text has reached just before each spine position (0 right after a chapter opening; null unknown). */
  noteBefore: (number | null)[];
  /** First note number at or after each position, before any chapter opening (null: none or a restart comes first). */
  noteFrom: (number | null)[];
  /** Pages the Contents leaves free in the gap before each position, less the fragments already there. */
  slack: number[];
}

function pageExtent(chain: Chain): { firstPage: number; before: number; lastPage: number; after: number } | null {
  if (!chain.firstAnchor || !chain.lastAnchor) return null;
  return { firstPage: chain.firstAnchor.page, before: chain.before, lastPage: chain.lastAnchor.page, after: chain.after };
}

function spineState(spine: readonly Chain[], features: readonly SolverFeatures[], titleFirst: boolean): SpineState {
  const noteBefore: (number | null)[] = [];
  let reached: number | null = titleFirst ? 0 : null;
  for (const chain of spine) {
    noteBefore.push(reached);
    if (chain.lastRestart !== null) reached = chain.notesAfterLastRestart ? chain.lastNote : 0;
    else if (chain.lastNote !== null) reached = chain.lastNote;
  }
  noteBefore.push(reached);
  const noteFrom: (number | null)[] = new Array(spine.length + 1).fill(null);
  for (let k = spine.length - 1; k >= 0; k--) {
    const chain = spine[k]!;
    noteFrom[k] = chain.restartsFirst ? null : chain.firstNote ?? noteFrom[k + 1]!;
  }
  // Pages free between consecutive anchored chains, counting one page per fragment.
  const slack: number[] = new Array(spine.length + 1).fill(Infinity);
  let previous: { k: number; page: number; used: number } | null = titleFirst ? { k: 0, page: 1, used: spine[0]!.members.length } : null;
  for (let k = titleFirst ? 1 : 0; k < spine.length; k++) {
    const extent = pageExtent(spine[k]!);
    if (!extent) {
      if (previous) previous.used += spine[k]!.members.length;
      continue;
    }
    if (previous) {
      const free = extent.firstPage - previous.page - previous.used - extent.before;
      for (let g = previous.k + 1; g <= k; g++) slack[g] = free;
    }
    previous = { k, page: extent.lastPage, used: extent.after + 1 };
  }
  // Past the last heading the Contents names, only a few pages usually remain (an index, a colophon).
  if (previous) {
    const free = Math.max(4, Math.round(0.02 * features.length)) - previous.used;
    for (let g = previous.k + 1; g <= spine.length; g++) slack[g] = free;
  }
  const chapterTerms: TermVector[] = [];
  let terms: TermVector = new Map();
  for (const chain of spine) {
    chapterTerms.push(terms);
    for (const m of chain.members) {
      if (features[m]!.anchors.some((a) => a.restartsNotes)) terms = new Map();
      addTerms(terms, features[m]!);
    }
  }
  chapterTerms.push(terms);
  return { noteBefore, noteFrom, slack, chapterTerms };
}

/** Cuts a chain in two at the join that scores lowest. */
function splitAtWeakest(chain: Chain, features: readonly SolverFeatures[], score: (x: Chain, y: Chain) => number): [Chain, Chain] {
  let weakest = 1;
  let lowest = Infinity;
  for (let k = 1; k < chain.members.length; k++) {
    const s = score(chainOf(chain.members.slice(0, k), features), chainOf(chain.members.slice(k), features));
    if (s < lowest) {
      lowest = s;
      weakest = k;
    }
  }
  return [chainOf(chain.members.slice(0, weakest), features), chainOf(chain.members.slice(weakest), features)];
}

interface ChapterSpan {
  /** Spine positions [start, end) of the chains in this chapter. */
  start: number;
  end: number;
  notes: Set<number>;
  terms: TermVector;
  /** Fragments already in the chapter, and the pages the Contents gives it (Infinity when unknown). */
  fragments: number;
  startPage: number | null;
  free: number;
}

/** Splits the spine into chapters at every notes-restarting heading. */
function chapterLayout(spine: readonly Chain[], features: readonly SolverFeatures[]): { chapters: ChapterSpan[]; firstNoteIn: (number | null)[] } {
  const chapters: ChapterSpan[] = [{ start: 0, end: 0, notes: new Set(), terms: new Map(), fragments: 0, startPage: 1, free: Infinity }];
  const firstNoteIn: (number | null)[] = [];
  spine.forEach((chain, k) => {
    let first: number | null = null;
    for (const m of chain.members) {
      const f = features[m]!;
      const restart = f.anchors.find((a) => a.restartsNotes);
      if (restart) {
        chapters[chapters.length - 1]!.end = k + 1;
        chapters.push({ start: k, end: k + 1, notes: new Set(), terms: new Map(), fragments: 0, startPage: restart.page, free: Infinity });
      }
      const current = chapters[chapters.length - 1]!;
      current.fragments++;
      addTerms(current.terms, f);
      if (f.firstNote !== null) {
        first ??= f.firstNote;
        for (let n = f.firstNote; n <= f.lastNote! && n - f.firstNote < 400; n++) current.notes.add(n);
      }
    }
    chapters[chapters.length - 1]!.end = k + 1;
    firstNoteIn.push(first);
  });
  chapters.forEach((chapter, c) => {
    const next = chapters[c + 1];
    if (chapter.startPage !== null && next?.startPage) chapter.free = next.startPage - chapter.startPage - chapter.fragments;
  });
  return { chapters, firstNoteIn };
}

/**
 * The chains the Contents anchors (in Contents order) form the spine; every other chain goes into
 * the gap where it costs least: its edges against its neighbours, the note numbering the text has
 * reached there, and the pages the Contents leaves free between the surrounding headings.
 */
function insertRemaining(chains: Chain[], score: (x: Chain, y: Chain) => number, first: number | undefined, features: readonly SolverFeatures[]): number[] {
  const anchored = chains.filter((c) => c.minEntry !== null).sort((a, b) => a.minEntry! - b.minEntry!);
  const loose = chains.filter((c) => c.minEntry === null).sort((a, b) => b.members.length - a.members.length);
  if (process.env.DEBUG_ORDER) for (const c of chains) console.error(`chain ${c.members.length}: ${c.members.map((m) => { const f = features[m]!; return `${m}${f.anchors.length ? `[E${f.anchors.map((a) => a.entry).join('/')}]` : ''}${f.firstNote !== null ? `(${f.firstNote}-${f.lastNote})` : ''}`; }).join(' ')}`);
  if (process.env.DEBUG_ORDER) console.error(`chains: ${chains.length}, anchored ${anchored.length} (${anchored.map((c) => c.members.length).join(',')}), loose ${loose.length}`);
  const spine: Chain[] = [];
  const titleAt = loose.findIndex((c) => c.members[0] === first);
  if (titleAt >= 0) spine.push(...loose.splice(titleAt, 1));
  const titleFirst = spine.length === 1;
  spine.push(...anchored);
  const bestSlot = (chain: Chain, state: SpineState): { at: number; gain: number } => {
    const own: TermVector = new Map();
    for (const m of chain.members) addTerms(own, features[m]!);
    const topicFit = new Map<TermVector, number>();
    let at = spine.length;
    let best = -Infinity;
    for (let k = titleFirst ? 1 : 0; k <= spine.length; k++) {
      const before = spine[k - 1];
      const after = spine[k];
      let gain = (before ? score(before, chain) : 0) + (after ? score(chain, after) : 0) - (before && after ? score(before, after) : 0);
      const reached = state.noteBefore[k];
      if (!chain.restartsFirst && chain.firstNote !== null && reached !== null && reached !== undefined) gain += chain.firstNote === reached + 1 ? 6 : -8;
      const next = state.noteFrom[k];
      if (chain.lastRestart === null && chain.lastNote !== null && next !== null && next !== undefined) gain += next === chain.lastNote + 1 ? 6 : -8;
      // A chain belongs with the chapter that talks about the same things.
      const chapter = state.chapterTerms[k]!;
      if (!topicFit.has(chapter)) topicFit.set(chapter, vectorCosine(own, chapter));
      gain += 10 * topicFit.get(chapter)!;
      // The Contents says how many pages lie between two headings: fill gaps, never overfill them.
      const free = state.slack[k]!;
      const size = chain.members.length;
      if (Number.isFinite(free)) gain += size > free ? -6 * (size - Math.max(free, 0)) : size * 0.5;
      if (gain > best) {
        best = gain;
        at = k;
      }
    }
    return { at, gain: best };
  };
  // Chains with notes go to the chapter whose numbering they complete (no note number twice in a
  // chapter) and that shares their vocabulary, at the place their numbers fall; then the rest.
  const queue = loose.filter((c) => c.firstNote !== null);
  const rest = loose.filter((c) => c.firstNote === null);
  // The chain that fits its chapter best goes in first, so that later ones see it there.
  const fitOf = (chain: Chain, layout: ReturnType<typeof chapterLayout>): { chapter: number; fit: number } => {
    const own: TermVector = new Map();
    const numbers: number[] = [];
    for (const m of chain.members) {
      const f = features[m]!;
      addTerms(own, f);
      if (f.firstNote !== null) for (let n = f.firstNote; n <= f.lastNote! && n - f.firstNote < 400; n++) numbers.push(n);
    }
    let best = { chapter: layout.chapters.length - 1, fit: -Infinity };
    layout.chapters.forEach((chapter, c) => {
      const clashes = numbers.filter((n) => chapter.notes.has(n)).length;
      const over = chain.members.length - chapter.free;
      // A division whose placed pages carry no notes (a bibliography, the front matter) takes no chain with notes.
      const noteless = chapter.fragments >= 3 && chapter.notes.size === 0 ? 12 : 0;
      const fit = -20 * clashes + 10 * vectorCosine(own, chapter.terms) + (chapter.notes.has(chain.firstNote! - 1) ? 4 : 0) + (chapter.notes.has(chain.lastNote! + 1) ? 4 : 0) - (over > 0 ? 6 * over : 0) - noteless;
      if (fit > best.fit) best = { chapter: c, fit };
    });
    return best;
  };
  while (queue.length) {
    const layout = chapterLayout(spine, features);
    let pick = 0;
    let best = fitOf(queue[0]!, layout);
    for (let q = 1; q < queue.length; q++) {
      const candidate = fitOf(queue[q]!, layout);
      if (candidate.fit > best.fit) {
        best = candidate;
        pick = q;
      }
    }
    const chain = queue.splice(pick, 1)[0]!;
    // A chain that fits no chapter holds a wrong join: split it at its weakest and place the halves.
    if (best.fit < -15 && chain.members.length > 1) {
      const [head, tail] = splitAtWeakest(chain, features, score);
      for (const part of [head, tail]) (part.firstNote !== null ? queue : rest).push(part);
      continue;
    }
    const target = layout.chapters[best.chapter]!;
    // After the last piece of the chapter whose notes come before this chain's first note.
    let at = target.start + 1;
    for (let k = target.start; k < target.end; k++) {
      const first = layout.firstNoteIn[k];
      if (first !== null && first !== undefined && first > chain.firstNote!) break;
      at = k + 1;
    }
    if (process.env.DEBUG_ORDER) console.error(`notes ${chain.firstNote}-${chain.lastNote} (${chain.members.length}) → chapter ${best.chapter} fit ${best.fit.toFixed(1)} slot ${at}`);
    spine.splice(Math.min(at, spine.length), 0, chain);
  }
  for (const chain of rest) {
    const { at } = bestSlot(chain, spineState(spine, features, titleFirst));
    spine.splice(at, 0, chain);
  }
  refine(spine, score, titleFirst);
  return spine.flatMap((c) => c.members);
}

/** Pages the Contents gives each gap between anchored chains; index g = gap after the g-th anchored chain. */
function gapCapacities(spine: readonly Chain[], titleFirst: boolean, total: number): number[] {
  const capacity: number[] = [];
  let previous: { page: number; used: number } | null = titleFirst ? { page: 1, used: spine[0]!.members.length } : null;
  for (let k = titleFirst ? 1 : 0; k < spine.length; k++) {
    const extent = pageExtent(spine[k]!);
    if (!extent) continue;
    capacity.push(previous ? extent.firstPage - previous.page - previous.used - extent.before : Infinity);
    previous = { page: extent.lastPage, used: extent.after + 1 };
  }
  capacity.push(previous ? Math.max(4, Math.round(0.02 * total)) - previous.used : Infinity);
  return capacity;
}

/**
 * Local search after the greedy placement: move one unanchored chain at a time to wherever the
 * joins around it and the page budgets of the gaps it leaves and enters improve most.
 */
function refine(spine: Chain[], score: (x: Chain, y: Chain) => number, titleFirst: boolean): void {
  const total = spine.reduce((s, c) => s + c.members.length, 0);
  const capacity = gapCapacities(spine, titleFirst, total);
  const budgetCost = (count: number, cap: number): number => (!Number.isFinite(cap) ? 0 : count > cap ? 6 * (count - cap) : 0.5 * (cap - count));
  const anchored = (c: Chain): boolean => c.minEntry !== null;
  for (let pass = 0; pass < 4; pass++) {
    let moved = false;
    for (let i = titleFirst ? 1 : 0; i < spine.length; i++) {
      const chain = spine[i]!;
      if (anchored(chain)) continue;
      // Gap of every slot (how many anchored chains come before it), and the fragments each gap holds.
      const gapAt: number[] = [];
      const used = capacity.map(() => 0);
      let g = 0;
      for (let k = 0; k <= spine.length; k++) {
        if (k > 0 && anchored(spine[k - 1]!)) g = Math.min(g + 1, capacity.length - 1);
        gapAt.push(g);
        if (k < spine.length && !anchored(spine[k]!) && !(titleFirst && k === 0)) used[g]! += spine[k]!.members.length;
      }
      const size = chain.members.length;
      const from = gapAt[i]!;
      const prev = spine[i - 1];
      const next = spine[i + 1];
      const removal = (prev && next ? score(prev, next) : 0) - (prev ? score(prev, chain) : 0) - (next ? score(chain, next) : 0);
      const fromCost = budgetCost(used[from]! - size, capacity[from]!) - budgetCost(used[from]!, capacity[from]!);
      let best = 0.5;
      let bestAt = -1;
      for (let k = titleFirst ? 1 : 0; k <= spine.length; k++) {
        if (k === i || k === i + 1) continue;
        const before = spine[k - 1] === chain ? spine[k - 2] : spine[k - 1];
        const after = spine[k];
        const insertion = (before ? score(before, chain) : 0) + (after ? score(chain, after) : 0) - (before && after ? score(before, after) : 0);
        const to = gapAt[k]!;
        const toCost = to === from ? -fromCost : budgetCost(used[to]! + size, capacity[to]!) - budgetCost(used[to]!, capacity[to]!);
        const gain = removal + insertion - fromCost - toCost;
        if (gain > best) {
          best = gain;
          bestAt = k;
        }
      }
      // Or swap places with another unanchored chain of the same size (budgets stay as they are).
      let swapWith = -1;
      for (let j = titleFirst ? 1 : 0; j < spine.length; j++) {
        const other = spine[j]!;
        if (Math.abs(j - i) < 2 || anchored(other) || other.members.length !== size) continue;
        const around = (k: number, c: Chain): number => (spine[k - 1] ? score(spine[k - 1]!, c) : 0) + (spine[k + 1] ? score(c, spine[k + 1]!) : 0);
        const gain = around(i, other) + around(j, chain) - around(i, chain) - around(j, other);
        if (gain > best) {
          best = gain;
          swapWith = j;
        }
      }
      if (swapWith >= 0) {
        spine[i] = spine[swapWith]!;
        spine[swapWith] = chain;
        moved = true;
        continue;
      }
      if (bestAt < 0) continue;
      spine.splice(i, 1);
      spine.splice(bestAt > i ? bestAt - 1 : bestAt, 0, chain);
      moved = true;
    }
    if (!moved) break;
  }
}
