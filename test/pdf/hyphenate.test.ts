/** The print edition hyphenates in the book's language (TeX's patterns for it), and says where it has none. */
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { fromMarkdown } from '../../src/manuscript/from-markdown.js';
import { hyphenatorFor } from '../../src/pdf/hyphenate.js';
import { toPdf } from '../../src/pdf/index.js';
import { syntheticManuscript } from './synthetic.js';

/** The word with a hyphen at each place the language's hyphenator may break it. */
function hyphenated(tag: string, word: string): string {
  const points = hyphenatorFor(tag)!.points(word);
  return points.reduceRight((text, at) => `${text.slice(0, at)}-${text.slice(at)}`, word);
}

describe('hyphenation by the book\'s language', () => {
  it('breaks each language\'s words by its own patterns', () => {
    expect(hyphenated('de', 'Arbeiterbewegung')).toBe('Ar-bei-ter-be-we-gung');
    expect(hyphenated('fr', 'révolutionnaire')).toBe('ré-vo-lu-tion-naire');
    expect(hyphenated('es', 'revolucionario')).toBe('re-vo-lu-cio-na-rio');
    // British and American English break some words apart differently
    expect(hyphenated('en-GB', 'democracy')).toBe('demo-cracy');
    expect(hyphenated('en-US', 'democracy')).toBe('democ-racy');
    expect(hyphenated('en', 'democracy')).toBe('democ-racy');
  });

  it('reads a tag by its language where its region has no patterns of its own, whatever its case', () => {
    expect(hyphenatorFor('de-CH')).toBe(hyphenatorFor('de'));
    expect(hyphenatorFor('EN-gb')).toBe(hyphenatorFor('en-GB'));
    expect(hyphenatorFor('en-AU')).toBe(hyphenatorFor('en-GB'));
    expect(hyphenatorFor('sv')).toBeNull();
  });

  it('sets a book whose language it has no patterns for without hyphens, and says so (P-004)', async () => {
    const base = syntheticManuscript({ parts: 1, chaptersPerPart: 1, paragraphsPerChapter: 12 }).markdown;
    const run = async (language: string) => {
      const report = new Report();
      const result = await toPdf(fromMarkdown(base.replace(/^language: .*$/m, `language: ${language}`)), { report, sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: 'book.md' });
      return { hyphenated: result.layout.stats.hyphenatedLines, said: report.diagnostics.filter((d) => d.code === 'P-004') };
    };
    const english = await run('en');
    const swedish = await run('sv');
    expect(english.said).toEqual([]);
    expect(english.hyphenated).toBeGreaterThan(0);
    // (a line may still end at a hyphen the text has: `self-activity`)
    expect(swedish.hyphenated).toBeLessThan(english.hyphenated);
    expect(swedish.said).toHaveLength(1);
    expect(swedish.said[0]!.message).toMatch(/^No hyphenation patterns for the book's language `sv`, expected one of English/);
  }, 60_000);
});
