import type { FontStyle } from './fonts.js';
import type { Hyphenator } from './hyphenate.js';
import { boxExtra, BoxStore, type GalleyLine, type PlacedBox } from './layout.js';
import { BOX, breakGreedy, breakLines, DEFAULT_BREAK_OPTIONS, GLUE, INFINITE_PENALTY, Items, PENALTY, tryBreakLines, type LineBreaks } from './linebreak.js';
import type { Measurer } from './measure.js';

/** A run of text in one face; the unit a paragraph is built from. */
export interface Frag {
  text: string;
  style: FontStyle;
  size: number;
  rise: number;
  /** Footnote reference (label); the text is the printed note number. */
  ref?: string;
  url?: string;
  goTo?: string;
  dest?: string;
  /** Never break inside. */
  solid?: boolean;
}

/**
 * A run with every field present (unset ones undefined): runs, boxes and lines are made by the
 * hundred thousand, and objects of one shape keep the code that reads them from being compiled
 * over again for each new combination of fields.
 */
export function makeFrag(text: string, style: FontStyle, size: number, rise: number, url?: string): Frag {
  return { text, style, size, rise, ref: undefined, url, goTo: undefined, dest: undefined, solid: undefined };
}

/** A placed box with every field present (see makeFrag). */
export function makeBox(x: number, text: string, style: FontStyle, size: number, rise: number, width: number): PlacedBox {
  return {
    x, text, parts: undefined, style, size, rise, width, goTo: undefined, url: undefined, dest: undefined,
    pageOf: undefined, tight: undefined, alignRight: undefined,
  };
}

/** Paragraph content: text runs, `' '` for an interword space, `'\n'` for a forced line break. */
export type Token = Frag | ' ' | '\n';

export interface ParagraphSpec {
  tokens: Token[];
  size: number;
  lead: number;
  align: 'justify' | 'left' | 'center' | 'right';
  /** Left offset and width of the first line and of the others (indents, hanging indents). */
  firstX: number;
  firstWidth: number;
  restX: number;
  restWidth: number;
  spaceBefore: number;
  keepSpace?: boolean;
  /** No page break inside or right after (headings). */
  keepWithNext?: boolean;
  /** Forbid a single line of the paragraph alone at a page top or bottom. */
  widowControl: boolean;
  /** Destinations on the first line. */
  dests?: string[];
  /** Boxes drawn on the first line besides the text (list labels). */
  extraFirst?: PlacedBox[];
  goTo?: string;
}

export interface ParagraphStats {
  emergency: boolean;
  overfull: number;
}

const HYPHEN_PENALTY = 50;
/**
 * Interword glue relative to the face's space. EB Garamond's space is narrow (0.2 em), so TeX's
 * 1/2 stretch would leave almost nothing to justify with; at ratio 1 a space is 0.4 em, still
 * tighter than Computer Modern's 0.5 em at ratio 1 (0.333 + 0.167).
 */
const SPACE_STRETCH = 1;
const SPACE_SHRINK = 1 / 3;
const URL_BREAK_PENALTY = 40;
const URL_LETTER_PENALTY = 150;
const URL_LIKE = /^(?:https?:\/\/|ftp:\/\/|www\.)|:\/\/|^[\w.-]+\.(?:org|com|net|edu|gov|info)\//i;
const URL_BREAK_AFTER = new Set(['/', '.', '-', '?', '&', '=', '_', '#']);
const LETTER = /[\p{L}\p{M}]/u;

interface Piece {
  text: string;
  /** How the break after this piece works: none, hyphen (flagged, adds '-'), explicit (flagged, no char), plain. */
  after: 'none' | 'hyphen' | 'explicit' | 'plain' | 'letter';
}


/** Letter test with an ASCII fast path (the Unicode property regex is slow per character). */
function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(ch);
}

const NO_POINTS: readonly number[] = [];

/** Has `text` a character a run may break after without hyphenation (hyphen, em dash, slash)? */
function hasBreakChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */ || c === 0x2010 || c === 0x2014 || c === 47 /* / */) return true;
  }
  return false;
}

