/**
 * Whole-order local search: the assignment and the placement judge one join at a time, so a run of
 * pages can sit well against its two neighbours and still break its chapter's note numbering (a
 * run of another chapter with the same numbers). Here every move is judged on the whole order: the
 * joins it changes, the note numbering of every chapter, and the page counts the Contents gives.
 */
import { type PlacedAnchor, type SolverFeatures, pagesAfterLastHeading, pagesApart, pagesBeforeFirstHeading, restartsNotes } from './chains.js';

/** What one order contradicts, on one scale with the join scores. */
export interface OrderCost {
  /** Note number met twice in a chapter: a page of another chapter. */
  repeated: number;
  /** Note numbers that skip or fall back. */
  jumps: number;
  /** Chapters whose numbering stops where, by the book's own count of each note number, no chapter's does. */
  wrongEnds: number;
  /**
   * Fragments beyond the pages the Contents leaves between two headings, and pages left unfilled. A
   * heading set after one the Contents puts later overruns its page by every page between the two,
   * and every fragment.
   */
  overfull: number;
  underfull: number;
}

const REPEAT_WEIGHT = 24;
const JUMP_WEIGHT = 8;
const WRONG_END_WEIGHT = 8;
const OVERFULL_WEIGHT = 4;
const UNDERFULL_WEIGHT = 0.5;
/** Places a run is judged at in full, best joins first. */
const TRIED_PLACES = 8;
/** A run is one to this many stretches between weak joins, and at most this many fragments. */
const RUN_STRETCHES = 4;
const RUN_LENGTH = 60;

export function penalty(cost: OrderCost): number {
  return penaltyOf(cost.repeated, cost.jumps, cost.wrongEnds, cost.overfull, cost.underfull);
}

function penaltyOf(repeated: number, jumps: number, wrongEnds: number, overfull: number, underfull: number): number {
  return REPEAT_WEIGHT * repeated + JUMP_WEIGHT * jumps + WRONG_END_WEIGHT * wrongEnds + OVERFULL_WEIGHT * overfull + UNDERFULL_WEIGHT * underfull;
}

/** The book's own note statistics: the highest number, and how many chapters end at each number. */
interface NoteCounts {
  /** One past the highest note number a page can mark as seen. */
  size: number;
  /**
   * If k pages carry note n and fewer carry n + 1, that many chapters stop at n. An order whose
   * chapter stops anywhere else has cut it short or run it on.
   */
  ends: Int32Array;
}

const noteCountCache = new WeakMap<readonly SolverFeatures[], NoteCounts>();

/** How many pages carry each note number, and where runs of them end (a note range wider than 400 is no page's). */
function countNotes(features: readonly SolverFeatures[]): NoteCounts {
  const ranged = features.filter((f) => f.firstNote !== null && f.lastNote! - f.firstNote < 400);
  const max = ranged.reduce((m, f) => Math.max(m, f.lastNote!, f.firstNote!), 0);
  const carrying = new Int32Array(max + 2);
  for (const f of ranged) for (let n = f.firstNote!; n <= f.lastNote!; n++) carrying[n]!++;
  const ends = new Int32Array(max + 2);
  for (let n = 1; n <= max; n++) ends[n] = Math.max(0, carrying[n]! - carrying[n + 1]!);
  return { size: max + 402, ends };
}

function noteCounts(features: readonly SolverFeatures[]): NoteCounts {
  let counts = noteCountCache.get(features);
  if (!counts) {
    counts = countNotes(features);
    noteCountCache.set(features, counts);
  }
  return counts;
}

/** Note cost of one chapter's fragments, in order: the first may hold the heading that restarts the numbering. */
interface ChapterNotes {
  repeated: number;
  jumps: number;
  /** The last note number reached (null: none, 0: the numbering restarted and no note followed). */
  end: number | null;
}

/** What the note walk and the layout read of each page, in flat arrays: a search walks the same pages many thousands of times. */
interface NotePages {
  restarts: Uint8Array;
  /** The page holds a Contents heading. */
  anchored: Uint8Array;
  /** 1: the page's first and last note numbers are in `firstNote`/`lastNote`; 2: it has a first and no last (read from the page). */
  noted: Uint8Array;
  firstNote: Float64Array;
  lastNote: Float64Array;
}

const notePagesCache = new WeakMap<readonly SolverFeatures[], NotePages>();

function notePages(features: readonly SolverFeatures[]): NotePages {
  let pages = notePagesCache.get(features);
  if (!pages) {
    const n = features.length;
    pages = { restarts: new Uint8Array(n), anchored: new Uint8Array(n), noted: new Uint8Array(n), firstNote: new Float64Array(n), lastNote: new Float64Array(n) };
    for (let index = 0; index < n; index++) {
      const f = features[index]!;
      pages.restarts[index] = restartsNotes(f) ? 1 : 0;
      pages.anchored[index] = f.anchors.length > 0 ? 1 : 0;
      if (f.firstNote === null) continue;
      pages.noted[index] = f.lastNote === null ? 2 : 1;
      pages.firstNote[index] = f.firstNote;
      pages.lastNote[index] = f.lastNote ?? 0;
    }
    notePagesCache.set(features, pages);
  }
  return pages;
}

class NoteWalker {
  private readonly seenIn: Int32Array;
  private stamp = 0;
  private readonly pages: NotePages;
  constructor(
    private readonly features: readonly SolverFeatures[],
    size: number,
  ) {
    this.seenIn = new Int32Array(size);
    this.pages = notePages(features);
  }

  /**
   * Walks fragments as one stretch of text; a notes-restarting heading starts a fresh numbering,
   * and so does the start of the book (front matter's notes start at 1 too).
   */
  walk(sequences: ReadonlyArray<readonly number[]>): ChapterNotes {
    const result: ChapterNotes = { repeated: 0, jumps: 0, end: 0 };
    const { restarts, noted, firstNote: firstNotes, lastNote: lastNotes } = this.pages;
    this.stamp++;
    for (const sequence of sequences) {
      for (const index of sequence) {
        if (restarts[index] === 1) {
          result.end = 0;
          this.stamp++;
        }
        const notes = noted[index]!;
        if (notes === 0) continue;
        const firstNote = firstNotes[index]!;
        if (this.seenIn[firstNote] === this.stamp) result.repeated++;
        else if (result.end !== null && firstNote !== result.end + 1) result.jumps++;
        if (notes === 2) {
          const f = this.features[index]!;
          for (let n = firstNote; n <= f.lastNote! && n - firstNote < 400; n++) this.seenIn[n] = this.stamp;
          result.end = f.lastNote;
          continue;
        }
        const lastNote = lastNotes[index]!;
        for (let n = firstNote; n <= lastNote && n - firstNote < 400; n++) this.seenIn[n] = this.stamp;
        result.end = lastNote;
      }
    }
    return result;
  }
}

/**
 * What a fragment before the first heading counts for beyond those that may stand there, in pages
 * overrun: the front matter is a few pages the Contents counts exactly, and a chapter's page among
 * them is surely misplaced, where one more page in a chapter may be a page the Contents' count of it
 * leaves out. Counted as one, a run of pages that overfilled a chapter cost nothing more set
 * before the first heading, and a permutation's search put them there (24 fragments before the
 * Reviews, page 8, on seed 4).
 */
const FRONT_OVERRUN = 3;

