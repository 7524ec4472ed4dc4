import { labelsFor } from '../model/labels.js';
import type { Nodes } from 'mdast';
import { bookStructure, type TocEntry } from '../manuscript/divisions.js';
import type { Book } from '../model/book.js';
import type { StageContext } from '../model/context.js';
import { BoxStore, pageSpec, type GalleyLine, type PageLayout, type PdfLayout, type PdfStats, type Segment, type TocLayout } from './layout.js';
import type { Measurer } from './measure.js';
import { paginate, type Page } from './paginate.js';
import { HYPHENATED_LANGUAGES } from './hyphenate.js';
import { Renderer, type OutlineNode, type TextRun } from './render.js';
import { copyrightText, destOfHeading, divisionRunningHead, flattenToc, Typesetter } from './typeset.js';

export type { PdfLayout, PageLayout, PdfStats, TocLayout } from './layout.js';

export interface PdfResult {
  bytes: Uint8Array;
  pageCount: number;
  layout: PdfLayout;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}

/** Places reported one by one; past that, one summary says how many more there are. */
const MISSING_GLYPH_PLACES = 20;

/**
 * Characters the print face has no glyph for (a Chinese word, an emoji quoted in the text) would
 * print as the font's blank box, their text lost on paper: each place that holds any is reported.
 */
