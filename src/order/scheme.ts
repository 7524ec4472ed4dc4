/**
 * Known ways a book's pages get scrambled, fitted to the evidence. A saddle-stitched booklet
 * printed 2-up gives, for each signature (a contiguous range of the raw file), a reading order that
 * climbs through half of the range's pages and comes back down through the other half:
 * sheet sides [S,1], [2,S−1], [S−2,3], … read 1, 2, 3, … as raw positions 1, 2, 5, 6, … and
 * S−1, S, … as …, 3, 0. Blank pages (which leave nothing) and pages the extraction split or merged
 * shift that rhythm, so the halves are not taken from positions: for every candidate signature
 * the best climb-and-return through its fragments is found from the join evidence (a bitonic path,
 * by dynamic programming), and the signature boundaries are chosen the same way.
 */

/** Joins scores between fragments (raw indexes), higher is likelier. */
export type JoinScore = (from: number, to: number) => number;

export interface SchemeFit {
  order: number[];
  /** The signatures found, as raw index ranges [start, end). */
  signatures: Array<{ start: number; end: number }>;
}

const NONE = -1;

/**
 * The best bitonic reading of every range [start, start + m) for m up to `maxSize`: ascend through
 * some fragments, turn, and descend through the rest. Returns, per length, the score and enough to
 * rebuild the path.
 */
/** Buffers one fitting pass reuses for every start (a path read from them is valid until the next call). */
interface Scratch {
  score: Float64Array;
  back: Int32Array;
}

function bitonicFrom(start: number, maxSize: number, n: number, join: JoinScore, sideOf: (index: number) => number | null = () => null, scratch?: Scratch): Array<{ score: number; first: number; last: number; path: () => number[] } | null> {
  const size = Math.min(maxSize, n - start);
  // State after placing fragments start..start+t: t ends one chain (side 0: the climb, read
  // upwards; side 1: the return, kept growing upwards but read downwards) and u ends the other
  // (NONE while it is empty). Each sheet side holds one page of each half, so the raw file gives
  // the halves in pairs (return, climb, climb, return, return, …): the mode also counts how many
  // fragments in a row went to the same side, and a third in a row costs RUN_COST.
  const width = size + 1;
  const cells = size * width * 4;
  // (each row of states is cleared just before it is reached: a row holds only t + 1 values of u,
  // and `back` is read only along paths that were reached)
  const score = scratch && scratch.score.length >= cells ? scratch.score : new Float64Array(cells);
  const back = scratch && scratch.back.length >= cells ? scratch.back : new Int32Array(cells);
  const at = (t: number, u: number, mode: number): number => (t * width + (u + 1)) * 4 + mode;
  // A heading's printed page says which half of its signature it is in.
  const allowed = (index: number, side: number): boolean => {
    const known = sideOf(index);
    return known === null || known === side;
  };
  score.fill(-Infinity, at(0, NONE, 0), at(0, NONE, 0) + 4);
  if (allowed(start, 0)) score[at(0, NONE, 0)] = 0;
  if (allowed(start, 1)) score[at(0, NONE, 2)] = 0;
  const results: Array<{ score: number; first: number; last: number; path: () => number[] } | null> = [null];
  for (let t = 0; t < size; t++) {
    if (t > 0) {
      const here = start + t;
      const last = start + t - 1;
      const rowStart = t * width * 4;
      score.fill(-Infinity, rowStart, rowStart + (t + 1) * 4);
      // (the joins a state's moves add depend on t and the other chain's end alone, not on the mode)
      const climbOn = join(last, here);
      const returnOn = join(here, last);
      const mayClimb = allowed(here, 0);
      const mayReturn = allowed(here, 1);
      for (let u = NONE; u < t - 1; u = u === NONE ? Math.max(0, t - 1 - WINDOW) : u + 1) {
        const other = u === NONE ? NONE : start + u;
        const fromClimb = other === NONE ? 0 : join(here, other);
        const fromReturn = other === NONE ? 0 : join(other, here);
        const previousRow = ((t - 1) * width + (u + 1)) * 4;
        const sameRow = (t * width + (u + 1)) * 4;
        const flippedRow = (t * width + t) * 4;
        for (let mode = 0; mode < 4; mode++) {
          const previous = score[previousRow + mode]!;
          if (previous === -Infinity) continue;
          const side = mode >> 1;
          const long = (mode & 1) === 1;
          const code = (u + 1) * 4 + mode;
          // t joins the chain that t−1 ends: climb last→t, or return t→last.
          const same = previous + (side === 0 ? climbOn : returnOn) - (long ? RUN_COST : 0);
          const sameCell = sameRow + side * 2 + 1;
          if ((side === 0 ? mayClimb : mayReturn) && same > score[sameCell]!) {
            score[sameCell] = same;
            back[sameCell] = code;
          }
          // t joins the other chain; t−1 becomes that chain's partner end.
          const joined = previous + (side === 0 ? fromClimb : fromReturn);
          const flippedCell = flippedRow + (1 - side) * 2;
          if ((side === 0 ? mayReturn : mayClimb) && joined > score[flippedCell]!) {
            score[flippedCell] = joined;
            back[flippedCell] = code;
          }
        }
      }
    }
    // Close the range [start, start+t]: the climb's top turns into the return's top.
    let bestScore = -Infinity;
    let bestState: { u: number; mode: number } | null = null;
    for (let u = NONE; u < t; u = u === NONE ? Math.max(0, t - WINDOW - 1) : u + 1) {
      const climbTurn = u === NONE ? 0 : join(start + t, start + u);
      const returnTurn = u === NONE ? 0 : join(start + u, start + t);
      for (let mode = 0; mode < 4; mode++) {
        const s = score[at(t, u, mode)]!;
        if (s === -Infinity) continue;
        const side = mode >> 1;
        // A range read only downwards is no booklet signature.
        if (u === NONE && side === 1 && t > 0) continue;
        const turn = side === 0 ? climbTurn : returnTurn;
        if (s + turn > bestScore) {
          bestScore = s + turn;
          bestState = { u, mode };
        }
      }
    }
    if (t === 0) continue;
    if (!bestState) {
      results.push(null);
      continue;
    }
    const { u, mode } = bestState;
    const end = t;
    results.push({ score: bestScore, ...readingEnds(end, u, mode, back, at, start), path: () => rebuild(end, u, mode, back, at, start) });
  }
  return results;
}

