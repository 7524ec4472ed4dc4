import { labelsFor } from '../model/labels.js';
import type { FootnoteDefinition, Nodes, RootContent } from 'mdast';
import { attributionParagraphs } from '../manuscript/attribution.js';
import { noteNumber, pageMarker, plainText, type BookStructure, type Division, type TocEntry } from '../manuscript/divisions.js';
import type { BookMetadata } from '../model/book.js';
import type { FontStyle } from './fonts.js';
import { boxExtra, BoxStore, type GalleyLine, type PageSpec, type PlacedBox, type Segment } from './layout.js';
import type { Measurer } from './measure.js';
import { makeBox, makeFrag, setParagraph, type ParagraphSpec, type ParagraphStats, type Token } from './setpar.js';

/** A note's number or letter opens its note with a full stop (`12.`, `a.`); a symbol (`*`, `†`) stands alone. */
function noteMarkInNote(mark: string): string {
  return /^(?:\d+|[a-z])$/.test(mark) ? `${mark}.` : mark;
}

/** Named destinations: headings, footnotes and their references. */
export const destOfHeading = (id: string): string => `sec:${id}`;
export const destOfNote = (label: string): string => `fn:${label}`;
export const destOfRef = (label: string): string => `fnref:${label}`;

/** An inline context with every field present (see makeFrag in setpar.ts). */
function inlineCtx(style: FontStyle, size: number, url?: string): InlineCtx {
  return { style, size, url };
}
/** An inline context with a fractional size and a link, made first and kept (see settleShapes in setpar.ts). */
export const SETTLED_CTX = [inlineCtx('R', 0.5, ''), inlineCtx('R', 0.5)];

interface InlineCtx {
  style: FontStyle;
  size: number;
  url?: string;
}

interface BlockCtx {
  left: number;
  right: number;
  size: number;
  lead: number;
  style: FontStyle;
  align: 'justify' | 'left' | 'center' | 'right';
  widow: boolean;
  bibliography: boolean;
  /** Indent first lines of paragraphs that follow a paragraph. */
  indent: boolean;
  /** Part paragraphs by a space instead (a colophon's unindented groups of lines). */
  spaced?: boolean;
}

interface FlowState {
  prevParagraph: boolean;
  gap: number;
  /** Tokens put before the next paragraph's text (footnote number). */
  prefix: Token[] | null;
  /** Label box for the next paragraph's first line (list item). */
  label: { text: string; x: number; style: FontStyle } | null;
  dests: string[];
}

const italicOf: Record<FontStyle, FontStyle> = { R: 'I', I: 'R', B: 'BI', BI: 'B' };
const boldOf: Record<FontStyle, FontStyle> = { R: 'B', I: 'BI', B: 'B', BI: 'BI' };

export interface TypesetResult {
  segments: Segment[];
  /** Footnote lines by label. */
  notes: Map<string, GalleyLine[]>;
  /** Contents entries in order, with the nesting level used for the Contents page. */
  toc: { entry: TocEntry; level: number }[];
  stats: ParagraphStats & { paragraphs: number; emergencyParagraphs: number };
}

/** Turns the book's divisions into galley segments (lines, not yet pages) and footnote lines. */
export class Typesetter {
  private readonly refsSeen = new Set<string>();
  /**
   * The boxes of every line set. Room for a long book from the start: growing copies the arrays,
   * while room not yet written costs nothing (the memory is not touched until then).
   */
  readonly boxes = new BoxStore(1 << 18);
  readonly stats = { emergency: false, overfull: 0, paragraphs: 0, emergencyParagraphs: 0 };
  /** Where the body text after a title page's centred lines begins (it goes on a new page), or -1. */
  titleBodyStart = -1;

  constructor(private readonly spec: PageSpec, private readonly measurer: Measurer, private readonly structure: BookStructure) {}

  private baseCtx(): BlockCtx {
    const s = this.spec;
    return { left: 0, right: 0, size: s.bodySize, lead: s.bodyLead, style: 'R', align: 'justify', widow: true, bibliography: false, indent: true };
  }