/** Splits a run into pieces at the places a line may end inside it. */
function pieces(text: string, url: boolean, hyphenator: Hyphenator | null): Piece[] {
  // most words: without hyphenation, only a hyphen, a dash or a slash can break a run
  if (!url && !hyphenator && !hasBreakChar(text)) return [{ text, after: 'none' }];
  const out: Piece[] = [];
  const chars = Array.from(text);
  if (url) {
    let cur = '';
    let run = 0;
    chars.forEach((ch, i) => {
      cur += ch;
      run++;
      if (URL_BREAK_AFTER.has(ch) && i < chars.length - 1 && i > 0) {
        out.push({ text: cur, after: 'plain' });
        cur = '';
        run = 0;
      } else if (run >= 6 && i < chars.length - 4 && isLetter(ch) && isLetter(chars[i + 1]!)) {
        // long URL segments may also break between letters, at a higher cost
        out.push({ text: cur, after: 'letter' });
        cur = '';
        run = 0;
      }
    });
    if (cur) out.push({ text: cur, after: 'none' });
  } else {
    // letter runs get discretionary hyphens; an explicit hyphen or a dash between letters is a break
    let cur = '';
    let i = 0;
    while (i < chars.length) {
      if (isLetter(chars[i]!)) {
        let j = i;
        while (j < chars.length && isLetter(chars[j]!)) j++;
        const word = chars.slice(i, j).join('');
        let at = 0;
        for (const p of hyphenator ? hyphenator.points(word) : NO_POINTS) {
          out.push({ text: cur + word.slice(at, p), after: 'hyphen' });
          cur = '';
          at = p;
        }
        cur += word.slice(at);
        i = j;
      } else {
        const ch = chars[i]!;
        cur += ch;
        const prevLetter = i > 0 && isLetter(chars[i - 1]!);
        const nextLetter = i + 1 < chars.length && isLetter(chars[i + 1]!);
        if ((ch === '-' || ch === '\u2010') && prevLetter && nextLetter) {
          out.push({ text: cur, after: 'explicit' });
          cur = '';
        } else if ((ch === '\u2014' || ch === '/') && nextLetter && i > 0) {
          out.push({ text: cur, after: 'plain' });
          cur = '';
        }
        i++;
      }
    }
    if (cur) out.push({ text: cur, after: 'none' });
  }
  return out;
}

const NONE = 0;
const HYPHEN = 1;
const EXPLICIT = 2;
const PLAIN = 3;
const ANYWHERE = 4;
const LETTER_BREAK = 5;

/** A run cut at its break opportunities and measured, at one size and for one narrowest line. */
interface MeasuredRun {
  texts: string[];
  widths: number[];
  after: number[];
  hyphen: number;
}

/**
 * A run cut at its break opportunities, its pieces' widths in 1/1000 em of its face: what does
 * not depend on the size or the measure, so one entry serves body text, notes and quotes alike.
 * A run that is one piece with no break after it (most words) is cached as just its id
 * (Measurer.addRun, which keeps its width).
 */
interface CutRun {
  texts: string[];
  em: number[];
  /** Each piece's id as a measured run. */
  ids: number[];
  after: number[];
  /** The widest piece, 1/1000 em. */
  maxEm: number;
}

/**
 * The cut runs of one face and kind by text, with a small direct-mapped table in front: a
 * handful of words make most of a book's tokens, and a slot of a few thousand, picked by a hash
 * of the word's characters, finds them without a probe into a map of tens of thousands of
 * entries (which cost a cache miss or three per word).
 */
interface CutCache {
  map: Map<string, CutRun | number>;
  hotKeys: string[];
  hotRuns: (CutRun | number)[];
}
const HOT_SLOTS = 8192;

function newCutCache(): CutCache {
  return { map: new Map(), hotKeys: new Array<string>(HOT_SLOTS).fill(''), hotRuns: new Array<CutRun | number>(HOT_SLOTS).fill(0) };
}

/** Cache: measurer → face and kind (plain, hyphenated, URL) → text. */
const cutCaches = new WeakMap<Measurer, Map<string, CutCache>>();
/** Runs with a piece wider than the narrowest line, cut anywhere: measurer → kind → size → width → text. */
const splitCaches = new WeakMap<Measurer, Map<string, Map<number, Map<number, Map<string, MeasuredRun>>>>>();

function splitCacheFor(measurer: Measurer, kind: string, size: number, minWidth: number): Map<string, MeasuredRun> {
  let byKind = splitCaches.get(measurer);
  if (!byKind) splitCaches.set(measurer, (byKind = new Map()));
  let bySize = byKind.get(kind);
  if (!bySize) byKind.set(kind, (bySize = new Map()));
  let byWidth = bySize.get(size);
  if (!byWidth) bySize.set(size, (byWidth = new Map()));
  let cache = byWidth.get(minWidth);
  if (!cache) byWidth.set(minWidth, (cache = new Map()));
  return cache;
}

