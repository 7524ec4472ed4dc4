/**
 * Knuth–Plass paragraph breaking over plain numbers (TeX, Part 38): boxes, glue and penalties go in,
 * break indexes and adjustment ratios come out. Nothing here knows about fonts or text.
 */

export const BOX = 0;
export const GLUE = 1;
export const PENALTY = 2;
/** A penalty at or above this never breaks; at or below its negative it always does. */
export const INFINITE_PENALTY = 10000;
/** -Infinity as a constant (written -Infinity, it is a unary minus computed where it stands). */
const NEG_INFINITY = Number.NEGATIVE_INFINITY;

/**
 * Column-wise item list in growable typed arrays: cheap to build and scan, and reusable across
 * paragraphs (`reset`) so that setting a book does not churn the garbage collector.
 */
export class Items {
  type = new Uint8Array(128);
  width = new Float64Array(128);
  stretch = new Float64Array(128);
  shrink = new Float64Array(128);
  penalty = new Float64Array(128);
  flagged = new Uint8Array(128);
  length = 0;

  constructor() {
    // grown once (to 256) so that the fields are known to change (see BoxStore's constructor)
    this.grow();
  }

  reset(): void {
    this.length = 0;
  }

  box(width: number): number {
    return this.push(BOX, width, 0, 0, 0, false);
  }

  glue(width: number, stretch: number, shrink: number): number {
    return this.push(GLUE, width, stretch, shrink, 0, false);
  }

  /** A break point costing `cost`; `width` is set only if the break is taken (a hyphen). */
  breakPoint(width: number, cost: number, flagged: boolean): number {
    return this.push(PENALTY, width, 0, 0, cost, flagged);
  }

  private grow(): void {
    const n = this.type.length * 2;
    const t = new Uint8Array(n);
    t.set(this.type);
    this.type = t;
    const f = new Uint8Array(n);
    f.set(this.flagged);
    this.flagged = f;
    for (const key of ['width', 'stretch', 'shrink', 'penalty'] as const) {
      const a = new Float64Array(n);
      a.set(this[key]);
      this[key] = a;
    }
  }

  private push(type: number, width: number, stretch: number, shrink: number, penalty: number, flagged: boolean): number {
    if (this.length === this.type.length) this.grow();
    const i = this.length++;
    this.type[i] = type;
    this.width[i] = width;
    this.stretch[i] = stretch;
    this.shrink[i] = shrink;
    this.penalty[i] = penalty;
    this.flagged[i] = flagged ? 1 : 0;
    return i;
  }
}

export interface BreakOptions {
  /** Badness limit of the pass without hyphenation (TeX \pretolerance). */
  pretolerance: number;
  /** Badness limit of the pass with hyphenation (TeX \tolerance). */
  tolerance: number;
  linePenalty: number;
  /** Extra demerits for two flagged (hyphenated) breaks in a row. */
  doubleHyphenDemerits: number;
  /** Extra demerits for adjacent lines of fitness classes more than one apart. */
  adjacentDemerits: number;
  /** Most flagged breaks allowed on consecutive lines. */
  maxConsecutiveHyphens: number;
}

export const DEFAULT_BREAK_OPTIONS: BreakOptions = {
  pretolerance: 100,
  tolerance: 200,
  linePenalty: 10,
  doubleHyphenDemerits: 3000,
  adjacentDemerits: 10000,
  maxConsecutiveHyphens: 2,
};

export interface LineBreaks {
  /** Item index of the break ending each line (the last is the paragraph's final forced break). */
  breaks: number[];
  /** Adjustment ratio of each line: >0 stretched by that share of its stretch, <0 shrunk. */
  ratios: Float64Array;
  /** 1 no discretionary hyphens, 2 with them, 3 any stretch, 4 emergency (lines may be underfull). */
  pass: number;
}

/**
 * Breakpoint nodes of a pass in growable typed arrays, indexed by node number and reused from
 * paragraph to paragraph: a book's passes make hundreds of thousands of nodes, which as objects
 * were most of the line breaker's garbage.
 */
