import { describe, expect, it } from 'vitest';
import { runEpubcheck } from '../../src/check/epub.js';
import { build, sampleMarkdown, syntheticMarkdown, writeEpub } from './helpers.js';

// W3C EPUBCheck 4.2.6 (Debian, Java): the only validator here that checks XHTML content models.
// Both books are checked at once: each run is mostly JVM start-up and schema loading.
describe('W3C EPUBCheck', () => {
  it('reports 0 fatal / 0 error / 0 warning on the sample and the synthetic book', async () => {
    const sample = writeEpub('epubcheck-sample.epub', (await build(sampleMarkdown())).bytes);
    const synthetic = writeEpub('epubcheck-synthetic.epub', (await build(syntheticMarkdown())).bytes);
    const results = await Promise.all([runEpubcheck(sample), runEpubcheck(synthetic)]);
    for (const result of results) {
      expect(result.messages.filter((m) => m.severity !== 'INFO' && m.severity !== 'USAGE')).toEqual([]);
      expect([result.fatal, result.error, result.warning]).toEqual([0, 0, 0]);
    }
  }, 120_000);
});
