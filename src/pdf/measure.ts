import { type Hyphenator, hyphenatorFor } from './hyphenate.js';
import type { FontStyle } from './fonts.js';
import { gposPairKerning, ligatureOf, sfntTables, type PairFn } from './opentype.js';

/** The parts of a fontkit font used here (pdfkit embeds the same object). */
export interface ShapingGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
export interface ShapingFont {
  unitsPerEm: number;
  glyphForCodePoint(codePoint: number): ShapingGlyph;
  getGlyph(id: number): ShapingGlyph;
  layout(text: string): { glyphs: ShapingGlyph[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
}

/** A shaped run: glyphs with their advances (kerning included) in 1/1000 em. */
export interface Shaped {
  glyphs: ShapingGlyph[];
  /** Advance of each glyph, 1/1000 em. */
  advances: number[];
  /** Mark positioning offsets (only from the full-shaping fallback), 1/1000 em. */
  xOffsets?: number[];
  yOffsets?: number[];
  /** Total advance, 1/1000 em. */
  width: number;
  /** Fast path only: UTF-16 index where each glyph's characters start, and the kerning in each advance. */
  offsets?: number[];
  kerns?: number[];
}

const LIGATURE_CANDIDATES = ['ffi', 'ffl', 'ffj', 'ff', 'fi', 'fl', 'fj'];
const NEEDS_FULL_SHAPING = /[\p{M}]/u;

/** Combining marks need GPOS mark positioning (full shaping); cheap test, plain ASCII first. */
function hasMark(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x300) return NEEDS_FULL_SHAPING.test(text);
  }
  return false;
}

/**
 * Fast shaping for one face. fontkit's full OpenType layout costs tens of microseconds per glyph,
 * which for a whole book is seconds; running text in a Latin face needs only the cmap, the standard
 * f-ligatures and pair kerning, which are learnt from fontkit once per ligature / glyph pair and
 * cached. Text with combining marks still goes through the full layout.
 *
 * Measuring (`width`, `pieceWidths`) runs over reusable scratch arrays and keeps only a number per
 * text: a book measures tens of thousands of distinct words, and keeping a shaped run for each
 * made most of the emitter's garbage-collection work. `shape` (drawing) builds the run afresh; the
 * renderer keeps what it draws from it.
 */
export class Shaper {
  private readonly scale: number;
  private readonly glyphs = new Map<number, ShapingGlyph>();
  private readonly kerning = new Map<number, number>();
  private readonly ligatures: { text: string; glyph: ShapingGlyph; advance: number }[] = [];
  /** Width (1/1000 em) per measured text. */
  private readonly widths = new Map<string, number>();
  /** Scratch of the last scan: glyphs, advances (kerning included), kerning, UTF-16 start offsets. */
  private scanGlyphs: ShapingGlyph[] = [];
  private scanAdvances = new Float64Array(0);
  private scanKerns = new Float64Array(0);
  private scanOffsets = new Int32Array(0);

  private readonly pairKerning: PairFn | null;

  /** `bytes`: the font file `font` was read from, for the layout tables' kerning and ligatures. */
  constructor(private readonly font: ShapingFont, bytes: Uint8Array) {
    this.scale = 1000 / font.unitsPerEm;
    // the scratch arrays' first growth, here: V8 then knows these fields change (see BoxStore)
    this.growScan(256);
    const tables = sfntTables(bytes);
    let pk: PairFn | null = null;
    try {
      const gpos = tables.get('GPOS');
      pk = gpos ? gposPairKerning(bytes, gpos.offset) : null;
    } catch {
      pk = null; // an unexpected table layout: learn pairs from fontkit instead
    }
    this.pairKerning = pk;
    for (const text of LIGATURE_CANDIDATES) {
      // a ligature is not in the cmap: carry its characters for ToUnicode (copy, search, extraction)
      const codePoints = Array.from(text, (c) => c.codePointAt(0)!);
      const id = ligatureOf(bytes, tables, codePoints.map((cp) => this.glyph(cp).id));
      if (id === null) continue;
      if (id !== undefined) {
        const g = font.getGlyph(id);
        this.ligatures.push({ text, glyph: { id, advanceWidth: g.advanceWidth, codePoints }, advance: g.advanceWidth * this.scale });
        continue;
      }
      // more than the table reader models: ask fontkit's full layout
      const run = font.layout(text);
      const g = run.glyphs[0]!;
      if (run.glyphs.length === 1) this.ligatures.push({ text, glyph: { id: g.id, advanceWidth: g.advanceWidth, codePoints }, advance: run.positions[0]!.xAdvance * this.scale });
    }
  }

  /** Whether the face has no glyph for the code point (it would print the font's blank box). */
  lacks(cp: number): boolean {
    return this.glyph(cp).id === 0;
  }

