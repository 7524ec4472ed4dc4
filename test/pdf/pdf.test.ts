import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { bookStructure, type TocEntry } from '../../src/manuscript/divisions.js';
import { fromMarkdown } from '../../src/manuscript/from-markdown.js';
import type { Book } from '../../src/model/book.js';
import { toPdf, type PdfResult } from '../../src/pdf/index.js';
import { pageSpec } from '../../src/pdf/layout.js';
import { expectedText } from './expected.js';
import { firstDifference, normalise, readPdf, type OutlineItem, type ReadPdf } from './reader.js';
import { syntheticManuscript } from './synthetic.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'dist/pdf-test');
const sourceDate = new Date('2026-11-26T00:00:00Z');

interface Built {
  name: string;
  book: Book;
  result: PdfResult;
  file: string;
  pdf: ReadPdf;
  seconds: number;
  /** CPU seconds of this process during toPdf: steadier than wall time on a shared machine. */
  cpuSeconds: number;
}

async function build(name: string, markdown: string): Promise<Built> {
  const book = fromMarkdown(markdown);
  const t = performance.now();
  const cpu = process.cpuUsage();
  const result = await toPdf(book, { report: new Report(), sourceDate, sourceFile: `${name}.md` });
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const seconds = (performance.now() - t) / 1000;
  const file = join(out, `${name}.pdf`);
  writeFileSync(file, result.bytes);
  writeFileSync(join(out, `${name}.layout.json`), JSON.stringify(result.layout, null, 1));
  return { name, book, result, file, pdf: await readPdf(result.bytes), seconds, cpuSeconds };
}

let sample: Built;
let synth: Built;

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  sample = await build('sample', readFileSync(join(root, 'test/fixtures/manuscript/sample.md'), 'utf8'));
  synth = await build('synthetic', syntheticManuscript({ parts: 3, chaptersPerPart: 4, paragraphsPerChapter: 36 }).markdown);
});

const both = (): Built[] => [sample, synth];
const spec = pageSpec(undefined);

function flattenOutline(items: OutlineItem[], into: { title: string; depth: number; pageIndex?: number }[] = [], depth = 0) {
  for (const item of items) {
    into.push({ title: item.title, depth, ...(item.pageIndex === undefined ? {} : { pageIndex: item.pageIndex }) });
    flattenOutline(item.items, into, depth + 1);
  }
  return into;
}

function flattenToc(entries: TocEntry[], into: { title: string; depth: number; id: string }[] = [], depth = 0) {
  for (const e of entries) {
    into.push({ title: e.title, depth, id: e.id });
    flattenToc(e.children, into, depth + 1);
  }
  return into;
}

