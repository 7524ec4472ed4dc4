import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { fromMarkdown } from '../../src/manuscript/from-markdown.js';
import { toPdf } from '../../src/pdf/index.js';
import { pageSpec } from '../../src/pdf/layout.js';
import { expectedText } from './expected.js';
import { firstDifference, normalise, readPdf } from './reader.js';
import { exodusBuild } from '../helpers/exodus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const manuscript = join(root, 'dist/exodus.md');

// The real book, recovered from its raw extraction in this process (a clean clone has no dist/).
describe('print PDF of the real book', () => {
  it('is valid, links every note both ways and keeps all the text (its speed is logged; npm run bench holds the target)', async () => {
    const book = fromMarkdown(exodusBuild().manuscript);
    const t = performance.now();
    const result = await toPdf(book, { report: new Report(), sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: manuscript });
    const seconds = (performance.now() - t) / 1000;
    const out = join(root, 'dist/pdf-test');
    mkdirSync(out, { recursive: true });
    const file = join(out, 'exodus.pdf');
    writeFileSync(file, result.bytes);
    writeFileSync(join(out, 'exodus.layout.json'), JSON.stringify(result.layout, null, 1));
    const s = result.layout.stats;
    console.log(`exodus: ${result.pageCount} pages in ${seconds.toFixed(2)} s = ${(result.pageCount / seconds).toFixed(0)} pages/s; ${JSON.stringify(s)}`);

    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
    expect(s.overfullLines).toBe(0);
    expect(s.maxConsecutiveHyphens).toBeLessThanOrEqual(2);
    expect(s.widows + s.orphans + s.forcedBreaks).toBe(0);
    expect(s.veryLoosePercent).toBeLessThan(2);

    const pdf = await readPdf(result.bytes);
    const expected = expectedText(book);
    for (const label of expected.noteLabels) {
      const refPage = pdf.destPage.get(`fnref:${label}`);
      expect(refPage, label).toBeDefined();
      expect(pdf.destPage.get(`fn:${label}`), label).toBe(refPage);
    }
    const spec = pageSpec(book.metadata.trim);
    // a note goes on to the next page only from a page with no room for one more note line
    for (const page of result.layout.pages) {
      if (!page.notes.some((n) => n.continues)) continue;
      expect(page.footTop! - page.bodyBottom - spec.noteSkip, `page ${page.index}`).toBeLessThan(spec.noteLead);
    }
    let body = '';
    let notes = '';
    for (const layout of result.layout.pages) {
      for (const item of pdf.pages[layout.index]!.items) {
        if (layout.footTop !== null && item.y >= layout.footTop - 1 && item.y < spec.height - spec.bottom + 2) notes += item.str;
        else if (item.y > spec.top - 2 && item.y < spec.height - spec.bottom + 2 && !layout.generated) body += item.str;
      }
    }
    expect(firstDifference(normalise(body), normalise(expected.body))).toBeNull();
    expect(firstDifference(normalise(notes), normalise(expected.notes))).toBeNull();
  });
});
