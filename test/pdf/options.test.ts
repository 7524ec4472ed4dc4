import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { bookStructure } from '../../src/manuscript/divisions.js';
import { fromMarkdown } from '../../src/manuscript/from-markdown.js';
import { toPdf } from '../../src/pdf/index.js';
import { pageSpec } from '../../src/pdf/layout.js';
import { normalise, readPdf } from './reader.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const sample = readFileSync(join(root, 'test/fixtures/manuscript/sample.md'), 'utf8');

describe('print PDF layout options', () => {
  it('takes the trim size from the metadata and starts chapters on rectos when asked', async () => {
    const markdown = sample.replace('pageSource:', 'trim: { width: 360, height: 576 }\nchaptersOnRecto: true\npageSource:');
    const book = fromMarkdown(markdown);
    expect(book.metadata.chaptersOnRecto).toBe(true);
    const result = await toPdf(book, { report: new Report(), sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: 'sample.md' });
    const pdf = await readPdf(result.bytes);
    for (const page of pdf.pages) expect(page.height).toBe(576);
    expect(result.layout.trim).toEqual({ width: 360, height: 576 });
    const chapters = bookStructure(book.tree).divisions.filter((d) => d.kind === 'chapter');
    expect(chapters.length).toBe(2);
    for (const chapter of chapters) {
      const page = pdf.destPage.get(`sec:${chapter.id}`)!;
      expect(page % 2, chapter.title).toBe(0);
    }
    // a chapter that would have fallen on a verso left a blank page before it
    expect(result.layout.pages.some((p) => p.kind === 'blank' && p.index > result.layout.firstBodyPage)).toBe(true);
  });

  it('sets raw HTML an editor typed as visible text, and page markers not at all', async () => {
    const book = fromMarkdown(sample);
    const result = await toPdf(book, { report: new Report(), sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: 'sample.md' });
    const pdf = await readPdf(result.bytes);
    const text = pdf.pages.map((p) => p.items.map((i) => i.str).join('')).join('\n');
    expect(text).toContain('<b>');
    expect(text).not.toContain('<!--');
    expect(text).not.toMatch(/page 8/);
  });
});

describe('print PDF footnotes longer than a page', () => {
  it('runs a note over several pages, each page full, the text complete', async () => {
    const sentence = 'This note keeps going, with words enough to fill line after line of small type at the foot. ';
    const markdown = [
      '---', 'title: Long Notes', 'author: A. Writer', 'language: en', 'date: 2020-01-01', 'publisher: P', 'rights: R',
      'identifier: urn:x', 'edition: 1', '---', '', '<!-- division: chapter -->', '## One', '',
      `A short paragraph with a very long note.[^c1-1] ${sentence.repeat(3)}`, '',
      ...Array.from({ length: 30 }, (_, i) => `Paragraph ${i} of body text that follows, long enough to wrap over a couple of lines in the book's measure.${i === 3 ? '[^c1-2]' : ''}\n`),
      `[^c1-1]: ${sentence.repeat(160)}`, '', '[^c1-2]: A short one that must wait for the long note.', '',
    ].join('\n');
    const book = fromMarkdown(markdown);
    const result = await toPdf(book, { report: new Report(), sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: 'long.md' });
    const pages = result.layout.pages.filter((p) => p.notes.some((n) => n.label === 'c1-1'));
    expect(pages.length).toBeGreaterThan(2);
    pages.slice(0, -1).forEach((p) => {
      expect(p.full, `page ${p.index}`).toBe(true);
      expect(p.footTop! - p.bodyBottom, `page ${p.index}`).toBeLessThan(12 + 10.8);
    });
    expect(pages[0]!.notes[0]!.starts).toBe(true);
    const pdf = await readPdf(result.bytes);
    expect(pdf.destPage.get('fn:c1-1')).toBe(pdf.destPage.get('fnref:c1-1'));
    expect(pdf.destPage.get('fn:c1-2')).toBe(pdf.destPage.get('fnref:c1-2'));
    const spec = pageSpec(undefined);
    // the note's text, read from the feet of the pages in order, is all there once
    let foot = '';
    for (const layout of result.layout.pages) {
      if (layout.footTop === null) continue;
      for (const item of pdf.pages[layout.index]!.items) if (item.y >= layout.footTop - 1 && item.y < spec.height - spec.bottom + 2) foot += item.str;
    }
    const short = '2Ashortonethatmustwaitforthelongnote';
    const letters = normalise(foot);
    expect(letters).toContain(short);
    // the short note may stand between two parts of the long one, whole
    expect(letters.replace(short, '').split('Thisnotekeepsgoing').length - 1).toBe(160);
  });

  it('parts two note references side by side with a raised comma, so they do not read as one number', async () => {
    const book = fromMarkdown(sample.replace('cites two more notes.[^c1-2] [^c1-3]', 'cites two more notes.[^c1-2][^c1-3]'));
    const result = await toPdf(book, { report: new Report(), sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: 'sample.md' });
    const text = (await readPdf(result.bytes)).pages.map((p) => p.items.map((i) => i.str).join('')).join('\n');
    expect(text).toContain('notes.2,3');
  });
});
