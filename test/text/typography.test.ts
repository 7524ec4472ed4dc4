import { describe, expect, it } from 'vitest';
import { parseManuscript } from '../../src/manuscript/from-markdown.js';
import { type QuotationMarks, setTypography } from '../../src/text/typography.js';
import { labelsFor } from '../../src/model/labels.js';
import { toString } from 'mdast-util-to-string';

/** The text of a markdown snippet after setTypography. */
function curled(markdown: string, quotes?: QuotationMarks): string {
  const tree = parseManuscript(markdown);
  setTypography(tree, quotes);
  return toString(tree, { includeHtml: false });
}

describe('setTypography', () => {
  it('sets three dots as an ellipsis, and a fourth as the full stop after it', () => {
    expect(curled('It is established... that his. Then.... More..')).toBe('It is established… that his. Then…. More..');
    expect(curled('A run of five ..... stays.')).toBe('A run of five ..... stays.');
  });

  it('opens a quotation after a space, the start of a block, a bracket or a dash, and closes it elsewhere', () => {
    expect(curled('He said "the state," and "*Capital*" (a "book").')).toBe('He said “the state,” and “Capital” (a “book”).');
    expect(curled('"Opening a paragraph."')).toBe('“Opening a paragraph.”');
    expect(curled('a cause—"which"')).toBe('a cause—“which”');
  });

  it('sets apostrophes and single quotes, nested ones too', () => {
    expect(curled("The workers' council didn't 'wither away'.")).toBe('The workers’ council didn’t ‘wither away’.');
    expect(curled(`"'Tis true," in the '90s, rock 'n' roll.`)).toBe('“’Tis true,” in the ’90s, rock ’n’ roll.');
    expect(curled('in the ‘60s and ‘70s, a ‘quoted’ word')).toBe('in the ’60s and ’70s, a ‘quoted’ word');
    expect(curled(`He wrote: "'the proletariat' is compelled."`)).toBe('He wrote: “‘the proletariat’ is compelled.”');
  });

  it('sets the marks of the book’s language, and an apostrophe where no inner quotation is open', () => {
    expect(curled(`Er sagte: "Das ist 'unser' Markt, geht's?" und Hans' Buch.`, labelsFor('de-AT').quotes)).toBe('Er sagte: „Das ist ‚unser‘ Markt, geht’s?“ und Hans’ Buch.');
    expect(curled(`Il dit "le pont 'neuf' et l'ancien".`, labelsFor('fr').quotes)).toBe('Il dit «\u202Fle pont “neuf” et l’ancien\u202F».');
    expect(curled(`Dijo "el 'nuevo' puente".`, labelsFor('es').quotes)).toBe('Dijo «el “nuevo” puente».');
    expect(curled(`He said "the 'new' bridge" (Hans' book).`, labelsFor('sv').quotes)).toBe('He said “the ‘new’ bridge” (Hans’ book).');
  });

  it('reads each block afresh and leaves code, raw HTML and bare addresses alone', () => {
    expect(curled('End of "one.\n\n"Two" starts.')).toBe('End of “one.“Two” starts.');
    expect(curled('Code `a "b"` and <https://x.org/a\'b> stay.')).toBe('Code a "b" and https://x.org/a\'b stay.');
  });

  it('counts the marks it sets, and leaves curly ones as they are', () => {
    const tree = parseManuscript('“Already” and "not yet".');
    expect(setTypography(tree)).toBe(2);
    expect(toString(tree)).toBe('“Already” and “not yet”.');
  });
});
