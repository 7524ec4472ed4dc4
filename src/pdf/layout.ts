import { FONT_STYLES, type FontStyle } from './fonts.js';

/** Page geometry and type sizes, all in PDF points. Derived from the trim size. */
export interface PageSpec {
  width: number;
  height: number;
  /** Margin at the spine (left on a recto, right on a verso). */
  inner: number;
  outer: number;
  top: number;
  bottom: number;
  /** Text block. */
  measure: number;
  bodyHeight: number;
  bodySize: number;
  bodyLead: number;
  noteSize: number;
  noteLead: number;
  quoteSize: number;
  quoteLead: number;
  /** Space above the footnote rule plus the rule itself, below the body text. */
  noteSkip: number;
  /** Indent of a paragraph's first line. */
  parIndent: number;
  /** Running head and folio baselines, measured from the page top / bottom edge. */
  headBaseline: number;
  footBaseline: number;
}

export function pageSpec(trim: { width: number; height: number } | undefined): PageSpec {
  const width = trim?.width ?? 432;
  const height = trim?.height ?? 648;
  // Proportions of a 6 x 9 in book page, scaled to the trim: inner 0.8 in, outer 0.6 in.
  const sx = width / 432;
  const sy = height / 648;
  const inner = 58 * sx;
  const outer = 44 * sx;
  const top = 60 * sy;
  const bottom = 58 * sy;
  const bodySize = 11;
  return {
    width, height, inner, outer, top, bottom,
    measure: width - inner - outer,
    bodyHeight: height - top - bottom,
    bodySize,
    bodyLead: 14,
    noteSize: 8.8,
    noteLead: 10.8,
    quoteSize: 10,
    quoteLead: 12.6,
    noteSkip: 12,
    parIndent: bodySize * 1.2,
    headBaseline: top - 20,
    footBaseline: height - bottom + 30,
  };
}

/** The rarer things a placed box carries: links, destinations, a resolved page number. */
export interface BoxExtra {
  /** Internal link target (named destination). */
  goTo?: string;
  /** External link. */
  url?: string;
  /** Named destination anchored at this box. */
  dest?: string;
  /** Page label of the page holding this destination, filled in at render time (Contents). */
  pageOf?: string;
  /** Follows the previous box without a word space (stretch inside a URL). */
  tight?: boolean;
  /** Right-align the resolved pageOf text so that it ends at x + width. */
  alignRight?: boolean;
}

/** A BoxExtra with every field present (unset ones undefined): one object shape for the code reading them. */
export function boxExtra(fields: BoxExtra): BoxExtra {
  return { goTo: fields.goTo, url: fields.url, dest: fields.dest, pageOf: fields.pageOf, tight: fields.tight, alignRight: fields.alignRight };
}

/**
 * Placed boxes (glyph runs on lines; x from the left edge of the text block) in parallel arrays.
 * A book's galley holds some 200,000 boxes until its pages are drawn; as one object each they
 * were most of the heap the emitter kept, and growing that heap was most of its cost.
 */
export class BoxStore {
  length = 0;
  x: Float64Array;
  width: Float64Array;
  size: Float64Array;
  /** Baseline shift upwards (superscripts). */
  rise: Float64Array;
  /** Face, as an index into FONT_STYLES. */
  style: Uint8Array;
  /** HAS_PARTS, HAS_EXTRA: whether the sparse maps hold an entry for the box. */
  flags: Uint8Array;
  /** Id of the measured run (Measurer.addRun) the box draws whole, or -1. */
  run: Int32Array;
  readonly text: string[] = [];
  /** The measured pieces `text` was joined from (hyphenation pieces of one word), drawn one by one. */
  private readonly partsMap = new Map<number, string[]>();
  private readonly partRunsMap = new Map<number, number[]>();
  private readonly extraMap = new Map<number, BoxExtra>();

  constructor(capacity = 1024) {
    // Each array field is assigned twice, so that V8 knows from the start that these fields
    // change: code compiled while they had only ever held their first arrays would be thrown
    // away when they first grow. (Untouched room costs nothing: the memory is not touched.)
    this.x = this.width = this.size = this.rise = EMPTY_F64;
    this.style = this.flags = EMPTY_U8;
    this.run = EMPTY_I32;
    this.x = new Float64Array(capacity);
    this.width = new Float64Array(capacity);
    this.size = new Float64Array(capacity);
    this.rise = new Float64Array(capacity);
    this.style = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.run = new Int32Array(capacity);
  }

  /** Appends a box and returns its index. */
  add(x: number, text: string, style: FontStyle, size: number, rise: number, width: number): number {
    if (this.length === this.x.length) this.grow();
    const k = this.length++;
    this.x[k] = x;
    this.width[k] = width;
    this.size[k] = size;
    this.rise[k] = rise;
    this.style[k] = STYLE_INDEX[style];
    this.flags[k] = 0;
    this.run[k] = -1;
    this.text.push(text);
    return k;
  }

  /** Appends a copy of a box given as an object. */
  addBox(box: PlacedBox): number {
    const k = this.add(box.x, box.text, box.style, box.size, box.rise, box.width);
    if (box.parts) this.setParts(k, box.parts);
    if (box.goTo || box.url || box.dest || box.pageOf !== undefined || box.tight || box.alignRight) {
      this.setExtra(k, boxExtra(box));
    }
    return k;
  }

  styleOf(k: number): FontStyle {
    return FONT_STYLES[this.style[k]!]!;
  }

  partsOf(k: number): string[] | undefined {
    return this.flags[k]! & HAS_PARTS ? this.partsMap.get(k) : undefined;
  }

