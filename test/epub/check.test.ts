import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CHECK_EPUB_CODES, checkEpubInProcess } from '../../src/check/epub.js';
import { build, sampleMarkdown } from './helpers.js';

describe('checkEpubInProcess', () => {
  it('passes a good EPUB and turns validator errors into error diagnostics', async () => {
    const { bytes } = await build(sampleMarkdown());
    expect(await checkEpubInProcess(bytes)).toEqual([]);

    // Break it: drop a content document the manifest lists, and make another ill-formed.
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files).filter((n) => /OEBPS\/\d+-.*\.xhtml$/.test(n));
    zip.remove(names[0]!);
    zip.file(names[1]!, '<html><body><p>unclosed</body></html>');
    const broken = await zip.generateAsync({ type: 'uint8array' });
    const diagnostics = await checkEpubInProcess(broken);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.every((d) => d.code === CHECK_EPUB_CODES.epubcheckTs && d.stage === 'check')).toBe(true);
    expect(errors.some((d) => d.place?.file.includes(names[1]!.slice('OEBPS/'.length)))).toBe(true);
  }, 120_000);
});
