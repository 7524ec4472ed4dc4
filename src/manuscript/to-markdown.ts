import type { Html, Parents, Root, RootContent, Text } from 'mdast';
import type { Handle, Info, State, Unsafe } from 'mdast-util-to-markdown';
import remarkFrontmatter from 'remark-frontmatter';
import { remarkManuscriptDialect } from './dialect.js';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { stringify as stringifyYaml } from 'yaml';
import type { BookMetadata } from '../model/book.js';
import { parseManuscript } from './from-markdown.js';

/**
 * mdast-util-to-markdown's own `text` handler, but that the escaping (`state.safe`) is given only
 * the unsafe patterns whose character the text holds. safe() runs every pattern's expression
 * over every text of the book, and each matches only where its character is (the character is a
 * literal of the expression), so a pattern left out would have matched nothing: the text comes
 * out the same, in a fraction of the time (the escaping was most of the writing).
 */
const text: Handle = (node: Text, parent: Parents | undefined, state: State, info: Info): string => {
  const all = state.unsafe;
  // (what safe() matches in: the text with the characters either side of it)
  state.unsafe = patternsFor(all, (info.before || '') + node.value + (info.after || ''));
  try {
    // as the library's `text` handler
    const siblings = parent ? parent.children : [];
    const index = state.indexStack[state.indexStack.length - 1]!;
    return state.safe(node.value, { ...info, afterNode: siblings[index + 1], beforeNode: siblings[index - 1] });
  } finally {
    state.unsafe = all;
  }
};

/** The patterns of `all`, in order, that can match in `value`: those whose character it holds (and any not for one character). */
function patternsFor(all: Unsafe[], value: string): Unsafe[] {
  return all.filter((pattern) => pattern.character.length !== 1 || value.includes(pattern.character));
}

const writer = unified()
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkManuscriptDialect)
  .use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', rule: '-', listItemIndent: 'one', fences: true, incrementListMarker: true, handlers: { text } });

/** Serialises a manuscript tree in the one canonical form (so parse → write changes nothing). */
export function stringifyManuscript(tree: Root): string {
  return writer.stringify(tree);
}

/**
 * Stands after the nodes {@link stringifyFlow} writes, as the next division's line stands after a
 * division in the whole text: the writer joins top-level nodes by what the two nodes are, and an
 * html node on the right always gets a blank line, so the text before it is as the whole has it.
 */
const NEXT_DIVISION: Html = { type: 'html', value: '<!-- division: next -->' };
const NEXT_DIVISION_TAIL = `\n\n${NEXT_DIVISION.value}\n`;

/**
 * The canonical text of a run of top-level nodes (a division) as the whole tree's canonical text
 * holds it, up to the blank line before the next division's line; null where the writer did not
 * end it as expected (the caller then writes the whole tree).
 */
export function stringifyFlow(nodes: RootContent[]): string | null {
  const text = writer.stringify({ type: 'root', children: [...nodes, NEXT_DIVISION] });
  return text.endsWith(NEXT_DIVISION_TAIL) ? text.slice(0, -NEXT_DIVISION_TAIL.length) : null;
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
 * as it is parsed, before the text is written from it; `parse` parses and `write` writes (giving
 * what parseManuscript and stringifyManuscript give, as parseInTwo and writeInTwo do).
 */
export function toManuscript(body: string, metadata: BookMetadata, onTree?: (tree: Root) => void, parse: (source: string) => Root = parseManuscript, write: (tree: Root) => string = stringifyManuscript): ParsedManuscript {
  const source = `---\n${stringifyYaml(metadata, { lineWidth: 0 }).trimEnd()}\n---\n\n${body}`;
  const tree = parse(source);
  onTree?.(tree);
  return { markdown: write(tree), tree, source };
}