class NodePool {
  size = 0;
  pos = new Int32Array(8192);
  line = new Int32Array(8192);
  fitness = new Int8Array(8192);
  hyphens = new Int32Array(8192);
  flagged = new Uint8Array(8192);
  totalWidth = new Float64Array(8192);
  totalStretch = new Float64Array(8192);
  totalShrink = new Float64Array(8192);
  demerits = new Float64Array(8192);
  ratio = new Float64Array(8192);
  /** Node this one's line starts after, -1 for none. */
  prev = new Int32Array(8192);

  constructor() {
    // grown once (to 16k nodes) so that the fields are known to change (see BoxStore's constructor)
    this.grow();
  }

  add(pos: number, line: number, fitness: number, hyphens: number, flagged: boolean, totalWidth: number, totalStretch: number, totalShrink: number, demerits: number, ratio: number, prev: number): number {
    if (this.size === this.pos.length) this.grow();
    const k = this.size++;
    this.pos[k] = pos;
    this.line[k] = line;
    this.fitness[k] = fitness;
    this.hyphens[k] = hyphens;
    this.flagged[k] = flagged ? 1 : 0;
    this.totalWidth[k] = totalWidth;
    this.totalStretch[k] = totalStretch;
    this.totalShrink[k] = totalShrink;
    this.demerits[k] = demerits;
    this.ratio[k] = ratio;
    this.prev[k] = prev;
    return k;
  }

  grow(): void {
    const n = this.pos.length * 2;
    const copy = <T extends Int32Array | Int8Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.pos = copy(this.pos, (m) => new Int32Array(m));
    this.line = copy(this.line, (m) => new Int32Array(m));
    this.fitness = copy(this.fitness, (m) => new Int8Array(m));
    this.hyphens = copy(this.hyphens, (m) => new Int32Array(m));
    this.flagged = copy(this.flagged, (m) => new Uint8Array(m));
    this.totalWidth = copy(this.totalWidth, (m) => new Float64Array(m));
    this.totalStretch = copy(this.totalStretch, (m) => new Float64Array(m));
    this.totalShrink = copy(this.totalShrink, (m) => new Float64Array(m));
    this.demerits = copy(this.demerits, (m) => new Float64Array(m));
    this.ratio = copy(this.ratio, (m) => new Float64Array(m));
    this.prev = copy(this.prev, (m) => new Int32Array(m));
  }
}

const pool = new NodePool();
/** The best candidate per (fitness class, consecutive-hyphen count) at a breakpoint, reused by every pass. */
let best = { demerits: new Float64Array(12), prev: new Int32Array(12), ratio: new Float64Array(12) };
/** The pass's running sums of width, stretch and shrink. */
const totals = new Float64Array(3);
/** Width of each line of the paragraph being broken, NaN until asked for. */
let widths = new Float64Array(0);
/** The active list: node numbers, in the order the nodes were made. */
let activeList = new Int32Array(256);

/**
 * Breaks `items` (which must end with a forced break) into lines of `lineWidth(lineIndex)`.
 * Never produces a line wider than its measure unless a single box is wider than it.
 */
export function breakLines(items: Items, lineWidth: (line: number) => number, options: BreakOptions = DEFAULT_BREAK_OPTIONS, from = 0): LineBreaks {
  const result = tryBreakLines(items, lineWidth, options, from, PASSES);
  if (!result) throw new Error('line breaking found no solution (a box wider than the measure?)');
  return result;
}

const PASSES = 4;

/**
 * The passes `from` (inclusive) to `to` (exclusive) of breakLines, or null if none succeeds.
 * TeX's order: first without discretionary hyphens at \pretolerance (no line looser than its
 * glue allows), then with them at \tolerance, then any stretch, then underfull if need be.
 */
export function tryBreakLines(items: Items, lineWidth: (line: number) => number, options: BreakOptions, from: number, to: number): LineBreaks | null {
  const passes: [number, boolean][] = [[Math.cbrt(options.pretolerance / 100), false], [Math.cbrt(options.tolerance / 100), true], [10, true], [Infinity, true]];
  for (let pass = from; pass < Math.min(to, passes.length); pass++) {
    const [limit, hyphenate] = passes[pass]!;
    const result = tryPass(items, lineWidth, options, limit, hyphenate);
    if (result) return { ...result, pass: pass + 1 };
  }
  return null;
}