/** Fragments before the first heading's own (`held`) beyond those that may come before it (see pagesBeforeFirstHeading), weighed as FRONT_OVERRUN says. */
function headOver(held: number, first: PlacedAnchor): number {
  const allowed = pagesBeforeFirstHeading(first);
  return allowed === null ? 0 : FRONT_OVERRUN * Math.max(0, held - allowed);
}

/** Fragments from the last heading's own on (`held`, of `total`) beyond those that may follow it (see pagesAfterLastHeading). */
function tailOver(held: number, total: number): number {
  return Math.max(0, held - pagesAfterLastHeading(total) - 1);
}

/** An order cut into chapters (at notes-restarting headings) and into intervals between headings. */
class Layout {
  /** Position where each chapter starts; chapter c spans [starts[c], starts[c + 1]). */
  readonly chapterStarts: number[] = [];
  readonly chapters: ChapterNotes[] = [];
  /** Positions of fragments with headings, their first and last printed pages. */
  readonly anchorAt: number[] = [];
  private readonly anchorPages: Array<{ first: PlacedAnchor; last: PlacedAnchor }> = [];
  /** Chapter ends met so far, by note number. */
  private readonly usedEnds = new Map<number, number>();
  readonly total: OrderCost;

  constructor(
    readonly order: readonly number[],
    features: readonly SolverFeatures[],
    private readonly walker: NoteWalker,
    private readonly counts: NoteCounts,
  ) {
    this.chapterStarts.push(0);
    const { restarts, anchored } = notePages(features);
    for (let at = 0; at < order.length; at++) {
      const index = order[at]!;
      if (at > 0 && restarts[index] === 1) this.chapterStarts.push(at);
      if (anchored[index] === 1) {
        const anchors = features[index]!.anchors;
        this.anchorAt.push(at);
        this.anchorPages.push({ first: anchors[0]!, last: anchors[anchors.length - 1]! });
      }
    }
    this.chapterStarts.push(order.length);
    for (let c = 0; c + 1 < this.chapterStarts.length; c++) {
      const notes = walker.walk([order.slice(this.chapterStarts[c], this.chapterStarts[c + 1])]);
      this.chapters.push(notes);
      if (notes.end) this.usedEnds.set(notes.end, (this.usedEnds.get(notes.end) ?? 0) + 1);
    }
    const total: OrderCost = { repeated: 0, jumps: 0, wrongEnds: this.wrongEnds(this.usedEnds), overfull: 0, underfull: 0 };
    for (const chapter of this.chapters) {
      total.repeated += chapter.repeated;
      total.jumps += chapter.jumps;
    }
    for (let k = -1; k < this.anchorAt.length; k++) this.addBudget(total, k, 0);
    this.total = total;
  }

  /** The chapter holding a position (for an insertion point: the chapter of the fragment before it). */
  chapterOf(position: number): number {
    let lo = 0;
    let hi = this.chapterStarts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chapterStarts[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The interval between headings a position lies in: k = after the k-th heading fragment (−1 before the first). */
  intervalOf(position: number): number {
    let lo = -1;
    let hi = this.anchorAt.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.anchorAt[mid]! < position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private wrongEnds(used: ReadonlyMap<number, number>): number {
    let wrong = 0;
    for (const [end, count] of used) wrong += this.wrongAt(end, count);
    return wrong;
  }

  /** Chapters that end at note `end`, `count` of them, beyond those the book's note counts allow. */
  private wrongAt(end: number, count: number): number {
    return Math.max(0, count - (end < this.counts.ends.length ? this.counts.ends[end]! : 0));
  }

  /** Adds interval k's page-count cost with `delta` more fragments in it. */
  private addBudget(cost: OrderCost, k: number, delta: number): void {
    cost.overfull += this.budgetOver(k, delta);
    cost.underfull += this.budgetUnder(k, delta);
  }

  /**
   * The pages the Contents gives interval k, and the fragments in it with `delta` more (null: it
   * gives none).
   */
  private interval(k: number, delta: number): { pages: number; between: number } | null {
    if (k < 0 || k + 1 >= this.anchorAt.length) return null;
    // (0 where the Contents does not say: two numberings, or two headings on one page)
    const pages = pagesApart(this.anchorPages[k]!.last, this.anchorPages[k + 1]!.first) ?? 0;
    if (pages === 0) return null;
    return { pages, between: this.anchorAt[k + 1]! - this.anchorAt[k]! + delta };
  }

  /**
   * The penalty after replacing some chapters' fragments (chapter → its new sequence of pieces)
   * and moving fragments between intervals (interval → change in count).
   */
  /**
   * A floor under {@link penaltyAfter} that walks no chapter: the replaced chapters' notes as if
   * they contradicted nothing, and each replaced chapter's end as if it had been a wrong one.
   */
  penaltyFloor(chapters: readonly number[], intervals: ReadonlyMap<number, number>): number {
    // (counted in plain numbers, in the order penaltyAfter counts them: a search asks this for
    // every move it looks at, and walks few)
    let { repeated, jumps } = this.total;
    for (const c of chapters) {
      const old = this.chapters[c]!;
      repeated -= old.repeated;
      jumps -= old.jumps;
    }
    const wrongEnds = Math.max(0, this.total.wrongEnds - chapters.length);
    let { overfull, underfull } = this.total;
    for (const [k, delta] of intervals) {
      if (delta === 0) continue;
      overfull += this.budgetOver(k, delta) - this.budgetOver(k, 0);
      underfull += this.budgetUnder(k, delta) - this.budgetUnder(k, 0);
    }
    return penaltyOf(repeated, jumps, wrongEnds, overfull, underfull);
  }

  /**
   * What addBudget adds to `overfull` for interval k with `delta` more fragments in it. After the
   * last heading only a few pages may follow (the Contents says not how few: never underfull there);
   * the book's length stays as it is (a move takes a page from one interval to another).
   */
  private budgetOver(k: number, delta: number): number {
    if (k === -1) return this.anchorAt.length ? headOver(this.anchorAt[0]! + delta, this.anchorPages[0]!.first) : 0;
    if (k >= 0 && k + 1 === this.anchorAt.length) return tailOver(this.order.length - this.anchorAt[k]! + delta, this.order.length);
    const interval = this.interval(k, delta);
    return interval && interval.between > interval.pages ? interval.between - interval.pages : 0;
  }

  /** What addBudget adds to `underfull` for interval k with `delta` more fragments in it. */
  private budgetUnder(k: number, delta: number): number {
    const interval = this.interval(k, delta);
    return interval && interval.between < interval.pages ? interval.pages - interval.between : 0;
  }

  private addIntervals(cost: OrderCost, intervals: ReadonlyMap<number, number>): void {
    for (const [k, delta] of intervals) {
      if (delta === 0) continue;
      cost.overfull += this.budgetOver(k, delta) - this.budgetOver(k, 0);
      cost.underfull += this.budgetUnder(k, delta) - this.budgetUnder(k, 0);
    }
  }

  penaltyAfter(chapters: ReadonlyMap<number, ReadonlyArray<readonly number[]>>, intervals: ReadonlyMap<number, number>): number {
    const cost: OrderCost = { ...this.total };
    // Only the ends of the chapters replaced change: their share of the wrong ends is counted
    // again, instead of copying and recounting every chapter's (the searches judge many moves).
    const endsChanged = new Map<number, number>();
    for (const [c, pieces] of chapters) {
      const old = this.chapters[c]!;
      const fresh = this.walker.walk(pieces);
      cost.repeated += fresh.repeated - old.repeated;
      cost.jumps += fresh.jumps - old.jumps;
      if (old.end) endsChanged.set(old.end, (endsChanged.get(old.end) ?? 0) - 1);
      if (fresh.end) endsChanged.set(fresh.end, (endsChanged.get(fresh.end) ?? 0) + 1);
    }
    for (const [end, change] of endsChanged) {
      const before = this.usedEnds.get(end) ?? 0;
      cost.wrongEnds += this.wrongAt(end, before + change) - this.wrongAt(end, before);
    }
    this.addIntervals(cost, intervals);
    return penalty(cost);
  }

  /** Chapter c's fragments as pieces, with [from, to) cut out and `insert` placed at `at` (positions in the whole order). */
  piecesOf(c: number, cut: { from: number; to: number } | null, insert: { at: number; run: readonly number[] } | null): number[][] {
    const start = this.chapterStarts[c]!;
    const end = this.chapterStarts[c + 1]!;
    const marks = new Set<number>([start, end]);
    if (cut) {
      marks.add(Math.max(start, Math.min(end, cut.from)));
      marks.add(Math.max(start, Math.min(end, cut.to)));
    }
    if (insert) marks.add(insert.at);
    const points = [...marks].sort((a, b) => a - b);
    const pieces: number[][] = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k]!;
      const b = points[k + 1]!;
      if (insert && a === insert.at) pieces.push([...insert.run]);
      if (cut && a >= cut.from && b <= cut.to) continue;
      pieces.push(this.order.slice(a, b));
    }
    if (insert && insert.at === end) pieces.push([...insert.run]);
    return pieces;
  }
}

/** The note numbering and page counts of a whole order. */
export function orderCost(order: readonly number[], features: readonly SolverFeatures[]): OrderCost {
  const counts = noteCounts(features);
  return new Layout(order, features, new NoteWalker(features, counts.size), counts).total;
}

/** Note numbers an order puts out of place: repeated in a chapter, skipping, or ending a chapter where no chapter ends. */
export function noteContradictions(order: readonly number[], features: readonly SolverFeatures[]): number {
  const cost = orderCost(order, features);
  return cost.repeated + cost.jumps + cost.wrongEnds;
}

/**
 * {@link orderCost} of orders over slots, each slot holding one of `features` (`slots[slot]`, its
 * index), with some slots left out of the order judged: the same cost, counted in one pass without
 * copying the order or the slots' features (a search judges many orders of thousands of slots).
 */
export class SlotCost {
  private readonly pages: NotePages;
  /** Per page, whether the walk has anything to read of it (notes, a heading): most pages have not. */
  private readonly marked: Uint8Array;
  private readonly countsOf = new WeakMap<readonly number[], NoteCounts>();
  private seenIn = new Int32Array(0);
  private stamp = 0;

