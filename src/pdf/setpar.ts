import type { FontStyle } from './fonts.js';
import { hyphenationPoints } from './hyphenate.js';
import type { GalleyLine, PlacedBox } from './layout.js';
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

/** Paragraph content: text runs, `' '` for an interword space, `'\n'` for a forced line break. */
export type Token = Frag | ' ' | '\n';

export interface ParagraphSpec {
  tokens: Token[];
  size: number;
  lead: number;
  align: 'justify' | 'left' | 'center';
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

const pieceCache = { url: new Map<string, Piece[]>(), text: new Map<string, Piece[]>(), plain: new Map<string, Piece[]>() };

/** Letter test with an ASCII fast path (the Unicode property regex is slow per character). */
function isLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(ch);
}

const NO_POINTS: readonly number[] = [];

/** Splits a run into pieces at the places a line may end inside it. */
function pieces(text: string, url: boolean, hyphenate: boolean): Piece[] {
  const cache = url ? pieceCache.url : hyphenate ? pieceCache.text : pieceCache.plain;
  const hit = cache.get(text);
  if (hit) return hit;
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
        for (const p of hyphenate ? hyphenationPoints(word) : NO_POINTS) {
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
  cache.set(text, out);
  return out;
}

const NONE = 0;
const HYPHEN = 1;
const EXPLICIT = 2;
const PLAIN = 3;
const ANYWHERE = 4;
const LETTER_BREAK = 5;

/** A run cut at its break opportunities and measured: cached per face, size and text. */
interface MeasuredRun {
  texts: string[];
  widths: number[];
  after: number[];
  hyphen: number;
}
/** Cache: measurer → style/URL kind → size → narrowest line → text. Number keys avoid formatting floats. */
const runCaches = new WeakMap<Measurer, Map<string, Map<number, Map<number, Map<string, MeasuredRun>>>>>();

function runCacheFor(measurer: Measurer, style: string, size: number, minWidth: number): Map<string, MeasuredRun> {
  let byStyle = runCaches.get(measurer);
  if (!byStyle) runCaches.set(measurer, (byStyle = new Map()));
  let bySize = byStyle.get(style);
  if (!bySize) byStyle.set(style, (bySize = new Map()));
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

function measuredRun(frag: Frag, isUrl: boolean, minWidth: number, measurer: Measurer, hyphenate: boolean): MeasuredRun {
  const cache = runCacheFor(measurer, RUN_KIND[frag.style][isUrl ? 2 : hyphenate ? 1 : 0], frag.size, minWidth);
  let run = cache.get(frag.text);
  if (run) return run;
  run = { texts: [], widths: [], after: [], hyphen: measurer.width(frag.style, '-', frag.size) };
  const ps = pieces(frag.text, isUrl, hyphenate);
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
    run.after.push(p.after === 'hyphen' ? HYPHEN : p.after === 'explicit' ? EXPLICIT : p.after === 'plain' ? PLAIN : p.after === 'letter' ? LETTER_BREAK : NONE);
  }
  cache.set(frag.text, run);
  return run;
}

const scratch = { items: new Items(), frags: [] as (Frag | null)[], texts: [] as string[] };

/** Fills the scratch item list for a paragraph, with or without discretionary hyphens. */
function buildItems(spec: ParagraphSpec, measurer: Measurer, hyphenate: boolean): void {
  // one item list and side tables for every paragraph (setParagraph is not re-entrant)
  const items = scratch.items;
  items.reset();
  const frags = scratch.frags;
  const texts = scratch.texts;
  frags.length = 0;
  texts.length = 0;
  const minWidth = Math.min(spec.firstWidth, spec.restWidth);
  const addBox = (frag: Frag, text: string, width: number): void => {
    items.box(width);
    frags.push(frag);
    texts.push(text);
  };
  /** Records what a glue or penalty item (already pushed, its index unused) draws: a hyphen or nothing. */
  const addOther = (_item: number, frag: Frag | null, text: string): void => {
    frags.push(frag);
    texts.push(text);
  };
  let lastFrag: Frag | null = null;
  let pendingSpace = false;
  let swStyle = '';
  let swSize = 0;
  let sw = 0;
  for (const token of spec.tokens) {
    if (token === ' ') {
      pendingSpace = items.length > 0;
      continue;
    }
    if (token === '\n') {
      addOther(items.glue(0, 1e6, 0), null, '');
      addOther(items.breakPoint(0, -INFINITE_PENALTY, false), null, '');
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
      addOther(items.glue(sw, sw * SPACE_STRETCH, sw * SPACE_SHRINK), null, ' ');
      pendingSpace = false;
    }
    lastFrag = token;
    if (token.solid || token.ref) {
      addBox(token, token.text, measurer.width(token.style, token.text, token.size));
      continue;
    }
    const isUrl = token.url !== undefined || URL_LIKE.test(token.text);
    const run = measuredRun(token, isUrl, minWidth, measurer, hyphenate);
    for (let k = 0; k < run.texts.length; k++) {
      addBox(token, run.texts[k]!, run.widths[k]!);
      const after = run.after[k];
      if (after === HYPHEN) addOther(items.breakPoint(run.hyphen, HYPHEN_PENALTY, true), token, '-');
      else if (after === EXPLICIT) addOther(items.breakPoint(0, HYPHEN_PENALTY, true), null, '');
      else if (after === PLAIN) {
        addOther(items.breakPoint(0, isUrl ? URL_BREAK_PENALTY : HYPHEN_PENALTY, false), null, '');
        // a little stretch inside URLs, so a line made only of URL pieces can still be justified
        if (isUrl) addOther(items.glue(0, token.size * 0.08, 0), null, '');
      } else if (after === ANYWHERE) addOther(items.breakPoint(0, URL_BREAK_PENALTY, false), null, '');
      else if (after === LETTER_BREAK) addOther(items.breakPoint(0, URL_LETTER_PENALTY, false), null, '');
    }
  }
  addOther(items.glue(0, 1e6, 0), null, '');
  addOther(items.breakPoint(0, -INFINITE_PENALTY, false), null, '');
}

/**
 * Sets one paragraph: builds Knuth–Plass items from its runs (measured with `measurer`),
 * breaks them, and places every glyph run on its line. Like TeX, it first tries without
 * hyphenation at the pretolerance; only if that fails are words hyphenated (and only then is
 * the work of finding their hyphenation points done).
 */
export function setParagraph(spec: ParagraphSpec, measurer: Measurer, stats?: ParagraphStats): GalleyLine[] {
  const items = scratch.items;
  const frags = scratch.frags;
  const texts = scratch.texts;
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
  if (stats && result.pass === 4) stats.emergency = true;

  const lines: GalleyLine[] = [];
  const n = items.length;
  let start = 0;
  const last = result.breaks.length - 1;
  result.breaks.forEach((b, li) => {
    while (start < n && items.type[start] !== BOX && !(items.type[start] === PENALTY && items.penalty[start]! <= -INFINITE_PENALTY)) start++;
    const r = result.ratios[li]!;
    const ratio = Number.isFinite(r) ? r : 0;
    const boxes: PlacedBox[] = [];
    const x0 = li === 0 ? spec.firstX : spec.restX;
    let x = 0;
    const notes: string[] = [];
    let prev: Frag | null = null;
    let tight = false;
    const place = (frag: Frag, text: string, width: number): void => {
      const tail = boxes[boxes.length - 1];
      if (tail && prev === frag && !frag.dest) {
        // keep the measured pieces: drawing them from the piece cache avoids reshaping whole words
        if (!tail.parts) tail.parts = [tail.text];
        tail.parts.push(text);
        tail.width += width;
      } else {
        const box: PlacedBox = { x, text, style: frag.style, size: frag.size, rise: frag.rise, width };
        if (frag.url) box.url = frag.url;
        if (frag.goTo) box.goTo = frag.goTo;
        if (frag.dest) box.dest = frag.dest;
        if (tight) box.tight = true;
        boxes.push(box);
      }
      prev = frag;
      tight = false;
      x += width;
    };
    for (let i = start; i < b; i++) {
      const t = items.type[i];
      if (t === BOX) {
        const frag = frags[i]!;
        if (frag.ref && !notes.includes(frag.ref)) notes.push(frag.ref);
        place(frag, texts[i]!, items.width[i]!);
      } else if (t === GLUE) {
        const g = items.width[i]! + (spec.align === 'justify' ? (ratio >= 0 ? ratio * items.stretch[i]! : ratio * items.shrink[i]!) : 0);
        x += g;
        prev = null;
        if (items.width[i] === 0) tight = true;
      }
    }
    let hyphenated = false;
    if (items.type[b] === PENALTY && items.flagged[b]) {
      hyphenated = true;
      const f = frags[b];
      if (f && items.width[b]! > 0) place(f, '-', items.width[b]!);
    }
    for (const box of boxes) if (box.parts) box.text = box.parts.join('');
    const lineWidth = widthOf(li);
    if (stats && x > lineWidth + 0.01) stats.overfull++;
    let shift = x0;
    if (spec.align === 'center') shift += Math.max(0, (lineWidth - x) / 2);
    for (const box of boxes) box.x += shift;
    const line: GalleyLine = {
      lead: spec.lead,
      spaceBefore: li === 0 ? spec.spaceBefore : 0,
      boxes,
      notes,
      dests: li === 0 && spec.dests ? spec.dests : [],
      breakAfter: true,
      hyphenated,
    };
    if (li === 0 && spec.keepSpace) line.keepSpace = true;
    if (li === 0 && spec.extraFirst) boxes.unshift(...spec.extraFirst);
    if (spec.goTo) line.goTo = spec.goTo;
    const endsParagraph = li === last || (items.type[b] === PENALTY && items.penalty[b]! <= -INFINITE_PENALTY);
    if (spec.align === 'justify' && !endsParagraph) line.ratio = ratio;
    lines.push(line);
    start = b + 1;
  });
  const count = lines.length;
  lines.forEach((line, k) => {
    if (spec.keepWithNext) line.breakAfter = false;
    else if (spec.widowControl && count > 1 && (k === 0 || k === count - 2)) line.breakAfter = false;
  });
  return lines;
}
