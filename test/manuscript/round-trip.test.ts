import type { Nodes } from 'mdast';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bookFromTree, parseManuscript } from '../../src/manuscript/from-markdown.js';
import { stringifyManuscript, toManuscript } from '../../src/manuscript/to-markdown.js';
import { parseMetadataYaml } from '../../src/model/metadata.js';
import { SAMPLE_MD } from '../epub/helpers.js';
import { syntheticManuscript } from '../epub/synthetic.js';
import { exodusBuild } from '../helpers/exodus.js';

/** A tree without source positions: what two parses of different texts can have in common. */
function shape(node: Nodes): unknown {
  const { position: _position, ...rest } = node as Nodes & { children?: Nodes[] };
  return 'children' in rest && Array.isArray(rest.children) ? { ...rest, children: rest.children.map(shape) } : rest;
}

const FRONT = /^---\n([\s\S]*?)\n---\n/;

/**
 * The build parses the repaired text once and hands that tree to the emitters, while it writes the
 * tree's canonical text to dist/<book>.md without parsing it again. A reissue is built from that
 * file, so the file must parse back to the same tree (positions aside) and be canonical already.
 */
describe('the written manuscript parses back to the tree the emitters use', () => {
  for (const [name, markdown] of [
    ['synthetic book', syntheticManuscript({ chapters: 12, parts: 3, notesPerChapter: 10 }).markdown],
    ['sample manuscript', readFileSync(SAMPLE_MD, 'utf8')],
  ] as const) {
    it(name, () => {
      const metadata = parseMetadataYaml(FRONT.exec(markdown)![1]!);
      const { markdown: written, tree } = toManuscript(markdown.replace(FRONT, ''), metadata);
      const reparsed = parseManuscript(written);
      expect(shape(reparsed)).toEqual(shape(tree));
      expect(stringifyManuscript(reparsed)).toBe(written);
    });
  }

  it('the 800-page book', () => {
    const built = exodusBuild();
    const reparsed = parseManuscript(built.manuscript);
    const front = reparsed.children[0]!;
    expect(front.type).toBe('yaml');
    // what the emitters get is the parse made ready for the editions (bookFromTree)
    expect(shape(bookFromTree(reparsed).tree)).toEqual(shape(built.book.tree));
  });
});
