import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { normaliseLine } from '../../src/ingest/normalise.js';
import { conservationProblems, ingest } from '../../src/ingest/index.js';
import { buildManuscript } from '../../src/pipeline.js';
import { readingText, tinyMetadata, tinyRaw } from '../helpers/tiny-book.js';

describe('normaliseLine', () => {
  it('reads a note reference typed with spaces or capitals in its tags as a reference', () => {
    expect(normaliseLine('the long winter.<sup> 12 </sup> Then')).toBe('the long winter.<sup>12</sup> Then');
    expect(normaliseLine('<SUP>3</SUP> A note.')).toBe('<sup>3</sup> A note.');
  });

  it('spells ligatures out, takes soft hyphens out of words, and keeps one that ends the line as its hyphen', () => {
    expect(normaliseLine('The ﬁrst ﬂow was of\u00ADﬁcially ef\u00ADfective, coopta\u00AD')).toBe('The first flow was officially effective, coopta-');
  });

  it('reads several notes marked in one tag as one mark each, and leaves a definition’s mark alone', () => {
    expect(normaliseLine('in the square.<sup>1,2</sup> The council')).toBe('in the square.<sup>1</sup><sup>2</sup> The council');
    expect(normaliseLine('as many argue.<sup>3–5, 9</sup>')).toBe('as many argue.<sup>3</sup><sup>4</sup><sup>5</sup><sup>9</sup>');
    expect(normaliseLine('see notes<sup>12–40</sup>')).toBe('see notes<sup>12</sup><sup>40</sup>');
    expect(normaliseLine('<sup>1,2</sup> A definition keeps its mark.')).toBe('<sup>1,2</sup> A definition keeps its mark.');
  });

  it('reads note numbers set as superscript digits as note marks, and leaves a unit’s square alone', () => {
    expect(normaliseLine('the long winter months.¹ Every road, “the old way”¹², crossed it')).toBe('the long winter months.<sup>1</sup> Every road, “the old way”<sup>12</sup>, crossed it');
    expect(normaliseLine('¹ Parish records, volume two.')).toBe('<sup>1</sup> Parish records, volume two.');
    expect(normaliseLine('a field of 40 m² and a tank of 3 km³')).toBe('a field of 40 m² and a tank of 3 km³');
    expect(normaliseLine('as the river³ ran')).toBe('as the river<sup>3</sup> ran');
  });

  it('takes zero-width spaces and a byte-order mark out of the text', () => {
    expect(normaliseLine('\uFEFF# The mil\u200Blers\u2060 kept')).toBe('# The millers kept');
  });

  it('reads a bullet character at the start of a line as a list marker, and leaves one inside a line alone', () => {
    expect(normaliseLine('• wool from the hills;')).toBe('- wool from the hills;');
    expect(normaliseLine('  ◦ salt')).toBe('  - salt');
    expect(normaliseLine('wool • salt')).toBe('wool • salt');
  });
});

describe('an extraction with these marks', () => {
  const pages = [
    'The ﬁrst river ran past the town.<sup> 1</sup> The traders brought:\n\n• wool from the hills;\n\n• salt from the coast.\n\n---\n\n<sup>1 </sup> Parish records.',
    'The bridges were of\u00ADﬁcially older than anyone could remember, and the tolls were low.',
  ];
  const raw = tinyRaw(pages);

  it('builds as if the marks were the book’s own: a linked note, a real list, plain letters, and says so once (I-006)', () => {
    const report = new Report();
    const built = buildManuscript({ raw, metadata: tinyMetadata, sourceFile: 'tiny.raw.md', sourceDate: new Date('2020-01-01T00:00:00Z') }, report);
    const text = readingText(built.manuscript);
    expect(text).toContain('The first river ran past the town.[^c1-1]');
    expect(text).toContain('- wool from the hills;');
    expect(text).toContain('officially older');
    expect(built.book.tree.children.some((node) => node.type === 'list' && node.children.length === 2)).toBe(true);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const said = report.byCode('I-006');
    expect(said).toHaveLength(1);
    expect(said[0]!.message).toMatch(/2 note number.*2 ligature.*1 soft hyphen.*2 bullet/);
    expect(said[0]!.place?.line).toBe(raw.split('\n').findIndex((line) => line.includes('ﬁrst')) + 1);
  });

  it('keeps every character of the file on exactly one page (the offsets count the characters as the file has them)', () => {
    const ingested = ingest(raw, { report: new Report(), sourceDate: new Date(0), sourceFile: 'tiny.raw.md' }, { title: 'Tiny Book' });
    expect(conservationProblems(raw, ingested)).toEqual({ lost: [], repeated: [] });
  });
});