/** Cache keys per face and kind (plain, hyphenated, URL), made once rather than per word. */
const RUN_KIND: Record<FontStyle, readonly [string, string, string]> = {
  R: ['R', 'Rh', 'Ru'], I: ['I', 'Ih', 'Iu'], B: ['B', 'Bh', 'Bu'], BI: ['BI', 'BIh', 'BIu'],
};

const AFTER: Record<Piece['after'], number> = { none: NONE, hyphen: HYPHEN, explicit: EXPLICIT, plain: PLAIN, letter: LETTER_BREAK };

/** Cuts a run and measures its pieces in 1/1000 em, or registers a one-piece run and gives its id (not cached: see cutRun). */
function makeCutRun(text: string, style: FontStyle, isUrl: boolean, measurer: Measurer, hyphenate: boolean): CutRun | number {
  const ps = pieces(text, isUrl, hyphenate ? measurer.hyphenator : null);
  const shaper = measurer.shapers[style];
  const n = ps.length;
  // (the run cache keeps it: not the shaper's cache too)
  if (n === 1 && ps[0]!.after === 'none') return measurer.addRun(shaper.measure(ps[0]!.text));
  // arrays of their exact length: a cache of tens of thousands of runs is kept to the end
  const run: CutRun = { texts: new Array<string>(n), em: new Array<number>(n), ids: new Array<number>(n), after: new Array<number>(n), maxEm: 0 };
  const widths = n > 1 ? shaper.pieceWidths(text, ps.map((p) => p.text.length)) : null;
  for (let k = 0; k < n; k++) {
    const p = ps[k]!;
    const w = widths ? widths[k]! : shaper.width(p.text);
    run.texts[k] = p.text;
    run.em[k] = w;
    run.ids[k] = measurer.addRun(w);
    run.after[k] = AFTER[p.after];
    if (w > run.maxEm) run.maxEm = w;
  }
  return run;
}

/**
 * Cuts and measures a run with a piece wider than `minWidth`, which is broken anywhere rather
 * than let overflow (not cached: see measuredRun).
 */
function measureRun(frag: Frag, isUrl: boolean, minWidth: number, measurer: Measurer, hyphenate: boolean): MeasuredRun {
  const run: MeasuredRun = { texts: [], widths: [], after: [], hyphen: measurer.width(frag.style, '-', frag.size) };
  const ps = pieces(frag.text, isUrl, hyphenate ? measurer.hyphenator : null);
  const widths = ps.length > 1 ? measurer.pieceWidths(frag.style, frag.text, ps.map((p) => p.text.length), frag.size) : null;
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k]!;
    const w = widths ? widths[k]! : measurer.width(frag.style, p.text, frag.size);
    if (w > minWidth) {
      // a run longer than the measure: break it anywhere rather than overflow
      let cur = '';
      for (const ch of Array.from(p.text)) {
        if (cur && measurer.width(frag.style, cur + ch, frag.size) > minWidth) {
          run.texts.push(cur);
          run.widths.push(measurer.width(frag.style, cur, frag.size));
          run.after.push(ANYWHERE);
          cur = '';
        }
        cur += ch;
      }
      run.texts.push(cur);
      run.widths.push(measurer.width(frag.style, cur, frag.size));
    } else {
      run.texts.push(p.text);
      run.widths.push(w);
    }
    run.after.push(AFTER[p.after]);
  }
  return run;
}

/**
 * The cut-run cache of the last token's face and kind: a paragraph's words mostly share them,
 * so most tokens cost one lookup by text.
 */
const lastCutCache = { measurer: null as Measurer | null, kind: '', cache: null as CutCache | null };

