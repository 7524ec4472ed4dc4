import type { FootnoteDefinition, Heading, Nodes, Root, RootContent } from 'mdast';
import { DIVISION_KINDS, matterOf, type DivisionKind } from '../model/book.js';

const DIVISION_COMMENT = /^<!--\s*division:\s*([a-z-]+)\s*-->$/;
const PAGE_COMMENT = /^<!--\s*page\s+([^\s>]+)\s*-->$/;
const TOC_NO_COMMENT = /^<!--\s*toc:\s*no\s*-->$/;

/** The division kind a `<!-- division: … -->` html node opens, or null. */
export function divisionMarker(node: Nodes): DivisionKind | null {
  if (node.type !== 'html') return null;
  const match = DIVISION_COMMENT.exec(node.value.trim());
  const kind = match?.[1];
  return kind && (DIVISION_KINDS as readonly string[]).includes(kind) ? (kind as DivisionKind) : null;
}

/** The print page label of a `<!-- page N -->` html node (block or inline), or null. */
export function pageMarker(node: Nodes): string | null {
  if (node.type !== 'html') return null;
  return PAGE_COMMENT.exec(node.value.trim())?.[1] ?? null;
}

/** Names of the symbols a book may mark notes with, as they stand in footnote labels (`c3-dag2`). */
export const NOTE_SYMBOL_NAMES: Readonly<Record<string, string>> = {
  '*': 'ast', '†': 'dag', '‡': 'ddag', '§': 'sect', '¶': 'para', '‖': 'pll',
  // (a note marked with a letter: `a` is `la`)
  ...Object.fromEntries([...'abcdefghijklmnopqrstuvwxyz'].map((letter) => [letter, `l${letter}`])),
};
const SYMBOL_OF_NAME = new Map(Object.entries(NOTE_SYMBOL_NAMES).map(([symbol, name]) => [name, symbol]));
const SYMBOL_NAME = /ast|ddag|dag|sect|para|pll|l[a-z]/g;
const SYMBOL_LABEL = /^((?:ast|ddag|dag|sect|para|pll|l[a-z])+)\d+$/;

/**
 * The printed mark of a footnote label `<chapter key>-<n>` (or `…-<n>-again`): the number, or for a
 * note the book marks with a symbol (`c3-dag2`), the symbol (`†`).
 */
export function noteNumber(label: string): string {
  // A second note of a number in one chapter (`c5-5-again`, repair's) shows the number.
  const own = label.replace(/-again(?:-\d+)?$/, '');
  const dash = own.lastIndexOf('-');
  const tail = dash >= 0 ? own.slice(dash + 1) : own;
  const symbols = SYMBOL_LABEL.exec(tail)?.[1];
  return symbols ? symbols.replace(SYMBOL_NAME, (name) => SYMBOL_OF_NAME.get(name)!) : tail;
}

/** Plain text of a node, without footnote references, page markers or other raw HTML. */
export function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'html' || node.type === 'footnoteReference' || node.type === 'footnoteDefinition') return '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

export interface TocEntry {
  /** Anchor id of the heading, unique in the book. */
  id: string;
  title: string;
  /** 1 part/top division, 2 chapter/division, 3 section. */
  depth: 1 | 2 | 3;
  /** Index into `BookStructure.divisions` of the division holding the heading. */
  division: number;
  children: TocEntry[];
}

export interface Division {
  kind: DivisionKind;
  matter: 'front' | 'body' | 'back';
  /** Anchor id of the division's heading (also its file/section id). */
  id: string;
  title: string;
  heading: Heading | undefined;
  /** Body blocks in order, heading included, footnote definitions and division comments removed. */
  blocks: RootContent[];
  /** Footnote definitions referenced from this division, in first-reference order. */
  notes: FootnoteDefinition[];
  /**
   * Footnote definitions set in this division that nothing in the book refers to (a page of notes
   * whose text is missing or misplaced): the editions print them after the division's notes, unlinked,
   * rather than lose their text.
   */
  unreferenced: FootnoteDefinition[];
}

