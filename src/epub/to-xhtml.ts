import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { FootnoteDefinition, FootnoteReference, Heading, Html, Image, Link, Nodes, Paragraph, Parents, Root, RootContent } from 'mdast';
import { defaultHandlers, toHast, type Handlers, type State } from 'mdast-util-to-hast';
import type { Place } from '../diagnostics/diagnostic.js';
import { attributionParagraphs } from '../manuscript/attribution.js';
import type { Division, BookStructure } from '../manuscript/divisions.js';
import { noteNumber, pageMarker } from '../manuscript/divisions.js';
import type { StageContext } from '../model/context.js';
import { DIVISION_SEMANTICS } from './semantics.js';
import { escapeXml, toXml } from './xml.js';

/** Diagnostic codes the EPUB emitter raises (stage `epub`). */
export const EPUB_CODES = {
  missingNote: 'E-001',
  unusedNote: 'E-002',
  rawHtml: 'E-003',
  brokenLink: 'E-004',
  image: 'E-005',
} as const;

/** A print page marker as it ends up in the EPUB. */
export interface PageTarget {
  label: string;
  file: string;
  id: string;
}

/** An id in a content file that the nav or NCX links to, in reading order. */
export interface Anchor {
  file: string;
  id: string;
}

/** A footnote as placed in one file: where its references and its note are. */
export interface PlacedNote {
  label: string;
  number: string;
  /** ids of every reference in the file, the first one being the back-link target. */
  refIds: string[];
  noteId: string;
}

export interface RenderedDivision {
  /** The `<section>…</section>` of the division, notes included. */
  section: string;
  pages: PageTarget[];
  anchors: Anchor[];
  notes: PlacedNote[];
}

