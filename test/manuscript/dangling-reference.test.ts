import { describe, expect, it } from 'vitest';
import { applyCorrections, danglingReferences, type Correction } from '../../src/manuscript/corrections.js';
import { parseManuscript } from '../../src/manuscript/from-markdown.js';

const MANUSCRIPT = `Rivers ran past the town.[^c1-1] The roads crossed them.[^c1-2]

[^c1-1]: Parish records.

[^c1-2]: The toll.
`;

function dangling(...edits: Array<[string, string]>): Array<{ label: string; line: number }> {
  const corrections: Correction[] = edits.map(([find, replace], k) => ({ find, replace, why: '', line: k * 3 + 1 }));
  const { markdown, applied } = applyCorrections(MANUSCRIPT, corrections);
  return danglingReferences(parseManuscript(markdown), applied).map(({ label, correction }) => ({ label, line: correction.line }));
}

describe('note references that corrections leave without a note', () => {
  it('names the correction that writes a reference to a note the manuscript lacks', () => {
    expect(dangling(['crossed them.[^c1-2]', 'crossed them.[^c1-2][^c1-3]'])).toEqual([{ label: 'c1-3', line: 1 }]);
  });

  it('names the correction that takes away a note still referred to', () => {
    expect(dangling(['town.', 'town and the mills.'], ['\n\n[^c1-2]: The toll.', ''])).toEqual([{ label: 'c1-2', line: 4 }]);
  });

  it('says nothing of a reference written with its note, nor of a note moved', () => {
    expect(dangling(['crossed them.[^c1-2]', 'crossed them.[^c1-2][^c1-3]'], ['[^c1-2]: The toll.', '[^c1-2]: The toll.\n\n[^c1-3]: A new note.'])).toEqual([]);
    expect(dangling(['[^c1-1]: Parish records.\n\n[^c1-2]: The toll.', '[^c1-2]: The toll.\n\n[^c1-1]: Parish records.'])).toEqual([]);
  });

  it('leaves alone a reference the book itself left without its note (the repair stage names it)', () => {
    const { markdown, applied } = applyCorrections(`${MANUSCRIPT}\nSardinia.\\[^c11-166] It has members.\n`, [{ find: 'town.', replace: 'towns.', why: '', line: 1 }]);
    expect(danglingReferences(parseManuscript(markdown), applied)).toEqual([]);
  });
});