  private paragraph(spec: Omit<ParagraphSpec, 'firstWidth' | 'restWidth'> & { firstWidth?: number; restWidth?: number }, ctx: BlockCtx): GalleyLine[] {
    const full = this.spec.measure - ctx.left - ctx.right;
    const p: ParagraphSpec = {
      ...spec,
      firstWidth: spec.firstWidth ?? full - (spec.firstX - ctx.left),
      restWidth: spec.restWidth ?? full - (spec.restX - ctx.left),
    };
    const st: ParagraphStats = { emergency: false, overfull: 0 };
    const lines = setParagraph(p, this.measurer, this.boxes, st);
    this.stats.paragraphs++;
    const par = this.stats.paragraphs;
    lines.forEach((line, i) => {
      line.par = par;
      line.parLine = i;
      line.parLines = lines.length;
    });
    if (st.emergency) this.stats.emergencyParagraphs++;
    this.stats.overfull += st.overfull;
    return lines;
  }

  // ---- inline ----

  private tokens(nodes: readonly Nodes[], ctx: InlineCtx, out: Token[]): Token[] {
    for (const node of nodes) this.inline(node, ctx, out);
    return out;
  }

  /** Words of `value` as runs, each run of white space (space, tab, CR, LF) as one `' '`. */
  private text(value: string, ctx: InlineCtx, out: Token[]): void {
    const url = ctx.url ? ctx.url : undefined;
    const n = value.length;
    let i = 0;
    while (i < n) {
      let c = value.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 10) {
        out.push(' ');
        do c = ++i < n ? value.charCodeAt(i) : 0;
        while (c === 32 || c === 9 || c === 13 || c === 10);
        continue;
      }
      const start = i;
      do c = ++i < n ? value.charCodeAt(i) : 32;
      while (c !== 32 && c !== 9 && c !== 13 && c !== 10);
      out.push(makeFrag(value.slice(start, i), ctx.style, ctx.size, 0, url));
    }
  }

  private inline(node: Nodes, ctx: InlineCtx, out: Token[]): void {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        this.text(node.value, ctx, out);
        return;
      case 'emphasis':
        this.tokens(node.children, inlineCtx(italicOf[ctx.style], ctx.size, ctx.url), out);
        return;
      case 'strong':
        this.tokens(node.children, inlineCtx(boldOf[ctx.style], ctx.size, ctx.url), out);
        return;
      case 'link':
        this.tokens(node.children, inlineCtx(ctx.style, ctx.size, node.url), out);
        return;
      case 'delete':
      case 'linkReference':
        this.tokens(node.children, ctx, out);
        return;
      case 'image':
      case 'imageReference':
        if (node.alt) this.text(node.alt, ctx, out);
        return;
      case 'break':
        out.push('\n');
        return;
      case 'html':
        if (pageMarker(node) === null) this.text(node.value, ctx, out);
        return;
      case 'footnoteReference': {
        const label = node.identifier;
        const style = ctx.style === 'B' || ctx.style === 'BI' ? 'B' : 'R';
        // Two references side by side read as one number (`82` + `83`): a raised comma parts them.
        const previous = out[out.length - 1];
        if (previous !== undefined && typeof previous !== 'string' && previous.ref !== undefined) out.push(makeFrag(',', style, ctx.size * 0.64, ctx.size * 0.36));
        const frag = makeFrag(noteNumber(node.label ?? label), style, ctx.size * 0.64, ctx.size * 0.36);
        frag.ref = label;
        frag.goTo = destOfNote(label);
        if (!this.refsSeen.has(label)) {
          this.refsSeen.add(label);
          frag.dest = destOfRef(label);
        }
        out.push(frag);
        return;
      }
      default:
        if ('children' in node) this.tokens(node.children as Nodes[], ctx, out);
        else if ('value' in node && typeof node.value === 'string') this.text(node.value, ctx, out);
    }
  }

  // ---- blocks ----

  private flow(nodes: readonly RootContent[], ctx: BlockCtx, state: FlowState, out: GalleyLine[]): void {
    const attributions = attributionParagraphs(nodes);
    nodes.forEach((node, k) => {
      if (node.type !== 'paragraph' || !attributions.has(node)) {
        this.block(node, ctx, state, out);
        return;
      }
      // A quotation's attribution is set flush right, unindented, with a little space after its last line.
      state.prevParagraph = false;
      this.emitParagraph(this.tokens(node.children, inlineCtx(ctx.style, ctx.size), []), { ...ctx, align: 'right', indent: false }, state, out);
      state.prevParagraph = false;
      if (!attributions.has(nodes[k + 1]!)) state.gap = Math.max(state.gap, ctx.lead * 0.5);
    });
  }

  private emitParagraph(tokens: Token[], ctx: BlockCtx, state: FlowState, out: GalleyLine[], extra: Partial<ParagraphSpec> = {}): void {
    if (state.prefix) {
      tokens = [...state.prefix, ...tokens];
      state.prefix = null;
    }
    if (!tokens.some((t) => typeof t !== 'string')) return;
    const s = this.spec;
    const indent = ctx.indent && state.prevParagraph && ctx.align === 'justify' && !ctx.bibliography ? s.parIndent * (ctx.size / s.bodySize) : 0;
    const hang = ctx.bibliography ? s.parIndent * 1.5 : 0;
    let extraFirst: PlacedBox[] | undefined;
    if (state.label) {
      const w = this.measurer.width(state.label.style, state.label.text, ctx.size);
      extraFirst = [makeBox(state.label.x - w, state.label.text, state.label.style, ctx.size, 0, w)];
      state.label = null;
    }
    const spec: Omit<ParagraphSpec, 'firstWidth' | 'restWidth'> = {
      tokens,
      size: ctx.size,
      lead: ctx.lead,
      align: ctx.align,
      firstX: ctx.left + indent,
      restX: ctx.left + hang,
      spaceBefore: ctx.spaced && state.prevParagraph ? Math.max(state.gap, ctx.lead * 0.6) : state.gap,
      widowControl: ctx.widow,
      ...extra,
    };
    if (extraFirst) spec.extraFirst = extraFirst;
    if (state.dests.length) {
      spec.dests = state.dests;
      state.dests = [];
    }
    out.push(...this.paragraph(spec, ctx));
    state.gap = 0;
    state.prevParagraph = true;
  }

  private block(node: RootContent, ctx: BlockCtx, state: FlowState, out: GalleyLine[]): void {
    const s = this.spec;
    switch (node.type) {
      case 'paragraph':
        this.emitParagraph(this.tokens(node.children, inlineCtx(ctx.style, ctx.size), []), ctx, state, out);
        return;
      case 'heading': {
        const id = this.structure.headingIds.get(node);
        const big = node.depth <= 2;
        const size = big ? s.bodySize * 1.3 : node.depth === 3 ? s.bodySize * 1.05 : s.bodySize;
        const style: FontStyle = node.depth === 3 || big ? 'B' : 'I';
        const tokens = this.tokens(node.children, inlineCtx(style, size), []);
        state.gap = Math.max(state.gap, out.length ? s.bodyLead * (node.depth <= 3 ? 1.1 : 0.7) : 0);
        if (id) state.dests.push(destOfHeading(id));
        this.emitParagraph(tokens, { ...ctx, align: 'left' }, state, out, { keepWithNext: true, lead: size * 1.3 });
        state.gap = s.bodyLead * 0.35;
        state.prevParagraph = false;
        return;
      }
      case 'blockquote': {
        const inner: BlockCtx = { ...ctx, left: ctx.left + s.parIndent * 1.4, right: ctx.right + s.parIndent * 1.4, size: s.quoteSize, lead: s.quoteLead };
        if (ctx.size < s.bodySize) Object.assign(inner, { size: ctx.size, lead: ctx.lead });
        state.gap = Math.max(state.gap, ctx.lead * 0.5);
        state.prevParagraph = false;
        this.flow(node.children, inner, state, out);
        state.gap = Math.max(state.gap, ctx.lead * 0.5);
        state.prevParagraph = false;
        return;
      }
      case 'list': {
        state.gap = Math.max(state.gap, ctx.bibliography ? 0 : ctx.lead * 0.4);
        const start = node.start ?? 1;
        node.children.forEach((item, i) => {
          if (ctx.bibliography && !node.ordered) {
            // bibliography entries: no bullet, a hanging indent (numbers of an ordered list stay)
            state.prevParagraph = false;
            this.flow(item.children, { ...ctx, indent: false }, state, out);
            return;
          }
          const hang = s.parIndent * 1.5;
          const inner: BlockCtx = { ...ctx, left: ctx.left + hang, indent: true, bibliography: false };
          state.label = { text: node.ordered ? `${start + i}.` : '\u2022', x: ctx.left + hang - ctx.size * 0.4, style: 'R' };
          state.prevParagraph = false;
          this.flow(item.children, inner, state, out);
          state.label = null;
        });
        state.gap = Math.max(state.gap, ctx.bibliography ? 0 : ctx.lead * 0.4);
        state.prevParagraph = false;
        return;
      }
      case 'code': {
        state.gap = Math.max(state.gap, ctx.lead * 0.4);
        for (const line of node.value.split('\n')) {
          const tokens: Token[] = [];
          this.text(line || '\u00a0', inlineCtx('R', ctx.size * 0.9), tokens);
          state.prevParagraph = false;
          this.emitParagraph(tokens, { ...ctx, align: 'left', size: ctx.size * 0.9, lead: ctx.lead * 0.9 }, state, out);
        }
        state.gap = Math.max(state.gap, ctx.lead * 0.4);
        state.prevParagraph = false;
        return;
      }
      case 'thematicBreak': {
        // A section break: a centred row of asterisks, which a page break cannot hide as it would a space.
        const tokens: Token[] = [];
        this.text('*\u2003*\u2003*', inlineCtx('R', ctx.size), tokens);
        state.gap = Math.max(state.gap, ctx.lead * 0.5);
        state.prevParagraph = false;
        this.emitParagraph(tokens, { ...ctx, align: 'center', indent: false }, state, out);
        state.gap = Math.max(state.gap, ctx.lead * 0.5);
        state.prevParagraph = false;
        return;
      }
      case 'html':
        if (pageMarker(node) !== null) return;
        this.emitParagraph(this.tokens([{ type: 'text', value: node.value }], inlineCtx(ctx.style, ctx.size), []), ctx, state, out);
        return;
      case 'table':
        for (const row of node.children) {
          const tokens: Token[] = [];
          row.children.forEach((cell, i) => {
            if (i) tokens.push(' ');
            this.tokens(cell.children, inlineCtx(ctx.style, ctx.size), tokens);
          });
          this.emitParagraph(tokens, { ...ctx, align: 'left' }, state, out);
        }
        state.prevParagraph = false;
        return;
      case 'footnoteDefinition':
      case 'definition':
      case 'yaml':
        return;
      default:
        if ('children' in node) this.flow(node.children as RootContent[], ctx, state, out);
    }
  }

  private newState(): FlowState {
    return { prevParagraph: false, gap: 0, prefix: null, label: null, dests: [] };
  }

  /** Lines of one footnote: number (linking back to the reference, if it has one) then its paragraphs. */
  noteLines(def: FootnoteDefinition, referenced = true): GalleyLine[] {
    const s = this.spec;
    const ctx: BlockCtx = { ...this.baseCtx(), size: s.noteSize, lead: s.noteLead, widow: false };
    const state = this.newState();
    const label = def.identifier;
    const number = makeFrag(noteMarkInNote(noteNumber(def.label ?? label)), 'R', s.noteSize, 0);
    if (referenced) number.goTo = destOfRef(label);
    number.dest = destOfNote(label);
    number.solid = true;
    state.prefix = [number, ' '];
    state.prevParagraph = true; // first line indented like a paragraph
    const out: GalleyLine[] = [];
    this.flow(def.children, ctx, state, out);
    if (state.prefix) this.emitParagraph([], ctx, state, out); // a note with no paragraph: number alone
    for (const line of out) {
      line.breakAfter = true;
      line.spaceBefore = 0;
    }
    return out;
  }

  private titleLines(tokens: Token[], size: number, lead: number, sink: number, dests: string[], ctx: BlockCtx): GalleyLine[] {
    const spec: Omit<ParagraphSpec, 'firstWidth' | 'restWidth'> = {
      tokens, size, lead, align: 'center', firstX: ctx.left, restX: ctx.left,
      spaceBefore: sink, keepSpace: true, keepWithNext: true, widowControl: false, dests,
    };
    return this.paragraph(spec, ctx);
  }

  /** Lines of one division, its opening title included. */
  division(division: Division): GalleyLine[] {
    const s = this.spec;
    const ctx = this.baseCtx();
    const state = this.newState();
    const out: GalleyLine[] = [];
    let blocks = division.blocks;
    const kind = division.kind;
    this.titleBodyStart = -1;
    if (kind === 'dedication' || kind === 'epigraph') Object.assign(ctx, { align: 'center', style: 'I', widow: false });
    if (kind === 'titlepage') Object.assign(ctx, { align: 'center', widow: false });
    // the source's colophon: lines of names and notes, ragged and unindented, as printed
    if (kind === 'colophon') Object.assign(ctx, { align: 'left', indent: false, spaced: true, widow: false });
    // page markers before the heading emit nothing: look past them for the opening title
    let lead = 0;
    while (lead < blocks.length && pageMarker(blocks[lead]!) !== null) lead++;
    const first = blocks[lead];
    if (division.heading && first === division.heading) {
      blocks = blocks.slice(lead + 1);
      const id = this.structure.headingIds.get(division.heading);
      const dests = [id ? destOfHeading(id) : destOfHeading(division.id)];
      if (kind === 'titlepage') {
        out.push(...this.titleLines(this.tokens(division.heading.children, inlineCtx('R', 26), []), 26, 32, s.bodyHeight * 0.18, dests, ctx));
        state.gap = 36;
      } else if (division.heading.depth === 1) {
        out.push(...this.titleLines(this.tokens(division.heading.children, inlineCtx('R', 20), []), 20, 26, s.bodyHeight * 0.26, dests, ctx));
        state.gap = s.bodyLead * 2;
      } else {
        out.push(...this.titleLines(this.tokens(division.heading.children, inlineCtx('R', 16.5), []), 16.5, 21, s.bodyLead * 4, dests, ctx));
        state.gap = s.bodyLead * 2;
      }
    } else {
      state.dests.push(destOfHeading(division.id));
    }
    if (kind === 'titlepage') {
      // the title page proper: short lines centred under the title; anything after the first
      // real paragraph (epigraphs, prefatory text the source put there) is set as body text
      let centred = true;
      const body = this.baseCtx();
      for (const block of blocks) {
        if (centred && block.type === 'paragraph' && plainText(block).length <= 200) {
          this.emitParagraph(this.tokens(block.children, inlineCtx('R', 14), []), { ...ctx, size: 14, lead: 19 }, state, out);
          state.gap = 14;
          continue;
        }
        if (block.type === 'html' && pageMarker(block) !== null) continue;
        if (centred) {
          centred = false;
          this.titleBodyStart = out.length;
          state.gap = 0;
          state.prevParagraph = false;
        }
        this.block(block, body, state, out);
      }
    } else {
      ctx.bibliography = kind === 'bibliography';
      this.flow(blocks, ctx, state, out);
    }
    if (state.dests.length) out[0]?.dests.push(...state.dests);
    // Notes nothing refers to go to the foot of the division's last page rather than nowhere.
    const last = out[out.length - 1];
    if (last && division.unreferenced.length) last.notes = [...last.notes, ...division.unreferenced.map((def) => def.identifier)];
    return out;
  }

  /** Centred lines of plain text (generated pages). */
  centred(text: string, style: FontStyle, size: number, lead: number, spaceBefore: number, keepSpace = false): GalleyLine[] {
    const ctx = this.baseCtx();
    const tokens: Token[] = [];
    this.text(text, inlineCtx(style, size), tokens);
    const spec: Omit<ParagraphSpec, 'firstWidth' | 'restWidth'> = {
      tokens, size, lead, align: 'center', firstX: 0, restX: 0, spaceBefore, keepSpace, widowControl: false,
    };
    return this.paragraph(spec, ctx);
  }

  /** Ragged-right plain text with a hanging indent (copyright page). */
  ragged(text: string, style: FontStyle, size: number, lead: number, spaceBefore: number, hang = 0): GalleyLine[] {
    const ctx = this.baseCtx();
    const tokens: Token[] = [];
    this.text(text, inlineCtx(style, size), tokens);
    const spec: Omit<ParagraphSpec, 'firstWidth' | 'restWidth'> = {
      tokens, size, lead, align: 'left', firstX: 0, restX: hang, spaceBefore, widowControl: false,
    };
    return this.paragraph(spec, ctx);
  }

  /** The Contents: one ragged entry per heading, its page number resolved when rendering. */
  contents(toc: { entry: TocEntry; level: number }[], title: string): GalleyLine[] {
    const s = this.spec;
    const out: GalleyLine[] = [];
    out.push(...this.centred(title, 'R', 16.5, 21, s.bodyLead * 4, true));
    out[0]!.dests.push(destOfHeading('contents'));
    for (const line of out) line.breakAfter = false;
    const numberWidth = this.measurer.width('R', '0000', s.bodySize);
    let gap = s.bodyLead * 2;
    for (const { entry, level } of toc) {
      const size = level === 0 ? s.bodySize : level === 1 ? s.bodySize : s.bodySize * 0.92;
      const style: FontStyle = level === 0 && entry.depth === 1 ? 'B' : 'R';
      const left = level * s.parIndent * 1.2;
      const tokens: Token[] = [];
      this.text(entry.title, inlineCtx(style, size), tokens);
      const spec: ParagraphSpec = {
        tokens, size, lead: size * 1.3, align: 'left',
        firstX: left, restX: left + s.parIndent, firstWidth: s.measure - left - numberWidth - 8,
        restWidth: s.measure - left - s.parIndent - numberWidth - 8,
        spaceBefore: gap + (level === 0 ? s.bodyLead * 0.35 : 0), widowControl: false, goTo: destOfHeading(entry.id),
      };
      const lines = setParagraph(spec, this.measurer, this.boxes);
      const lastLine = lines[lines.length - 1]!;
      // the page number: a box appended to the entry's last line (whose boxes end the store)
      if (lastLine.first + lastLine.count !== this.boxes.length) throw new Error('contents line is not the last set');
      const k = this.boxes.add(s.measure - numberWidth, '', 'R', size, 0, numberWidth);
      this.boxes.setExtra(k, boxExtra({ pageOf: destOfHeading(entry.id), alignRight: true }));
      lastLine.count++;
      for (let i = 0; i < lines.length - 1; i++) lines[i]!.breakAfter = false;
      out.push(...lines);
      gap = 0;
    }
    return out;
  }
}