function cutRun(frag: Frag, isUrl: boolean, measurer: Measurer, hyphenate: boolean): CutRun | number {
  const kind = RUN_KIND[frag.style][isUrl ? 2 : hyphenate ? 1 : 0];
  const last = lastCutCache;
  let cache = last.cache;
  if (!cache || last.kind !== kind || last.measurer !== measurer) {
    let byKind = cutCaches.get(measurer);
    if (!byKind) cutCaches.set(measurer, (byKind = new Map()));
    cache = byKind.get(kind) ?? null;
    if (!cache) byKind.set(kind, (cache = newCutCache()));
    last.measurer = measurer;
    last.kind = kind;
    last.cache = cache;
  }
  const text = frag.text;
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  const slot = h & (HOT_SLOTS - 1);
  if (cache.hotKeys[slot] === text) return cache.hotRuns[slot]!;
  let run = cache.map.get(text);
  if (run === undefined) {
    run = makeCutRun(text, frag.style, isUrl, measurer, hyphenate);
    cache.map.set(text, run);
  }
  cache.hotKeys[slot] = text;
  cache.hotRuns[slot] = run;
  return run;
}

/** A run whose pieces do not all fit the narrowest line, cut anywhere as well. */
function measuredRun(frag: Frag, isUrl: boolean, minWidth: number, measurer: Measurer, hyphenate: boolean): MeasuredRun {
  const cache = splitCacheFor(measurer, RUN_KIND[frag.style][isUrl ? 2 : hyphenate ? 1 : 0], frag.size, minWidth);
  let run = cache.get(frag.text);
  if (!run) {
    run = measureRun(frag, isUrl, minWidth, measurer, hyphenate);
    cache.set(frag.text, run);
  }
  return run;
}

/** Can `text` be a web address? The cheap necessary condition of URL_LIKE: a slash, or "www." first. */
function maybeUrl(text: string): boolean {
  return (text.includes('/') || ((text.charCodeAt(0) | 32) === 119 && /^www\./i.test(text))) && URL_LIKE.test(text);
}

/**
 * One item list for every paragraph (setParagraph is not re-entrant), with what each item draws:
 * the run a box comes from, its text and the id of its measured run (or -1), the run whose hyphen
 * a flagged penalty adds, else null and ''. The side tables are written by index, never
 * truncated, so they keep their storage (the run ids are read for boxes only).
 */
const scratch = { items: new Items(), frags: Array.from({ length: 8192 }, (): Frag | null => null), texts: Array.from({ length: 8192 }, () => ''), runs: Array.from({ length: 8192 }, () => -1) };

/**
 * Adds the boxes of a run cut in several pieces, each followed by the break it allows; widths in
 * points, or in 1/1000 em (`em`) to scale to the run's size. (Kept apart from buildItems, which
 * is run for every word: a path seen late, such as a URL's, then recompiles only this.)
 */
function addPieces(token: Frag, isUrl: boolean, pieceTexts: readonly string[], widths: readonly number[] | null, em: readonly number[] | null, ids: readonly number[] | null, after: readonly number[], measurer: Measurer): void {
  const { items, frags, texts, runs } = scratch;
  const size = token.size;
  let i: number;
  for (let k = 0; k < pieceTexts.length; k++) {
    i = items.box(widths ? widths[k]! : (em![k]! * size) / 1000);
    frags[i] = token;
    texts[i] = pieceTexts[k]!;
    runs[i] = ids ? ids[k]! : -1;
    const a = after[k];
    if (a === NONE) continue;
    if (a === HYPHEN) {
      i = items.breakPoint(measurer.width(token.style, '-', size), HYPHEN_PENALTY, true);
      frags[i] = token;
      texts[i] = '-';
      continue;
    }
    if (a === EXPLICIT) i = items.breakPoint(0, HYPHEN_PENALTY, true);
    else if (a === PLAIN) i = items.breakPoint(0, isUrl ? URL_BREAK_PENALTY : HYPHEN_PENALTY, false);
    else if (a === ANYWHERE) i = items.breakPoint(0, URL_BREAK_PENALTY, false);
    else i = items.breakPoint(0, URL_LETTER_PENALTY, false);
    frags[i] = null;
    texts[i] = '';
    if (a === PLAIN && isUrl) {
      // a little stretch inside URLs, so a line made only of URL pieces can still be justified
      i = items.glue(0, size * 0.08, 0);
      frags[i] = null;
      texts[i] = '';
    }
  }
}

/** Fills the scratch item list for a paragraph, with or without discretionary hyphens. */
/** A line break the paragraph must take: infinitely stretchy glue, then a forced break. */
function forceBreak(): void {
  const { items, frags, texts } = scratch;
  for (const i of [items.glue(0, 1e6, 0), items.breakPoint(0, -INFINITE_PENALTY, false)]) {
    frags[i] = null;
    texts[i] = '';
  }
}

