import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAce } from '../../src/check/ace.js';
import { runEpubcheck } from '../../src/check/epub.js';
import { build, OUT_DIR, ROOT, sampleMarkdown, syntheticMarkdown, writeEpub } from './helpers.js';

// The external validators run as child processes, concurrently (vitest runs one test file per
// worker and this machine may have only one): each is mostly waiting on Java or Chromium.
describe.concurrent('external validators', () => {
  // W3C EPUBCheck 4.2.6 (Debian, Java): the only validator here that checks XHTML content models.
  it('W3C EPUBCheck: 0 fatal / 0 error / 0 warning on the sample and the large synthetic book', async () => {
    const sample = writeEpub('epubcheck-sample.epub', (await build(sampleMarkdown())).bytes);
    const synthetic = writeEpub('epubcheck-synthetic.epub', (await build(syntheticMarkdown())).bytes);
    const results = await Promise.all([runEpubcheck(sample), runEpubcheck(synthetic)]);
    for (const result of results) {
      expect(result.messages.filter((m) => m.severity !== 'INFO' && m.severity !== 'USAGE')).toEqual([]);
      expect([result.fatal, result.error, result.warning]).toEqual([0, 0, 0]);
    }
  }, 600_000);

  // DAISY Ace (axe-core in Chromium + EPUB rules) checks every content document in a browser page,
  // seconds each here, so its synthetic book is smaller than EPUBCheck's, with the same constructs
  // (parts, notes, a note opening with a quotation, page breaks, escaped HTML, tables, lists).
  it('DAISY Ace: no accessibility violations in the sample and a synthetic book', async () => {
    const books = [
      ['sample', sampleMarkdown()],
      ['synthetic', syntheticMarkdown({ chapters: 4, parts: 2, notesPerChapter: 6 })],
    ] as const;
    const results = await Promise.all(
      books.map(async ([name, markdown]) => {
        const path = writeEpub(`ace-${name}.epub`, (await build(markdown)).bytes);
        return runAce(path, join(OUT_DIR, `ace-${name}`), { aceBin: join(ROOT, 'node_modules/.bin/ace-cli') });
      }),
    );
    for (const result of results) {
      expect(result.violations).toEqual([]);
      expect(result.outcome).toBe('pass');
    }
  }, 600_000);
});