/** The first and last fragment of the path {@link rebuild} would give, without building it. */
function readingEnds(t: number, u: number, mode: number, back: Int32Array, at: (t: number, u: number, mode: number) => number, start: number): { first: number; last: number } {
  // The climb reads upwards (its lowest fragment first), the return downwards (its lowest last).
  let lowestClimb = -1;
  let highestClimb = -1;
  let highestReturn = -1;
  let lowestReturn = -1;
  // (asked for every length from every start: the walk makes no objects)
  for (let st = t, su = u, sm = mode; ; ) {
    if (sm >> 1 === 0) {
      if (highestClimb < 0) highestClimb = start + st;
      lowestClimb = start + st;
    } else {
      if (highestReturn < 0) highestReturn = start + st;
      lowestReturn = start + st;
    }
    if (st === 0) break;
    const code = back[at(st, su, sm)]!;
    st -= 1;
    su = Math.floor(code / 4) - 1;
    sm = code % 4;
  }
  return { first: lowestClimb >= 0 ? lowestClimb : highestReturn, last: lowestReturn >= 0 ? lowestReturn : highestClimb };
}

/** A third raw fragment in a row on the same half of a signature: a blank or split page, or a misreading. */
const RUN_COST = 4;
/**
 * How many raw fragments in a row a reading may take from one half of a signature before the other
 * half's end is forgotten. Sheet sides give the halves in pairs, so a long run is blank pages or a
 * misreading, and each step of it costs RUN_COST: past this the other half is never picked up again
 * by the fits (the readings of the real book, its rescrambles and the four volumes are the same with
 * no limit), and the fit's work grows with the window, not with the square of the signature.
 */
const WINDOW = 12;
/**
 * Taking two fragments in a row from one end of a duplex stack shifts the zip: a blank page or a
 * merged fragment does that, but rarely, so a shift must be paid for by the joins it makes.
 */
const SHIFT_COST = 5;

function rebuild(t: number, u: number, mode: number, back: Int32Array, at: (t: number, u: number, mode: number) => number, start: number): number[] {
  const climb: number[] = [];
  const descent: number[] = [];
  let state = { t, u, mode };
  for (;;) {
    (state.mode >> 1 === 0 ? climb : descent).push(start + state.t);
    if (state.t === 0) break;
    const code = back[at(state.t, state.u, state.mode)]!;
    state = { t: state.t - 1, u: Math.floor(code / 4) - 1, mode: code % 4 };
  }
  climb.reverse();
  // The return was collected from the top down: that is its reading order.
  return [...climb, ...descent];
}

/** A fragment holding a Contents heading: its raw index and the printed page the Contents gives. */
export interface PagedFragment {
  index: number;
  page: number;
}

/** One sheet folded once (sheets stacked, not nested: a perfect-bound book's 2-up imposition) is the smallest signature. */
const SMALLEST_SIGNATURE = 4;

/**
 * Signatures that must hold headings for a layout to say anything: one signature holding every
 * heading proves nothing. One-sheet signatures are read nearly in order, and their headings
 * seldom share one to contradict the layout, so they must cover more of the book.
 */
const signaturesNeeded = (size: number): number => (size === SMALLEST_SIGNATURE ? 6 : 3);

/**
 * The signature sizes (pages, a multiple of 4) under which the headings' printed pages read as one
 * booklet from page 1 (see {@link runStarts}). None when no size fits (not such a booklet), or
 * when too few headings tell; with few headings several sizes may fit, and the evidence chooses.
 */
export function signatureSizes(headings: readonly PagedFragment[], largest = 128): number[] {
  const sorted = [...headings].sort((a, b) => a.index - b.index);
  const pages = new Set(sorted.map((h) => h.page));
  if (pages.size < 6) return [];
  // Headings already in page order say the raw file is in reading order, not imposed.
  if (sorted.every((h, i) => i === 0 || h.page >= sorted[i - 1]!.page)) return [];
  const sizes: number[] = [];
  for (let size = SMALLEST_SIGNATURE; size <= largest; size += 4) {
    if (runStarts(sorted, size, 0)[sorted.length - 1] === 0 && new Set(sorted.map((h) => signatureAt(h.page, 0, size))).size >= signaturesNeeded(size)) sizes.push(size);
  }
  return sizes;
}

/**
 * How a booklet's printed pages fall into signatures. Usually one booklet whose first signature
 * opens on page 1. But the raw file may hold several booklets one after another (volumes whose
 * page numbers run on), or a booklet whose page 1 is not its first page (unnumbered front matter
 * before it): each volume then has its own grid of signatures, found from its headings.
 */
export interface BookletLayout {
  size: number;
  /** The volumes in raw order (one for a single booklet). */
  volumes: Array<{
    /** The printed pages p with p − 1 − residue divisible by `size` open this volume's signatures. */
    residue: number;
    /** The printed pages of the volume's first and last heading. */
    firstPage: number;
    lastPage: number;
  }>;
  /**
   * Page 1 opens the first signature: signature k holds pages k·size + 1 to (k + 1)·size. Otherwise
   * a volume's grid may begin before its first heading's signature and end after its last
   * heading's, and those signatures may be empty (the fit finds how many hold fragments).
   */
  aligned: boolean;
}

/** `layout` in words, for the report. */
export function describeLayout(layout: BookletLayout, found: number): string {
  const booklets = layout.volumes.length === 1 ? 'a booklet' : `${layout.volumes.length} booklets in a row`;
  const offset = layout.aligned ? '' : layout.volumes.length === 1 ? ` (its signatures open on pages ${layout.volumes[0]!.residue + 1} + multiples of ${layout.size})` : ` (pages ${layout.volumes.map((v) => `${v.firstPage}–${v.lastPage}`).join(', ')})`;
  return `${booklets} of ${layout.size}-page signatures${offset} (${found} found in the raw file)`;
}