  constructor(private readonly features: readonly SolverFeatures[]) {
    this.pages = notePages(features);
    const { restarts, anchored, noted } = this.pages;
    this.marked = Uint8Array.from(features, (_, index) => restarts[index]! | anchored[index]! | noted[index]!);
  }

  /** noteCounts of the slots' features. */
  private counts(slots: readonly number[]): NoteCounts {
    let counts = this.countsOf.get(slots);
    if (!counts) {
      counts = countNotes(slots.map((index) => this.features[index]!));
      this.countsOf.set(slots, counts);
    }
    return counts;
  }

  /** The cost of `order` (slots) less the slots `skip` leaves out, the notes counted over every slot. */
  cost(order: readonly number[], slots: readonly number[], skip: (slot: number, index: number) => boolean): OrderCost {
    const { size, ends } = this.counts(slots);
    const { restarts, anchored, noted, firstNote: firstNotes, lastNote: lastNotes } = this.pages;
    // (stamps are never used twice, so the marks of earlier orders mean nothing; a note number
    // beyond `size` is never marked, as NoteWalker's array of that size marks none)
    if (this.seenIn.length < size || this.stamp > 0x7ffff000) {
      this.seenIn = new Int32Array(Math.max(size, this.seenIn.length));
      this.stamp = 0;
    }
    const seenIn = this.seenIn;
    const cost: OrderCost = { repeated: 0, jumps: 0, wrongEnds: 0, overfull: 0, underfull: 0 };
    const usedEnds = new Map<number, number>();
    let stamp = ++this.stamp;
    let end: number | null = 0;
    let at = 0;
    let anchorAt = -1;
    let anchorLast: PlacedAnchor | null = null;
    const marked = this.marked;
    for (let k = 0; k < order.length; k++) {
      const slot = order[k]!;
      const index = slots[slot]!;
      if (skip(slot, index)) continue;
      if (marked[index] === 0) {
        at++;
        continue;
      }
      if (restarts[index] === 1) {
        // A chapter ends before this one (see Layout), and the note walk starts afresh.
        if (at > 0 && end) usedEnds.set(end, (usedEnds.get(end) ?? 0) + 1);
        end = 0;
        stamp = ++this.stamp;
      }
      const notes = noted[index]!;
      if (notes !== 0) {
        const firstNote = firstNotes[index]!;
        if (firstNote < size && seenIn[firstNote] === stamp) cost.repeated++;
        else if (end !== null && firstNote !== end + 1) cost.jumps++;
        const lastNote = notes === 2 ? this.features[index]!.lastNote : lastNotes[index]!;
        for (let n = firstNote; n <= lastNote! && n - firstNote < 400; n++) if (n < size) seenIn[n] = stamp;
        end = lastNote;
      }
      if (anchored[index] === 1) {
        const anchors = this.features[index]!.anchors;
        if (anchorAt < 0) cost.overfull += headOver(at, anchors[0]!);
        if (anchorAt >= 0) {
          const pages = pagesApart(anchorLast!, anchors[0]!) ?? 0;
          if (pages !== 0) {
            const between = at - anchorAt;
            if (between > pages) cost.overfull += between - pages;
            else cost.underfull += pages - between;
          }
        }
        anchorAt = at;
        anchorLast = anchors[anchors.length - 1]!;
      }
      at++;
    }
    if (anchorAt >= 0) cost.overfull += tailOver(at - anchorAt, at);
    if (end) usedEnds.set(end, (usedEnds.get(end) ?? 0) + 1);
    for (const [chapterEnd, count] of usedEnds) cost.wrongEnds += Math.max(0, count - (chapterEnd < ends.length ? ends[chapterEnd]! : 0));
    return cost;
  }