describe('print PDF', () => {
  it('passes qpdf --check and embeds every font', () => {
    for (const b of both()) {
      const check = spawnSync('qpdf', ['--check', b.file], { encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      expect(check.stdout).toContain('No syntax or stream encoding errors');
      const fonts = execFileSync('pdffonts', [b.file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThanOrEqual(3);
      for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
      expect(fonts.join('\n')).toMatch(/EBGaramond-Regular/);
    }
  });

  it('is byte-identical across two builds with the same source date', async () => {
    const again = await toPdf(sample.book, { report: new Report(), sourceDate, sourceFile: 'sample.md' });
    expect(Buffer.from(again.bytes).equals(Buffer.from(sample.result.bytes))).toBe(true);
    const info = execFileSync('pdfinfo', [sample.file], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+A Sample Book/);
    expect(info).toMatch(/Author:\s+Jane Q. Writer/);
    expect(info).toMatch(/CreationDate:.*2026/);
    expect(sample.pdf.info.Keywords).toBeDefined();
  });

  it('uses the trim size, and mirrors the wider inner margin on versos and rectos', () => {
    for (const b of both()) {
      for (const page of b.pdf.pages) expect(page.height).toBe(648);
      for (const layout of b.result.layout.pages) {
        if (layout.bodyLines === 0) continue;
        const page = b.pdf.pages[layout.index]!;
        const body = page.items.filter((i) => i.y > spec.top && i.y < spec.height - spec.bottom && i.str.trim());
        const minX = Math.min(...body.map((i) => i.x));
        const maxX = Math.max(...body.map((i) => i.x + i.width));
        const left = layout.recto ? spec.inner : spec.outer;
        expect(minX).toBeGreaterThanOrEqual(left - 0.5);
        // no line wider than the measure, long URLs included
        expect(maxX, `${b.name} page ${layout.index}`).toBeLessThanOrEqual(left + spec.measure + 0.5);
      }
      expect(spec.inner).toBeGreaterThan(spec.outer);
    }
  });

  it('sets the manuscript text in order, nothing lost and nothing repeated', () => {
    for (const b of both()) {
      const expected = expectedText(b.book);
      let body = '';
      let notes = '';
      for (const layout of b.result.layout.pages) {
        const page = b.pdf.pages[layout.index]!;
        for (const item of page.items) {
          const inFoot = layout.footTop !== null && item.y >= layout.footTop - 1 && item.y < spec.height - spec.bottom + 2;
          const inBody = item.y > spec.top - 2 && item.y < spec.height - spec.bottom + 2;
          if (inFoot) notes += item.str;
          else if (inBody && !layout.generated) body += item.str;
        }
      }
      expect(firstDifference(normalise(body), normalise(expected.body))).toBeNull();
      expect(firstDifference(normalise(notes), normalise(expected.notes))).toBeNull();
    }
  });

  it('links every footnote reference to its note and back, the note starting on the reference page', () => {
    for (const b of both()) {
      const labels = expectedText(b.book).noteLabels;
      expect(labels.length).toBeGreaterThan(0);
      const linksTo = new Map<string, number[]>();
      b.pdf.pages.forEach((page) => {
        for (const link of page.links) if (link.dest) linksTo.set(link.dest, [...(linksTo.get(link.dest) ?? []), page.index]);
      });
      for (const label of labels) {
        const refPage = b.pdf.destPage.get(`fnref:${label}`);
        const notePage = b.pdf.destPage.get(`fn:${label}`);
        expect(refPage, label).toBeDefined();
        expect(notePage, label).toBe(refPage);
        expect(linksTo.get(`fn:${label}`), `link to note ${label}`).toContain(refPage);
        expect(linksTo.get(`fnref:${label}`), `back-link of note ${label}`).toContain(notePage);
      }
    }
  });

  it('continues a note on the next page only when its page is full', () => {
    const layout = synth.result.layout;
    const continued = layout.pages.flatMap((p) => p.notes.filter((n) => n.continues).map((n) => ({ page: p, note: n })));
    expect(continued.length).toBeGreaterThan(3);
    for (const { page, note } of continued) {
      expect(page.full).toBe(true);
      // no room left between the body text and the foot for one more note line
      expect(page.footTop! - page.bodyBottom - spec.noteSkip, `page ${page.index}`).toBeLessThan(spec.noteLead);
      // the foot reaches the bottom of the text block: no room for one more note line
      const items = synth.pdf.pages[page.index]!.items.filter((i) => i.str.trim() && i.y < spec.height - spec.bottom + 2);
      const lowest = Math.max(...items.map((i) => i.y));
      expect(lowest).toBeGreaterThan(spec.height - spec.bottom - spec.noteLead * 1.5);
      // and it goes on first thing at the foot of the next page
      const next = layout.pages[page.index + 1]!;
      expect(next.notes[0]?.label).toBe(note.label);
      expect(next.notes[0]?.starts).toBe(false);
    }
  });

  it('has an outline holding every Contents entry, and a Contents page whose entries link to the right pages', () => {
    for (const b of both()) {
      const toc = flattenToc(bookStructure(b.book.tree).toc);
      const outline = flattenOutline(b.pdf.outline);
      expect(outline.map((o) => [o.title, o.depth])).toEqual(toc.map((t) => [t.title, t.depth]));
      const contentsPages = b.result.layout.pages.filter((p) => p.kind === 'contents');
      expect(contentsPages.length).toBeGreaterThan(0);
      const contentsLinks = contentsPages.flatMap((p) => b.pdf.pages[p.index]!.links.map((l) => l.dest));
      const contentsText = contentsPages.map((p) => b.pdf.pages[p.index]!.items.map((i) => i.str).join(' ')).join(' ');
      toc.forEach((entry, i) => {
        const page = b.pdf.destPage.get(`sec:${entry.id}`);
        expect(page, entry.title).toBeDefined();
        expect(outline[i]!.pageIndex).toBe(page);
        expect(contentsLinks).toContain(`sec:${entry.id}`);
        const label = b.pdf.labels?.[page!];
        expect(b.result.layout.toc[i]!.label).toBe(label);
        expect(contentsText).toContain(label);
      });
    }
  });

  it('numbers front matter in roman and the body in arabic from the first body division', () => {
    for (const b of both()) {
      const labels = b.pdf.labels!;
      expect(labels[0]).toBe('i');
      const first = b.result.layout.firstBodyPage;
      expect(labels[first]).toBe('1');
      expect(labels[first - 1]).toMatch(/^[ivxlc]+$/);
      expect(labels[labels.length - 1]).toBe(String(labels.length - first));
      expect(first % 2).toBe(0); // the body opens on a recto
    }
  });

  it('starts every division on a new page, with running heads only on pages that do not open one', () => {
    for (const b of both()) {
      const structure = bookStructure(b.book.tree);
      const title = b.book.metadata.title;
      for (const division of structure.divisions) {
        const page = b.pdf.destPage.get(`sec:${division.id}`)!;
        expect(b.result.layout.pages[page]!.opening, division.title).toBe(true);
        if (division.kind === 'part') expect(page % 2).toBe(0);
      }
      for (const layout of b.result.layout.pages) {
        const head = b.pdf.pages[layout.index]!.items.filter((i) => i.y < spec.top - 5 && i.str.trim()).map((i) => i.str).join(' ');
        if (layout.opening || layout.kind === 'blank' || layout.kind === 'halftitle' || layout.kind === 'copyright') {
          expect(head, `page ${layout.index}`).toBe('');
          continue;
        }
        expect(head).toContain(layout.label);
        if (!layout.recto) expect(head).toContain(title);
        else if (layout.division !== null) expect(head).toContain(structure.divisions[layout.division]!.title.split(' ')[0]);
      }
    }
  });

  it('sets a dedication on a recto of its own before the Contents, with neither folio nor running head', () => {
    const structure = bookStructure(synth.book.tree);
    const dedication = structure.divisions.findIndex((d) => d.kind === 'dedication');
    const page = synth.result.layout.pages.find((p) => p.division === dedication)!;
    const contents = synth.result.layout.pages.find((p) => p.kind === 'contents')!;
    expect(page.recto).toBe(true);
    expect(page.index).toBeLessThan(contents.index);
    expect([page.folio, page.runningHead]).toEqual([null, null]);
    expect(normalise(synth.pdf.pages[page.index]!.items.map((i) => i.str).join(' '))).toBe(normalise('For the readers who test layouts.'));
  });

  it('keeps paragraphs free of widows and orphans, hyphenates sparingly and rarely sets very loose lines', () => {
    for (const b of both()) {
      const s = b.result.layout.stats;
      expect(s.overfullLines).toBe(0);
      expect(s.widows).toBe(0);
      expect(s.orphans).toBe(0);
      expect(s.forcedBreaks).toBe(0);
      expect(s.maxConsecutiveHyphens).toBeLessThanOrEqual(2);
    }
    // the sample has too few lines for a rate; the synthetic book has thousands
    expect(synth.result.layout.stats.justifiedLines).toBeGreaterThan(2000);
    expect(synth.result.layout.stats.veryLoosePercent).toBeLessThan(2);
    expect(synth.result.layout.stats.hyphenatedLines).toBeGreaterThan(10);
  });

  it('prints the colophon: edition, date, dated changes, rights and publisher', () => {
    const page = sample.result.layout.pages.find((p) => p.kind === 'copyright')!;
    const text = sample.pdf.pages[page.index]!.items.map((i) => i.str).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Edition 2');
    expect(text).toContain('2026-01-02');
    expect(text).toContain('Corrected a typo in chapter one.');
    expect(text).toContain('Anti-copyright.');
    expect(text).toContain('Test Press');
  });

  it('renders sample pages to PNG for a look', () => {
    const pick = (b: Built, pred: (p: PdfResult['layout']['pages'][number]) => boolean) => b.result.layout.pages.find(pred);
    const wanted: [Built, string, number | undefined][] = [
      [sample, 'title', pick(sample, (p) => p.kind === 'title')?.index],
      [sample, 'colophon', pick(sample, (p) => p.kind === 'copyright')?.index],
      [synth, 'contents', pick(synth, (p) => p.kind === 'contents')?.index],
      [synth, 'chapter-opening', pick(synth, (p) => p.opening && p.kind === 'division' && p.notes.length > 0)?.index],
      [synth, 'continued-note', pick(synth, (p) => p.notes.length >= 2 && p.notes.some((n) => n.continues))?.index],
      [synth, 'continuation', pick(synth, (p) => p.notes.length > 0 && p.notes[0]!.starts === false)?.index],
    ];
    for (const [b, name, index] of wanted) {
      expect(index, name).toBeDefined();
      const n = String(index! + 1);
      execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', '-f', n, '-l', n, b.file, join(out, `${b.name}-${name}`)]);
    }
  });

  it('typesets fast enough for an 800-page book', () => {
    const perCpuSecond = synth.result.pageCount / synth.cpuSeconds;
    console.log(`synthetic: ${synth.result.pageCount} pages in ${synth.seconds.toFixed(2)} s wall, ${synth.cpuSeconds.toFixed(2)} s CPU = ${perCpuSecond.toFixed(0)} pages per CPU second; stats ${JSON.stringify(synth.result.layout.stats)}`);
    expect(synth.result.pageCount).toBeGreaterThan(150);
    // lenient floor (first build in the process, fonts parsed cold): catches quadratic work, not noise
    expect(perCpuSecond).toBeGreaterThan(30);
  });
});

describe('a note nothing refers to', () => {
  it('is set, unlinked, at the foot of its division’s last page, with a warning (P-002)', async () => {
    const markdown = `${syntheticManuscript().markdown}\n\n[^c1-99]: A note no text points to.\n`;
    const report = new Report();
    const book = fromMarkdown(markdown);
    const result = await toPdf(book, { report, sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: 'book.md' });
    const pdf = await readPdf(result.bytes);
    const holding = pdf.pages.filter((p) => normalise(p.items.map((i) => i.str).join(' ')).includes(normalise('A note no text points to.')));
    expect(holding).toHaveLength(1);
    const division = bookStructure(book.tree).divisions.findIndex((d) => d.unreferenced.some((def) => def.identifier === 'c1-99'));
    const lastPage = Math.max(...result.layout.pages.filter((p) => p.division === division).map((p) => p.index));
    expect(holding[0]!.index).toBe(lastPage);
    expect(report.byCode('P-002').map((d) => d.message)).toEqual(["Footnote `c1-99` is never referenced, expected a reference to it; set at the foot of its division's last page, unlinked"]);
  }, 120_000);
});

describe('a section break', () => {
  it('is set as a centred row of asterisks between the paragraphs it parts', async () => {
    const markdown = syntheticManuscript().markdown.replace(/(<!-- division: chapter -->[\s\S]*?\n\n[^\n#<]+\n\n)/, '$1---\n\n');
    expect(markdown).toMatch(/\n\n---\n\n/);
    const book = fromMarkdown(markdown);
    const result = await toPdf(book, { report: new Report(), sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: 'book.md' });
    const pdf = await readPdf(result.bytes);
    // (each asterisk is a text item of its own; a line of three and nothing else)
    const lines = pdf.pages.flatMap((page) => [...new Set(page.items.map((item) => item.y))].map((y) => ({ page, items: page.items.filter((item) => item.y === y && item.str.trim()) })));
    const stars = lines.filter(({ items }) => items.length === 3 && items.every((item) => item.str.trim() === '*'));
    expect(stars).toHaveLength(1);
    const { page, items } = stars[0]!;
    const spec = pageSpec(book.metadata.trim);
    // (the text block's centre: the inner margin is the wider, on the left of a recto, the right of a verso)
    const left = page.index % 2 === 0 ? spec.inner : spec.outer;
    const centre = left + (spec.width - spec.inner - spec.outer) / 2;
    expect(Math.abs((items[0]!.x + items[2]!.x + items[2]!.width) / 2 - centre)).toBeLessThan(2);
  }, 120_000);
});

describe('a quotation’s attribution', () => {
  it('is set flush right, the credit under it too', async () => {
    const markdown = syntheticManuscript().markdown.replace(/(<!-- division: chapter -->[\s\S]*?\n\n[^\n#<]+\n\n)/, '$1“A bold book, and a useful one.”\n\n— CINDY KOHTALA\n\nresearcher on peer production, Aalto University\n\n');
    const book = fromMarkdown(markdown);
    const result = await toPdf(book, { report: new Report(), sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: 'book.md' });
    const pdf = await readPdf(result.bytes);
    const spec = pageSpec(book.metadata.trim);
    for (const words of ['KOHTALA', 'University']) {
      const page = pdf.pages.find((p) => p.items.some((item) => item.str.includes(words)))!;
      const item = page.items.find((i) => i.str.includes(words))!;
      const lineEnd = Math.max(...page.items.filter((i) => i.y === item.y).map((i) => i.x + i.width));
      // (the text block's right edge: the outer margin is on the right of a recto, the inner of a verso)
      const right = spec.width - (page.index % 2 === 0 ? spec.outer : spec.inner);
      expect(Math.abs(lineEnd - right), words).toBeLessThan(1);
    }
  }, 120_000);
});
