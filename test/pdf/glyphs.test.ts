/**
 * Characters the print face has no glyph for would print as blank boxes: the typesetter reports
 * each place that holds any (P-003), in the calling thread and in the worker alike.
 */
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { fromMarkdown, parseManuscript } from '../../src/manuscript/from-markdown.js';
import { toPdf } from '../../src/pdf/index.js';
import { pageSpec } from '../../src/pdf/layout.js';
import { SURELY_PRINTS } from '../../src/pdf/measure.js';
import { Renderer } from '../../src/pdf/render.js';
import { PdfWorker } from '../../src/pdf/parallel.js';
import { syntheticManuscript } from './synthetic.js';

const sourceDate = new Date('2026-11-26T00:00:00Z');
const base = syntheticManuscript({ parts: 1, chaptersPerPart: 1, paragraphsPerChapter: 3 }).markdown.trimEnd();
const quoted = 'The old sign read 水車 beside a 🚂, above the Greek λόγος and the Russian мельница.';
const manuscript = `${base}\n\n${quoted}\n`;
const line = manuscript.split('\n').indexOf(quoted) + 1;

async function diagnosticsOf(markdown: string) {
  const report = new Report();
  await toPdf(fromMarkdown(markdown), { report, sourceDate, sourceFile: 'book.md' });
  return report.diagnostics.filter((d) => d.code === 'P-003');
}

describe('characters the print font lacks', () => {
  it('are reported with their place; Greek and Cyrillic, which the face has, are not', async () => {
    const found = await diagnosticsOf(manuscript);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('`水` (U+6C34), `車` (U+8ECA), `🚂` (U+1F682)');
    expect(found[0]!.message).not.toMatch(/λ|м/);
    expect(found[0]!.place).toMatchObject({ file: 'book.md', line });
  }, 60_000);

  it('are reported in the metadata the print edition sets on its own pages, by field', async () => {
    const retitled = `${base.replace(/^title: .*$/m, 'title: The Mill 水車').replace(/^publisher: .*$/m, 'publisher: Press 🚂')}\n`;
    const found = await diagnosticsOf(retitled);
    expect(found.map((d) => d.message)).toEqual([
      "The print font has no glyph for `水` (U+6C34), `車` (U+8ECA) in the metadata's `title`, expected every character to print; the PDF shows a blank box for each where it sets the title pages and running heads (the EPUB leaves them to the reader's fonts)",
      "The print font has no glyph for `🚂` (U+1F682) in the metadata's `publisher`, expected every character to print; the PDF shows a blank box for each where it sets the copyright page (the EPUB leaves them to the reader's fonts)",
    ]);
    expect(found[0]!.place).toEqual({ file: 'book.md', line: 1, column: 1 });
  }, 60_000);

  it('are not reported where there are none', async () => {
    expect(await diagnosticsOf(`${base}\n`)).toEqual([]);
  }, 60_000);

  it('are never among the characters taken to print without a look (every one of those has a glyph)', () => {
    const face = new Renderer(pageSpec(undefined), { title: 't', author: 'a', subject: 's', keywords: '', language: 'en', date: sourceDate }).measurer.shapers.R;
    const lacking: string[] = [];
    for (let cp = 0x20; cp <= 0x2100; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!SURELY_PRINTS.test(ch) || /[\p{White_Space}\p{Cf}\p{Cc}]/u.test(ch)) continue;
      if (face.lacks(cp)) lacking.push(`U+${cp.toString(16)}`);
    }
    expect(lacking).toEqual([]);
  });

  it('take in no space: one the face lacks prints as the narrowest space it has, not as a box', () => {
    const face = new Renderer(pageSpec(undefined), { title: 't', author: 'a', subject: 's', keywords: '', language: 'fr', date: sourceDate }).measurer.shapers.R;
    // (French sets a narrow no-break space inside its guillemets)
    for (const cp of [0x202f, 0x2009, 0x200a, 0x2007, 0x2008, 0x00a0]) expect(face.lacks(cp), `U+${cp.toString(16)}`).toBe(false);
    expect(face.width('\u202F')).toBeGreaterThan(0);
    expect(face.width('\u202F')).toBeLessThanOrEqual(face.width(' '));
  });

  it('are reported with the same place from the worker thread', async () => {
    const worker = PdfWorker.start();
    try {
      const done = await worker.typeset({ book: fromMarkdown(manuscript), sourceDate, sourceFile: 'book.md' });
      expect(done.diagnostics.filter((d) => d.code === 'P-003')).toEqual(await diagnosticsOf(manuscript));
      const fromTree = await worker.typesetTree({ tree: parseManuscript(manuscript), sourceDate, sourceFile: 'book.md' });
      expect(fromTree.diagnostics.filter((d) => d.code === 'P-003')).toEqual(await diagnosticsOf(manuscript));
    } finally {
      await worker.stop();
    }
  }, 120_000);
});
