/** What the PDF must say, computed from the manuscript independently of the emitter's code. */
import type { Nodes } from 'mdast';
import { bookStructure, noteNumber, pageMarker } from '../../src/manuscript/divisions.js';
import type { Book } from '../../src/model/book.js';

function textOf(node: Nodes, out: string[]): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      out.push(node.value);
      return;
    case 'html':
      if (pageMarker(node) === null) out.push(node.value);
      return;
    case 'footnoteReference':
      out.push(noteNumber(node.label ?? node.identifier));
      return;
    case 'footnoteDefinition':
    case 'definition':
    case 'yaml':
      return;
    case 'image':
      out.push(node.alt ?? '');
      return;
    case 'list':
      node.children.forEach((item, i) => {
        if (node.ordered) out.push(` ${(node.start ?? 1) + i} `);
        textOf(item, out);
      });
      return;
    default:
      if ('children' in node) for (const child of node.children as Nodes[]) {
        textOf(child, out);
        out.push(' ');
      }
  }
}

export interface ExpectedText {
  /** Body text of every division, in book order. */
  body: string;
  /** Footnotes in order of first reference, each number followed by its text. */
  notes: string;
  noteLabels: string[];
}

export function expectedText(book: Book): ExpectedText {
  const structure = bookStructure(book.tree);
  const body: string[] = [];
  const notes: string[] = [];
  const labels: string[] = [];
  for (const division of structure.divisions) {
    for (const block of division.blocks) textOf(block, body);
    for (const def of division.notes) {
      if (labels.includes(def.identifier)) continue;
      labels.push(def.identifier);
      notes.push(noteNumber(def.label ?? def.identifier), ' ');
      for (const child of def.children) {
        textOf(child, notes);
        notes.push(' ');
      }
    }
  }
  return { body: body.join(''), notes: notes.join(''), noteLabels: labels };
}