export interface BookStructure {
  divisions: Division[];
  /** The Contents: headings of depth 1–3 not marked `<!-- toc: no -->`, nested. */
  toc: TocEntry[];
  /** Anchor id for every heading node in the tree. */
  headingIds: Map<Heading, string>;
  /** Every footnote definition by label. */
  notes: Map<string, FootnoteDefinition>;
}

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return /^[a-z]/.test(slug) ? slug : `h-${slug || 'x'}`;
}

function collectReferences(node: Nodes, into: string[]): void {
  if (node.type === 'footnoteReference') into.push(node.identifier);
  if ('children' in node) for (const child of node.children as Nodes[]) collectReferences(child, into);
}

/**
 * Splits the manuscript tree into divisions at every division comment and builds the Contents.
 * Blocks before the first division comment form an untitled `frontmatter` division.
 */
export function bookStructure(tree: Root): BookStructure {
  const notes = new Map<string, FootnoteDefinition>();
  for (const node of tree.children) if (node.type === 'footnoteDefinition') notes.set(node.identifier, node);

  const usedIds = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };

  const divisions: Division[] = [];
  const headingIds = new Map<Heading, string>();
  const toc: TocEntry[] = [];
  const open: TocEntry[] = []; // stack of the last entry at each depth
  let pendingKind: DivisionKind | null = null;
  let skipToc = false;

  const startDivision = (kind: DivisionKind): Division => {
    const division: Division = { kind, matter: matterOf(kind), id: '', title: '', heading: undefined, blocks: [], notes: [], unreferenced: [] };
    divisions.push(division);
    return division;
  };

  let current: Division | undefined;
  const definedIn: { definition: FootnoteDefinition; division: Division | undefined }[] = [];
  for (const node of tree.children) {
    const kind = divisionMarker(node);
    if (kind) {
      pendingKind = kind;
      continue;
    }
    if (node.type === 'html' && TOC_NO_COMMENT.test(node.value.trim())) {
      skipToc = true;
      continue;
    }
    if (node.type === 'footnoteDefinition') {
      definedIn.push({ definition: node, division: current });
      continue;
    }
    if (pendingKind) {
      current = startDivision(pendingKind);
      // Only chapters nest (under the open part); every other division stands at the top of the Contents.
      if (pendingKind === 'chapter') {
        while (open.length && divisions[open[open.length - 1]!.division]?.kind !== 'part') open.pop();
      } else {
        open.length = 0;
      }
      pendingKind = null;
    }
    if (!current) current = startDivision('frontmatter');
    current.blocks.push(node);
    if (node.type !== 'heading') continue;

    const title = plainText(node).trim();
    const id = uniqueId(slugify(title));
    headingIds.set(node, id);
    if (!current.heading) {
      current.heading = node;
      current.id = id;
      current.title = title;
    }
    if (node.depth <= 3 && !skipToc) {
      const depth = node.depth as 1 | 2 | 3;
      const entry: TocEntry = { id, title, depth, division: divisions.length - 1, children: [] };
      while (open.length && open[open.length - 1]!.depth >= depth) open.pop();
      const parent = open[open.length - 1];
      (parent ? parent.children : toc).push(entry);
      open.push(entry);
    }
    skipToc = false;
  }

  for (const division of divisions) {
    if (!division.id) division.id = uniqueId(division.kind);
    if (!division.title) division.title = division.kind;
    const labels: string[] = [];
    for (const block of division.blocks) collectReferences(block, labels);
    const seen = new Set<string>();
    for (const label of labels) {
      const def = notes.get(label);
      if (def && !seen.has(label)) {
        seen.add(label);
        division.notes.push(def);
      }
    }
  }
  // Notes may refer to notes too.
  const referenced: string[] = [];
  for (const division of divisions) for (const block of division.blocks) collectReferences(block, referenced);
  for (const definition of notes.values()) collectReferences(definition, referenced);
  const anyReference = new Set(referenced);
  for (const { definition, division } of definedIn) {
    if (!anyReference.has(definition.identifier) && notes.get(definition.identifier) === definition) (division ?? divisions[0])?.unreferenced.push(definition);
  }
  return { divisions, toc, headingIds, notes };
}