/** An XML id (NCName) made from any label: unsafe characters become `_`. */
export function idSafe(text: string): string {
  const id = text.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

/**
 * Renders divisions of one book to XHTML sections. Holds the state that spans files:
 * page ids unique in the book and the file every heading id lives in.
 */
export class XhtmlWriter {
  private readonly usedPageIds = new Set<string>();
  /** Heading ids (fixed by bookStructure, linked from the nav): generated ids must not take them. */
  private readonly headingIdSet: ReadonlySet<string>;
  private readonly usedNoteLabels = new Set<string>();
  /** Every footnote definition by label: bookStructure's top-level ones plus any nested in a block (GFM allows it). */
  private readonly notes = new Map<string, FootnoteDefinition>();

  constructor(
    private readonly structure: BookStructure,
    private readonly ctx: StageContext,
    /** File name of every heading id (division and section anchors). */
    private readonly fileOfId: ReadonlyMap<string, string>,
  ) {
    this.headingIdSet = new Set(structure.headingIds.values());
    const visit = (node: Nodes): void => {
      if (node.type === 'footnoteDefinition' && !this.notes.has(node.identifier)) this.notes.set(node.identifier, node);
      if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
    };
    for (const [label, definition] of structure.notes) this.notes.set(label, definition);
    for (const division of structure.divisions) for (const block of division.blocks) visit(block);
  }

  private place(node: Nodes): Place | undefined {
    const start = node.position?.start;
    return start ? { file: this.ctx.sourceFile, line: start.line, column: start.column } : undefined;
  }

  private pageId(label: string): string {
    const base = `page-${idSafe(label).replace(/^_/, '')}`;
    let id = base;
    for (let n = 2; this.usedPageIds.has(id) || this.headingIdSet.has(id); n++) id = `${base}-${n}`;
    this.usedPageIds.add(id);
    return id;
  }

  /** Renders one division to its `<section>`; `file` is the name of the XHTML file it goes into. */
  renderDivision(division: Division, file: string): RenderedDivision {
    const pages: PageTarget[] = [];
    const anchors: Anchor[] = [];
    const placed = new Map<string, PlacedNote>();
    const order: PlacedNote[] = [];
    const usedKeys = new Set<string>();
    let previousLevel = 0;
    const { structure, ctx, fileOfId } = this;

    /** Each parent's paragraphs that attribute a quotation (see attributionParagraphs). */
    const attributions = new WeakMap<Parents, Set<RootContent>>();
    const handlers: Handlers = {
      paragraph: (state: State, node: Paragraph, parent: Parents | undefined) => {
        const result = defaultHandlers.paragraph(state, node);
        if (!parent) return result;
        let found = attributions.get(parent);
        if (!found) attributions.set(parent, (found = attributionParagraphs(parent.children as RootContent[])));
        if (found.has(node)) result.properties = { ...result.properties, className: ['attribution'] };
        return result;
      },
      heading: (state: State, node: Heading) => {
        const result = defaultHandlers.heading(state, node);
        // Manuscript sub-heads sit at depth 4+ whatever the level above them (the Contents lists
        // depth 1-3 only), so an h2 chapter can be followed by an h4. Rendered levels never skip:
        // a heading is at most one level below the previous one in the file.
        const level = previousLevel === 0 ? node.depth : Math.min(node.depth, previousLevel + 1);
        previousLevel = level;
        result.tagName = `h${level}`;
        const id = structure.headingIds.get(node);
        if (id) {
          result.properties = { ...result.properties, id };
          anchors.push({ file, id });
        }
        return result;
      },
      html: (_state: State, node: Html, parent: Parents | undefined) => {
        // A raw html node is split into comments and the rest: page comments become page-break
        // spans, other comments (division, toc, an editor's) are dropped, any other text is escaped.
        const out: ElementContent[] = [];
        let stray = '';
        for (const piece of node.value.split(/(<!--[\s\S]*?-->)/)) {
          if (!piece) continue;
          if (!piece.startsWith('<!--') || !piece.endsWith('-->')) {
            stray += piece;
            out.push({ type: 'text', value: piece });
            continue;
          }
          const label = pageMarker({ type: 'html', value: piece });
          if (label === null) continue;
          const id = this.pageId(label);
          pages.push({ label, file, id });
          anchors.push({ file, id });
          out.push(element('span', { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id, ariaLabel: label }, []));
        }
        if (stray.trim()) {
          ctx.report.warn('epub', EPUB_CODES.rawHtml, `Unexpected raw HTML \`${stray.trim().replace(/\s+/g, ' ').slice(0, 40)}\`, expected only page or division comments; kept as text`, {
            place: this.place(node),
            actual: stray.slice(0, 200),
          });
        }
        const hasText = out.some((c) => c.type === 'text' && c.value.trim() !== '');
        const block = !parent || parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem' || parent.type === 'footnoteDefinition';
        if (block && hasText) return element('p', {}, out);
        if (block) return out.filter((c) => c.type === 'element');
        return out;
      },
      footnoteReference: (_state: State, node: FootnoteReference) => {
        const label = node.identifier;
        const number = noteNumber(node.label ?? node.identifier);
        const definition = this.notes.get(label);
        if (!definition) {
          ctx.report.error('epub', EPUB_CODES.missingNote, `Footnote reference \`[^${node.label ?? label}]\` has no definition, expected a \`[^${node.label ?? label}]:\` note`, {
            place: this.place(node),
          });
          return { type: 'text', value: `[${number}]` };
        }
        this.usedNoteLabels.add(label);
        let note = placed.get(label);
        if (!note) {
          let key = idSafe(label);
          const taken = (k: string): boolean => usedKeys.has(k) || this.headingIdSet.has(`n-${k}`) || [...this.headingIdSet].some((h) => h === `r-${k}` || h.startsWith(`r-${k}-`));
          for (let n = 2; taken(key); n++) key = `${idSafe(label)}_${n}`;
          usedKeys.add(key);
          note = { label, number, refIds: [], noteId: `n-${key}` };
          placed.set(label, note);
          order.push(note);
        }
        const refId = note.refIds.length === 0 ? `r-${note.noteId.slice(2)}` : `r-${note.noteId.slice(2)}-${note.refIds.length + 1}`;
        note.refIds.push(refId);
        return element('a', { 'epub:type': 'noteref', role: 'doc-noteref', href: `#${note.noteId}`, id: refId }, [{ type: 'text', value: number }]);
      },
      link: (state: State, node: Link) => {
        if (!node.url.startsWith('#')) {
          // A web address broken by a misplaced page (`https://www.ips-`) is no link a reader can follow.
          if (/^https?:/i.test(node.url) && !isWebAddress(node.url)) {
            ctx.report.warn('epub', EPUB_CODES.brokenLink, `Link to \`${node.url}\` is not a valid web address; kept as text`, { place: this.place(node) });
            return element('span', {}, state.all(node));
          }
          return defaultHandlers.link(state, node);
        }
        const target = decodeURIComponent(node.url.slice(1));
        const targetFile = fileOfId.get(target);
        if (targetFile === undefined) {
          ctx.report.warn('epub', EPUB_CODES.brokenLink, `Link to unknown anchor \`${node.url}\`, expected the id of a heading; kept as text`, { place: this.place(node) });
          return element('span', {}, state.all(node));
        }
        const result = defaultHandlers.link(state, node);
        result.properties = { ...result.properties, href: targetFile === file ? `#${target}` : `${targetFile}#${target}` };
        return result;
      },
      image: (_state: State, node: Image) => {
        ctx.report.warn('epub', EPUB_CODES.image, `Unexpected image \`${node.url}\`, expected none in the manuscript; its alt text is shown`, { place: this.place(node) });
        return element('span', { className: ['image-alt'] }, [{ type: 'text', value: node.alt ?? '' }]);
      },
    };

    const convert = (children: Root['children']): ElementContent[] => {
      const hast = toHast({ type: 'root', children }, { handlers, allowDangerousHtml: false }) as HastRoot;
      return fixElements(hast.children as ElementContent[]);
    };

    const body = convert(division.blocks);
    // Notes are rendered after the text; a note may reference another note, which then joins the list.
    const asides: Element[] = [];
    for (let i = 0; i < order.length; i++) {
      const note = order[i]!;
      const definition = this.notes.get(note.label) as FootnoteDefinition;
      const content = convert(definition.children);
      const backlink = element('a', { href: `#${note.refIds[0]}`, role: 'doc-backlink' }, [{ type: 'text', value: note.number }]);
      const first = content.find((c): c is Element => c.type === 'element');
      if (first && first.tagName === 'p') first.children.unshift(backlink, { type: 'text', value: ' ' });
      else content.unshift(element('p', { className: ['note-number'] }, [backlink]));
      asides.push(element('aside', { 'epub:type': 'footnote', role: 'doc-footnote', id: note.noteId }, content));
    }

    // A note nothing refers to keeps its text, after the others, with its number unlinked.
    for (const definition of division.unreferenced) {
      const content = convert(definition.children);
      const number = element('span', { className: ['note-number'] }, [{ type: 'text', value: noteNumber(definition.label ?? definition.identifier) }]);
      const first = content.find((c): c is Element => c.type === 'element');
      if (first && first.tagName === 'p') first.children.unshift(number, { type: 'text', value: ' ' });
      else content.unshift(element('p', {}, [number]));
      asides.push(element('div', { className: ['footnote', 'unreferenced'] }, content));
    }

    const semantics = DIVISION_SEMANTICS[division.kind];
    const headingId = division.heading ? structure.headingIds.get(division.heading) : undefined;
    const sectionChildren: ElementContent[] = [...body];
    if (asides.length) sectionChildren.push(element('div', { className: ['footnotes'] }, interleave(asides)));
    const section = element(
      'section',
      {
        // A division without a heading is anchored by its section (the nav may link to it).
        id: division.heading ? undefined : division.id,
        'epub:type': semantics.epubType,
        role: semantics.role,
        'aria-labelledby': headingId,
        className: ['division', division.kind],
      },
      sectionChildren,
    );
    if (!division.heading) anchors.unshift({ file, id: division.id });
    return { section: toXml(section), pages, anchors, notes: order };
  }

  /** Labels of footnote definitions no rendered reference pointed to (call after every division). */
  unusedNotes(): FootnoteDefinition[] {
    return [...this.notes.values()].filter((d) => !this.usedNoteLabels.has(d.identifier));
  }

  reportUnusedNotes(): void {
    for (const definition of this.unusedNotes()) {
      const start = definition.position?.start;
      this.ctx.report.warn('epub', EPUB_CODES.unusedNote, `Footnote \`[^${definition.label ?? definition.identifier}]\` is never referenced, expected a reference to it; set after its division's notes, unlinked`, {
        place: start ? { file: this.ctx.sourceFile, line: start.line, column: start.column } : undefined,
      });
    }
  }
}

function interleave(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((n) => [{ type: 'text', value: '\n' } as ElementContent, n]).concat({ type: 'text', value: '\n' });
}

/**
 * Adjusts hast that mdast-util-to-hast writes for HTML but that is not valid or accessible XHTML:
 * table-cell `align` becomes a style, and task-list checkboxes (unlabelled form controls) become text.
 */
function fixElements(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type !== 'element') {
      out.push(node);
      continue;
    }
    if (node.tagName === 'input') {
      out.push({ type: 'text', value: node.properties?.checked ? '☒' : '☐' });
      continue;
    }
    // Two note references side by side read as one number (`82` + `83`): a comma parts them, as in print.
    const previous = out[out.length - 1];
    if (isNoteref(node) && previous && isNoteref(previous)) out.push(element('span', { className: ['noteref-separator'] }, [{ type: 'text', value: ',' }]));
    const properties = { ...node.properties };
    if (typeof properties.align === 'string') {
      properties.style = `text-align: ${properties.align}`;
      delete properties.align;
    }
    out.push({ ...node, properties, children: fixElements(node.children) });
  }
  return out;
}

function isNoteref(node: ElementContent): boolean {
  return node.type === 'element' && node.properties?.role === 'doc-noteref';
}

/** A complete XHTML content document around a body. */
export function xhtmlDocument(options: { lang: string; title: string; bodyType?: string; body: string; stylesheet?: string }): string {
  const lang = escapeXml(options.lang);
  const bodyType = options.bodyType ? ` epub:type="${escapeXml(options.bodyType)}"` : '';
  const css = options.stylesheet === undefined ? '' : `\n<link rel="stylesheet" type="text/css" href="${escapeXml(options.stylesheet)}"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}">
<head>
<meta charset="UTF-8"/>
<title>${escapeXml(options.title)}</title>${css}
</head>
<body${bodyType}>
${options.body}
</body>
</html>
`;
}

/** Whether a URL has a host a reading system can resolve (a dot-separated name or an IP). */
function isWebAddress(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(hostname);
  } catch {
    return false;
  }
}
