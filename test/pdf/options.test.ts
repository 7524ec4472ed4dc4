import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { bookStructure } from '../../src/manuscript/divisions.js';
import { fromMarkdown } from '../../src/manuscript/from-markdown.js';
import { toPdf } from '../../src/pdf/index.js';
import { readPdf } from './reader.js';

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