function buildItems(spec: ParagraphSpec, measurer: Measurer, hyphenate: boolean): void {
  const items = scratch.items;
  items.reset();
  const frags = scratch.frags;
  const texts = scratch.texts;
  const runs = scratch.runs;
  const minWidth = Math.min(spec.firstWidth, spec.restWidth);
  let lastFrag: Frag | null = null;
  let pendingSpace = false;
  let swStyle = '';
  let swSize = 0;
  let sw = 0;
  let i: number;
  for (const token of spec.tokens) {
    if (token === ' ') {
      pendingSpace = items.length > 0;
      continue;
    }
    if (token === '\n') {
      forceBreak();
      pendingSpace = false;
      continue;
    }
    if (token.text === '') continue;
    if (pendingSpace) {
      const f = lastFrag ?? token;
      const spaceStyle = f.style === 'B' || f.style === 'BI' ? f.style : 'R';
      if (spaceStyle !== swStyle || f.size !== swSize) {
        swStyle = spaceStyle;
        swSize = f.size;
        sw = measurer.width(spaceStyle, ' ', f.size);
      }
      i = items.glue(sw, sw * SPACE_STRETCH, sw * SPACE_SHRINK);
      frags[i] = null;
      texts[i] = ' ';
      pendingSpace = false;
    }
    lastFrag = token;
    if (token.solid || token.ref) {
      i = items.box(measurer.width(token.style, token.text, token.size));
      frags[i] = token;
      texts[i] = token.text;
      runs[i] = -1;
      continue;
    }
    const isUrl = token.url !== undefined || maybeUrl(token.text);
    const size = token.size;
    const cut = cutRun(token, isUrl, measurer, hyphenate);
    // widths at this size as measurer.width gives them: (em × size) / 1000
    if (typeof cut === 'number') {
      const w = (measurer.runWidths[cut]! * size) / 1000;
      if (w <= minWidth) {
        i = items.box(w);
        frags[i] = token;
        texts[i] = token.text;
        runs[i] = cut;
        continue;
      }
      const run = measuredRun(token, isUrl, minWidth, measurer, hyphenate);
      addPieces(token, isUrl, run.texts, run.widths, null, null, run.after, measurer);
    } else if ((cut.maxEm * size) / 1000 > minWidth) {
      const run = measuredRun(token, isUrl, minWidth, measurer, hyphenate);
      addPieces(token, isUrl, run.texts, run.widths, null, null, run.after, measurer);
    } else addPieces(token, isUrl, cut.texts, null, cut.em, cut.ids, cut.after, measurer);
  }
  forceBreak();
}

/** One shape for every paragraph's spec, whatever fields the caller set (see makeFrag). */
function normalSpec(given: ParagraphSpec): ParagraphSpec {
  return {
    tokens: given.tokens, size: given.size, lead: given.lead, align: given.align,
    firstX: given.firstX, firstWidth: given.firstWidth, restX: given.restX, restWidth: given.restWidth,
    spaceBefore: given.spaceBefore, keepSpace: given.keepSpace, keepWithNext: given.keepWithNext, widowControl: given.widowControl,
    dests: given.dests, extraFirst: given.extraFirst, goTo: given.goTo,
  };
}

/** A galley line with every field present (see makeFrag). */
function makeLine(lead: number, spaceBefore: number, store: BoxStore, first: number, count: number, notes: string[], dests: string[], hyphenated: boolean): GalleyLine {
  return {
    lead, spaceBefore, keepSpace: undefined, store, first, count, notes, dests, breakAfter: true, hyphenated,
    par: undefined, parLine: undefined, parLines: undefined, ratio: undefined, goTo: undefined,
  };
}

/**
 * The notes and destinations of the lines that have none, shared (a book has tens of thousands
 * of lines); frozen, so that a push meant for one line fails loudly instead of reaching all.
 * Destinations are added only to a paragraph's first line, which gets an array of its own.
 */
const NO_NOTES: string[] = Object.freeze([]) as unknown as string[];
const NO_DESTS: string[] = Object.freeze([]) as unknown as string[];

/**
 * Sets one paragraph: builds Knuth–Plass items from its runs (measured with `measurer`),
 * breaks them, and places every glyph run on its line, appending the boxes to `store`. Like TeX,
 * it first tries without hyphenation at the pretolerance; only if that fails are words
 * hyphenated (and only then is the work of finding their hyphenation points done).
 */