  /**
   * What {@link cost} counts of an order, kept by chapter and heading, so that the cost of the
   * same order with one page replaced and one page set in can be counted from it (costAfter).
   */
  layout(order: readonly number[], slots: readonly number[], skip: (slot: number, index: number) => boolean): SlotLayout {
    const counted: number[] = [];
    const countedBefore = new Int32Array(order.length + 1);
    const countedAt = new Int32Array(slots.length).fill(-1);
    for (let k = 0; k < order.length; k++) {
      const slot = order[k]!;
      if (!skip(slot, slots[slot]!)) {
        countedAt[slot] = counted.length;
        counted.push(slots[slot]!);
      }
      countedBefore[k + 1] = counted.length;
    }
    const { size } = this.counts(slots);
    const { restarts, anchored } = this.pages;
    const chapterStarts = [0];
    for (let at = 1; at < counted.length; at++) if (restarts[counted[at]!] === 1) chapterStarts.push(at);
    chapterStarts.push(counted.length);
    const chapterOf = new Int32Array(counted.length);
    const chapters: ChapterNotes[] = [];
    for (let c = 0; c + 1 < chapterStarts.length; c++) {
      chapterOf.fill(c, chapterStarts[c]!, chapterStarts[c + 1]!);
      chapters.push(this.walkChapters(counted.slice(chapterStarts[c], chapterStarts[c + 1]), size)[0]!);
    }
    const anchorAt: number[] = [];
    const anchorsBefore = new Int32Array(counted.length + 1);
    for (let at = 0; at < counted.length; at++) {
      if (anchored[counted[at]!] === 1) anchorAt.push(at);
      anchorsBefore[at + 1] = anchorAt.length;
    }
    const usedEnds = new Map<number, number>();
    for (const { end } of chapters) if (end) usedEnds.set(end, (usedEnds.get(end) ?? 0) + 1);
    return { counted, countedBefore, countedAt, chapterStarts, chapterOf, chapters, anchorAt, anchorsBefore, usedEnds, size, cost: this.cost(order, slots, skip) };
  }

  /**
   * {@link cost} of the order `layout` was made of, with the slots `slots` instead, in which one
   * slot counted in both (`replacedSlot`) holds another page, and a page (`inserted`, counted) is set
   * in before counted position `insertAt` (null: none). Null where that cannot be counted so (a page that
   * holds a heading changed or set in, or the note counts' size changed): count it in full then.
   */
  costAfter(layout: SlotLayout, slots: readonly number[], replacedSlot: number, insertAt: number | null, inserted: number): OrderCost | null {
    const { restarts, anchored } = this.pages;
    const { counted, chapterStarts, chapterOf, chapters, anchorAt, anchorsBefore } = layout;
    const replaced = layout.countedAt[replacedSlot] ?? -1;
    if (!counted.length || replaced < 0) return null;
    const before = counted[replaced]!;
    const replacing = slots[replacedSlot]!;
    const pages = insertAt === null ? [before, replacing] : [before, replacing, inserted];
    if (pages.some((index) => restarts[index] === 1 || anchored[index] === 1)) return null;
    const { size, ends } = this.counts(slots);
    if (size !== layout.size) return null;
    // The chapters touched: the replaced page's, and the chapter of the page the new one follows.
    const touched = new Set<number>([chapterOf[replaced]!]);
    if (insertAt !== null) touched.add(insertAt > 0 ? chapterOf[insertAt - 1]! : 0);
    const cost: OrderCost = { ...layout.cost, wrongEnds: 0 };
    const usedEnds = new Map(layout.usedEnds);
    const use = (end: number | null, change: number): void => {
      if (end) usedEnds.set(end, (usedEnds.get(end) ?? 0) + change);
    };
    for (const c of touched) {
      const start = chapterStarts[c]!;
      const pagesOf = counted.slice(start, chapterStarts[c + 1]);
      if (replaced >= start && replaced < chapterStarts[c + 1]!) pagesOf[replaced - start] = replacing;
      if (insertAt !== null && (insertAt > 0 ? chapterOf[insertAt - 1]! : 0) === c) pagesOf.splice(insertAt - start, 0, inserted);
      const old = chapters[c]!;
      cost.repeated -= old.repeated;
      cost.jumps -= old.jumps;
      use(old.end, -1);
      for (const fresh of this.walkChapters(pagesOf, size)) {
        cost.repeated += fresh.repeated;
        cost.jumps += fresh.jumps;
        use(fresh.end, 1);
      }
    }
    for (const [chapterEnd, count] of usedEnds) cost.wrongEnds += Math.max(0, count - (chapterEnd < ends.length ? ends[chapterEnd]! : 0));
    // A page set in between two headings: one page more between them; one page more in the book,
    // which may allow one more after the last heading.
    if (insertAt !== null) {
      const k = anchorsBefore[insertAt]! - 1;
      // (before the first heading the pages are counted from the title page: counted in full)
      if (k < 0) return null;
      if (anchorAt.length) {
        const last = anchorAt[anchorAt.length - 1]!;
        cost.overfull += tailOver(counted.length - last + (k + 1 === anchorAt.length ? 1 : 0), counted.length + 1) - tailOver(counted.length - last, counted.length);
      }
      if (k >= 0 && k + 1 < anchorAt.length) {
        const first = this.features[counted[anchorAt[k + 1]!]!]!.anchors[0]!;
        const lastAnchors = this.features[counted[anchorAt[k]!]!]!.anchors;
        // (0 where the Contents does not say: no count, as for two headings on one page)
        const pagesBetween = pagesApart(lastAnchors[lastAnchors.length - 1]!, first) ?? 0;
        if (pagesBetween !== 0) {
          const between = anchorAt[k + 1]! - anchorAt[k]!;
          if (between > pagesBetween) cost.overfull -= between - pagesBetween;
          else cost.underfull -= pagesBetween - between;
          if (between + 1 > pagesBetween) cost.overfull += between + 1 - pagesBetween;
          else cost.underfull += pagesBetween - between - 1;
        }
      }
    }
    return cost;
  }

  /** The note walk of pages that start a chapter (or the book), cut into chapters where the numbering restarts, as Layout walks them. */
  private walkChapters(pages: readonly number[], size: number): ChapterNotes[] {
    const { restarts, noted, firstNote: firstNotes, lastNote: lastNotes } = this.pages;
    if (this.seenIn.length < size || this.stamp > 0x7ffff000) {
      this.seenIn = new Int32Array(Math.max(size, this.seenIn.length));
      this.stamp = 0;
    }
    const seenIn = this.seenIn;
    const walked: ChapterNotes[] = [];
    let chapter: ChapterNotes = { repeated: 0, jumps: 0, end: 0 };
    let stamp = ++this.stamp;
    for (let at = 0; at < pages.length; at++) {
      const index = pages[at]!;
      if (restarts[index] === 1) {
        if (at > 0) {
          walked.push(chapter);
          chapter = { repeated: 0, jumps: 0, end: 0 };
        }
        chapter.end = 0;
        stamp = ++this.stamp;
      }
      const notes = noted[index]!;
      if (notes === 0) continue;
      const firstNote = firstNotes[index]!;
      if (firstNote < size && seenIn[firstNote] === stamp) chapter.repeated++;
      else if (chapter.end !== null && firstNote !== chapter.end + 1) chapter.jumps++;
      const lastNote = notes === 2 ? this.features[index]!.lastNote : lastNotes[index]!;
      for (let n = firstNote; n <= lastNote! && n - firstNote < 400; n++) if (n < size) seenIn[n] = stamp;
      chapter.end = lastNote;
    }
    walked.push(chapter);
    return walked;
  }
}

/** An order's cost kept by chapter and heading (see SlotCost.layout). */
export interface SlotLayout {
  /** The pages counted, in order; where each slot of the order is counted and how many come before each position. */
  counted: number[];
  countedBefore: Int32Array;
  countedAt: Int32Array;
  chapterStarts: number[];
  chapterOf: Int32Array;
  chapters: ChapterNotes[];
  /** Counted positions of the pages with headings, and how many come before each position. */
  anchorAt: number[];
  anchorsBefore: Int32Array;
  usedEnds: Map<number, number>;
  size: number;
  cost: OrderCost;
}

interface Run {
  from: number;
  to: number;
  first: number | null;
  last: number | null;
}

/**
 * Moves runs of unanchored fragments to wherever the whole order gains most, lets two runs that
 * start at the same note number trade places, and follows short ejection chains, until no move gains. Runs are cut at the joins that are weak
 * or that the note numbering contradicts; a run is tried at the other cuts where the joins favour
 * it most, and wherever its first note number continues the numbering reached there.
 */
export function reseat(start: readonly number[], features: readonly SolverFeatures[], local: Float32Array | ScoredJoins, first: number | undefined, { weakBelow = 4, near }: { weakBelow?: number; near?: number } = {}): number[] {
  const n = features.length;
  const joinOf = local instanceof Float32Array ? (a: number, b: number): number => local[a * n + b]! : local.join;
  const search: Search = {
    features,
    join: (a, b) => (a === undefined || b === undefined ? 0 : joinOf(a, b)),
    counts: noteCounts(features),
    walker: new NoteWalker(features, noteCounts(features).size),
    fixed: (index) => index === first || features[index]!.anchors.length > 0,
    first,
    weakBelow,
    near,
    ...(local instanceof Float32Array ? { dense: local } : {}),
    // (joins scored on demand with no scan of the strong ones: every cut is tried)
    strong: local instanceof Float32Array ? strongJoins(n, (visit) => {
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) visit(a, b, local[a * n + b]!);
    }) : local.scan && strongJoins(n, local.scan),
  };
  let order = singleMoves(start, search);
  for (let chain = 0; chain < 50; chain++) {
    const better = ejectionChain(order, search);
    if (!better) break;
    order = singleMoves(better, search);
  }
  return order;
}