/**
 * The layouts under which the headings' printed pages fall into signatures in raw order. A single
 * booklet from page 1 (see {@link signatureSizes}) is the usual case, and tried first; only when no
 * size fits it are volumes and offsets tried, with the fewest volumes that explain the headings.
 */
export function bookletLayouts(headings: readonly PagedFragment[], largest = 128): BookletLayout[] {
  const span = (): { firstPage: number; lastPage: number } => ({ firstPage: Math.min(...headings.map((h) => h.page)), lastPage: Math.max(...headings.map((h) => h.page)) });
  const aligned = signatureSizes(headings, largest);
  if (aligned.length) return aligned.map((size) => ({ size, volumes: [{ residue: 0, ...span() }], aligned: true }));
  const sorted = [...headings].sort((a, b) => a.index - b.index);
  if (new Set(sorted.map((h) => h.page)).size < 6) return [];
  if (sorted.every((h, i) => i === 0 || h.page >= sorted[i - 1]!.page)) return [];
  // A volume may begin at heading j only if every page before it is below every page from it on.
  const m = sorted.length;
  const suffixMin = new Float64Array(m + 1).fill(Infinity);
  for (let i = m - 1; i >= 0; i--) suffixMin[i] = Math.min(suffixMin[i + 1]!, sorted[i]!.page);
  const cuts = [0];
  const pagesBefore = [-Infinity];
  for (let j = 1, prefixMax = -Infinity; j <= m; j++) {
    prefixMax = Math.max(prefixMax, sorted[j - 1]!.page);
    if (j === m || prefixMax < suffixMin[j]!) {
      cuts.push(j);
      pagesBefore.push(prefixMax);
    }
  }
  const layouts: BookletLayout[] = [];
  for (let size = SMALLEST_SIGNATURE; size <= largest; size += 4) {
    const volumes = volumesOf(sorted, size, cuts, pagesBefore);
    if (volumes) layouts.push({ size, volumes, aligned: false });
  }
  const fewest = Math.min(...layouts.map((l) => l.volumes.length));
  return layouts.filter((l) => l.volumes.length === fewest);
}

const signatureAt = (page: number, residue: number, size: number): number => Math.floor((page - 1 - residue) / size);
const halfAt = (page: number, residue: number, size: number): 0 | 1 => ((((page - 1 - residue) % size) + size) % size < size / 2 ? 0 : 1);

/**
 * The fewest volumes (runs of the headings, in raw order, each with its own signature grid) that
 * read as booklets of `size` (see {@link runStarts}), a volume's pages and its first signature all
 * after the pages of the volume before it. `cuts`: the headings a volume may begin with (every page
 * before them below every page from them on), and the end; `pagesBefore`: the highest page before
 * each. Null if some volume's headings lie in fewer than three signatures (which proves nothing).
 */
function volumesOf(sorted: readonly PagedFragment[], size: number, cuts: readonly number[], pagesBefore: readonly number[]): BookletLayout['volumes'] | null {
  const runStart = Array.from({ length: size }, (_, r) => runStarts(sorted, size, r));
  // Where the volumes meet is seldom certain from the headings' order alone (a residue may read a
  // neighbour's first signatures as well): of the ways with the fewest volumes, the one whose
  // headings lie nearest where their grids put them in the raw file.
  // best[c]: the fewest volumes for headings [0, cuts[c]), then the least error; back: the cut and residue it came from.
  const best = cuts.map(() => ({ volumes: Infinity, error: Infinity, cut: -1, residue: -1 }));
  best[0] = { volumes: 0, error: 0, cut: -1, residue: -1 };
  for (let c = 1; c < cuts.length; c++) {
    const end = cuts[c]!;
    // lowestFrom[b]: the lowest page of headings [cuts[b], end)
    const lowestFrom = new Float64Array(c + 1).fill(Infinity);
    for (let b = c - 1; b >= 0; b--) {
      lowestFrom[b] = lowestFrom[b + 1]!;
      for (let i = cuts[b]!; i < cuts[b + 1]!; i++) lowestFrom[b] = Math.min(lowestFrom[b]!, sorted[i]!.page);
    }
    // (the earliest beginning first: of equal readings, the one whose last volume begins soonest)
    for (let b = 0; b < c; b++) {
      const begin = cuts[b]!;
      const lowest = lowestFrom[b]!;
      const volumes = best[b]!.volumes + 1;
      if (volumes > best[c]!.volumes) continue;
      for (let r = 0; r < size; r++) {
        if (runStart[r]![end - 1]! > begin) continue;
        // (a volume's first signature opens after the pages of the volume before it)
        if (lowest - ((((lowest - 1 - r) % size) + size) % size) <= pagesBefore[b]!) continue;
        const error = best[b]!.error + positionError(sorted, begin, end, r, size);
        if (volumes < best[c]!.volumes || error < best[c]!.error) best[c] = { volumes, error, cut: b, residue: r };
      }
    }
  }
  if (best[cuts.length - 1]!.volumes === Infinity) return null;
  const found: BookletLayout['volumes'] = [];
  for (let c = cuts.length - 1; c > 0; ) {
    const { cut, residue } = best[c]!;
    const run = sorted.slice(cuts[cut]!, cuts[c]!);
    if (new Set(run.map((h) => signatureAt(h.page, residue, size))).size < signaturesNeeded(size)) return null;
    found.push({ residue, firstPage: Math.min(...run.map((h) => h.page)), lastPage: Math.max(...run.map((h) => h.page)) });
    c = cut;
  }
  return found.reverse();
}

/**
 * For each heading (in raw order), the first heading of the longest run ending there that reads as
 * one booklet whose signatures open on the pages p with p − 1 − residue divisible by `size`: the
 * signature never goes back as the raw file goes on, and within a signature the first half's pages
 * climb and the second half's come down (sheet side j holds page j + 1 of the first half and the
 * j-th from the end of the second).
 */