function tryPass(items: Items, lineWidth: (line: number) => number, o: BreakOptions, maxRatio: number, hyphenate: boolean): Omit<LineBreaks, 'pass'> | null {
  const { type, width, stretch, shrink, penalty, flagged } = items;
  const n = items.length;
  const nodes = pool;
  nodes.size = 0;
  let active = activeList;
  active[0] = nodes.add(-1, 0, 1, 0, false, 0, 0, 0, 0, 0, -1);
  let activeCount = 1;
  totals.fill(0);
  // best candidate per (fitness class, consecutive-hyphen count), kept in flat arrays so that
  // only the winners become nodes
  const perFitness = o.maxConsecutiveHyphens + 1;
  const slots = 4 * perFitness;
  if (best.demerits.length < slots) best = { demerits: new Float64Array(slots), prev: new Int32Array(slots), ratio: new Float64Array(slots) };
  const bestDemerits = best.demerits.fill(Infinity, 0, slots);
  const bestPrev = best.prev.fill(-1, 0, slots);
  const bestRatio = best.ratio;
  // each line's width asked for once: a call returning a fraction boxes it, and the question
  // comes up for every active node at every breakpoint
  if (widths.length === 0) widths = new Float64Array(64);
  widths.fill(NaN);
  const widthOf = (line: number): number => {
    if (line >= widths.length) {
      const grown = new Float64Array(Math.max(widths.length * 2, line + 1)).fill(NaN);
      grown.set(widths);
      widths = grown;
    }
    let w = widths[line]!;
    if (w !== w) widths[line] = w = lineWidth(line);
    return w;
  };

  // The running totals live in a typed array: captured by tryBreak they would be boxed in the
  // closure's context, passed to it (it is too big to inline) boxed as arguments, and either
  // way every breakpoint would allocate.
  const sums = totals;
  const tryBreak = (b: number): void => {
    const sumW = sums[0]!;
    const sumY = sums[1]!;
    const sumZ = sums[2]!;
    const isPenalty = type[b] === PENALTY;
    const p = isPenalty ? penalty[b]! : 0;
    const forced = p <= -INFINITE_PENALTY;
    const flag = isPenalty && flagged[b] === 1;
    const extra = isPenalty ? width[b]! : 0;
    let anyCandidate = false;
    let keep = 0;
    const count = activeCount;
    for (let ai = 0; ai < count; ai++) {
      const a = active[ai]!;
      const line = nodes.line[a]!;
      let L = line < widths.length ? widths[line]! : NaN;
      if (L !== L) L = widthOf(line);
      const w = sumW - nodes.totalWidth[a]! + extra;
      let r: number;
      if (w < L) {
        const y = sumY - nodes.totalStretch[a]!;
        r = y > 0 ? (L - w) / y : Infinity;
      } else if (w > L) {
        const z = sumZ - nodes.totalShrink[a]!;
        r = z > 0 ? (L - w) / z : NEG_INFINITY;
      } else r = 0;
      // deactivated when every later break would be even tighter, or this one is forced
      if (!(r < -1 || forced)) active[keep++] = a;
      if (r < -1 || r > maxRatio) continue;
      const aHyphens = nodes.hyphens[a]!;
      if (flag && aHyphens >= o.maxConsecutiveHyphens) continue;
      const bad = r === Infinity ? INFINITE_PENALTY : Math.min(INFINITE_PENALTY, 100 * Math.abs(r) ** 3);
      let d = (o.linePenalty + bad) ** 2;
      if (p >= 0) d += p * p;
      else if (!forced) d -= p * p;
      if (flag && nodes.flagged[a] === 1) d += o.doubleHyphenDemerits;
      const fitness = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
      if (Math.abs(fitness - nodes.fitness[a]!) > 1) d += o.adjacentDemerits;
      d += nodes.demerits[a]!;
      const hyphens = flag ? aHyphens + 1 : 0;
      const key = fitness * perFitness + hyphens;
      if (d < bestDemerits[key]!) {
        bestDemerits[key] = d;
        bestPrev[key] = a;
        bestRatio[key] = r;
        anyCandidate = true;
      }
    }
    activeCount = keep;
    if (!anyCandidate) return;
    // totals after the break: skip the glue and penalties a line never starts with
    let tw = sumW;
    let ty = sumY;
    let tz = sumZ;
    for (let i = b; i < n; i++) {
      const t = type[i];
      if (t === BOX) break;
      if (t === GLUE) {
        tw += width[i]!;
        ty += stretch[i]!;
        tz += shrink[i]!;
      } else if (penalty[i]! <= -INFINITE_PENALTY && i > b) break;
    }
    for (let k = 0; k < slots; k++) {
      const prev = bestPrev[k]!;
      if (prev < 0) continue;
      if (activeCount === active.length) {
        const grown = new Int32Array(active.length * 2);
        grown.set(active);
        active = activeList = grown;
      }
      // (written in place: a call with fractional arguments would box each of them)
      if (nodes.size === nodes.pos.length) nodes.grow();
      const node = nodes.size++;
      nodes.pos[node] = b;
      nodes.line[node] = nodes.line[prev]! + 1;
      nodes.fitness[node] = Math.floor(k / perFitness);
      nodes.hyphens[node] = k % perFitness;
      nodes.flagged[node] = flag ? 1 : 0;
      nodes.totalWidth[node] = tw;
      nodes.totalStretch[node] = ty;
      nodes.totalShrink[node] = tz;
      nodes.demerits[node] = bestDemerits[k]!;
      nodes.ratio[node] = bestRatio[k]!;
      nodes.prev[node] = prev;
      active[activeCount++] = node;
      bestPrev[k] = -1;
      bestDemerits[k] = Infinity;
    }
  };

  for (let i = 0; i < n; i++) {
    const t = type[i];
    if (t === BOX) {
      sums[0]! += width[i]!;
    } else if (t === GLUE) {
      if (i > 0 && type[i - 1] === BOX) tryBreak(i);
      sums[0]! += width[i]!;
      sums[1]! += stretch[i]!;
      sums[2]! += shrink[i]!;
    } else if (penalty[i]! < INFINITE_PENALTY && (hyphenate || flagged[i] === 0 || width[i] === 0)) {
      tryBreak(i);
    }
    if (activeCount === 0) return null;
  }
  // the final forced break leaves only nodes ending at the last item
  let chosen = -1;
  for (let ai = 0; ai < activeCount; ai++) {
    const a = active[ai]!;
    if (nodes.pos[a] === n - 1 && (chosen < 0 || nodes.demerits[a]! < nodes.demerits[chosen]!)) chosen = a;
  }
  if (chosen < 0) return null;
  let lines = 0;
  for (let node = chosen; node >= 0 && nodes.pos[node]! >= 0; node = nodes.prev[node]!) lines++;
  const breaks: number[] = new Array<number>(lines);
  const ratios = new Float64Array(lines);
  let k = lines;
  for (let node = chosen; node >= 0 && nodes.pos[node]! >= 0; node = nodes.prev[node]!) {
    k--;
    breaks[k] = nodes.pos[node]!;
    ratios[k] = nodes.ratio[node]!;
  }
  return { breaks, ratios };
}

