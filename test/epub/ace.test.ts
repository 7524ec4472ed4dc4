import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAce } from '../../src/check/ace.js';
import { build, OUT_DIR, ROOT, sampleMarkdown, syntheticMarkdown, writeEpub } from './helpers.js';

// DAISY Ace (axe-core in Chromium + EPUB rules). It checks every content document in a browser
// page, a few seconds each on this machine, so the synthetic book here is a smaller one than in
// the EPUBCheck test; it has every construct the larger one has (parts, notes, page breaks,
// escaped HTML, tables, lists, quotations in notes).
describe('DAISY Ace', () => {
  it('finds no accessibility violations in the sample and a synthetic book', async () => {
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
  }, 150_000);
});
