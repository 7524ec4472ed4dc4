import { readFileSync } from 'node:fs';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { fromMarkdown, parseManuscript } from '../../src/manuscript/from-markdown.js';
import { SAMPLE_MD } from '../epub/helpers.js';

describe('a note reference whose note the manuscript lacks', () => {
  const markdown = `${readFileSync(SAMPLE_MD, 'utf8')}\nThe Sardex system in Sardinia.\\[^c11-166] It has around 3000 members.\n`;

  it('stays in the manuscript as written, for an editor to add the note', () => {
    expect(toString(parseManuscript(markdown))).toContain('Sardinia.[^c11-166] It has');
  });

  it('is set in the editions as the print book sets it: a superscript number, not the label', () => {
    const text = toString(fromMarkdown(markdown).tree);
    expect(text).toContain('Sardinia.¹⁶⁶ It has');
    expect(text).not.toContain('[^c11-166]');
  });
});