/** Flattens the Contents tree with each entry's nesting level. */
export function flattenToc(toc: TocEntry[]): { entry: TocEntry; level: number }[] {
  const out: { entry: TocEntry; level: number }[] = [];
  const walk = (entries: TocEntry[], level: number): void => {
    for (const entry of entries) {
      out.push({ entry, level });
      walk(entry.children, level + 1);
    }
  };
  walk(toc, 0);
  return out;
}

/** The generated pages' text: copyright / colophon page lines. */
export function copyrightText(m: BookMetadata, sourceDate: Date): { text: string; style: FontStyle; gap: number }[] {
  const L = labelsFor(m.language).print;
  const out: { text: string; style: FontStyle; gap: number }[] = [];
  out.push({ text: m.title + (m.subtitle ? `: ${m.subtitle}` : ''), style: 'I', gap: 0 });
  out.push({ text: m.author, style: 'R', gap: 0 });
  out.push({ text: L.edition(m.edition, sourceDate.toISOString().slice(0, 10)), style: 'R', gap: 10 });
  if (m.pageSource) out.push({ text: L.source(m.pageSource, m.date), style: 'R', gap: 0 });
  else out.push({ text: L.firstPublished(m.date), style: 'R', gap: 0 });
  out.push({ text: L.publishedBy(m.publisher), style: 'R', gap: 10 });
  out.push({ text: m.rights, style: 'R', gap: 10 });
  if (m.changes.length) {
    out.push({ text: L.changes, style: 'I', gap: 10 });
    for (const c of m.changes) out.push({ text: `${c.date} \u2014 ${c.note}`, style: 'R', gap: 0 });
  }
  out.push({ text: m.identifier, style: 'R', gap: 10 });
  out.push({ text: L.setIn('EB Garamond'), style: 'R', gap: 0 });
  return out;
}

export function divisionRunningHead(d: Division): string {
  return d.title || (d.heading ? plainText(d.heading) : d.kind);
}
