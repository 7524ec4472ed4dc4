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
  const score = scratch && scratch.score.length >= cells ? scratch.score.fill(-Infinity, 0, cells) : new Float64Array(cells).fill(-Infinity);
  const back = scratch && scratch.back.length >= cells ? scratch.back.fill(-2, 0, cells) : new Int32Array(cells).fill(-2);
  const at = (t: number, u: number, mode: number): number => (t * width + (u + 1)) * 4 + mode;
  // A heading's printed page says which half of its signature it is in.
  const allowed = (index: number, side: number): boolean => {
    const known = sideOf(index);
    return known === null || known === side;
  };
  if (allowed(start, 0)) score[at(0, NONE, 0)] = 0;
  if (allowed(start, 1)) score[at(0, NONE, 2)] = 0;
  const results: Array<{ score: number; first: number; last: number; path: () => number[] } | null> = [null];
  for (let t = 0; t < size; t++) {
    if (t > 0) {
      const here = start + t;
      const last = start + t - 1;
      for (let u = NONE; u < t - 1; u++) {
        for (let mode = 0; mode < 4; mode++) {
          const previous = score[at(t - 1, u, mode)]!;
          if (previous === -Infinity) continue;
          const side = mode >> 1;
          const long = (mode & 1) === 1;
          const other = u === NONE ? NONE : start + u;
          const code = (u + 1) * 4 + mode;
          // t joins the chain that t−1 ends: climb last→t, or return t→last.
          const same = previous + (side === 0 ? join(last, here) : join(here, last)) - (long ? RUN_COST : 0);
          const sameMode = side * 2 + 1;
          if (allowed(here, side) && same > score[at(t, u, sameMode)]!) {
            score[at(t, u, sameMode)] = same;
            back[at(t, u, sameMode)] = code;
          }
          // t joins the other chain; t−1 becomes that chain's partner end.
          const joined = previous + (other === NONE ? 0 : side === 0 ? join(here, other) : join(other, here));
          const flipped = (1 - side) * 2;
          if (allowed(here, 1 - side) && joined > score[at(t, t - 1, flipped)]!) {
            score[at(t, t - 1, flipped)] = joined;
            back[at(t, t - 1, flipped)] = code;
          }
        }
      }
    }
    // Close the range [start, start+t]: the climb's top turns into the return's top.
    let bestScore = -Infinity;
    let bestState: { u: number; mode: number } | null = null;
    for (let u = NONE; u < t; u++) {
      for (let mode = 0; mode < 4; mode++) {
        const s = score[at(t, u, mode)]!;
        if (s === -Infinity) continue;
        const side = mode >> 1;
        // A range read only downwards is no booklet signature.
        if (u === NONE && side === 1 && t > 0) continue;
        const turn = u === NONE ? 0 : side === 0 ? join(start + t, start + u) : join(start + u, start + t);
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
  for (let state = { t, u, mode }; ; ) {
    if (state.mode >> 1 === 0) {
      if (highestClimb < 0) highestClimb = start + state.t;
      lowestClimb = start + state.t;
    } else {
      if (highestReturn < 0) highestReturn = start + state.t;
      lowestReturn = start + state.t;
    }
    if (state.t === 0) break;
    const code = back[at(state.t, state.u, state.mode)]!;
    state = { t: state.t - 1, u: Math.floor(code / 4) - 1, mode: code % 4 };
  }
  return { first: lowestClimb >= 0 ? lowestClimb : highestReturn, last: lowestReturn >= 0 ? lowestReturn : highestClimb };
}

/** A third raw fragment in a row on the same half of a signature: a blank or split page, or a misreading. */
const RUN_COST = 4;
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

/**
 * The signature sizes (pages, a multiple of 4) under which the headings' printed pages fall into
 * signatures in raw order: with a booklet's sheet sides in the raw file, the signature a page
 * belongs to never goes back as the raw file goes on. None when no size fits (not a booklet), or
 * when too few headings tell; with few headings several sizes may fit, and the evidence chooses.
 */
export function signatureSizes(headings: readonly PagedFragment[], largest = 128): number[] {
  const sorted = [...headings].sort((a, b) => a.index - b.index);
  const pages = new Set(sorted.map((h) => h.page));
  if (pages.size < 6) return [];
  // Headings already in page order say the raw file is in reading order, not imposed.
  if (sorted.every((h, i) => i === 0 || h.page >= sorted[i - 1]!.page)) return [];
  const sizes: number[] = [];
  for (let size = 8; size <= largest; size += 4) {
    let reached = -1;
    let fits = true;
    const signatures = new Set<number>();
    for (const h of sorted) {
      const k = Math.floor((h.page - 1) / size);
      if (k < reached) {
        fits = false;
        break;
      }
      reached = k;
      signatures.add(k);
    }
    // One signature holding every heading proves nothing.
    if (fits && signatures.size >= 3) sizes.push(size);
  }
  return sizes;
}

/**
 * Fits booklet signatures of `size` pages to the raw sequence: each signature a contiguous range
 * read as a climb and a return, holding exactly the headings whose printed pages fall in it, its
 * length the signature size give or take blank and split pages; the ranges are chosen so that the
 * joins inside and between them score highest.
 */
export function fitBooklet(n: number, join: JoinScore, headings: readonly PagedFragment[], size: number): SchemeFit {
  const slack = Math.max(3, Math.round(size / 8));
  const maxSize = Math.min(n, size + slack);
  const width = maxSize + 1;
  // The half each heading's fragment lies in, by raw index (−1: no heading): the fit asks for every
  // fragment in its innermost loops.
  const halfOf = new Int8Array(n).fill(-1);
  for (const h of headings) halfOf[h.index] = (h.page - 1) % size < size / 2 ? 0 : 1;
  const sideOf = (index: number): number | null => {
    const half = halfOf[index]!;
    return half < 0 ? null : half;
  };
  const scratch: Scratch = { score: new Float64Array(maxSize * width * 4), back: new Int32Array(maxSize * width * 4) };
  // The raw span each signature's headings need: it must hold them and no other signature's.
  const signatureOf = (page: number): number => Math.floor((page - 1) / size);
  const count = Math.max(Math.ceil(n / size) + 2, ...headings.map((h) => signatureOf(h.page) + 1));
  const firstHeading = new Int32Array(count).fill(n);
  const lastHeading = new Int32Array(count).fill(-1);
  for (const h of headings) {
    const k = signatureOf(h.page);
    firstHeading[k] = Math.min(firstHeading[k]!, h.index);
    lastHeading[k] = Math.max(lastHeading[k]!, h.index);
  }
  const headingAt = new Int32Array(n).fill(-1);
  for (const h of headings) headingAt[h.index] = signatureOf(h.page);
  // best[k][e]: the best reading of [0, e) as signatures 0..k−1; from[k][e] where its last signature
  // starts, lastOf[k][e] the fragment it reads last.
  const best = Array.from({ length: count + 1 }, () => new Float64Array(n + 1).fill(-Infinity));
  const from = Array.from({ length: count + 1 }, () => new Int32Array(n + 1).fill(-1));
  const lastOf = Array.from({ length: count + 1 }, () => new Int32Array(n + 1).fill(-1));
  best[0]![0] = 0;
  // Raw positions in turn: a position's readings are final once every earlier one is done, and the
  // climbs and returns from it (the costly part) are fitted only where some signature can start.
  for (let s = 0; s < n; s++) {
    let ranges: ReturnType<typeof bitonicFrom> | null = null;
    for (let k = 0; k < count; k++) {
      const before = best[k]![s]!;
      if (before === -Infinity || s > firstHeading[k]!) continue;
      ranges ??= bitonicFrom(s, maxSize, n, join, sideOf, scratch);
      const previousLast = k === 0 ? null : lastOf[k]![s]!;
      for (let m = 1; m <= maxSize && s + m <= n; m++) {
        const e = s + m;
        // Another signature's heading inside ends the candidates; this one's must all be inside.
        if (headingAt[e - 1] !== -1 && headingAt[e - 1] !== k) break;
        if (e <= lastHeading[k]!) continue;
        if (m < size - slack && e !== n) continue;
        const inner = ranges[m - 1];
        if (!inner) continue;
        const total = before + inner.score + (previousLast === null ? 0 : join(previousLast, inner.first));
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
    signatures.push({ start, end });
    end = start;
  }
  signatures.reverse();
  const order = signatures.flatMap(({ start, end }) => bitonicFrom(start, end - start, n, join, sideOf)[end - start - 1]!.path());
  return { order, signatures };
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
 * A duplex stack through a simplex scanner: the fronts come first, then the backs last to first, so
 * the reading zips the raw file's start and end together (raw 0, n−1, 1, n−2, …). Blank pages and
 * split or merged fragments shift the zip, so it is found as the best merge of the two ends by
 * dynamic programming over the joins: how many fragments have been read from the start and from
 * the end, which end was read last, and whether twice in a row (a shift, costing SHIFT_COST; a
 * third in a row costs RUN_COST).
 */
export function fitDuplex(n: number, join: JoinScore): ScanReading {
  const scan = 'a duplex scan (fronts forward, then the backs reversed)';
  if (n < 2) return { scan, order: Array.from({ length: n }, (_, i) => i) };
  const width = n + 1;
  // States (i, j, mode) lie on diagonals i + j = t; only one diagonal's scores are kept, and for
  // every state the mode it came from (the side it took tells from which cell).
  let scores = new Float64Array(width * 4).fill(-Infinity);
  let next = new Float64Array(width * 4);
  const cameFrom = new Uint8Array(width * width * 4);
  scores[1 * 4 + 0] = 0;
  for (let t = 1; t < n; t++) {
    next.fill(-Infinity);
    for (let i = 0; i <= t; i++) {
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
          const value = here + join(last, fragment) - (again ? (twice ? RUN_COST : SHIFT_COST) : 0);
          const nextMode = nextSide * 2 + (again ? 1 : 0);
          if (value > next[ni * 4 + nextMode]!) {
            next[ni * 4 + nextMode] = value;
            cameFrom[(ni * width + nj) * 4 + nextMode] = mode;
          }
        }
      }
    }
    [scores, next] = [next, scores];
  }
  let best = -1;
  for (let k = 0; k < width * 4; k++) if (scores[k]! > -Infinity && (best < 0 || scores[k]! > scores[best]!)) best = k;
  const order: number[] = [];
  let i = best >> 2;
  let j = n - i;
  let mode = best & 3;
  while (i + j > 0) {
    const side = mode >> 1;
    order.push(side === 0 ? i - 1 : n - j);
    if (i + j === 1) break;
    const previous = cameFrom[(i * width + j) * 4 + mode]!;
    if (side === 0) i--;
    else j--;
    mode = previous;
  }
  order.reverse();
  return { scan, order };
}
