import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import { remarkManuscriptDialect } from './dialect.js';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { stringify as stringifyYaml } from 'yaml';
import type { BookMetadata } from '../model/book.js';
import { parseManuscript } from './from-markdown.js';

const writer = unified()
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkManuscriptDialect)
  .use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', rule: '-', listItemIndent: 'one', fences: true, incrementListMarker: true });

/** Serialises a manuscript tree in the one canonical form (so parse → write changes nothing). */
export function stringifyManuscript(tree: Root): string {
  return writer.stringify(tree);
}

/** A manuscript's canonical text and the tree it was written from. */
export interface ParsedManuscript {
  /** The canonical text: what dist/<book>.md holds. */
  markdown: string;
  tree: Root;
  /**
   * The text `tree` was parsed from, which its positions point into. It says the same as `markdown`
   * but may escape, indent or space some things otherwise; see `pointMapper` to go from one to the other.
   */
  source: string;
}

/**
 * Canonical clean-manuscript text (YAML front matter + the body, normalised through the AST) and
 * its tree, so that callers need not parse the text a second time. `onTree` gets the tree as soon
 * as it is parsed, before the text is written from it.
 */
export function toManuscript(body: string, metadata: BookMetadata, onTree?: (tree: Root) => void): ParsedManuscript {
  const source = `---\n${stringifyYaml(metadata, { lineWidth: 0 }).trimEnd()}\n---\n\n${body}`;
  const tree = parseManuscript(source);
  onTree?.(tree);
  return { markdown: stringifyManuscript(tree), tree, source };
}
