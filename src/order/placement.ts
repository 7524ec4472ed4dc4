/** Placing what the assignment left loose, by chapter, note numbers and the Contents page budgets. */
import { type Chain, type PagePlace, type PlacedAnchor, type SolverFeatures, type TermVector, addTerms, chainOf, pagesAfterLastHeading, pagesApart, vectorCosine } from './chains.js';

export interface SpineState {
  /** Vocabulary of the chapter each gap lies in (shared objects: one per chapter). */
  chapterTerms: TermVector[];
  /** Note number the text has reached just before each spine position (0 right after a chapter opening; null unknown). */
  noteBefore: (number | null)[];
  /** First note number at or after each position, before any chapter opening (null: none or a restart comes first). */
  noteFrom: (number | null)[];
  /** Pages the Contents leaves free in the gap before each position, less the fragments already there. */
  slack: number[];
}

export function pageExtent(chain: Chain): { first: PlacedAnchor; before: number; last: PlacedAnchor; after: number } | null {
  if (!chain.firstAnchor || !chain.lastAnchor) return null;
  return { first: chain.firstAnchor, before: chain.before, last: chain.lastAnchor, after: chain.after };
}

/** Where the title page stands: page 1 of the book's first numbering. */
const TITLE_PAGE: PagePlace = { page: 1, numbering: 0 };

/** Pages the Contents leaves free between a heading and a later one, less those taken (Infinity: it does not say). */
function freeBetween(from: PagePlace, to: PagePlace, taken: number): number {
  const apart = pagesApart(from, to);
  return apart === null ? Infinity : apart - taken;
}

