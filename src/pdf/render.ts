import { hyphenatorFor } from './hyphenate.js';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { FONT_STYLES, fontFile, type FontStyle } from './fonts.js';
import type { BoxStore, GalleyLine, PageSpec } from './layout.js';
import { Measurer, type ShapingFont, type ShapingGlyph } from './measure.js';
import { fastAddGlyph, sfntTables, type TtfSubset } from './opentype.js';
import type { Page } from './paginate.js';

/** The parts of pdfkit's EmbeddedFont we rely on (not in its public typings). */
interface PdfkitFont {
  id: string;
  scale: number;
  font: ShapingFont;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}
interface DocInternals {
  _font: PdfkitFont;
  page: { fonts: Record<string, unknown> };
  _root: { data: Record<string, unknown> };
  outline: OutlineItem;
}
/** pdfkit's PDFReference for a stream (page content). */
interface PdfStream {
  compress: boolean;
  buffer: Uint8Array[];
  data: { Filter?: string; Length?: number };
}
interface OutlineItem {
  addItem(title: string, options: { pageNumber: number; expanded: boolean; fit: boolean; top: number; left: number; zoom: number }): OutlineItem;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  language: string;
  date: Date;
}

/** Boxes drawn on one baseline: `count` of them from `first` in `store`, offset by `x`. */
export interface TextRun {
  x: number;
  baseline: number;
  store: BoxStore;
  first: number;
  count: number;
}

export interface OutlineNode {
  title: string;
  pageIndex: number;
  children: OutlineNode[];
}

/** What drawing one text takes: its TJ array contents and shaped width (1/1000 em). */
interface TjEntry {
  tj: string;
  width: number;
  /** TJ contents per size when mark positioning raised glyphs (Ts takes points); else null and `tj` serves every size. */
  sized: Map<number, string> | null;
}

/** Its fields' kinds settled before the first TJ is cached, and kept (see settleShapes in setpar.ts). */
export const SETTLED_TJ: TjEntry[] = [
  { tj: '', width: 0.5, sized: new Map<number, string>() },
  { tj: '', width: 0.5, sized: null },
];

/** Four-digit hex of the first glyph ids, made once. */
const HEX4: string[] = Array.from({ length: 4096 }, (_, i) => `000${i.toString(16)}`.slice(-4));

/** The last number num() formatted: a justified line's word spaces all come out the same. */
let lastRounded = 0;
let lastFormatted = '0';

/** `n` to three decimals, as PDF content writes numbers. */
const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  if (r === lastRounded) return Object.is(r, -0) ? '0' : lastFormatted;
  lastRounded = r;
  lastFormatted = String(r);
  return Object.is(r, -0) ? '0' : lastFormatted;
};

/** The PDF being written: pdfkit document, its fonts, and a fast text writer. */
export class Renderer {
  readonly doc: PDFKit.PDFDocument;
  readonly fonts: Record<FontStyle, PdfkitFont>;
  /** Shaping and widths from the very fonts embedded, so measuring and drawing agree. */
  readonly measurer: Measurer;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;
  /** TJ array contents and shaped width per face and text. */
  private readonly tjCache: Record<FontStyle, Map<string, TjEntry>> = { R: new Map(), I: new Map(), B: new Map(), BI: new Map() };
  /** Width of the text of the last tj() call, 1/1000 em. */
  private lastWidth = 0;
  /** Whether the last tj() call's TJ serves every size (no raised marks). */
  private lastAnySize = true;
  /** TJ contents and width by measured-run id (see Measurer.addRun), filled as runs are first drawn. */
  private readonly tjByRun: (string | undefined)[] = [];
  private readonly widthByRun: number[] = [];
  /** Content bytes of the page being drawn (see put). */
  private out = new Uint8Array(0);
  private pos = 0;
  private readonly space = {} as Record<FontStyle, { hex: string; width: number }>;