function runStarts(sorted: readonly PagedFragment[], size: number, residue: number): Int32Array {
  const starts = new Int32Array(sorted.length);
  for (let i = 1; i < sorted.length; i++) {
    const page = sorted[i]!.page;
    const signature = signatureAt(page, residue, size);
    const half = halfAt(page, residue, size);
    let start = starts[i - 1]!;
    if (signatureAt(sorted[i - 1]!.page, residue, size) > signature) start = i;
    else {
      for (let k = i - 1; k >= start && signatureAt(sorted[k]!.page, residue, size) === signature; k--) {
        const before = sorted[k]!.page;
        if (halfAt(before, residue, size) === half && (half === 0 ? before > page : before < page)) {
          start = k + 1;
          break;
        }
      }
    }
    starts[i] = start;
  }
  return starts;
}

/**
 * How far the headings' raw positions are from where a grid with `residue` puts them: sheet side j
 * of a signature gives the raw file its two pages at about 2j from the signature's start, so within
 * a signature a heading's raw index less twice its side should be the same for every heading
 * (blank and merged pages shift it a little: the median is the reference).
 */
function positionError(sorted: readonly PagedFragment[], begin: number, end: number, residue: number, size: number): number {
  const bySignature = new Map<number, number[]>();
  for (let i = begin; i < end; i++) {
    const h = sorted[i]!;
    const q = (((h.page - 1 - residue) % size) + size) % size;
    const side = q < size / 2 ? q : size - 1 - q;
    const key = signatureAt(h.page, residue, size);
    let offsets = bySignature.get(key);
    if (!offsets) bySignature.set(key, (offsets = []));
    offsets.push(h.index - 2 * side);
  }
  let error = 0;
  for (const offsets of bySignature.values()) {
    offsets.sort((a, b) => a - b);
    const median = offsets[Math.floor(offsets.length / 2)]!;
    for (const o of offsets) error += Math.abs(o - median);
  }
  return error;
}

/** How many fragments more or fewer than its pages a signature's raw range may hold (blank, split and merged pages). */
const slackOf = (size: number): number => Math.max(3, Math.round(size / 8));

/**
 * How far apart in the raw file two fragments a booklet joins lie: within a signature's range (at
 * most size + slack), or the page read last in one signature and the page read first in the next,
 * each near its own signature's start, a signature apart. The joins scored ahead (band.ts) and the
 * strong joins the local search and the rhythm are looked up by reach this far; a join farther
 * apart is scored when asked for. (Twice as far, as it was, scored twice the joins, and the
 * rescrambled booklets came back no better: 4 block joins fewer of 3,388 on one.)
 */
export function reachOf(layout: BookletLayout): number {
  return layout.size + slackOf(layout.size) + READ_AT_EITHER_END;
}

/** Fragments a signature's first or last read page may lie inside its range (a blank or split page before it). */
const READ_AT_EITHER_END = 4;

/**
 * Fits booklet signatures to the raw sequence: each signature a contiguous range read as a climb
 * and a return, holding exactly the headings whose printed pages the layout puts in it, its
 * length from half the signature size (blank pages) to a little more than it (split pages); the
 * ranges are chosen so that the joins inside and between them score highest.
 */
export function fitBooklet(n: number, join: JoinScore, headings: readonly PagedFragment[], layout: BookletLayout): SchemeFit {
  const { size } = layout;
  const slack = slackOf(size);
  const maxSize = Math.min(n, size + slack);
  const width = maxSize + 1;
  // A signature's raw range holds at least half as many fragments as it has pages: blank pages (a
  // chapter's blank verso, the front matter's) leave nothing, and a small signature may be half blank.
  const shortest = Math.ceil(size / 2);
  const grid = signatureGrid(headings, layout, n, shortest);
  const { count, signatureOf, mayBeEmpty, mayBeShort } = grid;
  // The half each heading's fragment lies in, by raw index (−1: no heading): the fit asks for every
  // fragment in its innermost loops.
  const halfOf = new Int8Array(n).fill(-1);
  for (const h of headings) halfOf[h.index] = grid.halfOf(h);
  const sideOf = (index: number): number | null => {
    const half = halfOf[index]!;
    return half < 0 ? null : half;
  };
  const scratch: Scratch = { score: new Float64Array(maxSize * width * 4), back: new Int32Array(maxSize * width * 4) };
  // The raw span each signature's headings need: it must hold them and no other signature's.
  const firstHeading = new Int32Array(count).fill(n);
  const lastHeading = new Int32Array(count).fill(-1);
  const headingAt = new Int32Array(n).fill(-1);
  for (const h of headings) {
    const k = signatureOf(h);
    firstHeading[k] = Math.min(firstHeading[k]!, h.index);
    lastHeading[k] = Math.max(lastHeading[k]!, h.index);
    headingAt[h.index] = k;
  }
  // best[k][e]: the best reading of [0, e) as signatures 0..k−1; from[k][e] where its last signature
  // starts, lastOf[k][e] the fragment it reads last (−1: none yet).
  const best = Array.from({ length: count + 1 }, () => new Float64Array(n + 1).fill(-Infinity));
  const from = Array.from({ length: count + 1 }, () => new Int32Array(n + 1).fill(-1));
  const lastOf = Array.from({ length: count + 1 }, () => new Int32Array(n + 1).fill(-1));
  best[0]![0] = 0;
  // How far a signature's range from s may reach: not past the heading of another signature than
  // the first heading at or after s belongs to (the candidates below stop there), so the climbs and
  // returns are fitted no further. nextHeading[s]: that first heading's index (n: none);
  // otherHeading[h]: the first heading after h of another signature than h's (n: none).
  const nextHeading = new Int32Array(n + 1).fill(n);
  const otherHeading = new Int32Array(n + 1).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    nextHeading[i] = headingAt[i] !== -1 ? i : nextHeading[i + 1]!;
    if (headingAt[i] === -1) continue;
    const after = nextHeading[i + 1]!;
    otherHeading[i] = after === n ? n : headingAt[after] !== headingAt[i] ? after : otherHeading[after]!;
  }
  // Raw positions in turn: a position's readings are final once every earlier one is done, and the
  // climbs and returns from it (the costly part) are fitted only where some signature can start.
  for (let s = 0; s < n; s++) {
    let ranges: ReturnType<typeof bitonicFrom> | null = null;
    const first = nextHeading[s]!;
    const reach = Math.min(maxSize, (first < n ? otherHeading[first]! : n) - s);
    for (let k = 0; k < count; k++) {
      const before = best[k]![s]!;
      if (before === -Infinity || s > firstHeading[k]!) continue;
      const previousLast = lastOf[k]![s]!;
      if (mayBeEmpty[k] && before > best[k + 1]![s]!) {
        best[k + 1]![s] = before;
        from[k + 1]![s] = s;
        lastOf[k + 1]![s] = previousLast;
      }
      ranges ??= bitonicFrom(s, reach, n, join, sideOf, scratch);
      for (let m = 1; m <= maxSize && s + m <= n; m++) {
        const e = s + m;
        // Another signature's heading inside ends the candidates; this one's must all be inside.
        if (headingAt[e - 1] !== -1 && headingAt[e - 1] !== k) break;
        if (e <= lastHeading[k]!) continue;
        if (m < shortest && e !== n && !mayBeShort[k]) continue;
        const inner = ranges[m - 1];
        if (!inner) continue;
        const total = before + inner.score + (previousLast < 0 ? 0 : join(previousLast, inner.first));
        if (total > best[k + 1]![e]!) {
          best[k + 1]![e] = total;
          from[k + 1]![e] = s;
          lastOf[k + 1]![e] = inner.last;
        }
      }
    }
  }
  let k = -1;
  for (let c = 1; c <= count; c++) if (best[c]![n]! > -Infinity && (k < 0 || best[c]![n]! > best[k]![n]!)) k = c;
  if (k < 0) return { order: [], signatures: [] };
  const signatures: Array<{ start: number; end: number }> = [];
  for (let end = n; k > 0; k--) {
    const start = from[k]![end]!;
    if (start < end) signatures.push({ start, end });
    end = start;
  }
  signatures.reverse();
  const order = signatures.flatMap(({ start, end }) => bitonicFrom(start, end - start, n, join, sideOf)[end - start - 1]!.path());
  return { order, signatures };
}