  /** `runs`: each part's measured-run id (or -1), as the box's own `run`. */
  setParts(k: number, parts: string[], runs?: number[]): void {
    this.flags[k]! |= HAS_PARTS;
    this.partsMap.set(k, parts);
    if (runs) this.partRunsMap.set(k, runs);
  }

  partRunsOf(k: number): number[] | undefined {
    return this.flags[k]! & HAS_PARTS ? this.partRunsMap.get(k) : undefined;
  }

  extraOf(k: number): BoxExtra | undefined {
    return this.flags[k]! & HAS_EXTRA ? this.extraMap.get(k) : undefined;
  }

  setExtra(k: number, extra: BoxExtra): void {
    this.flags[k]! |= HAS_EXTRA;
    this.extraMap.set(k, extra);
  }

  /** Empties the store (its storage is kept). */
  reset(): void {
    this.length = 0;
    this.text.length = 0;
    this.partsMap.clear();
    this.partRunsMap.clear();
    this.extraMap.clear();
  }

  private grow(): void {
    const n = this.x.length * 2;
    const widen = (a: Float64Array): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.x = widen(this.x);
    this.width = widen(this.width);
    this.size = widen(this.size);
    this.rise = widen(this.rise);
    const style = new Uint8Array(n);
    style.set(this.style);
    this.style = style;
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.flags = flags;
    const run = new Int32Array(n);
    run.set(this.run);
    this.run = run;
  }
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_U8 = new Uint8Array(0);
const EMPTY_I32 = new Int32Array(0);
const HAS_PARTS = 1;
const HAS_EXTRA = 2;
const STYLE_INDEX: Record<FontStyle, number> = { R: 0, I: 1, B: 2, BI: 3 };

/** One glyph run placed on a line, as an object (list labels, before they join a BoxStore). */
export interface PlacedBox extends BoxExtra {
  x: number;
  text: string;
  /** The measured pieces `text` was joined from (hyphenation pieces of one word), drawn one by one. */
  parts?: string[];
  style: FontStyle;
  size: number;
  /** Baseline shift upwards (superscripts). */
  rise: number;
  width: number;
}

/** One line of the galley, body or footnote. */
export interface GalleyLine {
  /** Advance from the previous baseline; the line occupies `lead` vertically. */
  lead: number;
  /** Extra space above, dropped at the top of a page unless `keepSpace`. */
  spaceBefore: number;
  keepSpace?: boolean;
  /** The line's boxes: `count` of them from `first` in `store`. */
  store: BoxStore;
  first: number;
  count: number;
  /** Footnote labels first referenced on this line. */
  notes: string[];
  /** Named destinations at the line (headings). */
  dests: string[];
  /** May a page end after this line? (widows, orphans, headings kept with what follows) */
  breakAfter: boolean;
  /** Ends with a hyphen (discretionary or explicit). */
  hyphenated: boolean;
  /** Paragraph number, the line's index in it and the paragraph's line count (widow/orphan accounting). */
  par?: number;
  parLine?: number;
  parLines?: number;
  /** Adjustment ratio of a justified line that is not a paragraph's last (else undefined). */
  ratio?: number;
  /** Goes to the named destination when clicked (Contents entries). */
  goTo?: string;
}

/** A stretch of galley that starts on a new page. */
export interface Segment {
  kind: 'halftitle' | 'title' | 'copyright' | 'contents' | 'division';
  /** Index into the book's divisions (kind 'division' and a manuscript title page). */
  division: number | null;
  /** Title for the recto running head; null for none. */
  runningHead: string | null;
  recto: boolean;
  /** Pages set by the emitter (not manuscript text). */
  generated: boolean;
  /** Division starts the arabic page numbering. */
  startsBody: boolean;
  /** Heading or first page shows no running head. */
  lines: GalleyLine[];
}

export interface PageNote {
  label: string;
  /** The note's first line is on this page. */
  starts: boolean;
  /** The note goes on onto the next page. */
  continues: boolean;
  lines: number;
}

/** Serialisable summary of one page, for tests and reports. */
export interface PageLayout {
  index: number;
  label: string;
  kind: Segment['kind'] | 'blank' | 'notes';
  division: number | null;
  opening: boolean;
  generated: boolean;
  recto: boolean;
  runningHead: string | null;
  folio: string | null;
  bodyLines: number;
  noteLines: number;
  notes: PageNote[];
  /** Footnote labels whose references are on this page. */
  refs: string[];
  /** Body text bottom and footnote area top, from the page top. */
  bodyBottom: number;
  footTop: number | null;
  /** No room for one more footnote line. */
  full: boolean;
}

export interface PdfStats {
  pages: number;
  bodyLines: number;
  noteLines: number;
  /** Justified lines that are not a paragraph's last. */
  justifiedLines: number;
  /** Lines stretched beyond their glue's stretchability (TeX badness > 100). */
  veryLooseLines: number;
  veryLoosePercent: number;
  hyphenatedLines: number;
  maxConsecutiveHyphens: number;
  /** Lines wider than their measure (should be 0). */
  overfullLines: number;
  widows: number;
  orphans: number;
  /** Pages that had to end where a keep (heading, widow/orphan) forbade it. */
  forcedBreaks: number;
  notes: number;
  continuedNotes: number;
  emergencyParagraphs: number;
}

export interface TocLayout {
  id: string;
  title: string;
  depth: number;
  pageIndex: number;
  label: string;
}

export interface PdfLayout {
  trim: { width: number; height: number };
  pageCount: number;
  firstBodyPage: number;
  pages: PageLayout[];
  toc: TocLayout[];
  stats: PdfStats;
}