interface Search {
  features: readonly SolverFeatures[];
  join: (a: number | undefined, b: number | undefined) => number;
  counts: NoteCounts;
  walker: NoteWalker;
  fixed: (index: number) => boolean;
  first: number | undefined;
  weakBelow: number;
  /** Runs move only this far, and trade places only with runs this near (pages set a place or two off, in a chapter or across its edge). */
  near?: number;
  /** Only for the relocations' search of places (see singleMoves). */
  strong?: StrongJoins;
  /** The joins as a table (row = the fragment before), where they are one: `join` reads it. */
  dense?: Float32Array;
}

/**
 * A join scoring above this is looked up by its fragments when a run's places are searched; the
 * others are bounded by it (see singleMoves).
 */
const STRONG_JOIN = 2;
/** The cuts are kept by the join they break in buckets of one point, from LOWEST_BUCKET up. */
const LOWEST_BUCKET = -64;
const JOIN_BUCKETS = 129;

/** Each fragment's joins above STRONG_JOIN, as lists: the fragments before it (`before`) and after it (`after`). */
interface StrongJoins {
  beforeStart: Int32Array;
  before: Int32Array;
  afterStart: Int32Array;
  after: Int32Array;
}

/** Joins scored when asked for (see {@link reseat}). */
export interface ScoredJoins {
  join: (before: number, after: number) => number;
  /**
   * Visits, page before by page before, the joins that may score above STRONG_JOIN (others too, if
   * it likes), with their scores: a run's places are then looked up by them instead of trying every cut.
   */
  scan?: (visit: (before: number, after: number, score: number) => void) => void;
}

function strongJoins(n: number, scan: NonNullable<ScoredJoins['scan']>): StrongJoins {
  const beforeStart = new Int32Array(n + 1);
  const afterStart = new Int32Array(n + 1);
  scan((a, b, score) => {
    if (score > STRONG_JOIN) {
      afterStart[a + 1]!++;
      beforeStart[b + 1]!++;
    }
  });
  for (let k = 0; k < n; k++) {
    afterStart[k + 1]! += afterStart[k]!;
    beforeStart[k + 1]! += beforeStart[k]!;
  }
  const before = new Int32Array(beforeStart[n]!);
  const after = new Int32Array(afterStart[n]!);
  const beforeFill = beforeStart.slice(0, n);
  const afterFill = afterStart.slice(0, n);
  scan((a, b, score) => {
    if (score > STRONG_JOIN) {
      after[afterFill[a]!++] = b;
      before[beforeFill[b]!++] = a;
    }
  });
  return { beforeStart, before, afterStart, after };
}

/** A move singleMoves judges: a run relocated to `at`, or two runs trading places. */
interface Move {
  joinGain: number;
  chapters: readonly number[];
  intervals: Map<number, number>;
  /** Relocation: the run [from, to) and its new place; exchange: runs a and b. */
  from: number;
  to: number;
  at: number;
  a: Run | null;
  b: Run | null;
  fromChapter: number;
  toChapter: number;
}

/**
 * Relocations and exchanges of runs until none gains. Each run in turn goes to its best place if
 * that gains (first improvement: the order and its runs are refreshed after every move).
 */