/** Where a layout puts each heading (its signature, counted across the volumes, and its half), and which signatures may be empty or short. */
interface SignatureGrid {
  count: number;
  signatureOf: (heading: PagedFragment) => number;
  halfOf: (heading: PagedFragment) => 0 | 1;
  mayBeEmpty: Uint8Array;
  mayBeShort: Uint8Array;
}

function signatureGrid(headings: readonly PagedFragment[], layout: BookletLayout, n: number, shortest: number): SignatureGrid {
  const { size } = layout;
  if (layout.aligned) {
    const count = Math.max(Math.ceil(n / size) + 2, ...headings.map((h) => signatureAt(h.page, 0, size) + 1));
    // (only the signature that ends the raw file may be short: see fitBooklet)
    return { count, signatureOf: (h) => signatureAt(h.page, 0, size), halfOf: (h) => halfAt(h.page, 0, size), mayBeEmpty: new Uint8Array(count), mayBeShort: new Uint8Array(count) };
  }
  // Each volume's signatures: as many before its first heading's and after its last heading's as
  // the raw fragments between it and its neighbours could fill, each of which may be empty; its
  // last signatures may be short (a volume's pages need not fill its last signature).
  const volumeOf = (page: number): number => layout.volumes.findIndex((v) => page <= v.lastPage);
  const byVolume = layout.volumes.map((volume, v) => {
    const own = headings.filter((h) => volumeOf(h.page) === v);
    const signatures = own.map((h) => signatureAt(h.page, volume.residue, size));
    return { residue: volume.residue, low: Math.min(...signatures), high: Math.max(...signatures), firstIndex: Math.min(...own.map((h) => h.index)), lastIndex: Math.max(...own.map((h) => h.index)) };
  });
  const bases: number[] = [];
  const empty: number[] = [];
  const short: number[] = [];
  let count = 0;
  byVolume.forEach((volume, v) => {
    const gapBefore = v === 0 ? volume.firstIndex : volume.firstIndex - byVolume[v - 1]!.lastIndex;
    const gapAfter = v === byVolume.length - 1 ? n - volume.lastIndex : byVolume[v + 1]!.firstIndex - volume.lastIndex;
    const lead = Math.ceil(gapBefore / shortest) + 1;
    const trail = Math.ceil(gapAfter / shortest) + 1;
    for (let k = 0; k < lead; k++) empty.push(count + k);
    bases.push(count + lead - volume.low);
    const highest = count + lead + volume.high - volume.low;
    for (let k = 0; k <= trail; k++) short.push(highest + k);
    for (let k = 1; k <= trail; k++) empty.push(highest + k);
    count = highest + trail + 1;
  });
  const mayBeEmpty = new Uint8Array(count);
  for (const k of empty) mayBeEmpty[k] = 1;
  const mayBeShort = new Uint8Array(count);
  for (const k of short) mayBeShort[k] = 1;
  return {
    count,
    signatureOf: (h) => {
      const v = volumeOf(h.page);
      return bases[v]! + signatureAt(h.page, byVolume[v]!.residue, size);
    },
    halfOf: (h) => halfAt(h.page, byVolume[volumeOf(h.page)]!.residue, size),
    mayBeEmpty,
    mayBeShort,
  };
}

/** A way of scanning a stack of pages, and the reading order it implies for the raw file. */
export interface ScanReading {
  /** What the scan did, for the report (`a duplex scan: fronts forward, then backs reversed`). */
  scan: string;
  /** Raw indexes in reading order. */
  order: number[];
}

/** The raw order of pages 0..count−1 (page indexes, in raw order) → raw index of each page. */
function readingOf(raw: readonly number[]): number[] {
  const order = new Array<number>(raw.length);
  raw.forEach((page, at) => (order[page] = at));
  return order;
}