export function setParagraph(given: ParagraphSpec, measurer: Measurer, store: BoxStore, stats?: ParagraphStats): GalleyLine[] {
  const spec = normalSpec(given);
  const items = scratch.items;
  const widthOf = (line: number): number => (line === 0 ? spec.firstWidth : spec.restWidth);
  buildItems(spec, measurer, false);
  let result: LineBreaks | null;
  if (spec.align === 'justify') {
    result = tryBreakLines(items, widthOf, DEFAULT_BREAK_OPTIONS, 0, 1);
    if (!result) {
      buildItems(spec, measurer, true);
      result = breakLines(items, widthOf, DEFAULT_BREAK_OPTIONS, 1);
    }
  } else result = breakGreedy(items, widthOf);
  // stored every time, so that the store is compiled in before the first emergency paragraph
  if (stats) stats.emergency = stats.emergency || result.pass === 4;
  return placeLines(spec, result, store, stats);
}

/** Places the scratch items' boxes on the lines `result` broke them into (see setParagraph). */
function placeLines(spec: ParagraphSpec, result: LineBreaks, store: BoxStore, stats: ParagraphStats | undefined): GalleyLine[] {
  const { items, frags, texts, runs } = scratch;
  const lines: GalleyLine[] = [];
  const n = items.length;
  const { type, width, stretch, shrink, penalty, flagged } = items;
  const justify = spec.align === 'justify';
  const { breaks, ratios } = result;
  let start = 0;
  const last = breaks.length - 1;
  for (let li = 0; li <= last; li++) {
    const b = breaks[li]!;
    while (start < n && type[start] !== BOX && !(type[start] === PENALTY && penalty[start]! <= -INFINITE_PENALTY)) start++;
    const r = ratios[li]!;
    const ratio = Number.isFinite(r) ? r : 0;
    const x0 = li === 0 ? spec.firstX : spec.restX;
    const first = store.length;
    // a list label goes first, where it was placed (not shifted with the text)
    if (li === 0 && spec.extraFirst) for (const box of spec.extraFirst) store.addBox(box);
    const textStart = store.length;
    let x = 0;
    let notes = NO_NOTES;
    /** The run the last box drew (null after glue): its next piece joins that box. */
    let prev: Frag | null = null;
    let tail = -1;
    let tight = false;
    let anyParts = false;
    const hyphenated = type[b] === PENALTY && flagged[b] === 1;
    // the boxes of the line, then the hyphen its break adds, if any
    const end = hyphenated && frags[b] && width[b]! > 0 ? b + 1 : b;
    for (let i = start; i < end; i++) {
      const t = type[i];
      if (t === BOX || i === b) {
        const frag = frags[i]!;
        const text = i === b ? '-' : texts[i]!;
        const w = width[i]!;
        if (frag.ref && !notes.includes(frag.ref)) notes = notes === NO_NOTES ? [frag.ref] : [...notes, frag.ref];
        if (tail >= 0 && prev === frag && !frag.dest) {
          // keep the measured pieces: drawing them from the piece cache avoids reshaping whole words
          // (arrays of their exact length: they are kept until the page is drawn)
          const parts = store.partsOf(tail);
          const ids = store.partRunsOf(tail);
          const id = i === b ? -1 : runs[i]!;
          store.setParts(tail, parts ? parts.concat(text) : [store.text[tail]!, text], ids ? ids.concat(id) : [store.run[tail]!, id]);
          store.width[tail]! += w;
          anyParts = true;
        } else {
          tail = store.add(x, text, frag.style, frag.size, frag.rise, w);
          if (i !== b) store.run[tail] = runs[i]!;
          if (frag.url || frag.goTo || frag.dest || tight) {
            store.setExtra(tail, boxExtra({ url: frag.url || undefined, goTo: frag.goTo || undefined, dest: frag.dest || undefined, tight: tight || undefined }));
          }
        }
        prev = frag;
        tight = false;
        x += w;
      } else if (t === GLUE) {
        const g = width[i]! + (justify ? (ratio >= 0 ? ratio * stretch[i]! : ratio * shrink[i]!) : 0);
        x += g;
        prev = null;
        if (width[i] === 0) tight = true;
      }
    }
    if (anyParts) {
      for (let k = textStart; k < store.length; k++) {
        const parts = store.partsOf(k);
        if (parts) store.text[k] = parts.join('');
      }
    }
    const lineWidth = li === 0 ? spec.firstWidth : spec.restWidth;
    if (stats && x > lineWidth + 0.01) stats.overfull++;
    let shift = x0;
    if (spec.align === 'center') shift += Math.max(0, (lineWidth - x) / 2);
    else if (spec.align === 'right') shift += Math.max(0, lineWidth - x);
    for (let k = textStart; k < store.length; k++) store.x[k]! += shift;
    const line = makeLine(spec.lead, li === 0 ? spec.spaceBefore : 0, store, first, store.length - first, notes, li === 0 ? spec.dests ?? [] : NO_DESTS, hyphenated);
    if (li === 0 && spec.keepSpace) line.keepSpace = true;
    if (spec.goTo) line.goTo = spec.goTo;
    const endsParagraph = li === last || (type[b] === PENALTY && penalty[b]! <= -INFINITE_PENALTY);
    if (justify && !endsParagraph) line.ratio = ratio;
    lines.push(line);
    start = b + 1;
  }
  const count = lines.length;
  for (let k = 0; k < count; k++) {
    const line = lines[k]!;
    if (spec.keepWithNext) line.breakAfter = false;
    else if (spec.widowControl && count > 1 && (k === 0 || k === count - 2)) line.breakAfter = false;
  }
  return lines;
}