function singleMoves(start: readonly number[], search: Search): number[] {
  const { features, join, counts, walker, fixed, first, weakBelow, strong, near } = search;
  let order = [...start];
  let layout!: Layout;
  let current = 0;
  let cuts: number[] = [];
  let reachedBefore: (number | null)[] = [];
  let runs: Run[] = [];
  /** The join each cut breaks (every run is tried at every cut). */
  let cutJoins = new Float64Array(0);
  /** Indexes of the runs by their first note number, ascending: the runs a run may trade places with, where no heading lies between. */
  let runsByFirstNote = new Map<number | null, number[]>();
  /** The runs without notes by their length, ascending (only runs as long trade places where no heading lies between). */
  let unnotedByLength = new Map<number, number[]>();
  // What finds a run's places and partners without visiting every cut and run (see relocations):
  // the cut at each position (−1: none), each fragment's position, the cuts by the join they break
  // (weakest first), the cuts by the note number reached before them, the first run from each position.
  let cutAt = new Int32Array(0);
  const positionOf = new Int32Array(features.length);
  /** The cuts by the join they break, in buckets of one point (the lowest and highest take the rest; a join that is no number breaks no bucket). */
  let joinBucketStart = new Int32Array(0);
  let cutsByJoin = new Int32Array(0);
  let cutsByReached = new Map<number, number[]>();
  let firstRunAt = new Int32Array(0);
  let seen = new Int32Array(0);
  let stamp = 0;
  const refresh = (): void => {
    layout = new Layout(order, features, walker, counts);
    current = penalty(layout.total);
    cuts = cutPoints(order, features, join, weakBelow);
    reachedBefore = noteReachedBefore(order, features);
    runs = runsBetween(cuts, order, features, fixed);
    cutJoins = new Float64Array(cuts.length);
    for (let c = 0; c < cuts.length; c++) cutJoins[c] = join(order[cuts[c]! - 1], order[cuts[c]!]);
    runsByFirstNote = new Map();
    unnotedByLength = new Map();
    runs.forEach((run, r) => {
      const same = runsByFirstNote.get(run.first);
      if (same) same.push(r);
      else runsByFirstNote.set(run.first, [r]);
      if (run.first === null) {
        const alike = unnotedByLength.get(run.to - run.from);
        if (alike) alike.push(r);
        else unnotedByLength.set(run.to - run.from, [r]);
      }
    });
    cutAt = new Int32Array(order.length + 1).fill(-1);
    cuts.forEach((at, c) => (cutAt[at] = c));
    positionOf.fill(-1);
    order.forEach((index, at) => (positionOf[index] = at));
    const bucketOf = new Int32Array(cuts.length);
    joinBucketStart = new Int32Array(JOIN_BUCKETS + 1);
    for (let c = 0; c < cuts.length; c++) {
      const weak = cutJoins[c]!;
      // (a cut whose join is no number gains nothing: it is in no bucket)
      bucketOf[c] = Number.isNaN(weak) ? -1 : Math.max(0, Math.min(JOIN_BUCKETS - 1, Math.floor(weak) - LOWEST_BUCKET));
      if (bucketOf[c]! >= 0) joinBucketStart[bucketOf[c]! + 1]!++;
    }
    for (let b = 0; b < JOIN_BUCKETS; b++) joinBucketStart[b + 1]! += joinBucketStart[b]!;
    cutsByJoin = new Int32Array(joinBucketStart[JOIN_BUCKETS]!);
    const filled = joinBucketStart.slice(0, JOIN_BUCKETS);
    for (let c = 0; c < cuts.length; c++) if (bucketOf[c]! >= 0) cutsByJoin[filled[bucketOf[c]!]!++] = c;
    cutsByReached = new Map();
    cuts.forEach((at, c) => {
      const reached = reachedBefore[at];
      if (reached === null || reached === undefined) return;
      const same = cutsByReached.get(reached);
      if (same) same.push(c);
      else cutsByReached.set(reached, [c]);
    });
    firstRunAt = new Int32Array(order.length + 1).fill(-1);
    for (let r = runs.length - 1; r >= 0; r--) firstRunAt[runs[r]!.from] = r;
    if (seen.length < cuts.length) seen = new Int32Array(cuts.length);
  };
  /**
   * The best of some candidate moves, applied if it gains. A move names the chapters it changes;
   * their new pieces are made only for a move whose gain the penalty's floor leaves possible.
   */
  const applyBest = (candidates: Iterable<Move>): boolean => {
    let best: { gain: number; move: Move } | null = null;
    for (const move of candidates) {
      const { joinGain, chapters, intervals } = move;
      // The gain is at most this (the penalty after is never below the floor): a move that could
      // not be taken even so is not walked. (Taken: more than 0.5, and more than the best so far.)
      if (joinGain + current - layout.penaltyFloor(chapters, intervals) <= (best ? Math.max(0.5, best.gain) : 0.5)) continue;
      const gain = joinGain + current - layout.penaltyAfter(piecesOf(move), intervals);
      if (gain > 0.5 && (!best || gain > best.gain)) best = { gain, move };
    }
    if (!best) return false;
    order = build(best.move);
    refresh();
    return true;
  };
  refresh();
  for (let pass = 0; pass < 20; pass++) {
    let moved = false;
    for (let r = 0; r < runs.length; r++) {
      if (applyBest(relocations(runs[r]!))) moved = true;
    }
    // Two runs with the same first note number (or none, and as many pages) trade places, as when
    // two chapters' pages with the same numbers each landed in the other's chapter.
    for (let r = 0; r < runs.length; r++) {
      if (applyBest(exchanges(r))) moved = true;
    }
    if (!moved) break;
  }
  return order;

  /** The chapters a move changes, as their new pieces (moves are judged on the order they were made for). */
  function piecesOf(move: Move): Map<number, number[][]> {
    const chapters = new Map<number, number[][]>();
    const { a, b } = move;
    if (!a || !b) {
      const { from, to, at, fromChapter, toChapter } = move;
      const moving = order.slice(from, to);
      if (toChapter === fromChapter) chapters.set(fromChapter, layout.piecesOf(fromChapter, { from, to }, { at, run: moving }));
      else {
        chapters.set(fromChapter, layout.piecesOf(fromChapter, { from, to }, null));
        chapters.set(toChapter, layout.piecesOf(toChapter, null, { at, run: moving }));
      }
      return chapters;
    }
    const swapped = (c: number): number[][] => {
      const start = layout.chapterStarts[c]!;
      const end = layout.chapterStarts[c + 1]!;
      const slice = (s: number, e: number): number[] => order.slice(Math.max(start, s), Math.min(end, e));
      const inA = a.from >= start && a.to <= end;
      const inB = b.from >= start && b.to <= end;
      const runA = order.slice(a.from, a.to);
      const runB = order.slice(b.from, b.to);
      if (inA && inB) return [slice(start, a.from), runB, slice(a.to, b.from), runA, slice(b.to, end)];
      return inA ? [slice(start, a.from), runB, slice(a.to, end)] : [slice(start, b.from), runA, slice(b.to, end)];
    };
    const { fromChapter: ca, toChapter: cb } = move;
    chapters.set(ca, swapped(ca));
    if (cb !== ca) chapters.set(cb, swapped(cb));
    return chapters;
  }

  /** The order after a move. */
  function build(move: Move): number[] {
    const { a, b } = move;
    if (!a || !b) return relocate(order, move.from, move.to, move.at);
    return [...order.slice(0, a.from), ...order.slice(b.from, b.to), ...order.slice(a.to, b.from), ...order.slice(a.from, a.to), ...order.slice(b.to)];
  }

  /**
   * The cuts a run may go to (in no order): every cut where the joins could gain more than 0.5, and
   * every cut where its first note number continues the numbering. A cut gains
   * removal + join(before, head) + join(tail, after) − join(before, after); where neither of the
   * first two joins is strong (above STRONG_JOIN), that is at most removal + 2 × STRONG_JOIN − the
   * join the cut breaks, so beside the cuts next to a strong join of the head or the tail only cuts
   * breaking a join weaker than that can gain: those are found by the join they break, weakest first.
   */
  function placesOf(run: Run, removal: number): number[] {
    const found: number[] = [];
    if (++stamp === 0x7fffffff) {
      seen.fill(0);
      stamp = 1;
    }
    const add = (c: number): void => {
      if (c < 0 || seen[c] === stamp) return;
      seen[c] = stamp;
      found.push(c);
    };
    if (!strong) {
      for (let c = 0; c < cuts.length; c++) found.push(c);
      return found;
    }
    const head = order[run.from]!;
    const tail = order[run.to - 1]!;
    for (let k = strong.beforeStart[head]!; k < strong.beforeStart[head + 1]!; k++) {
      const at = positionOf[strong.before[k]!]!;
      if (at >= 0) add(cutAt[at + 1]!);
    }
    for (let k = strong.afterStart[tail]!; k < strong.afterStart[tail + 1]!; k++) {
      const at = positionOf[strong.after[k]!]!;
      if (at >= 0) add(cutAt[at]!);
    }
    // (a margin far above the rounding of a sum of four scores)
    const weakerThan = 2 * STRONG_JOIN - (0.5 - removal) + 1e-6;
    // Bucket b holds the joins in [b, b + 1) (the lowest everything below, the highest everything above).
    for (let b = 0; b < JOIN_BUCKETS; b++) {
      const low = b + LOWEST_BUCKET;
      if (b > 0 && low >= weakerThan) break;
      const whole = b < JOIN_BUCKETS - 1 && low + 1 <= weakerThan;
      for (let k = joinBucketStart[b]!; k < joinBucketStart[b + 1]!; k++) if (whole || cutJoins[cutsByJoin[k]!]! < weakerThan) add(cutsByJoin[k]!);
    }
    if (run.first !== null) for (const c of cutsByReached.get(run.first - 1) ?? []) add(c);
    return found;
  }

  function* relocations(run: Run): Generator<Move> {
    const { from, to } = run;
    const head = order[from]!;
    const tail = order[to - 1]!;
    const removal = join(order[from - 1], order[to]) - join(order[from - 1], head) - join(tail, order[to]);
    const places: Array<{ at: number; joinGain: number; rank: number }> = [];
    for (const c of placesOf(run, removal)) {
      const at = cuts[c]!;
      if ((at >= from && at <= to) || (at === 0 && first !== undefined) || (near !== undefined && (at < from - near || at > to + near))) continue;
      const joinGain = removal + join(order[at - 1], head) + join(tail, order[at]) - cutJoins[c]!;
      const fits = run.first !== null && reachedBefore[at] === run.first - 1;
      if (fits || joinGain > 0.5) places.push({ at, joinGain, rank: joinGain + (fits ? 1000 : 0) });
    }
    // (the best first; among equals, as the cuts come: the sort keeps the order it is given)
    places.sort((x, y) => x.at - y.at);
    places.sort((x, y) => y.rank - x.rank);
    const length = to - from;
    const fromChapter = layout.chapterOf(from);
    const fromInterval = layout.intervalOf(from);
    for (const { at, joinGain } of places.slice(0, TRIED_PLACES)) {
      const toChapter = layout.chapterOf(at - 1);
      const toInterval = layout.intervalOf(at);
      const intervals = new Map<number, number>();
      if (toInterval !== fromInterval) intervals.set(fromInterval, -length).set(toInterval, length);
      yield { joinGain, chapters: toChapter === fromChapter ? [fromChapter] : [fromChapter, toChapter], intervals, from, to, at, a: null, b: null, fromChapter, toChapter };
    }
  }

  /**
   * The runs after run x that may trade places with it, ascending: those with its first note
   * number (without notes: as many pages), and where headings follow it, the runs just past them.
   */
  function partnersOf(x: number): number[] {
    const a = runs[x]!;
    const same = (a.first === null ? unnotedByLength.get(a.to - a.from) : runsByFirstNote.get(a.first)) ?? [];
    // (the lists ascend: the runs after x follow its own place in them)
    let lo = 0;
    let hi = same.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (same[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    const later = same.slice(lo);
    if (!(a.to < order.length && fixed(order[a.to]!))) return later;
    // Runs hold no heading: those across the headings start at the first position past them.
    let past = a.to;
    while (past < order.length && fixed(order[past]!)) past++;
    const across: number[] = [];
    for (let y = past < order.length ? firstRunAt[past]! : -1; y >= 0 && y < runs.length && runs[y]!.from === past; y++) if (y > x) across.push(y);
    if (!across.length) return later;
    return [...new Set([...later, ...across])].sort((p, q) => p - q);
  }

  function* exchanges(x: number): Generator<Move> {
    const a = runs[x]!;
    // Unless headings follow the run, no later run lies across a heading from it, and only runs
    // with its first note number may trade places with it: those alone are visited (in the same order).
    for (const y of partnersOf(x)) {
      const b = runs[y]!;
      if (b.from < a.to) continue;
      if (near !== undefined && b.from - a.to > near) continue;
      // Runs on the two sides of a heading trade places whatever their notes: the heading then
      // stands where the Contents' page counts put it.
      let acrossHeading = b.from > a.to;
      for (let k = a.to; k < b.from && acrossHeading; k++) acrossHeading = fixed(order[k]!);
      if (!acrossHeading && (a.first !== b.first || (a.first === null && a.to - a.from !== b.to - b.from))) continue;
      const adjacent = a.to === b.from;
      const before = join(order[a.from - 1], order[a.from]) + join(order[a.to - 1], order[a.to]) + join(order[b.to - 1], order[b.to]) + (adjacent ? 0 : join(order[b.from - 1], order[b.from]));
      const after = adjacent
        ? join(order[a.from - 1], order[b.from]) + join(order[b.to - 1], order[a.from]) + join(order[a.to - 1], order[b.to])
        : join(order[a.from - 1], order[b.from]) + join(order[b.to - 1], order[a.to]) + join(order[b.from - 1], order[a.from]) + join(order[a.to - 1], order[b.to]);
      if (a.first === null && !acrossHeading && after - before <= 0.5) continue;
      const ca = layout.chapterOf(a.from);
      const cb = layout.chapterOf(b.from);
      const ia = layout.intervalOf(a.from);
      const ib = layout.intervalOf(b.from);
      const intervals = new Map<number, number>();
      const lengthA = a.to - a.from;
      const lengthB = b.to - b.from;
      if (ia !== ib) intervals.set(ia, lengthB - lengthA).set(ib, lengthA - lengthB);
      yield { joinGain: after - before, chapters: cb !== ca ? [ca, cb] : [ca], intervals, from: a.from, to: a.to, at: b.from, a, b, fromChapter: ca, toChapter: cb };
    }
  }
}

/** Sum of the joins of an order, less what its notes and page counts contradict. */
export function orderWorth(order: readonly number[], features: readonly SolverFeatures[], local: Float32Array): number {
  const n = features.length;
  return worth(order, { ...plainSearch(features, (a, b) => local[a * n + b]!), dense: local });
}

/** {@link orderWorth} with the joins scored on demand. */
export function orderWorthBy(order: readonly number[], features: readonly SolverFeatures[], join: (a: number, b: number) => number): number {
  return worth(order, plainSearch(features, join));
}

/** What worth reads of a search, for judging one order. */
function plainSearch(features: readonly SolverFeatures[], join: (a: number, b: number) => number): Search {
  const counts = noteCounts(features);
  return { features, join: (a, b) => (a === undefined || b === undefined ? 0 : join(a, b)), counts, walker: new NoteWalker(features, counts.size), fixed: () => false, first: undefined, weakBelow: 0 };
}

function worth(order: readonly number[], search: Search): number {
  let joins = 0;
  const { dense } = search;
  if (dense) {
    // (the same scores as search.join reads, added in the same order: a search sums thousands of orders)
    const n = search.features.length;
    for (let k = 1; k < order.length; k++) joins += dense[order[k - 1]! * n + order[k]!]!;
  } else for (let k = 1; k < order.length; k++) joins += search.join(order[k - 1], order[k]);
  return joins - penalty(new Layout(order, search.features, search.walker, search.counts).total);
}

function relocate(order: readonly number[], from: number, to: number, at: number): number[] {
  const run = order.slice(from, to);
  return at < from ? [...order.slice(0, at), ...run, ...order.slice(at, from), ...order.slice(to)] : [...order.slice(0, from), ...order.slice(to, at), ...run, ...order.slice(at)];
}

/** Where a run whose notes start at `firstNote` continues the numbering, best joins first (`reached`: noteReachedBefore of the order, if known). */
function fittingPlaces(order: readonly number[], from: number, to: number, firstNote: number, search: Search, reached = noteReachedBefore(order, search.features)): number[] {
  const head = order[from]!;
  const tail = order[to - 1]!;
  const places: Array<{ at: number; gain: number }> = [];
  for (let at = search.first === undefined ? 0 : 1; at <= order.length; at++) {
    if (at >= from && at <= to) continue;
    if (reached[at] !== firstNote - 1) continue;
    places.push({ at, gain: search.join(order[at - 1], head) + search.join(tail, order[at]) - search.join(order[at - 1], order[at]) });
  }
  return places.sort((a, b) => b.gain - a.gain).map((p) => p.at);
}

const CHAIN_DEPTH = 5;

/**
 * A run whose numbers belong where another chapter's pages with the same numbers sit can only go
 * there if those pages leave: move the run where its numbering continues, then the run it pushed
 * out (up to the next contradiction) where that one's continues, and so on a few steps deep. The
 * best whole chain that gains is kept.
 */
function ejectionChain(order: readonly number[], search: Search): number[] | null {
  const base = worth(order, search);
  const cuts = cutPoints(order, search.features, search.join, search.weakBelow);
  // Only runs the numbering contradicts where they are (at their start or just after them) are tried.
  const contradicted = new Set(contradictionsIn(order, search.features));
  const runs = runsBetween(cuts, order, search.features, search.fixed).filter((r) => r.first !== null && (contradicted.has(r.from) || contradicted.has(r.to)));
  let best: { gain: number; order: number[] } | null = null;
  const reached = noteReachedBefore(order, search.features);
  for (const run of runs) {
    for (const at of fittingPlaces(order, run.from, run.to, run.first!, search, reached).slice(0, 3)) {
      let current = relocate(order, run.from, run.to, at);
      let end = at < run.from ? at + (run.to - run.from) : at;
      for (let depth = 0; depth < CHAIN_DEPTH; depth++) {
        const gain = worth(current, search) - base;
        if (gain > 0.5 && (!best || gain > best.gain)) best = { gain, order: current };
        // The run pushed out: from the end of the moved one to the next contradiction or heading.
        const contradictions = contradictionsIn(current, search.features);
        let noted = end;
        while (noted < current.length && !search.fixed(current[noted]!) && search.features[current[noted]!]!.firstNote === null) noted++;
        if (noted >= current.length || search.fixed(current[noted]!) || !contradictions.includes(noted)) break;
        const stop = contradictions.find((c) => c > noted) ?? current.length;
        let to = noted;
        while (to < stop && !search.fixed(current[to]!)) to++;
        const firstNote = search.features[current[noted]!]!.firstNote!;
        const place = fittingPlaces(current, end, to, firstNote, search)[0];
        if (place === undefined) break;
        const length = to - end;
        current = relocate(current, end, to, place);
        end = place < end ? place + length : place;
      }
    }
  }
  return best ? best.order : null;
}

/** Runs of one to a few stretches between consecutive cuts, holding no fixed fragment. */
function runsBetween(cuts: readonly number[], order: readonly number[], features: readonly SolverFeatures[], fixed: (index: number) => boolean): Run[] {
  const runs: Run[] = [];
  // By position: how many fixed fragments come before it, the first fragment with notes from it
  // on, and the last one before it (what noteAt finds, without walking each run).
  const length = order.length;
  const fixedBefore = new Int32Array(length + 1);
  for (let k = 0; k < length; k++) fixedBefore[k + 1] = fixedBefore[k]! + (fixed(order[k]!) ? 1 : 0);
  const notedFrom = new Int32Array(length + 1).fill(length);
  for (let k = length - 1; k >= 0; k--) notedFrom[k] = features[order[k]!]!.firstNote !== null ? k : notedFrom[k + 1]!;
  const notedBefore = new Int32Array(length + 1).fill(-1);
  for (let k = 1; k <= length; k++) notedBefore[k] = features[order[k - 1]!]!.firstNote !== null ? k - 1 : notedBefore[k - 1]!;
  for (let a = 0; a < cuts.length - 1; a++) {
    for (let span = 1; span <= RUN_STRETCHES && a + span < cuts.length; span++) {
      const from = cuts[a]!;
      const to = cuts[a + span]!;
      if (to - from > RUN_LENGTH || fixedBefore[to]! - fixedBefore[from]! > 0) break;
      const firstNoted = notedFrom[from]!;
      const lastNoted = notedBefore[to]!;
      runs.push({ from, to, first: firstNoted < to ? features[order[firstNoted]!]!.firstNote : null, last: lastNoted >= from ? features[order[lastNoted]!]!.lastNote : null });
    }
  }
  return runs;
}

/** Positions (0..length) where a run may be cut: the ends, weak joins, joins the notes contradict, and beside headings. */
function cutPoints(order: readonly number[], features: readonly SolverFeatures[], join: (a: number | undefined, b: number | undefined) => number, weakBelow: number): number[] {
  const contradicted = new Set(contradictionsIn(order, features));
  const cuts = [0];
  for (let k = 1; k < order.length; k++) {
    // Headings stay put, so the runs beside them must be free to leave.
    const besideHeading = features[order[k]!]!.anchors.length > 0 || features[order[k - 1]!]!.anchors.length > 0;
    if (contradicted.has(k) || besideHeading || join(order[k - 1], order[k]) < weakBelow) cuts.push(k);
  }
  cuts.push(order.length);
  return cuts;
}

/** Positions of the pages whose first note number the numbering reached before them contradicts. */
function contradictionsIn(order: readonly number[], features: readonly SolverFeatures[]): number[] {
  const { restarts, noted, firstNote: firstNotes, lastNote: lastNotes } = notePages(features);
  const marks = noteMarks(features);
  const seenIn = marks.seenIn;
  const found: number[] = [];
  let reached: number | null = 0;
  // (a fresh stamp for each chapter of each call: a number marked with it was met in that chapter)
  let stamp = ++marks.stamp;
  for (let k = 0; k < order.length; k++) {
    const index = order[k]!;
    if (restarts[index] === 1) {
      reached = 0;
      stamp = ++marks.stamp;
    }
    const notes = noted[index]!;
    if (notes === 0) continue;
    const firstNote = firstNotes[index]!;
    const lastNote = notes === 2 ? features[index]!.lastNote : lastNotes[index]!;
    if (seenIn[firstNote] === stamp || firstNote !== (reached as number) + 1) found.push(k);
    for (let n = firstNote; n <= lastNote! && n - firstNote < 400; n++) seenIn[n] = stamp;
    reached = lastNote;
  }
  return found;
}

/** A mark for every note number the features hold, reused by every call (see contradictionsIn). */
const noteMarksCache = new WeakMap<readonly SolverFeatures[], { seenIn: Int32Array; stamp: number }>();

function noteMarks(features: readonly SolverFeatures[]): { seenIn: Int32Array; stamp: number } {
  let marks = noteMarksCache.get(features);
  if (!marks || marks.stamp > 0x7ffff000) {
    let highest = 0;
    for (const f of features) highest = Math.max(highest, f.firstNote ?? 0, f.lastNote ?? 0);
    marks = { seenIn: new Int32Array(highest + 1), stamp: 0 };
    noteMarksCache.set(features, marks);
  }
  return marks;
}

/** The note number the text has reached before each position (null before any note or heading). */
function noteReachedBefore(order: readonly number[], features: readonly SolverFeatures[]): (number | null)[] {
  const { restarts, noted, lastNote } = notePages(features);
  const reachedAt: (number | null)[] = new Array(order.length + 1);
  let reached: number | null = 0;
  for (let k = 0; k < order.length; k++) {
    const index = order[k]!;
    reachedAt[k] = reached;
    if (restarts[index] === 1) reached = 0;
    if (noted[index] === 1) reached = lastNote[index]!;
  }
  reachedAt[order.length] = reached;
  return reachedAt;
}