/**
 * Simple scans of a stack, each read back: the file already in reading order, the stack scanned
 * upside down, and ranges dealt out one page from each in turn (2 to 8 ranges). A fragment is taken for a
 * page: pages the extraction split or merged, and blank ones, shift the reading, and the search
 * that follows mends what the shift breaks.
 */
export function scanReadings(count: number): ScanReading[] {
  const identity = Array.from({ length: count }, (_, i) => i);
  const readings: ScanReading[] = [
    { scan: 'the raw file already in reading order', order: identity },
    { scan: 'the pages in reverse order', order: [...identity].reverse() },
  ];
  for (let runs = 2; runs <= 8 && runs < count; runs++) {
    const size = Math.ceil(count / runs);
    const raw: number[] = [];
    for (let k = 0; k < size; k++) for (let r = 0; r < runs; r++) if (r * size + k < count) raw.push(r * size + k);
    readings.push({ scan: `${runs} ranges of pages interleaved`, order: readingOf(raw) });
  }
  return readings;
}

/**
 * A duplex stack scanned in two passes, fronts and backs, each pass forward or backward as the
 * stack was turned: the raw file holds one pass before fragment `boundary` and the other from it
 * on, and the reading zips the two, each read its own way, from the pass that holds the first page.
 */
export interface TwoPasses {
  /** Where the second pass begins in the raw file, as the sure joins put it (blank pages shift it a little). */
  boundary: number;
  /** Whether the first page is in the raw file's first part; how that part, and the other, are read. */
  firstPartFirst: boolean;
  firstPartForward: boolean;
  secondPartForward: boolean;
  scan: string;
}

/**
 * The reading of a stack scanned in two passes: the zip of its two parts (see {@link zipEnds}, over
 * the raw file relabelled so that the pass with the first page runs forward from its start and the
 * other backward from its end), with the boundary between them where the zip's joins add up to
 * most, within PILE_DRIFT fragments of where the sure joins put it.
 */
export function fitTwoPasses(n: number, join: JoinScore, passes: TwoPasses, toBeat = -Infinity): ScanReading {
  const zipAt = (boundary: number): { order: number[]; score: number } => {
    const parts = [
      { from: 0, to: boundary, forward: passes.firstPartForward },
      { from: boundary, to: n, forward: passes.secondPartForward },
    ];
    const [first, second] = passes.firstPartFirst ? [parts[0]!, parts[1]!] : [parts[1]!, parts[0]!];
    const length = first.to - first.from;
    const raw = (index: number): number => {
      if (index < length) return first.forward ? first.from + index : first.to - 1 - index;
      const fromEnd = n - 1 - index;
      return second.forward ? second.from + fromEnd : second.to - 1 - fromEnd;
    };
    const zipped = zipEnds(n, (a, b) => join(raw(a), raw(b)), length / n);
    return { order: zipped.order.map(raw), score: zipped.score };
  };
  const tried = new Map<number, { order: number[]; score: number }>();
  const best = (boundaries: number[]): number => {
    let found = -1;
    for (const boundary of boundaries) {
      if (boundary < 1 || boundary >= n) continue;
      if (!tried.has(boundary)) tried.set(boundary, zipAt(boundary));
      if (found < 0 || tried.get(boundary)!.score > tried.get(found)!.score) found = boundary;
    }
    return found;
  };
  // A boundary a little off reads most pages as well (the joins add up alike on one side of the
  // true one and fall off past it): every fourth boundary first, then the best one's neighbours,
  // unless even the best falls far short of the reading to beat (`toBeat`, by the same joins).
  const span = Array.from({ length: 2 * PILE_DRIFT + 1 }, (_, k) => passes.boundary - PILE_DRIFT + k);
  let found = best(span.filter((_, k) => k % 4 === 0));
  if (found >= 0 && tried.get(found)!.score > toBeat - n) found = best(span.filter((boundary) => Math.abs(boundary - found) < 4));
  return { scan: passes.scan, order: found < 0 ? Array.from({ length: n }, (_, i) => i) : tried.get(found)!.order };
}

/**
 * The readings of a stack scanned in two passes that the sure joins (`joins`, [before, after] as
 * raw fragments) show, other than the fronts forward and the backs reversed (fitDuplex):
 * - both passes the same way: each page's successor lies about as far on or back in the raw file
 *   as the second pass begins (a front to its back, a back to the next front); read forward from
 *   the start and from there, or backward from there and from the end;
 * - from the middle out: a page and its successor lie about as far either side of the point where
 *   the second pass begins, as they do either side of the file's middle in a duplex scan.
 * Where most of the sure joins (blank and merged pages shift a few) step so. A random scramble, a
 * booklet and interleaved ranges spread their long steps; a duplex scan shows the second.
 */
