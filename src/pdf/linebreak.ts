/**
 * Knuth–Plass paragraph breaking over plain numbers (TeX, Part 38): boxes, glue and penalties go in,
 * break indexes and adjustment ratios come out. Nothing here knows about fonts or text.
 */

export const BOX = 0;
export const GLUE = 1;
export const PENALTY = 2;
/** A penalty at or above this never breaks; at or below its negative it always does. */
export const INFINITE_PENALTY = 10000;

/**
 * Column-wise item list in growable typed arrays: cheap to build and scan, and reusable across
 * paragraphs (`reset`) so that setting a book does not churn the garbage collector.
 */
export class Items {
  type = new Uint8Array(256);
  width = new Float64Array(256);
  stretch = new Float64Array(256);
  shrink = new Float64Array(256);
  penalty = new Float64Array(256);
  flagged = new Uint8Array(256);
  length = 0;

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
  ratios: number[];
  /** 1 no discretionary hyphens, 2 with them, 3 any stretch, 4 emergency (lines may be underfull). */
  pass: number;
}

interface Node {
  pos: number;
  line: number;
  fitness: number;
  hyphens: number;
  flagged: boolean;
  totalWidth: number;
  totalStretch: number;
  totalShrink: number;
  demerits: number;
  ratio: number;
  prev: Node | null;
}

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
  let active: Node[] = [{
    pos: -1, line: 0, fitness: 1, hyphens: 0, flagged: false,
    totalWidth: 0, totalStretch: 0, totalShrink: 0, demerits: 0, ratio: 0, prev: null,
  }];
  let sumW = 0;
  let sumY = 0;
  let sumZ = 0;
  // best candidate per (fitness class, consecutive-hyphen count), kept in flat arrays so that
  // only the winners become nodes (allocating every improvement was most of the GC load)
  const slots = 4 * (o.maxConsecutiveHyphens + 1);
  const bestDemerits = new Float64Array(slots).fill(Infinity);
  const bestPrev: (Node | null)[] = new Array<Node | null>(slots).fill(null);
  const bestRatio = new Float64Array(slots);

  const tryBreak = (b: number): void => {
    const isPenalty = type[b] === PENALTY;
    const p = isPenalty ? penalty[b]! : 0;
    const forced = p <= -INFINITE_PENALTY;
    const flag = isPenalty && flagged[b] === 1;
    const extra = isPenalty ? width[b]! : 0;
    let anyCandidate = false;
    let keep = 0;
    for (let ai = 0; ai < active.length; ai++) {
      const a = active[ai]!;
      const L = lineWidth(a.line);
      const w = sumW - a.totalWidth + extra;
      let r: number;
      if (w < L) {
        const y = sumY - a.totalStretch;
        r = y > 0 ? (L - w) / y : Infinity;
      } else if (w > L) {
        const z = sumZ - a.totalShrink;
        r = z > 0 ? (L - w) / z : -Infinity;
      } else r = 0;
      // deactivated when every later break would be even tighter, or this one is forced
      if (!(r < -1 || forced)) active[keep++] = a;
      if (r < -1 || r > maxRatio) continue;
      if (flag && a.hyphens >= o.maxConsecutiveHyphens) continue;
      const bad = r === Infinity ? INFINITE_PENALTY : Math.min(INFINITE_PENALTY, 100 * Math.abs(r) ** 3);
      let d = (o.linePenalty + bad) ** 2;
      if (p >= 0) d += p * p;
      else if (!forced) d -= p * p;
      if (flag && a.flagged) d += o.doubleHyphenDemerits;
      const fitness = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
      if (Math.abs(fitness - a.fitness) > 1) d += o.adjacentDemerits;
      d += a.demerits;
      const hyphens = flag ? a.hyphens + 1 : 0;
      const key = fitness * (o.maxConsecutiveHyphens + 1) + hyphens;
      if (d < bestDemerits[key]!) {
        bestDemerits[key] = d;
        bestPrev[key] = a;
        bestRatio[key] = r;
        anyCandidate = true;
      }
    }
    active.length = keep;
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
    const perFitness = o.maxConsecutiveHyphens + 1;
    for (let k = 0; k < slots; k++) {
      const prev = bestPrev[k];
      if (!prev) continue;
      active.push({
        pos: b, line: prev.line + 1, fitness: Math.floor(k / perFitness), hyphens: k % perFitness, flagged: flag,
        totalWidth: tw, totalStretch: ty, totalShrink: tz, demerits: bestDemerits[k]!, ratio: bestRatio[k]!, prev,
      });
      bestPrev[k] = null;
      bestDemerits[k] = Infinity;
    }
  };

  for (let i = 0; i < n; i++) {
    const t = type[i];
    if (t === BOX) {
      sumW += width[i]!;
    } else if (t === GLUE) {
      if (i > 0 && type[i - 1] === BOX) tryBreak(i);
      sumW += width[i]!;
      sumY += stretch[i]!;
      sumZ += shrink[i]!;
    } else if (penalty[i]! < INFINITE_PENALTY && (hyphenate || flagged[i] === 0 || width[i] === 0)) {
      tryBreak(i);
    }
    if (active.length === 0) return null;
  }
  // the final forced break leaves only nodes ending at the last item
  let chosen: Node | null = null;
  for (const a of active) if (a.pos === n - 1 && (!chosen || a.demerits < chosen.demerits)) chosen = a;
  if (!chosen) return null;
  const breaks: number[] = [];
  const ratios: number[] = [];
  for (let node: Node | null = chosen; node && node.pos >= 0; node = node.prev) {
    breaks.push(node.pos);
    ratios.push(node.ratio);
  }
  breaks.reverse();
  ratios.reverse();
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
  return { breaks, ratios: breaks.map(() => 0), pass: 1 };
}