  constructor(private readonly spec: PageSpec, info: DocumentInfo) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      size: [spec.width, spec.height],
      margin: 0,
      compress: true,
      lang: info.language,
      displayTitle: true,
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        Keywords: info.keywords,
        Creator: 'exodus-pipeline',
        Producer: 'exodus-pipeline (pdfkit)',
        CreationDate: info.date,
        ModDate: info.date,
      },
    });
    this.out = new Uint8Array(1 << 16); // (assigned twice: V8 then knows the field changes, see BoxStore)
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    const internals = this.doc as unknown as DocInternals;
    const fonts = {} as Record<FontStyle, PdfkitFont>;
    const files = {} as Record<FontStyle, Buffer>;
    for (const style of FONT_STYLES) {
      files[style] = readFileSync(fontFile(style));
      this.doc.registerFont(style, files[style]);
      this.doc.font(style);
      fonts[style] = internals._font;
    }
    this.fonts = fonts;
    this.measurer = new Measurer({ R: fonts.R.font, I: fonts.I.font, B: fonts.B.font, BI: fonts.BI.font }, files, hyphenatorFor(info.language));
    for (const style of FONT_STYLES) {
      // a static TrueType face's subset takes its glyphs straight from the file (see fastAddGlyph)
      const tables = sfntTables(files[style]);
      const font = fonts[style].font as ShapingFont & { _variationProcessor?: unknown };
      if (tables.has('glyf') && tables.has('loca') && !font._variationProcessor) {
        (fonts[style].subset as unknown as TtfSubset)._addGlyph = fastAddGlyph(files[style], tables);
      }
    }
    for (const style of FONT_STYLES) this.space[style] = { hex: this.tj(style, 0, ' ').slice(1, -1), width: this.measurer.width(style, ' ', 1000) };
  }

  /** The inside of a TJ array drawing `text` (kerning and mark positioning kept); registers glyphs in the subset. */
  private tj(style: FontStyle, size: number, text: string): string {
    const cache = this.tjCache[style];
    const entry = cache.get(text);
    if (entry !== undefined) {
      this.lastWidth = entry.width;
      this.lastAnySize = entry.sized === null;
      if (entry.sized === null) return entry.tj;
      const sized = entry.sized.get(size);
      if (sized !== undefined) return sized;
    }
    const font = this.fonts[style];
    if (entry === undefined) {
      const shaper = this.measurer.shapers[style];
      const n = shaper.scanForDrawing(text);
      if (n >= 0) return this.tjScanned(style, text, font, n, shaper.scannedGlyphs, shaper.scannedAdvances);
    }
    const shaped = this.measurer.shape(style, text);
    this.lastWidth = shaped.width;
    // pieces joined at the end: a string grown by += is a tree of pieces, and cached by the
    // ten thousand, those trees were the largest thing the renderer kept
    const s: string[] = ['<'];
    let open = true;
    let rise = false;
    const { glyphs, advances, xOffsets, yOffsets } = shaped;
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i]!;
      const gid = font.subset.includeGlyph(glyph.id);
      const nominal = glyph.advanceWidth * font.scale;
      if (font.widths[gid] == null) font.widths[gid] = nominal;
      if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
      const hex = HEX4[gid] ?? `0000${gid.toString(16)}`.slice(-4);
      const dx = xOffsets?.[i] ?? 0;
      const dy = yOffsets?.[i] ?? 0;
      const advance = advances[i]!;
      if (dx && Math.abs(-dx) >= 0.01) {
        if (open) {
          s.push('>');
          open = false;
        }
        s.push(` ${num(-dx)}`);
      }
      if (dy) {
        if (open) s.push('>');
        s.push(`] TJ ${num((dy * size) / 1000)} Ts [<${hex}>] TJ 0 Ts [`);
        open = false;
        rise = true;
      } else {
        if (!open) {
          s.push(' <');
          open = true;
        }
        s.push(hex);
      }
      const adjust = -(advance - dx - nominal);
      if (Math.abs(adjust) >= 0.01) {
        if (open) {
          s.push('>');
          open = false;
        }
        s.push(` ${num(adjust)}`);
      }
    }
    if (open) s.push('>');
    const joined = s.join('');
    const out = joined === '<>' ? '' : joined;
    if (entry !== undefined) entry.sized!.set(size, out);
    else cache.set(text, { tj: out, width: shaped.width, sized: rise ? new Map([[size, out]]) : null });
    this.lastAnySize = !rise && entry === undefined;
    return out;
  }

  /**
   * tj()'s miss for a text without marks, from the shaper's scratch arrays (no Shaped built):
   * the same TJ as the general path gives with no offsets and no rise, cached the same way.
   */
  private tjScanned(style: FontStyle, text: string, font: PdfkitFont, n: number, glyphs: readonly ShapingGlyph[], advances: Float64Array): string {
    const s: string[] = ['<'];
    let open = true;
    let width = 0;
    for (let i = 0; i < n; i++) {
      const glyph = glyphs[i]!;
      const gid = font.subset.includeGlyph(glyph.id);
      const nominal = glyph.advanceWidth * font.scale;
      if (font.widths[gid] == null) font.widths[gid] = nominal;
      if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
      if (!open) {
        s.push(' <');
        open = true;
      }
      s.push(HEX4[gid] ?? `0000${gid.toString(16)}`.slice(-4));
      const advance = advances[i]!;
      width += advance;
      const adjust = -(advance - 0 - nominal);
      if (Math.abs(adjust) >= 0.01) {
        s.push('>');
        open = false;
        s.push(` ${num(adjust)}`);
      }
    }
    if (open) s.push('>');
    const joined = s.join('');
    const out = joined === '<>' ? '' : joined;
    this.tjCache[style].set(text, { tj: out, width, sized: null });
    this.lastWidth = width;
    this.lastAnySize = true;
    return out;
  }

  /** tj() for box `k` of `store`, drawing `text`: by the box's measured run when it has one. */
  private tjOfBox(style: FontStyle, size: number, store: BoxStore, k: number, text: string): string {
    return this.tjOfRun(style, size, store.run[k]!, text);
  }

  /** tj() for `text`, the measured run `id` (Measurer.addRun) or, for -1, no known run. */
  private tjOfRun(style: FontStyle, size: number, id: number, text: string): string {
    if (id >= 0) {
      const known = this.tjByRun[id];
      if (known !== undefined) {
        this.lastWidth = this.widthByRun[id]!;
        return known;
      }
    }
    const out = this.tj(style, size, text);
    if (id >= 0 && this.lastAnySize) {
      this.tjByRun[id] = out;
      this.widthByRun[id] = this.lastWidth;
    }
    return out;
  }

  addPage(): void {
    this.sealPage();
    this.doc.addPage({ size: [this.spec.width, this.spec.height], margin: 0 });
  }

  /**
   * Deflates the current page's content stream ourselves at level 1 before pdfkit writes it:
   * pdfkit always uses zlib's default level, which costs about twice as much for text this
   * repetitive and saves little.
   */
  private sealPage(): void {
    const page = (this.doc as unknown as { page?: { content: PdfStream } }).page;
    if (!page) return;
    const content = page.content;
    if (content.compress && content.buffer.length > 0) {
      const data = deflateSync(Buffer.concat(content.buffer), { level: 1 });
      content.buffer = [data];
      content.compress = false;
      content.data.Filter = 'FlateDecode';
      content.data.Length = data.length;
    } else if (this.pos > 0) {
      this.out = new Uint8Array(this.out.length); // the page keeps views of the old one
    }
    this.pos = 0; // the page's text bytes are consumed: the buffer is free again
  }

  /**
   * Draws runs of boxes, each at its left edge and baseline on the page. All text of the call
   * goes into one BT…ET block, positioned with Tm per stretch of boxes in one face and size;
   * `resolve` gives the text a box draws (a Contents page number is only known now).
   */
  drawText(runs: readonly TextRun[], resolve: (store: BoxStore, k: number) => string): void {
    const internals = this.doc as unknown as DocInternals;
    const H = this.spec.height;
    const start = this.pos;
    this.put(`q 1 0 0 -1 0 ${num(H)} cm BT\n`);
    let curStyle: FontStyle | null = null;
    let curSize = 0;
    const used = new Set<FontStyle>();
    for (const run of runs) {
      const { store, first: begin, count } = run;
      const { x: xs, width: widths, size: sizes, rise: rises } = store;
      const stop = begin + count;
      let i = begin;
      while (i < stop) {
        const text = resolve(store, i);
        if (!text) {
          i++;
          continue;
        }
        const size = sizes[i]!;
        const style = store.styleOf(i);
        const rise = rises[i]!;
        if (style !== curStyle || size !== curSize) {
          this.put(`/${this.fonts[style].id} ${num(size)} Tf\n`);
          curStyle = style;
          curSize = size;
          used.add(style);
        }
        const firstExtra = store.extraOf(i);
        let x = run.x + xs[i]!;
        if (firstExtra?.alignRight) x = run.x + xs[i]! + widths[i]! - this.measurer.width(style, text, size);
        this.put('1 0 0 1 ');
        this.put(num(x));
        this.put(' ');
        this.put(num(H - run.baseline + rise));
        this.put(' Tm\n[');
        const firstParts = store.partsOf(i);
        if (firstParts && !firstExtra?.pageOf) this.putParts(style, size, firstParts, store.partRunsOf(i));
        else this.put(this.tjOfBox(style, size, store, i, text));
        let end = xs[i]! + (this.lastWidth * size) / 1000;
        let k = i + 1;
        for (; k < stop; k++) {
          const e = store.extraOf(k);
          if (store.styleOf(k) !== style || sizes[k] !== size || rises[k] !== rise || e?.alignRight || e?.pageOf) break;
          const bx = xs[k]!;
          const gap = bx - end;
          if (gap > 0.05 && !e?.tight) {
            const sp = this.space[style];
            this.put(' <');
            this.put(sp.hex);
            this.put('> ');
            this.put(num(-((gap - (sp.width * size) / 1000) * 1000) / size));
            this.put(' ');
          } else if (Math.abs(gap) > 0.001) {
            this.put(' ');
            this.put(num(-(gap * 1000) / size));
            this.put(' ');
          }
          const p = store.partsOf(k);
          if (p) this.putParts(style, size, p, store.partRunsOf(k));
          else this.put(this.tjOfBox(style, size, store, k, store.text[k]!));
          end = bx + (this.lastWidth * size) / 1000;
        }
        this.put('] TJ\n');
        i = k;
      }
    }
    this.put('ET Q\n');
    const page = internals.page;
    for (const style of used) if (page.fonts[this.fonts[style].id] == null) page.fonts[this.fonts[style].id] = this.fonts[style].ref();
    // a view of the page's bytes: sealPage deflates them before the buffer is written again
    this.doc.addContent(Buffer.from(this.out.buffer, this.out.byteOffset + start, this.pos - start));
  }

  /**
   * Appends latin1 text to the page's content bytes. The content is written straight into one
   * buffer: built as strings it was the renderer's largest allocation, then copied twice more.
   */
  private put(s: string): void {
    const n = s.length;
    if (this.pos + n > this.out.length) {
      // earlier views of the old buffer stay valid; the page goes on in a new one
      const grown = new Uint8Array(Math.max(this.out.length * 2, this.pos + n));
      grown.set(this.out.subarray(0, this.pos));
      this.out = grown;
    }
    const out = this.out;
    let p = this.pos;
    for (let i = 0; i < n; i++) out[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Writes the TJ contents of pieces set side by side as measured, as tjParts joined them; lastWidth becomes their total. */
  private putParts(style: FontStyle, size: number, parts: readonly string[], runs: readonly number[] | undefined): void {
    let any = false;
    let width = 0;
    for (let j = 0; j < parts.length; j++) {
      const tj = this.tjOfRun(style, size, runs ? runs[j]! : -1, parts[j]!);
      if (any) this.put(' ');
      else any = tj !== '';
      this.put(tj);
      width += this.lastWidth;
    }
    this.lastWidth = width;
  }

  rule(x: number, y: number, width: number): void {
    this.doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.4).strokeColor('black').stroke().restore();
  }

  goTo(x: number, y: number, w: number, h: number, name: string): void {
    this.doc.goTo(x, y, w, h, name);
  }

  link(x: number, y: number, w: number, h: number, url: string): void {
    this.doc.link(x, y, w, h, url);
  }

  destination(name: string, x: number, y: number): void {
    this.doc.addNamedDestination(name, 'XYZ', x, y, 0);
  }

  /** Roman numbers up to `firstArabic`, arabic from 1 there (null: roman throughout). */
  pageLabels(firstArabic: number | null): void {
    const internals = this.doc as unknown as DocInternals;
    const nums: unknown[] =
      firstArabic === null ? [0, { S: 'r' }] : firstArabic > 0 ? [0, { S: 'r' }, firstArabic, { S: 'D', St: 1 }] : [0, { S: 'D', St: 1 }];
    internals._root.data.PageLabels = { Nums: nums };
  }

  outline(nodes: OutlineNode[]): void {
    const add = (parent: OutlineItem, list: OutlineNode[], depth: number): void => {
      for (const node of list) {
        const item = parent.addItem(node.title, { pageNumber: node.pageIndex, expanded: depth === 0, fit: true, top: 0, left: 0, zoom: 0 });
        add(item, node.children, depth + 1);
      }
    };
    add((this.doc as unknown as DocInternals).outline, nodes, 0);
  }

  async finish(): Promise<Uint8Array> {
    this.sealPage();
    this.doc.end();
    await this.done;
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}

export type { GalleyLine, Page };