export function twoPassScans(joins: ReadonlyArray<readonly [number, number]>, n: number): TwoPasses[] {
  const readings: TwoPasses[] = [];
  const median = (values: number[]): number | null => (values.length < PILE_JOINS_LEAST ? null : values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
  const shareNear = (values: readonly number[], ...targets: number[]): boolean => values.filter((v) => targets.some((t) => Math.abs(v - t) <= PILE_DRIFT)).length >= PILE_SHARE * joins.length;
  const steps = joins.map(([a, b]) => b - a);
  const step = median(steps.filter((s) => s >= n / 4 && s <= (3 * n) / 4));
  if (step !== null && shareNear(steps, step, -step)) {
    readings.push({ boundary: step, firstPartFirst: true, firstPartForward: true, secondPartForward: true, scan: 'a duplex scan in two passes, fronts and backs each forward' });
    readings.push({ boundary: n - 1 - step, firstPartFirst: false, firstPartForward: false, secondPartForward: false, scan: 'a duplex scan in two passes, fronts and backs each backward' });
  }
  const sums = joins.map(([a, b]) => a + b);
  const sum = median([...sums]);
  if (sum !== null && shareNear(sums, sum)) {
    readings.push({ boundary: Math.round((sum + 1) / 2), firstPartFirst: true, firstPartForward: false, secondPartForward: true, scan: 'a duplex scan in two passes from the middle out, the fronts backward, the backs forward' });
  }
  return readings;
}

/** Sure joins a two-pass reading is learned from at the least, how far they may stray from its steps (and its boundary from theirs), and the share of them that must step so. */
const PILE_JOINS_LEAST = 10;
const PILE_DRIFT = 8;
const PILE_SHARE = 0.4;

/**
 * A duplex stack through a simplex scanner: the fronts come first, then the backs last to first, so
 * the reading zips the raw file's start and end together (raw 0, n−1, 1, n−2, …). Blank pages and
 * split or merged fragments shift the zip, so it is found as the best merge of the two ends by
 * dynamic programming over the joins: how many fragments have been read from the start and from
 * the end, which end was read last, and whether twice in a row (a shift, costing SHIFT_COST; a
 * third in a row costs RUN_COST).
 */
export function fitDuplex(n: number, join: JoinScore): ScanReading & { score: number } {
  return { scan: 'a duplex scan (fronts forward, then the backs reversed)', ...zipEnds(n, join, 0.5) };
}

/**
 * The best merge of the raw file read forward from its start and backward from its end (see
 * fitDuplex), and what its joins add up to. Only merges that keep within ZIP_BAND fragments of
 * reading the start's share (`startShare`) of each stretch are looked at: the two sides of a stack
 * alternate, shifted only where a page is blank or two run into one.
 */
function zipEnds(n: number, join: JoinScore, startShare: number): { order: number[]; score: number } {
  if (n < 2) return { order: Array.from({ length: n }, (_, i) => i), score: 0 };
  const width = n + 1;
  // States (i, j, mode) lie on diagonals i + j = t, each within its band of i; only one diagonal's
  // scores are kept, and for every state the mode it came from (the side it took tells from which
  // cell), by diagonal and place in the band.
  const lowOf = (t: number): number => Math.max(0, Math.floor(t * startShare) - ZIP_BAND);
  const band = 2 * ZIP_BAND + 2;
  let scores = new Float64Array(width * 4).fill(-Infinity);
  let next = new Float64Array(width * 4);
  const cameFrom = new Uint8Array((n + 1) * band * 4);
  const cell = (i: number, j: number, mode: number): number => ((i + j) * band + i - lowOf(i + j)) * 4 + mode;
  scores[1 * 4 + 0] = 0;
  for (let t = 1; t < n; t++) {
    const low = lowOf(t);
    const high = Math.min(t, Math.ceil(t * startShare) + ZIP_BAND);
    const nextLow = lowOf(t + 1);
    next.fill(-Infinity);
    for (let i = low; i <= high; i++) {
      const j = t - i;
      for (let mode = 0; mode < 4; mode++) {
        const here = scores[i * 4 + mode]!;
        if (here === -Infinity) continue;
        const side = mode >> 1;
        const twice = (mode & 1) === 1;
        const last = side === 0 ? i - 1 : n - j;
        for (let nextSide = 0; nextSide < 2; nextSide++) {
          const again = nextSide === side;
          const [ni, nj, fragment] = nextSide === 0 ? [i + 1, j, i] : [i, j + 1, n - 1 - j];
          // (a state outside the next diagonal's band is not kept)
          if (ni < nextLow || ni - nextLow >= band) continue;
          const value = here + join(last, fragment) - (again ? (twice ? RUN_COST : SHIFT_COST) : 0);
          const nextMode = nextSide * 2 + (again ? 1 : 0);
          if (value > next[ni * 4 + nextMode]!) {
            next[ni * 4 + nextMode] = value;
            cameFrom[cell(ni, nj, nextMode)] = mode;
          }
        }
      }
    }
    [scores, next] = [next, scores];
  }
  let best = -1;
  for (let k = 0; k < width * 4; k++) if (scores[k]! > -Infinity && (best < 0 || scores[k]! > scores[best]!)) best = k;
  const score = scores[best]!;
  const order: number[] = [];
  let i = best >> 2;
  let j = n - i;
  let mode = best & 3;
  while (i + j > 0) {
    const side = mode >> 1;
    order.push(side === 0 ? i - 1 : n - j);
    if (i + j === 1) break;
    const previous = cameFrom[cell(i, j, mode)]!;
    if (side === 0) i--;
    else j--;
    mode = previous;
  }
  order.reverse();
  return { order, score };
}

/** How far a zip of a stack's two sides may stray from reading each side in its share (fragments). */
const ZIP_BAND = 48;

/**
 * Ranges of pages dealt out one page from each in turn, as {@link scanReadings} reads them exactly,
 * but fitted to the joins: blank pages (which leave nothing) and split or merged fragments shift
 * the deal, so each raw fragment is given to one of `runs` chains (a chain: one range, read in raw
 * order) by dynamic programming over the joins within the chains. A state is, for every chain, how
 * far back its last fragment lies (a chain not heard from for more than `window` fragments is
 * asleep: a run of blank pages, as a book's front matter has, or its range ran out; it may wake,
 * its join to what it held before unscored), so the fit grows with the raw file times the states
 * kept, not with its square. A fragment given to another chain than the one whose turn it is
 * costs DEAL_SHIFT_COST (a blank page shifts the deal once). The chains start in raw order and
 * are read one after another. Null when the file is too short to deal, or no reading starts every
 * chain.
 */
export function fitInterleave(n: number, runs: number, join: JoinScore, headings: readonly PagedFragment[] = [], window = runs + 5): ScanReading | null {
  const scan = `${runs} ranges of pages interleaved`;
  if (n <= runs) return null;
  // Which range a heading's page lies in: ranges of equal length, the k-th fragment of range r
  // about k·runs + r into the raw file, so its page less its raw index over `runs` is near r times
  // the range's length. (The chains are alike but for their place in the reading: without this,
  // two chains may trade their fragments wherever the joins cannot tell, as in the front matter.)
  const pages = Math.max(n, ...headings.map((h) => h.page));
  const rangeOf = new Int8Array(n).fill(-1);
  for (const h of headings) rangeOf[h.index] = Math.max(0, Math.min(runs - 1, Math.round(((h.page - 1 - h.index / runs) * runs) / pages)));
  // A chain's code: 0 holds the fragment just placed, 1..window how far back its last one lies,
  // ASLEEP, or NOT_STARTED. A state is the chains' codes as the digits of one number.
  const ASLEEP = window + 1;
  const NOT_STARTED = window + 2;
  const base = window + 3;
  const digit = new Int32Array(runs);
  for (let r = 0, p = 1; r < runs; r++, p *= base) digit[r] = p;
  const codeOf = (state: number, chain: number): number => Math.floor(state / digit[chain]!) % base;
  // The moves from each state, worked out the first time the state is met: for each chain, the
  // state it leads to (−1: the chain may not take the next fragment), and the move's cost.
  const stateCount = base ** runs;
  const known = new Uint8Array(stateCount);
  const moveTo = new Int32Array(stateCount * runs);
  const moveCost = new Float64Array(stateCount * runs);
  const learn = (state: number): void => {
    known[state] = 1;
    const codes = Array.from({ length: runs }, (_, r) => codeOf(state, r));
    // the chain that took the fragment before, the one whose turn comes next, the first not started
    const holder = Math.max(0, codes.indexOf(0));
    let inTurn = -1;
    // (the deal goes round the chains awake: one asleep takes a fragment out of turn when it wakes)
    for (let k = 1; k <= runs && inTurn < 0; k++) if (codes[(holder + k) % runs] !== ASLEEP) inTurn = (holder + k) % runs;
    const firstUnstarted = codes.indexOf(NOT_STARTED);
    for (let r = 0; r < runs; r++) {
      const at = state * runs + r;
      if (codes[r] === NOT_STARTED && r !== firstUnstarted) {
        moveTo[at] = -1;
        continue;
      }
      let next = 0;
      codes.forEach((old, c) => (next += (c === r ? 0 : old === NOT_STARTED || old === ASLEEP ? old : old + 1 > window ? ASLEEP : old + 1) * digit[c]!));
      moveTo[at] = next;
      moveCost[at] = r === inTurn ? 0 : DEAL_SHIFT_COST;
    }
  };
  // Per raw fragment, the states reached (the best INTERLEAVE_BEAM of them) and, for each, the state
  // (an index into the fragment before's) and chain it came from.
  const statesAt: Int32Array[] = [];
  const backAt: Int32Array[] = [];
  let states = new Int32Array([digit.reduce((state, p, r) => state + (r === 0 ? 0 : NOT_STARTED * p), 0)]);
  let scores = new Float64Array([0]);
  statesAt.push(states);
  backAt.push(new Int32Array([-1]));
  const slotOf = new Int32Array(stateCount).fill(-1);
  const nextStates = new Int32Array(INTERLEAVE_BEAM * runs);
  const nextScores = new Float64Array(INTERLEAVE_BEAM * runs);
  const nextBack = new Int32Array(INTERLEAVE_BEAM * runs);
  for (let t = 1; t < n; t++) {
    let reached = 0;
    const range = rangeOf[t]!;
    for (let s = 0; s < states.length; s++) {
      const state = states[s]!;
      if (!known[state]) learn(state);
      for (let r = 0; r < runs; r++) {
        const next = moveTo[state * runs + r]!;
        if (next < 0) continue;
        const code = codeOf(state, r);
        const joined = code === NOT_STARTED || code === ASLEEP ? 0 : join(t - 1 - code, t);
        const value = scores[s]! + (Number.isFinite(joined) ? joined : -1e9) - moveCost[state * runs + r]! - (range >= 0 && range !== r ? OTHER_RANGE_COST : 0);
        const slot = slotOf[next]!;
        if (slot < 0) {
          slotOf[next] = reached;
          nextStates[reached] = next;
          nextScores[reached] = value;
          nextBack[reached++] = s * runs + r;
        } else if (value > nextScores[slot]!) {
          nextScores[slot] = value;
          nextBack[slot] = s * runs + r;
        }
      }
    }
    for (let k = 0; k < reached; k++) slotOf[nextStates[k]!] = -1;
    // (the deal's rhythm keeps the likely states few: the best INTERLEAVE_BEAM go on)
    let floor = -Infinity;
    if (reached > INTERLEAVE_BEAM) floor = nextScores.slice(0, reached).sort()[reached - INTERLEAVE_BEAM]!;
    const kept: number[] = [];
    for (let k = 0; k < reached && kept.length < INTERLEAVE_BEAM; k++) if (nextScores[k]! >= floor) kept.push(k);
    states = Int32Array.from(kept, (k) => nextStates[k]!);
    scores = Float64Array.from(kept, (k) => nextScores[k]!);
    statesAt.push(states);
    backAt.push(Int32Array.from(kept, (k) => nextBack[k]!));
  }
  // The best final state with every chain started.
  let best = -1;
  for (let s = 0; s < states.length; s++) {
    let started = true;
    for (let r = 0; r < runs; r++) if (codeOf(states[s]!, r) === NOT_STARTED) started = false;
    if (started && (best < 0 || scores[s]! > scores[best]!)) best = s;
  }
  if (best < 0) return null;
  const chainOf = new Int32Array(n);
  for (let t = n - 1, s = best; t > 0; t--) {
    const back = backAt[t]![s]!;
    chainOf[t] = back % runs;
    s = Math.floor(back / runs);
  }
  const order: number[] = [];
  for (let r = 0; r < runs; r++) for (let t = 0; t < n; t++) if (chainOf[t] === r) order.push(t);
  return { scan, order };
}

/**
 * A fragment out of turn in ranges interleaved: less than a duplex stack's shift (SHIFT_COST), for
 * every blank page of every range shifts the deal (on the real book's printed pages dealt in two
 * ranges, 2 kept 742 joins of 796 where 5 kept 697).
 */
const DEAL_SHIFT_COST = 2;

/** A heading read in another range than its page lies in: the Contents says where it is. */
const OTHER_RANGE_COST = 20;

/** How many of the interleaving fit's states are kept after each fragment. */
const INTERLEAVE_BEAM = 150;
