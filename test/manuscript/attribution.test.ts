import { describe, expect, it } from 'vitest';
import { fromMarkdown } from '../../src/manuscript/from-markdown.js';
import { attributionParagraphs } from '../../src/manuscript/attribution.js';
import { toString } from 'mdast-util-to-string';
import type { RootContent } from 'mdast';

const paragraphsOf = (body: string): string[] => {
  const { tree } = fromMarkdown(`---\ntitle: T\nauthor: A\nlanguage: en\ndate: 2020-01-01\npublisher: P\nrights: R\nidentifier: urn:uuid:00000000-1111-4222-8333-444455556666\nedition: 1\n---\n\n<!-- division: chapter -->\n## C\n\n${body}\n`);
  const blocks = tree.children as RootContent[];
  return [...attributionParagraphs(blocks)].map((node) => toString(node));
};

describe('attributionParagraphs', () => {
  it('finds the dashed name after a quotation, and the credit under it', () => {
    expect(paragraphsOf('“A bold book.”\n\n— CINDY KOHTALA\n\nresearcher on peer production, Aalto University\n\nThe text goes on with a sentence of its own.')).toEqual(['— CINDY KOHTALA', 'researcher on peer production, Aalto University']);
    expect(paragraphsOf('> The bridge shall be kept.\n\n— Karl Marx, *Capital*')).toEqual(['— Karl Marx, Capital']);
  });

  it('leaves a line of dialogue that opens with a dash alone', () => {
    expect(paragraphsOf('She stopped at the door and looked back.\n\n— Where are you going?\n\n— Out, he said.')).toEqual([]);
  });
});
