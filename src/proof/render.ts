import type { Element, ElementContent, Text } from 'hast';
import type { FootnoteDefinition, FootnoteReference, Html, Root, RootContent, Yaml } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { toHast, type Handlers, type State } from 'mdast-util-to-hast';
import { parseManuscript } from '../manuscript/from-markdown.js';

/** A top-level block of the manuscript, by its offsets in the manuscript text. */
export interface BlockSpan {
  type: RootContent['type'];
  start: number;
  end: number;
}

const PAGE = /^<!--\s*page\s+(\S+)\s*-->$/;
const DIVISION = /^<!--\s*division:\s*([\w-]+)\s*-->$/;
const TOC = /^<!--\s*toc:\s*no\s*-->$/;

function text(value: string): Text {
  return { type: 'text', value };
}

function labelNumber(identifier: string): string {
  return identifier.replace(/^.*-(?=[^-]+$)/, '');
}

const handlers: Handlers = {
  html(state: State, node: Html, parent: unknown) {
    const inline = !!parent && (parent as { type?: string }).type !== 'root';
    const value = node.value.trim();
    const page = PAGE.exec(value);
    let element: Element;
    if (page) {
      element = { type: 'element', tagName: inline ? 'span' : 'div', properties: { className: ['page-badge'], dataPage: page[1]!, title: `print page ${page[1]!}` }, children: [text(`p. ${page[1]!}`)] };
    } else if (DIVISION.test(value)) {
      element = { type: 'element', tagName: 'div', properties: { className: ['division-badge'] }, children: [text(DIVISION.exec(value)![1]!)] };
    } else if (TOC.test(value)) {
      element = { type: 'element', tagName: 'div', properties: { className: ['division-badge'] }, children: [text('not in Contents')] };
    } else {
      // Raw HTML an editor typed: shown as text, never interpreted.
      element = { type: 'element', tagName: inline ? 'code' : 'pre', properties: { className: ['raw-html'] }, children: [text(node.value)] };
    }
    return state.applyData(node, element);
  },
  footnoteReference(state: State, node: FootnoteReference) {
    const element: Element = { type: 'element', tagName: 'sup', properties: { className: ['fnref'] }, children: [{ type: 'element', tagName: 'a', properties: { href: `#fn-${node.identifier}`, title: node.identifier }, children: [text(labelNumber(node.identifier))] }] };
    return state.applyData(node, element);
  },
  footnoteDefinition(state: State, node: FootnoteDefinition) {
    const label: Element = { type: 'element', tagName: 'span', properties: { className: ['fn-label'] }, children: [text(`[${node.identifier}]`)] };
    const element: Element = { type: 'element', tagName: 'aside', properties: { className: ['fn'], id: `fn-${node.identifier}` }, children: [label, ...(state.all(node) as ElementContent[])] };
    return state.applyData(node, element);
  },
  yaml(state: State, node: Yaml) {
    const element: Element = { type: 'element', tagName: 'pre', properties: { className: ['front-matter'] }, children: [text(node.value)] };
    return state.applyData(node, element);
  },
};

/**
 * The reading pane: manuscript markdown parsed with the project's dialect and rendered as HTML. Raw
 * HTML is escaped; page markers become visible badges; each top-level block carries `data-s`/`data-e`,
 * its offsets in the manuscript (shifted by `shift`, for callers whose text differs in front matter).
 */
export function renderManuscript(markdown: string, shift = 0, tree: Root = parseManuscript(markdown)): { html: string; blocks: BlockSpan[] } {
  const blocks: BlockSpan[] = [];
  const mark = (node: RootContent): { start: number; end: number } | null => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return null;
    node.data = { ...node.data, hProperties: { ...(node.data as { hProperties?: Record<string, unknown> } | undefined)?.hProperties, dataS: start + shift, dataE: end + shift } } as typeof node.data;
    return { start: start + shift, end: end + shift };
  };
  for (const node of tree.children) {
    const span = mark(node);
    if (span) blocks.push({ type: node.type, ...span });
    // Items of a list too, so the pane can point at one entry of a long list.
    if (node.type === 'list') for (const item of node.children) mark(item);
  }
  const hast = toHast(tree, { handlers, allowDangerousHtml: false });
  return { html: toHtml(hast, { allowDangerousHtml: false }), blocks };
}