  /** Glyph and advance (1/1000 em) for a code point; fontkit's glyph metrics are getters, read once. */
  private glyph(cp: number): ShapingGlyph {
    let g = this.glyphs.get(cp);
    if (!g) {
      let fk = this.font.glyphForCodePoint(cp);
      // A space the face lacks (French sets a narrow no-break space inside guillemets) prints as
      // the narrowest space it has, not as its blank box; the text keeps the character.
      for (const stand of SPACE_STANDS_IN[cp] ?? []) if (fk.id === 0) fk = this.font.glyphForCodePoint(stand);
      // a plain object: id, advance and code points fixed now instead of fontkit's lazy getters
      g = { id: fk.id, advanceWidth: fk.advanceWidth, codePoints: [cp] };
      this.glyphs.set(cp, g);
    }
    return g;
  }

  private kern(a: ShapingGlyph, b: ShapingGlyph): number {
    const key = a.id * 65536 + b.id;
    let k = this.kerning.get(key);
    if (k === undefined) {
      k = 0;
      if (this.pairKerning) k = (this.pairKerning(a.id, b.id) ?? 0) * this.scale;
      else if (a.codePoints.length === 1 && b.codePoints.length === 1) {
        const run = this.font.layout(String.fromCodePoint(a.codePoints[0]!, b.codePoints[0]!));
        if (run.glyphs.length === 2 && run.glyphs[0]!.id === a.id && run.glyphs[1]!.id === b.id) {
          k = (run.positions[0]!.xAdvance + run.positions[1]!.xAdvance - a.advanceWidth - b.advanceWidth) * this.scale;
        }
      }
      this.kerning.set(key, k);
    }
    return k;
  }

  /** Width of `text`, 1/1000 em. */
  width(text: string): number {
    let w = this.widths.get(text);
    if (w === undefined) {
      w = this.measure(text);
      this.widths.set(text, w);
    }
    return w;
  }

  /** Width of `text`, 1/1000 em, not cached (for callers that keep it themselves). */
  measure(text: string): number {
    if (hasMark(text)) return this.fullShape(text).width;
    const n = this.scan(text);
    const advances = this.scanAdvances;
    let w = 0;
    for (let k = 0; k < n; k++) w += advances[k]!;
    return w;
  }

  /** See Measurer.pieceWidths; widths in 1/1000 em, or in points as (em × size) / 1000 when `size` is given. */
  pieceWidths(text: string, lengths: readonly number[], size?: number): number[] | null {
    if (hasMark(text)) return null;
    const n = this.scan(text);
    const offsets = this.scanOffsets;
    const advances = this.scanAdvances;
    const kerns = this.scanKerns;
    const out: number[] = [];
    let g = 0;
    let start = 0;
    for (let l = 0; l < lengths.length; l++) {
      const end = start + lengths[l]!;
      let w = 0;
      while (g < n && offsets[g]! < end) {
        const next = g + 1 < n ? offsets[g + 1]! : text.length;
        if (next > end) return null; // a ligature across the boundary
        w += advances[g]!;
        if (next === end) w -= kerns[g]!;
        g++;
      }
      out.push(size === undefined ? w : (w * size) / 1000);
      start = end;
    }
    return out;
  }

  shape(text: string): Shaped {
    return hasMark(text) ? this.fullShape(text) : this.fastShape(text);
  }

  /**
   * For drawing without building a Shaped: shapes `text` into the scratch arrays (read them with
   * scannedGlyphs / scannedAdvances until the next call) and returns its glyph count, or -1 when
   * the text needs full shaping (use shape()).
   */
  scanForDrawing(text: string): number {
    return hasMark(text) ? -1 : this.scan(text);
  }

  get scannedGlyphs(): readonly ShapingGlyph[] {
    return this.scanGlyphs;
  }

  get scannedAdvances(): Float64Array {
    return this.scanAdvances;
  }

  private fullShape(text: string): Shaped {
    const run = this.font.layout(text);
    const advances = run.positions.map((p) => p.xAdvance * this.scale);
    return {
      glyphs: run.glyphs,
      advances,
      xOffsets: run.positions.map((p) => p.xOffset * this.scale),
      yOffsets: run.positions.map((p) => p.yOffset * this.scale),
      width: advances.reduce((a, b) => a + b, 0),
    };
  }

  /** The ligature starting at `i` in `text`, if any (text[i] is an f). */
  private ligatureAt(text: string, i: number): { text: string; glyph: ShapingGlyph; advance: number } | undefined {
    for (const lig of this.ligatures) if (text.startsWith(lig.text, i)) return lig;
    return undefined;
  }

  private growScan(size: number): void {
    this.scanAdvances = new Float64Array(size);
    this.scanKerns = new Float64Array(size);
    this.scanOffsets = new Int32Array(size);
  }