/** First-fit breaking for ragged or centred text: the longest natural-width line each time. */
export function breakGreedy(items: Items, lineWidth: (line: number) => number): LineBreaks {
  const { type, width } = items;
  const n = items.length;
  const breaks: number[] = [];
  let start = 0;
  let line = 0;
  while (start < n) {
    // skip discardables at line start
    while (start < n && type[start] !== BOX && !(type[start] === PENALTY && items.penalty[start]! <= -INFINITE_PENALTY)) start++;
    if (start >= n) break;
    const L = lineWidth(line);
    let w = 0;
    let lastFit = -1;
    let i = start;
    for (; i < n; i++) {
      const t = type[i];
      if (t === PENALTY) {
        const p = items.penalty[i]!;
        if (p <= -INFINITE_PENALTY) {
          lastFit = i;
          break;
        }
        // ragged and centred lines are not hyphenated: only unflagged break points count
        if (p < INFINITE_PENALTY && !items.flagged[i] && w + width[i]! <= L) lastFit = i;
        continue;
      }
      if (t === GLUE && i > start && type[i - 1] === BOX && w <= L) lastFit = i;
      w += width[i]!;
      if (t === BOX && w > L && lastFit >= 0) break;
    }
    if (lastFit < 0) lastFit = Math.min(i, n - 1);
    breaks.push(lastFit);
    start = lastFit + 1;
    line++;
  }
  return { breaks, ratios: new Float64Array(breaks.length), pass: 1 };
}