export function spineState(spine: readonly Chain[], features: readonly SolverFeatures[], titleFirst: boolean): SpineState {
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
  let previous: { k: number; at: PagePlace; used: number } | null = titleFirst ? { k: 0, at: TITLE_PAGE, used: spine[0]!.members.length } : null;
  for (let k = titleFirst ? 1 : 0; k < spine.length; k++) {
    const extent = pageExtent(spine[k]!);
    if (!extent) {
      if (previous) previous.used += spine[k]!.members.length;
      continue;
    }
    if (previous) {
      const free = freeBetween(previous.at, extent.first, previous.used + extent.before);
      for (let g = previous.k + 1; g <= k; g++) slack[g] = free;
    }
    previous = { k, at: extent.last, used: extent.after + 1 };
  }
  if (previous) {
    const free = pagesAfterLastHeading(features.length) - previous.used;
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
export function splitAtWeakest(chain: Chain, features: readonly SolverFeatures[], score: (x: Chain, y: Chain) => number): [Chain, Chain] {
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

export interface ChapterSpan {
  /** Spine positions [start, end) of the chains in this chapter. */
  start: number;
  end: number;
  notes: Set<number>;
  terms: TermVector;
  /** Fragments already in the chapter, and the pages the Contents gives it (Infinity when unknown). */
  fragments: number;
  /** Where the chapter's opening heading stands (the title page for the pages before the first). */
  opening: PagePlace;
  free: number;
}

/** Splits the spine into chapters at every notes-restarting heading. */
export function chapterLayout(spine: readonly Chain[], features: readonly SolverFeatures[]): { chapters: ChapterSpan[]; firstNoteIn: (number | null)[] } {
  const chapters: ChapterSpan[] = [{ start: 0, end: 0, notes: new Set(), terms: new Map(), fragments: 0, opening: TITLE_PAGE, free: Infinity }];
  const firstNoteIn: (number | null)[] = [];
  spine.forEach((chain, k) => {
    let first: number | null = null;
    for (const m of chain.members) {
      const f = features[m]!;
      const restart = f.anchors.find((a) => a.restartsNotes);
      if (restart) {
        chapters[chapters.length - 1]!.end = k + 1;
        chapters.push({ start: k, end: k + 1, notes: new Set(), terms: new Map(), fragments: 0, opening: restart, free: Infinity });
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
    if (next?.opening.page) chapter.free = freeBetween(chapter.opening, next.opening, chapter.fragments);
  });
  return { chapters, firstNoteIn };
}

/**
 * The chains, the title page's cut before the first heading it holds that is not the first the
 * Contents names: the title page is page 1, and a heading the Contents sets later (a chapter's, the
 * back matter's) cannot come before the ones it sets between. The joins may have run the title page
 * into such a heading (a heading opens a page as well after a title page as after any other), and
 * the chain would then set it, and all it holds, at the front.
 */
function withTitlePageFirst(chains: Chain[], first: number | undefined, features: readonly SolverFeatures[]): Chain[] {
  const title = chains.find((c) => c.members[0] === first);
  const cut = title?.members.findIndex((m) => features[m]!.anchors.length > 0) ?? -1;
  if (!title || cut <= 0 || features[title.members[cut]!]!.anchors[0]!.entry === 0) return chains;
  return chains.flatMap((c) => (c === title ? [chainOf(c.members.slice(0, cut), features), chainOf(c.members.slice(cut), features)] : [c]));
}

/**
 * The chains the Contents anchors (in Contents order) form the spine; every other chain goes into
 * the gap where it costs least: its edges against its neighbours, the note numbering the text has
 * reached there, and the pages the Contents leaves free between the surrounding headings.
 */
export function insertRemaining(given: Chain[], score: (x: Chain, y: Chain) => number, first: number | undefined, features: readonly SolverFeatures[]): number[] {
  const chains = withTitlePageFirst(given, first, features);
  // The title page's chain opens the book, whether or not it has reached a Contents heading.
  const title = chains.find((c) => c.members[0] === first);
  const anchored = chains.filter((c) => c.minEntry !== null && c !== title).sort((a, b) => a.minEntry! - b.minEntry!);
  const loose = chains.filter((c) => c.minEntry === null && c !== title).sort((a, b) => b.members.length - a.members.length);
  const spine: Chain[] = title ? [title] : [];
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
  // (a chain's fit to a chapter changes only when that chapter takes a chain: the fits are kept by
  // chain and chapter, and a chapter's are judged again once it changes; asked afresh every round,
  // they made the placement quadratic in the chains left: 6.7 s of a file whose note marks were
  // mostly lost)
  const ownOf = new Map<Chain, { own: TermVector; numbers: number[] }>();
  const fits = new Map<Chain, Float64Array>();
  const fitTo = (chain: Chain, chapter: ChapterSpan): number => {
    let known = ownOf.get(chain);
    if (!known) {
      known = { own: new Map(), numbers: [] };
      for (const m of chain.members) {
        const f = features[m]!;
        addTerms(known.own, f);
        if (f.firstNote !== null) for (let n = f.firstNote; n <= f.lastNote! && n - f.firstNote < 400; n++) known.numbers.push(n);
      }
      ownOf.set(chain, known);
    }
    const clashes = known.numbers.filter((n) => chapter.notes.has(n)).length;
    const over = chain.members.length - chapter.free;
    // A division whose placed pages carry no notes (a bibliography, the front matter) takes no chain with notes.
    const noteless = chapter.fragments >= 3 && chapter.notes.size === 0 ? 12 : 0;
    return -20 * clashes + 10 * vectorCosine(known.own, chapter.terms) + (chapter.notes.has(chain.firstNote! - 1) ? 4 : 0) + (chapter.notes.has(chain.lastNote! + 1) ? 4 : 0) - (over > 0 ? 6 * over : 0) - noteless;
  };
  const fitOf = (chain: Chain, layout: ReturnType<typeof chapterLayout>): { chapter: number; fit: number } => {
    let known = fits.get(chain);
    if (known?.length !== layout.chapters.length) fits.set(chain, (known = new Float64Array(layout.chapters.length).fill(Number.NaN)));
    let best = { chapter: layout.chapters.length - 1, fit: -Infinity };
    layout.chapters.forEach((chapter, c) => {
      if (Number.isNaN(known[c]!)) known[c] = fitTo(chain, chapter);
      if (known[c]! > best.fit) best = { chapter: c, fit: known[c]! };
    });
    return best;
  };
  let previous: ReturnType<typeof chapterLayout> | null = null;
  while (queue.length) {
    const layout = chapterLayout(spine, features);
    // (a chapter that took a chain holds more fragments than before)
    const before = previous?.chapters;
    if (before) layout.chapters.forEach((chapter, c) => {
      if (chapter.fragments !== before[c]?.fragments) for (const known of fits.values()) known[c] = Number.NaN;
    });
    previous = layout;
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
export function gapCapacities(spine: readonly Chain[], titleFirst: boolean, total: number): number[] {
  const capacity: number[] = [];
  let previous: { at: PagePlace; used: number } | null = titleFirst ? { at: TITLE_PAGE, used: spine[0]!.members.length } : null;
  for (let k = titleFirst ? 1 : 0; k < spine.length; k++) {
    const extent = pageExtent(spine[k]!);
    if (!extent) continue;
    capacity.push(previous ? freeBetween(previous.at, extent.first, previous.used + extent.before) : Infinity);
    previous = { at: extent.last, used: extent.after + 1 };
  }
  capacity.push(previous ? pagesAfterLastHeading(total) - previous.used : Infinity);
  return capacity;
}

/**
 * Local search after the greedy placement: move one unanchored chain at a time to wherever the
 * joins around it and the page budgets of the gaps it leaves and enters improve most.
 */
export function refine(spine: Chain[], score: (x: Chain, y: Chain) => number, titleFirst: boolean): void {
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
