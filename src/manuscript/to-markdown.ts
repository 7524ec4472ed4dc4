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

/**
 * Canonical clean-manuscript text (YAML front matter + the body, normalised through the AST) and
 * its tree, so that callers need not parse the text a second time.
 */
export function toManuscript(body: string, metadata: BookMetadata): { markdown: string; tree: Root } {
  const front = `---\n${stringifyYaml(metadata, { lineWidth: 0 }).trimEnd()}\n---\n\n`;
  const tree = parseManuscript(front + body);
  return { markdown: stringifyManuscript(tree), tree };
}
