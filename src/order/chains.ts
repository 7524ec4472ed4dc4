/** Chains of fragments: the units the solver joins, with what their headings and notes say about them. */
import { type FragmentFeatures } from './features.js';

/** A Contents heading as the solver sees it: ranked among the headings found, and placed in the book. */
export interface PlacedAnchor {
  entry: number;
  restartsNotes: boolean;
  page: number;
  /** The page numbering `page` counts in (see ContentsEntry.numbering). */
  numbering: number;
  /** The chapter (its opening heading's rank) the heading lies in, and for a chapter opening, the chapter before it. */
  chapter: number;
  chapterBefore: number | null;
  /** Fragments that may lie after (before) the heading's own before the next (after the previous) heading. */
  pagesAfter: number;
  pagesBefore: number;
}

export type SolverFeatures = Omit<FragmentFeatures, 'anchors'> & { anchors: PlacedAnchor[] };

/** Ranks the headings the text has and places each in its chapter and between its neighbours' pages. */
export function placeAnchors(input: readonly FragmentFeatures[]): SolverFeatures[] {
  const found = [...new Set(input.flatMap((f) => f.anchors.map((a) => a.entry)))].sort((a, b) => a - b);
  const rank = new Map(found.map((entry, i) => [entry, i]));
  const placed: PagePlace[] = [];
  const restarts = new Set<number>();
  for (const f of input) {
    for (const a of f.anchors) {
      placed[rank.get(a.entry)!] = { page: a.page, numbering: a.numbering ?? 0 };
      if (a.restartsNotes) restarts.add(rank.get(a.entry)!);
    }
  }
  /** Pages strictly between the headings of two ranks (Infinity: the Contents does not say). */
  const pagesBetween = (r: number, later: number): number => {
    const apart = later < found.length ? pagesApart(placed[r]!, placed[later]!) : null;
    return apart === null ? Infinity : apart - 1;
  };
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
        numbering: a.numbering ?? 0,
        chapter: owner[r]!,
        chapterBefore: before[r] ?? null,
        pagesAfter: pagesBetween(r, r + 1),
        pagesBefore: r > 0 ? pagesBetween(r - 1, r) : Infinity,
      };
    }),
  }));
}

/** A page as the Contents numbers it: its number, in which numbering (absent: 0). */
export interface PagePlace {
  readonly page: number;
  readonly numbering?: number;
}

/**
 * How many pages on from heading `a`'s page heading `b`'s page is, as the Contents numbers them;
 * null where the numbering restarts between them (roman front matter before an arabic body), where
 * the Contents does not say. Any page (the title page: page 1 of the first numbering) may be given.
 */
export function pagesApart(a: PagePlace, b: PagePlace): number | null {
  return (a.numbering ?? 0) === (b.numbering ?? 0) ? b.page - a.page : null;
}

/**
 * How many fragments may come before the first heading the Contents names, on pages it counts from
 * the title page (null: it numbers them apart, and says nothing): the pages before its page, less
 * one, the Contents' own, which leaves no fragment; the title page at least.
 */
export function pagesBeforeFirstHeading(first: PagePlace): number | null {
  if ((first.numbering ?? 0) !== 0) return null;
  return first.page <= 1 ? 0 : Math.max(1, first.page - 2);
}

/**
 * How many fragments may follow the last heading the Contents names: only a few pages usually do
 * (an index, a colophon), and the Contents gives no page for the book's end.
 */
export function pagesAfterLastHeading(total: number): number {
  return Math.max(4, Math.round(0.02 * total));
}

/**
 * Whether a page holds a heading that restarts the note numbers. The whole-order searches ask it of
 * every page of every order they judge, and nearly every page holds no heading: a plain loop, no callback.
 */
export function restartsNotes(page: { readonly anchors: ReadonlyArray<{ readonly restartsNotes: boolean }> }): boolean {
  const anchors = page.anchors;
  for (let k = 0; k < anchors.length; k++) if (anchors[k]!.restartsNotes) return true;
  return false;
}

export interface Chain {
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

export function chainOf(members: number[], features: readonly SolverFeatures[]): Chain {
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

export type TermVector = Map<number, number>;

export function addTerms(into: TermVector, f: SolverFeatures): void {
  f.termIds.forEach((id, i) => into.set(id, (into.get(id) ?? 0) + f.terms[i]!));
}

export function vectorCosine(a: TermVector, b: TermVector): number {
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

export interface SparseVector {
  ids: Uint32Array;
  weights: Float64Array;
}

const chainVectors = new WeakMap<Chain, SparseVector>();

/** The vocabulary of a whole chain (its strongest terms, unit length), cached per chain. */
export function chainVector(chain: Chain, features: readonly SolverFeatures[]): SparseVector {
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
