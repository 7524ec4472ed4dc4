/**
 * The PDF typeset in a worker thread (src/pdf/parallel.ts, as src/cli.ts runs it) is the PDF typeset
 * in the calling thread, byte for byte, with the same diagnostics; and the worker's warm-up book
 * (src/pdf/warmup.ts) leaves no trace in the PDF typeset after it.
 */
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { bookFromTree, fromMarkdown, parseManuscript } from '../../src/manuscript/from-markdown.js';
import { toPdf } from '../../src/pdf/index.js';
import { PdfWorker } from '../../src/pdf/parallel.js';
import { warmUp, warmUpManuscript, warmUpTree } from '../../src/pdf/warmup.js';
import { syntheticManuscript } from './synthetic.js';

const sourceDate = new Date('2026-11-26T00:00:00Z');
// an unreferenced note, so that the PDF has a diagnostic to carry back (P-002)
const manuscript = `${syntheticManuscript().markdown}\n\n[^never-referenced]: A note no text points to.\n`;

async function inThread(markdown: string): Promise<{ bytes: Uint8Array; diagnostics: unknown[] }> {
  const report = new Report();
  const pdf = await toPdf(fromMarkdown(markdown), { report, sourceDate, sourceFile: 'book.md' });
  return { bytes: pdf.bytes, diagnostics: report.diagnostics };
}

describe('PDF on a second thread', () => {
  it('gives the same bytes and diagnostics as in the calling thread', async () => {
    const local = await inThread(manuscript);
    expect(local.diagnostics.length).toBeGreaterThan(0);
    const worker = PdfWorker.start();
    try {
      const done = await worker.typeset({ book: fromMarkdown(manuscript), sourceDate, sourceFile: 'book.md' });
      expect(Buffer.from(done.bytes).equals(Buffer.from(local.bytes))).toBe(true);
      expect(done.diagnostics).toEqual(local.diagnostics);
      expect(done.pageCount).toBeGreaterThan(0);
      expect(worker.cpuMs()).toBeGreaterThan(0);
    } finally {
      await worker.stop();
    }
  }, 120_000);

  it('gives the same bytes and diagnostics from the parsed tree, the worker making the book of it', async () => {
    const local = await inThread(manuscript);
    const worker = PdfWorker.start();
    try {
      const tree = parseManuscript(manuscript);
      const job = worker.typesetTree({ tree, sourceDate, sourceFile: 'book.md' });
      // the tree went as it was: the calling thread may now make its own book of it
      bookFromTree(tree);
      const done = await job;
      expect(Buffer.from(done.bytes).equals(Buffer.from(local.bytes))).toBe(true);
      expect(done.diagnostics).toEqual(local.diagnostics);
    } finally {
      await worker.stop();
    }
  }, 120_000);

  it('reports a typesetting failure as an error with its stack', async () => {
    const worker = PdfWorker.start();
    try {
      const book = fromMarkdown(manuscript);
      // a tree the typesetter cannot read
      (book.tree as unknown as { children: unknown }).children = null;
      await expect(worker.typeset({ book, sourceDate, sourceFile: 'book.md' })).rejects.toThrow();
    } finally {
      await worker.stop();
    }
  }, 120_000);

  it('makes the tree of the warm-up book as a parse of its manuscript gives it, keys in the same order', () => {
    const withoutPositions = (tree: unknown): string => JSON.stringify(tree, (key, value: unknown) => (key === 'position' ? undefined : value));
    expect(withoutPositions(warmUpTree())).toBe(withoutPositions(parseManuscript(warmUpManuscript())));
  });

  it('typesets the same PDF after the warm-up book as without it', async () => {
    expect(warmUpManuscript()).toContain('[^c1-3]:');
    const before = await inThread(manuscript);
    await warmUp();
    const after = await inThread(manuscript);
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true);
  }, 120_000);
});