function reportMissingGlyphs(book: Book, measurer: Measurer, ctx: StageContext): void {
  let places = 0;
  const more = new Set<string>();
  const described = (missing: readonly string[]): string => `${missing.slice(0, 8).map((ch) => `\`${ch}\` (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''}`;
  // The metadata the print edition sets on its own pages (title pages, running heads, copyright page).
  const m = book.metadata;
  const printed: Array<[string, string | undefined]> = [['title', m.title], ['subtitle', m.subtitle], ['author', m.author], ['publisher', m.publisher], ['rights', m.rights], ['pageSource', m.pageSource], ...m.changes.map((change, k): [string, string] => [`changes[${k}].note`, change.note])];
  for (const [field, value] of printed) {
    const missing = value ? measurer.missingGlyphs(value) : [];
    if (!missing.length) continue;
    ctx.report.warn('pdf', 'P-003', `The print font has no glyph for ${described(missing)} in the metadata's \`${field}\`, expected every character to print; the PDF shows a blank box for each where it sets the ${field === 'title' || field === 'subtitle' || field === 'author' ? 'title pages and running heads' : 'copyright page'} (the EPUB leaves them to the reader's fonts)`, {
      place: { file: ctx.sourceFile, line: 1, column: 1 },
      hint: `give \`${field}\` in the metadata file characters the print face has (a transliteration), or accept the boxes in print`,
    });
  }
  const visit = (node: Nodes): void => {
    if ('value' in node && typeof node.value === 'string' && !(node.type === 'html' && node.value.startsWith('<!--'))) {
      const missing = measurer.missingGlyphs(node.value);
      if (missing.length) {
        if (places++ < MISSING_GLYPH_PLACES) {
          ctx.report.warn('pdf', 'P-003', `The print font has no glyph for ${described(missing)}, expected every character to print; the PDF shows a blank box for each (the EPUB leaves them to the reader's fonts)`, {
            ...(node.position ? { place: { file: ctx.sourceFile, line: node.position.start.line, column: node.position.start.column } } : {}),
            hint: 'replace the characters with a correction (a transliteration or a description), or accept the boxes in print',
          });
        } else for (const ch of missing) more.add(ch);
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(book.tree);
  if (places > MISSING_GLYPH_PLACES) {
    ctx.report.warn('pdf', 'P-003', `${places - MISSING_GLYPH_PLACES} more place(s) hold characters the print font has no glyph for (${[...more].slice(0, 20).join(' ')}), expected every character to print`);
  }
}

/** Typesets the book as a print PDF: measure → line breaking → pagination → rendering. */
export async function toPdf(book: Book, ctx: StageContext): Promise<PdfResult> {
  const m = book.metadata;
  const spec = pageSpec(m.trim);
  const renderer = new Renderer(spec, {
    title: m.subtitle ? `${m.title}: ${m.subtitle}` : m.title,
    author: m.author,
    subject: m.description ?? m.subtitle ?? m.title,
    keywords: (m.subjects ?? []).join(', '),
    language: m.language,
    date: ctx.sourceDate,
  });
  const measurer = renderer.measurer;
  if (!measurer.hyphenator) {
    ctx.report.warn('pdf', 'P-004', `No hyphenation patterns for the book's language \`${m.language}\`, expected one of ${HYPHENATED_LANGUAGES}; the print edition breaks its lines between words only, so its spacing is looser`, {
      place: { file: ctx.sourceFile, line: 1, column: 1 },
      hint: 'check `language` in the metadata; the EPUB leaves hyphenation to the reading system',
    });
  }
  const structure = bookStructure(book.tree);
  const ts = new Typesetter(spec, measurer, structure);
  const toc = flattenToc(structure.toc);

  // ---- galley: generated front pages, then the manuscript's divisions ----
  const segments: Segment[] = [];
  const seg = (s: Omit<Segment, 'startsBody'> & { startsBody?: boolean }): void => {
    segments.push({ startsBody: false, ...s });
  };
  seg({ kind: 'halftitle', division: null, runningHead: null, recto: true, generated: true, lines: ts.centred(m.title, 'R', 18, 24, spec.bodyHeight * 0.22, true) });
  const titleIndex = structure.divisions.findIndex((d) => d.kind === 'titlepage');
  if (titleIndex >= 0) {
    const division = structure.divisions[titleIndex]!;
    const lines = ts.division(division);
    const split = ts.titleBodyStart;
    seg({ kind: 'title', division: titleIndex, runningHead: null, recto: true, generated: false, lines: split > 0 ? lines.slice(0, split) : lines });
    // prose the source put on its title page follows on the next page, as front matter text
    if (split > 0) seg({ kind: 'division', division: titleIndex, runningHead: divisionRunningHead(division), recto: false, generated: false, lines: lines.slice(split) });
  } else {
    const lines = [
      ...ts.centred(m.title, 'R', 26, 32, spec.bodyHeight * 0.18, true),
      ...(m.subtitle ? ts.centred(m.subtitle, 'I', 14, 19, 14) : []),
      ...ts.centred(m.author, 'R', 14, 19, 36),
      ...ts.centred(m.publisher, 'R', 11, 14, spec.bodyHeight * 0.3),
    ];
    seg({ kind: 'title', division: null, runningHead: null, recto: true, generated: true, lines });
  }
  const copyright: GalleyLine[] = [];
  copyrightText(m, ctx.sourceDate).forEach((entry, i) =>
    copyright.push(...ts.ragged(entry.text, entry.style, 9.5, 12.5, i === 0 ? spec.bodyHeight * 0.45 : entry.gap, 9)));
  if (copyright[0]) copyright[0].keepSpace = true;
  seg({ kind: 'copyright', division: null, runningHead: null, recto: false, generated: true, lines: copyright });
  // A dedication or an epigraph comes before the Contents, each on a recto of its own, as in print.
  const beforeContents = new Set<number>();
  structure.divisions.forEach((division, index) => {
    if (division.kind !== 'dedication' && division.kind !== 'epigraph') return;
    beforeContents.add(index);
    const lines = ts.division(division);
    // set a third of the way down the page, as a dedication is
    if (lines[0] && !division.heading) Object.assign(lines[0], { spaceBefore: spec.bodyHeight * 0.3, keepSpace: true });
    seg({ kind: 'division', division: index, runningHead: null, recto: true, generated: false, lines });
  });
  const contentsTitle = labelsFor(m.language).contents;
  seg({ kind: 'contents', division: null, runningHead: contentsTitle, recto: true, generated: true, lines: ts.contents(toc, contentsTitle) });

  let bodyStarted = false;
  structure.divisions.forEach((division, index) => {
    if (index === titleIndex || beforeContents.has(index)) return;
    const startsBody = !bodyStarted && division.matter === 'body';
    if (startsBody) bodyStarted = true;
    const recto = startsBody || division.kind === 'part' || (division.kind === 'chapter' && m.chaptersOnRecto === true);
    seg({ kind: 'division', division: index, runningHead: divisionRunningHead(division), recto, generated: false, startsBody, lines: ts.division(division) });
  });

  const notes = new Map<string, GalleyLine[]>();
  for (const division of structure.divisions) for (const def of division.notes) if (!notes.has(def.identifier)) notes.set(def.identifier, ts.noteLines(def));
  // A note nothing refers to goes to the foot of its division's last page (see Typesetter.division).
  for (const division of structure.divisions) {
    for (const def of division.unreferenced) {
      notes.set(def.identifier, ts.noteLines(def, false));
      const place = def.position ? { file: ctx.sourceFile, line: def.position.start.line, column: def.position.start.column } : undefined;
      ctx.report.warn('pdf', 'P-002', `Footnote \`${def.label ?? def.identifier}\` is never referenced, expected a reference to it; set at the foot of its division's last page, unlinked`, place ? { place } : {});
    }
  }
  for (const [label, def] of structure.notes) {
    if (notes.has(label)) continue;
    // referred to only from another note: a print footnote lives at the foot of its reference's page
    const place = def.position ? { file: ctx.sourceFile, line: def.position.start.line, column: def.position.start.column } : undefined;
    ctx.report.warn('pdf', 'P-002', `Footnote \`${def.label ?? label}\` is referred to only from another note; left out of the PDF`, place ? { place } : {});
  }

  reportMissingGlyphs(book, measurer, ctx);
  const pages = paginate(segments, notes, spec);
  let firstBody = pages.findIndex((p) => p.segment !== null && segments[p.segment]!.startsBody);
  if (firstBody < 0) firstBody = pages.length;
  const labels = pages.map((_, i) => (i < firstBody ? roman(i + 1) : String(i - firstBody + 1)));
  const destPage = new Map<string, number>();
  pages.forEach((page, i) => {
    for (const { line } of page.body) {
      for (const d of line.dests) if (!destPage.has(d)) destPage.set(d, i);
      const { store, first, count } = line;
      for (let k = first; k < first + count; k++) {
        const dest = store.extraOf(k)?.dest;
        if (dest && !destPage.has(dest)) destPage.set(dest, i);
      }
    }
  });

  const resolve = (store: BoxStore, k: number): string => {
    const pageOf = store.extraOf(k)?.pageOf;
    if (pageOf === undefined) return store.text[k]!;
    const p = destPage.get(pageOf);
    return p === undefined ? '' : labels[p]!;
  };
  /** Running heads and folios of the page being drawn. */
  const pageBoxes = new BoxStore(8);
  let currentHead: string | null = null;
  const pageLayouts: PageLayout[] = [];
  pages.forEach((page, i) => {
    renderer.addPage();
    const recto = i % 2 === 0;
    const left = recto ? spec.inner : spec.outer;
    const segment = page.segment !== null ? segments[page.segment]! : null;
    if (segment && page.opening) currentHead = segment.runningHead;
    // half-title, copyright page, the title page itself and a dedication's page carry neither running head nor folio
    const dedicated = segment?.kind === 'division' && segment.division !== null && beforeContents.has(segment.division);
    const generatedFront = segment !== null && (segment.kind === 'halftitle' || segment.kind === 'copyright' || (segment.kind === 'title' && page.opening) || dedicated);
    const showHead = page.kind !== 'blank' && !page.opening && !generatedFront;
    const runningHead = showHead ? (recto ? currentHead ?? m.title : m.title) : null;
    const folio = page.kind === 'blank' || generatedFront ? null : labels[i]!;
    const runs: TextRun[] = [];
    const links: { x: number; y: number; w: number; h: number; goTo?: string; url?: string }[] = [];
    const placeLine = (line: GalleyLine, top: number): void => {
      const baseline = top + line.lead * 0.76;
      const { store, first, count } = line;
      runs.push({ x: left, baseline, store, first, count });
      for (const d of line.dests) renderer.destination(d, left, top);
      if (line.goTo && count) {
        const last = first + count - 1;
        links.push({ x: left + store.x[first]!, y: top, w: store.x[last]! + store.width[last]! - store.x[first]!, h: line.lead, goTo: line.goTo });
      }
      let urlLink: { x: number; y: number; w: number; h: number; url?: string } | null = null;
      for (let k = first; k < first + count; k++) {
        const extra = store.extraOf(k);
        if (!extra) {
          urlLink = null;
          continue;
        }
        const size = store.size[k]!;
        const bx = store.x[k]!;
        const bw = store.width[k]!;
        const h = size * 1.1;
        const y = baseline - store.rise[k]! - size * 0.8;
        if (extra.dest) renderer.destination(extra.dest, left + bx, y - 2);
        if (extra.goTo && !line.goTo) links.push({ x: left + bx - 0.5, y, w: bw + 1, h, goTo: extra.goTo });
        if (extra.url) {
          // one annotation per URL per line, however many pieces the URL was broken into
          if (urlLink && urlLink.url === extra.url) urlLink.w = left + bx + bw - urlLink.x;
          else {
            urlLink = { x: left + bx, y, w: bw, h, url: extra.url };
            links.push(urlLink);
          }
        } else urlLink = null;
      }
    };
    pageBoxes.reset();
    for (const { line, top } of page.body) placeLine(line, spec.top + top);
    if (page.footTop !== null) {
      const footTop = spec.top + page.footTop;
      renderer.rule(left, footTop - spec.noteSkip * 0.55, spec.measure * 0.3);
      let y = footTop;
      for (const note of page.notes) for (const line of note.lines) {
        placeLine(line, y);
        y += line.lead;
      }
    }
    // running head and folio
    const headSize = 9.5;
    const folioSize = 10;
    if (runningHead) {
      let text = runningHead;
      const max = spec.measure - 60;
      while (measurer.width('I', text, headSize) > max && text.includes(' ')) text = `${text.slice(0, text.lastIndexOf(' '))}\u2026`.replace(/\s*\u2026\u2026$/, '\u2026');
      const w = measurer.width('I', text, headSize);
      runs.push({ x: left, baseline: spec.headBaseline, store: pageBoxes, first: pageBoxes.add((spec.measure - w) / 2, text, 'I', headSize, 0, w), count: 1 });
    }
    if (folio) {
      const w = measurer.width('R', folio, folioSize);
      if (runningHead) {
        runs.push({ x: left, baseline: spec.headBaseline, store: pageBoxes, first: pageBoxes.add(recto ? spec.measure - w : 0, folio, 'R', folioSize, 0, w), count: 1 });
      } else {
        runs.push({ x: left, baseline: spec.footBaseline, store: pageBoxes, first: pageBoxes.add((spec.measure - w) / 2, folio, 'R', folioSize, 0, w), count: 1 });
      }
    }
    renderer.drawText(runs, resolve);
    for (const l of links) {
      if (l.goTo) renderer.goTo(l.x, l.y, l.w, l.h, l.goTo);
      else if (l.url) renderer.link(l.x, l.y, l.w, l.h, l.url);
    }
    const noteLines = page.notes.reduce((n, note) => n + note.lines.length, 0);
    pageLayouts.push({
      index: i,
      label: labels[i]!,
      kind: page.kind,
      division: segment?.division ?? null,
      opening: page.opening,
      generated: segment?.generated ?? true,
      recto,
      runningHead,
      folio,
      bodyLines: page.body.length,
      noteLines,
      notes: page.notes.map((n) => ({ label: n.label, starts: n.starts, continues: n.continues, lines: n.lines.length })),
      refs: page.refs,
      bodyBottom: spec.top + page.bodyBottom,
      footTop: page.footTop === null ? null : spec.top + page.footTop,
      full: page.full,
    });
  });

  renderer.pageLabels(firstBody < pages.length ? firstBody : null);
  const outlineOf = (entries: TocEntry[]): OutlineNode[] =>
    entries.map((e) => ({ title: e.title, pageIndex: destPage.get(destOfHeading(e.id)) ?? 0, children: outlineOf(e.children) }));
  renderer.outline(outlineOf(structure.toc));
  const bytes = await renderer.finish();
  const tocLayout: TocLayout[] = toc.map(({ entry }) => {
    const p = destPage.get(destOfHeading(entry.id)) ?? -1;
    return { id: entry.id, title: entry.title, depth: entry.depth, pageIndex: p, label: p >= 0 ? labels[p]! : '' };
  });
  const stats = computeStats(pages, segments, notes, ts.stats.overfull, ts.stats.emergencyParagraphs);
  if (stats.overfullLines > 0) ctx.report.warn('pdf', 'P-001', `${stats.overfullLines} line(s) wider than the measure, expected none`);
  return {
    bytes,
    pageCount: pages.length,
    layout: { trim: { width: spec.width, height: spec.height }, pageCount: pages.length, firstBodyPage: firstBody, pages: pageLayouts, toc: tocLayout, stats },
  };
}

function computeStats(pages: Page[], segments: Segment[], notes: Map<string, GalleyLine[]>, overfull: number, emergency: number): PdfStats {
  let justified = 0;
  let loose = 0;
  let hyphenated = 0;
  let maxRun = 0;
  // Counts one run of lines (a body segment or a note); hyphen runs restart with each.
  const tally = (lines: readonly GalleyLine[]): number => {
    let run = 0;
    for (const line of lines) {
      if (line.ratio !== undefined) {
        justified++;
        if (line.ratio > 1) loose++;
      }
      if (line.hyphenated) {
        hyphenated++;
        run++;
        maxRun = Math.max(maxRun, run);
      } else run = 0;
    }
    return lines.length;
  };
  let bodyLines = 0;
  for (const segment of segments) bodyLines += tally(segment.lines);
  let noteLines = 0;
  for (const lines of notes.values()) noteLines += tally(lines);
  let widows = 0;
  let orphans = 0;
  pages.forEach((page, i) => {
    const first = page.body[0]?.line;
    const last = page.body[page.body.length - 1]?.line;
    const next = pages[i + 1]?.body[0]?.line;
    if (first?.par !== undefined && first.parLines! > 1 && first.parLine === first.parLines! - 1) widows++;
    if (last?.par !== undefined && last.parLines! > 1 && last.parLine === 0 && next?.par === last.par) orphans++;
  });
  return {
    pages: pages.length,
    bodyLines,
    noteLines,
    justifiedLines: justified,
    veryLooseLines: loose,
    veryLoosePercent: justified ? Math.round((loose / justified) * 10000) / 100 : 0,
    hyphenatedLines: hyphenated,
    maxConsecutiveHyphens: maxRun,
    overfullLines: overfull,
    widows,
    orphans,
    forcedBreaks: pages.filter((p) => p.forced).length,
    notes: notes.size,
    continuedNotes: pages.reduce((n, p) => n + p.notes.filter((x) => x.continues).length, 0),
    emergencyParagraphs: emergency,
  };
}