  /**
   * Shapes `text` (no combining marks) into the scratch arrays and returns its glyph count: each
   * glyph's advance with the kerning to the next added, that kerning, and where its characters start.
   */
  private scan(text: string): number {
    if (this.scanOffsets.length < text.length) this.growScan(Math.max(text.length, this.scanOffsets.length * 2));
    const glyphs = this.scanGlyphs;
    const advances = this.scanAdvances;
    const kerns = this.scanKerns;
    const offsets = this.scanOffsets;
    let n = 0;
    let i = 0;
    while (i < text.length) {
      offsets[n] = i;
      const lig = text.charCodeAt(i) === 102 /* f */ && this.ligatures.length ? this.ligatureAt(text, i) : undefined;
      if (lig) {
        glyphs[n] = lig.glyph;
        advances[n] = lig.advance;
        i += lig.text.length;
      } else {
        const cp = text.codePointAt(i)!;
        const g = this.glyph(cp);
        glyphs[n] = g;
        advances[n] = g.advanceWidth * this.scale;
        i += cp > 0xffff ? 2 : 1;
      }
      kerns[n] = 0;
      if (n > 0) {
        const kern = this.kern(glyphs[n - 1]!, glyphs[n]!);
        kerns[n - 1] = kern;
        advances[n - 1]! += kern;
      }
      n++;
    }
    return n;
  }

  private fastShape(text: string): Shaped {
    const n = this.scan(text);
    const glyphs = this.scanGlyphs.slice(0, n);
    const advances = new Array<number>(n);
    const offsets = new Array<number>(n);
    const kerns = new Array<number>(n);
    let width = 0;
    for (let k = 0; k < n; k++) {
      advances[k] = this.scanAdvances[k]!;
      offsets[k] = this.scanOffsets[k]!;
      kerns[k] = this.scanKerns[k]!;
      width += advances[k]!;
    }
    return { glyphs, advances, width, offsets, kerns };
  }
}

const PRINTS_NOTHING = /[\p{White_Space}\p{Cf}\p{Cc}\u{FE00}-\u{FE0F}]/u;

/**
 * The characters every text in the face's own scripts is made of (Latin to Extended-A and the
 * dashes, quotation marks and marks of omission the face has; test/pdf/glyphs.test.ts checks each
 * has a glyph): text of these alone needs no glyph lookups, and most of a book's text is.
 */
export const SURELY_PRINTS = /^[\s\u0020-\u007E\u00A0-\u017F\u2010-\u2016\u2018-\u201A\u201C-\u201E\u2020-\u2022\u2026\u2030\u2032-\u2037\u2039\u203A]*$/u;

/** Spaces a face may lack, and the spaces that print for them, narrowest first (thin, no-break, word space). */
const SPACE_STANDS_IN: Record<number, readonly number[]> = {
  0x202f: [0x2009, 0x00a0, 0x0020],
  0x2009: [0x00a0, 0x0020],
  0x200a: [0x2009, 0x00a0, 0x0020],
  0x2007: [0x00a0, 0x0020],
  0x2008: [0x2009, 0x00a0, 0x0020],
  0x00a0: [0x0020],
};

/** Widths of text in the book's four faces, from one shaper per face. */
export class Measurer {
  readonly shapers: Record<FontStyle, Shaper>;
  /**
   * Widths (1/1000 em) of the runs the typesetter has cut and measured, by id: a box keeps its
   * run's id, and the renderer keys what it draws by the same ids instead of looking the text up.
   */
  readonly runWidths: number[] = [];

  /**
   * `files`: the bytes of each face's font file; `hyphenator`: where the book's language breaks
   * words (null: it does not, as where no patterns for its language are at hand).
   */
  constructor(fonts: Record<FontStyle, ShapingFont>, files: Record<FontStyle, Uint8Array>, readonly hyphenator: Hyphenator | null = hyphenatorFor('en-US')) {
    this.shapers = { R: new Shaper(fonts.R, files.R), I: new Shaper(fonts.I, files.I), B: new Shaper(fonts.B, files.B), BI: new Shaper(fonts.BI, files.BI) };
  }

  /**
   * The characters of `text` the face has no glyph for, each once, in order of appearance. Spaces,
   * format characters (soft hyphen, zero-width joiners) and variation selectors print nothing, so
   * they are not asked for.
   */
  missingGlyphs(text: string, style: FontStyle = 'R'): string[] {
    if (SURELY_PRINTS.test(text)) return [];
    const missing = new Set<string>();
    for (const ch of text) {
      if (PRINTS_NOTHING.test(ch)) continue;
      if (this.shapers[style].lacks(ch.codePointAt(0)!)) missing.add(ch);
    }
    return [...missing];
  }

  /** Registers a measured run (one face, one text) and returns its id. */
  addRun(em: number): number {
    this.runWidths.push(em);
    return this.runWidths.length - 1;
  }

  /** Width of `text` in `style` at `size` points. */
  width(style: FontStyle, text: string, size: number): number {
    return (this.shapers[style].width(text) * size) / 1000;
  }

  shape(style: FontStyle, text: string): Shaped {
    return this.shapers[style].shape(text);
  }

  /**
   * Widths (points) of consecutive pieces of `text` (their UTF-16 lengths in `lengths`), from one
   * shaping of the whole text; kerning across a piece boundary is left out. Null when a ligature
   * spans a boundary or the text needed full shaping: measure the pieces one by one then.
   */
  pieceWidths(style: FontStyle, text: string, lengths: readonly number[], size: number): number[] | null {
    return this.shapers[style].pieceWidths(text, lengths, size);
  }
}
