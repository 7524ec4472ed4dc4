import type { FontStyle } from './fonts.js';

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

/** One glyph run placed on a line; x is from the left edge of the text block. */
export interface PlacedBox {
  x: number;
  text: string;
  /** The measured pieces `text` was joined from (hyphenation pieces of one word), drawn one by one. */
  parts?: string[];
  style: FontStyle;
  size: number;
  /** Baseline shift upwards (superscripts). */
  rise: number;
  width: number;
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

/** One line of the galley, body or footnote. */
export interface GalleyLine {
  /** Advance from the previous baseline; the line occupies `lead` vertically. */
  lead: number;
  /** Extra space above, dropped at the top of a page unless `keepSpace`. */
  spaceBefore: number;
  keepSpace?: boolean;
  boxes: PlacedBox[];
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
  /** Horizontal rule across `ruleWidth` points instead of text. */
  ruleWidth?: number;
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
