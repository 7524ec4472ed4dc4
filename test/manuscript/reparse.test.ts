/**
 * Corrections parse again only the divisions they change (src/manuscript/reparse.ts): the tree is
 * the one parsing the whole corrected text gives, node for node, and its positions are those a
 * whole parse of the text it returns gives.
 */
import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { applyCorrections } from '../../src/manuscript/corrections.js';
import { parseManuscript } from '../../src/manuscript/from-markdown.js';
import { reparseDivisions } from '../../src/manuscript/reparse.js';
import { stringifyManuscript, toManuscript } from '../../src/manuscript/to-markdown.js';
import { tinyMetadata } from '../helpers/tiny-book.js';

// Escapes and a loose list the canonical text writes otherwise, so that the source and the
// canonical text differ in places and in line count.
const BODY = [
  '<!-- division: chapter -->',
  '',
  '## One',
  '',
  'The first chapter [sic] cites a note.[^c1-1]',
  '',
  '1. an item',
  '2. another item',
  '',
  '3. a third item',
  '',
  '[^c1-1]: The first note.',
  '',
  '<!-- division: chapter -->',
  '',
  '## Two',
  '',
  'The second chapter has a typo in teh middle and a note.[^c2-1]',
  '',
  '[^c2-1]: The second note.',
  '',
  '<!-- division: chapter -->',
  '',
  '## Three',
  '',
  'The third chapter [sic] is left alone.[^c3-1]',
  '',
  '[^c3-1]: The third note.',
  '',
].join('\n');

const withoutPositions = (tree: Root): string => JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value));

function corrected(find: string, replace: string): { before: ReturnType<typeof toManuscript>; text: string } {
  const before = toManuscript(BODY, tinyMetadata);
  const { markdown: text, applied } = applyCorrections(before.markdown, [{ find, replace, why: 'test', line: 1 }]);
  expect(applied).toHaveLength(1);
  return { before, text };
}

describe('reparseDivisions', () => {
  it('gives the tree a whole parse gives, with positions into the text it returns', () => {
    const { before, text } = corrected('a typo in teh middle', 'a typo in the middle, mended,\n\nand a paragraph more');
    expect(before.source).not.toBe(before.markdown);
    const result = reparseDivisions(structuredClone(before.tree), before.source, before.markdown, text);
    expect(result).not.toBeNull();
    expect(withoutPositions(result!.tree)).toBe(withoutPositions(parseManuscript(text)));
    expect(JSON.stringify(result!.tree)).toBe(JSON.stringify(parseManuscript(result!.source)));
    expect(stringifyManuscript(result!.tree)).toBe(stringifyManuscript(parseManuscript(text)));
    // the canonical text comes with it, written again only where the corrections changed it
    expect(result!.markdown).toBe(stringifyManuscript(parseManuscript(text)));
    // the divisions no correction changed keep their text as the source has it
    expect(result!.source).toContain('The first chapter [sic] cites a note.');
    expect(result!.source).toContain('The third chapter [sic] is left alone.');
  });

  it('writes the canonical text of a changed first, middle or last division as the whole text has it', () => {
    for (const [find, replace] of [
      // a list left at a division's end, before the next division's line
      ['3. a third item', '3. a third item\n\n- a loose bullet, escaped: 1\\. *not* a list'],
      ['a note.[^c2-1]', 'a note.[^c2-1]\n\n    indented code, written fenced'],
      // the last division, and text the writer escapes
      ['is left alone.', 'is left alone, # not a heading, <b> and_this_ *'],
    ] as const) {
      const { before, text } = corrected(find, replace);
      const result = reparseDivisions(structuredClone(before.tree), before.source, before.markdown, text);
      expect(result).not.toBeNull();
      expect(result!.markdown).toBe(stringifyManuscript(result!.tree));
      expect(result!.markdown).toBe(stringifyManuscript(parseManuscript(text)));
    }
  });

  it('gives up where a whole parse could read the corrected text otherwise', () => {
    // a reference to a note defined in another division
    const across = corrected('a typo in teh middle', 'a typo in the middle[^c1-1]');
    expect(reparseDivisions(across.before.tree, across.before.source, across.before.markdown, across.text)).toBeNull();
    // a division line changed
    const line = corrected('<!-- division: chapter -->\n\n## Three', '<!-- division: appendix -->\n\n## Three');
    expect(reparseDivisions(line.before.tree, line.before.source, line.before.markdown, line.text)).toBeNull();
    // a link definition, which works across divisions
    const link = corrected('a typo in teh middle', 'a typo in the [middle]\n\n[middle]: https://example.org');
    expect(reparseDivisions(link.before.tree, link.before.source, link.before.markdown, link.text)).toBeNull();
  });
});
