import type { Nodes, Root, Yaml } from 'mdast';
// Installs a linear-time EditMap.consume in micromark before any parse (same events; see the file).
import './edit-map.js';
import remarkFrontmatter from 'remark-frontmatter';
import { remarkManuscriptDialect } from './dialect.js';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import type { Book } from '../model/book.js';
import { validateMetadata } from '../model/metadata.js';
import { labelsFor } from '../model/labels.js';
import { setTypography } from '../text/typography.js';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkManuscriptDialect);

/** Parses clean-manuscript markdown to mdast (front matter kept as a `yaml` node). */
export function parseManuscript(markdown: string): Root {
  return parser.runSync(parser.parse(markdown)) as Root;
}

/** Parses a clean manuscript into the Book the emitters take: validated metadata + body tree (front matter removed). */
export function fromMarkdown(markdown: string): Book {
  return bookFromTree(parseManuscript(markdown));
}

/**
 * The Book of an already parsed manuscript tree (which it changes: the editions set quotation
 * marks and ellipses typographically, see setTypography; the manuscript keeps the source's, so that
 * an editor's corrections match the text as extracted).
 */
export function bookFromTree(tree: Root): Book {
  const front = tree.children[0];
  if (!front || front.type !== 'yaml') throw new Error('the manuscript has no YAML front-matter block at its top');
  const metadata = validateMetadata(parseYaml((front as Yaml).value));
  const body: Root = { ...tree, children: tree.children.slice(1) };
  setTypography(body, labelsFor(metadata.language).quotes);
  markUnlinkedReferences(body);
  return { metadata, tree: body };
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A note reference whose note the manuscript lacks (the report names it, R-020) stays in the
 * manuscript as written (`[^c11-166]`), for an editor to add the note; the editions set it as the
 * print book does, a superscript number that leads nowhere, not as the manuscript's label.
 */
function markUnlinkedReferences(node: Nodes): void {
  if (node.type === 'text') {
    node.value = node.value.replace(/\[\^[^\]\s]*?-(\d+)\]/g, (_, number: string) => [...number].map((digit) => SUPERSCRIPT_DIGITS[Number(digit)]).join(''));
    return;
  }
  if ('children' in node) for (const child of node.children) markUnlinkedReferences(child);
}