/**
 * Settles the field types of the objects made here by the hundred thousand before any code that
 * reads them is optimised. V8 tracks what kind of value each field has held (small integer,
 * fraction, string, undefined); a new kind turning up mid-book (the first footnote reference's
 * fractional size, the first link's URL where there had only been undefined) changes the shape,
 * and every compiled function reading such objects is thrown away and compiled again, which on a
 * book cost more than the work itself. Objects made first with each field holding each kind it
 * will ever hold leave nothing to change. They are kept (SETTLED): the shapes they made live
 * only as long as some object has them, and a garbage collection would otherwise drop them.
 */
function settleShapes(): unknown[] {
  // A run's size and rise are held as any value, not unboxed fractions: a whole-point size (most
  // of them) is stored as is and a fractional one shares its context's number, instead of each
  // run allocating a box for each. Made first with no number at all, then with whole numbers,
  // the fields become 'any value' in place; a fraction stored first would make them unboxed
  // fractions, and changing that later deprecates the shape.
  const unset = undefined as unknown as number;
  const kept: unknown[] = [makeFrag('', 'R', unset, unset, undefined), makeFrag('', 'R', 0, 0, undefined)];
  const frag = makeFrag('', 'R', 0.5, 0.5, '');
  frag.ref = '';
  frag.goTo = '';
  frag.dest = '';
  frag.solid = true;
  const box = makeBox(0.5, '', 'R', 0.5, 0.5, 0.5);
  Object.assign(box, { parts: [''], goTo: '', url: '', dest: '', pageOf: '', tight: true, alignRight: true });
  kept.push(frag, box, boxExtra({ goTo: '', url: '', dest: '', pageOf: '', tight: true, alignRight: true }), boxExtra({}));
  const full: ParagraphSpec = {
    tokens: [frag], size: 0.5, lead: 0.5, align: 'left', firstX: 0.5, firstWidth: 0.5, restX: 0.5, restWidth: 0.5,
    spaceBefore: 0.5, keepSpace: true, keepWithNext: true, widowControl: true, dests: [], extraFirst: [box], goTo: '',
  };
  kept.push(normalSpec(full), normalSpec({ ...full, keepSpace: undefined, keepWithNext: undefined, dests: undefined, extraFirst: undefined, goTo: undefined }));
  const line = makeLine(0.5, 0.5, new BoxStore(1), 0, 0, NO_NOTES, NO_DESTS, false);
  // every field a line has set after it is made, set here once too (a field written only when
  // made is taken as constant, and its first later write throws away the code that assumed so)
  Object.assign(line, { keepSpace: true, par: 1, parLine: 1, parLines: 1, ratio: 0.5, goTo: '', breakAfter: false, spaceBefore: 0, count: 1, lead: 0.25 });
  kept.push(line, makeLine(0.5, 0.5, new BoxStore(1), 0, 0, NO_NOTES, NO_DESTS, false));
  return kept;
}
/** The objects settleShapes made, kept so that their shapes are (see there). */
export const SETTLED = settleShapes();
