import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { convertInline, undoDoubleEscapes } from '../../src/repair/inline.js';
import { buildTiny, readingText } from '../helpers/tiny-book.js';

const plain = (text: string): string => convertInline(text, () => null);

describe('raw inline markup → manuscript', () => {
  it('turns bold into strong', () => {
    expect(plain('A <b>bold</b> word.')).toBe('A **bold** word.');
    expect(plain('A <strong>strong</strong> word.')).toBe('A **strong** word.');
  });

  it('drops an empty bold element, leaving one space where there was one', () => {
    expect(plain('An <b></b> empty one.')).toBe('An empty one.');
    expect(plain('glued<b></b>together')).toBe('gluedtogether');
    expect(plain('spaced<b> </b>apart')).toBe('spaced apart');
    expect(plain('<b> </b>Opens a line.')).toBe('Opens a line.');
    expect(plain('Ends a line. <b></b>')).toBe('Ends a line.');
    expect(plain('Two<strong>  </strong> <b></b>empties.')).toBe('Two empties.');
  });

  it('drops empty markdown strong and emphasis the extraction left, but not the space between two strong words', () => {
    expect(plain('An ** ** empty and a **** glued one.')).toBe('An empty and a glued one.');
    expect(plain('Stars ****, inside.')).toBe('Stars, inside.');
    // A word starred out is text.
    expect(plain('A f**** word and ****ing too.')).toBe('A f**** word and ****ing too.');
    expect(plain('**One** **Two** stay.')).toBe('**One** **Two** stay.');
    // Underscores are left alone: `____` is as likely a blank to fill in as an empty strong.
    expect(plain('Name: ____ and __ __.')).toBe('Name: ____ and __ __.');
  });

  it('moves spaces inside bold outside it, so the strong still parses', () => {
    expect(plain('A<b> bold </b>word.')).toBe('A **bold** word.');
  });

  it('turns italic into emphasis and drops an empty one', () => {
    expect(plain('An <i>italic</i> and an <em>emphasised</em> word; <i></i>none.')).toBe('An *italic* and an *emphasised* word; none.');
  });
});

describe('empty bold in a raw book', () => {
  it('vanishes from the clean manuscript instead of showing as ****', () => {
    const built = buildTiny(['The council met <b></b> every spring, and the toll<b> </b>was paid. **Ledgers** ** ** were kept.']);
    const text = readingText(built.manuscript);
    expect(text).not.toMatch(/\*\*\*\*|\\\*/);
    expect(text).toContain('The council met every spring, and the toll was paid. **Ledgers** were kept.');
  });

  it('does not make a heading of a line that is only an empty bold', () => {
    const built = buildTiny(['First paragraph of the page.\n\n** **\n\nSecond paragraph of the page.\n\n# <b></b>\n\n<b> </b>\n\nThird paragraph of the page.']);
    expect(built.manuscript).not.toMatch(/^#+\s*$/m);
    expect(built.manuscript).not.toContain('**');
    expect(readingText(built.manuscript)).toContain('First paragraph of the page.\n\nSecond paragraph of the page.\n\nThird paragraph of the page.');
  });
});

describe('underscores the extraction escaped twice', () => {
  it('escapes them once inside a run of text, as in a URL, and counts them', () => {
    expect(undoDoubleEscapes('<[http://a.org/71\\\\_04\\\\_12.htm](http://a.org/71_04_12.htm)>')).toEqual({ text: '<[http://a.org/71\\_04\\_12.htm](http://a.org/71_04_12.htm)>', count: 2 });
    expect(undoDoubleEscapes('Marxism\\\\_-\\\\_the')).toEqual({ text: 'Marxism\\_-\\_the', count: 2 });
  });

  it('leaves one after a space or a third backslash, and a single escape', () => {
    for (const text of ['a \\\\_b', 'a\\\\\\_b', 'a\\_b', '\\\\_b']) expect(undoDoubleEscapes(text)).toEqual({ text, count: 0 });
  });

  it('shows the printed underscore in the clean manuscript, in body text and in notes', () => {
    const built = buildTiny(['See snake\\\\_case here.<sup>1</sup>\n\n---\n\n<sup>1</sup> At <[http://x.org/a\\\\_b](http://x.org/a_b)>.']);
    expect(built.manuscript).toContain('See snake_case here.');
    expect(built.manuscript).toContain('<http://x.org/a_b>');
    expect(built.manuscript).not.toContain('\\\\');
    expect(built.repaired.stats.doubleEscapesUndone).toBe(2);
  });
});

describe('a line of nothing but block marks inside a paragraph or note', () => {
  it('stays text: escaped, not an empty heading or a heading underline', () => {
    expect(plain('It had always been so.\n#\nThe carters agreed.')).toBe('It had always been so.\n\\#\nThe carters agreed.');
    expect(plain('A line\n===\nand another\n-\nend.')).toBe('A line\n\\===\nand another\n\\-\nend.');
    expect(plain('##  ')).toBe('\\##  ');
    // (a mark with text after it is the text's: a list item, a number sign)
    expect(plain('- a list item\n#5 on the list')).toBe('- a list item\n#5 on the list');
  });

  it('in a raw book, leaves no heading without a title for the table of contents', () => {
    const built = buildTiny(['It had always been so.\n#\nThe carters agreed.<sup>1</sup>\n\n---\n\n<sup>1</sup> A note.\n#\nIts second line.']);
    const headings: string[] = [];
    const visit = (node: Nodes): void => {
      if (node.type === 'heading') headings.push(toString(node).trim());
      if ('children' in node) node.children.forEach(visit);
    };
    visit(built.book.tree);
    expect(headings).not.toContain('');
    expect(readingText(built.manuscript)).toContain('so.\n\\#\nThe carters');
    expect(readingText(built.manuscript)).toContain('A note.\n    \\#\n    Its second line.');
  });
});
