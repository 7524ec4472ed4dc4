import { describe, expect, it } from 'vitest';
import { noteNumber } from '../../src/manuscript/divisions.js';
import { buildTiny, readingText, tinyRaw } from '../helpers/tiny-book.js';

describe('notes a book marks with symbols', () => {
  it('are linked to their references page by page, each with a label of its own, as numbered notes are', () => {
    const built = buildTiny([
      'The river ran past the old town, as it always had.<sup>*</sup> The millers kept their wheels turning.<sup>1</sup>\n\n---\n\n<sup>1</sup> Parish records.\n\n<sup>*</sup> The editor doubts this.',
      'Travellers came in spring with carts of wool.<sup>*</sup> They paid the toll at the gate.<sup>†</sup>\n\n---\n\n<sup>*</sup> Wool from the hills.\n\n<sup>†</sup> The toll was abolished later.',
    ]);
    const text = readingText(built.manuscript);
    expect(text).toContain('as it always had.[^c1-ast1] The millers');
    expect(text).toContain('carts of wool.[^c1-ast2] They paid the toll at the gate.[^c1-dag3]');
    expect(text).toContain('[^c1-ast1]: The editor doubts this.');
    expect(text).toContain('[^c1-ast2]: Wool from the hills.');
    expect(text).toContain('[^c1-dag3]: The toll was abolished later.');
    expect(built.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('are reported where a page raises a mark its footnote area does not define (R-024), the mark kept as text', () => {
    const page = 'The river ran past the old town, as it always had.<sup>†</sup> The millers kept their wheels turning.<sup>1</sup>';
    const pages = [`${page}\n\n---\n\n<sup>1</sup> Parish records.`];
    const built = buildTiny(pages);
    expect(readingText(built.manuscript)).toContain('as it always had.† The millers');
    const found = built.report.byCode('R-024');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('marked `†` has no note marked so on its page');
    expect(found[0]!.place?.line).toBe(tinyRaw(pages).split('\n').indexOf(page) + 1);
  });

  it('may be letters (`<sup>a</sup>`), linked page by page; a letter after a number is an ordinal, not a note', () => {
    const built = buildTiny([
      'The river ran past the old town, as it always had.<sup>a</sup> The millers kept their wheels turning in the 2<sup>e</sup> arrondissement.<sup>1</sup>\n\n---\n\n<sup>1</sup> Parish records.\n\n<sup>a</sup> The editor doubts this.\n\n<sup>e</sup> A note marked e.',
      'Travellers came in spring with carts of wool.<sup>a</sup> They paid the toll.<sup>b</sup>\n\n---\n\n<sup>a</sup> Wool from the hills.\n\n<sup>b</sup> The toll was abolished later.',
    ]);
    const text = readingText(built.manuscript);
    expect(text).toContain('as it always had.[^c1-la1] The millers kept their wheels turning in the 2e arrondissement.[^c1-1]');
    expect(text).toContain('carts of wool.[^c1-la3] They paid the toll.[^c1-lb4]');
    expect(text).toContain('[^c1-la1]: The editor doubts this.');
    expect(text).toContain('[^c1-lb4]: The toll was abolished later.');
    // (the page's note `e` has no reference: the `e` after `2` is no mark)
    expect(built.report.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual(['R-021']);
    expect(noteNumber('c1-la1')).toBe('a');
    expect(noteNumber('c5-5-again')).toBe('5');
    expect(noteNumber('c5-5-again-2')).toBe('5');
    expect(noteNumber('c1-lb4')).toBe('b');
  });

  it('print their symbol, and numbered notes their number', () => {
    expect(noteNumber('c1-ast1')).toBe('*');
    expect(noteNumber('c3-ddag12')).toBe('‡');
    expect(noteNumber('c2-astast4')).toBe('**');
    expect(noteNumber('c3-12')).toBe('12');
    expect(noteNumber('front-2')).toBe('2');
  });
});
