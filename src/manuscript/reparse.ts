import type { Node, Root, RootContent } from 'mdast';
import { divisionMarker } from './divisions.js';
import { parseManuscript } from './from-markdown.js';
import { stringifyFlow } from './to-markdown.js';

/**
 * The tree of a manuscript whose corrections changed the text of a few divisions, without parsing
 * the whole text again (a book's manuscript takes half a second to parse; a correction touches a
 * paragraph or two). `before` is the tree parsed from `source`, and `canonical` the text written
 * from it; `corrected` is `canonical` with the corrections applied. A division is the text from one
 * `<!-- division: … -->` line to the next: the manuscript's notes are defined in the division that
 * refers to them, so each parses alone as it does in the whole. Divisions whose text the corrections
 * left alone keep their nodes from `before`; the others are parsed from `corrected`.
 *
 * Takes over `before`'s nodes. Returns the tree, the text its positions point into (`source`,
 * the changed divisions' text swapped for the corrected text) and its canonical text (`markdown`,
 * what writing the whole tree gives: `canonical` with only the changed divisions written again,
 * since the writer sets a blank line before each division line whatever precedes it), or null where this would not give
 * what parsing the whole corrected text gives: the front matter or a division line changed, a
 * changed division refers to a note defined in another, or the text holds link definitions
 * (`[x]: url`), which work across divisions too.
 */
export function reparseDivisions(before: Root, source: string, canonical: string, corrected: string): { tree: Root; source: string; markdown: string } | null {
  if (LINK_DEFINITION.test(corrected)) return null;
  const canonicalChunks = splitAtDivisions(canonical);
  const correctedChunks = splitAtDivisions(corrected);
  // The tree's divisions: runs of top-level nodes, each opening at a division line (the first run
  // holding the front matter and whatever comes before the first division line).
  const runs: RootContent[][] = [[]];
  for (const node of before.children) {
    if (divisionMarker(node) && runs[runs.length - 1]!.length) runs.push([]);
    runs[runs.length - 1]!.push(node);
  }
  if (runs.length !== canonicalChunks.length || runs.length !== correctedChunks.length) return null;
  const changed = canonicalChunks.map((text, k) => text !== correctedChunks[k]);
  // The front matter comes from the metadata, and a division line opens each chunk: neither may change.
  if (changed[0] || correctedChunks.some((text, k) => k > 0 && firstLine(text) !== firstLine(canonicalChunks[k]!))) return null;
  const definedIn = correctedChunks.map((text) => new Set([...text.matchAll(NOTE_DEFINITION)].map((m) => m[1]!)));
  for (let k = 0; k < runs.length; k++) {
    if (!changed[k]) continue;
    for (const m of correctedChunks[k]!.matchAll(NOTE_REFERENCE)) {
      if (!definedIn[k]!.has(m[1]!) && definedIn.some((labels) => labels.has(m[1]!))) return null;
    }
  }
  // Each run opens with the division line its chunk opens with.
  for (let k = 1; k < runs.length; k++) {
    const opening = runs[k]![0]!;
    if (opening.type !== 'html' || opening.value.trim() !== firstLine(canonicalChunks[k]!).trim()) return null;
  }
  // Where each division's text starts in `source`: at its first node.
  const starts: number[] = [];
  for (const run of runs) {
    const offset = run[0]?.position?.start.offset;
    if (offset === undefined) return null;
    starts.push(offset);
  }
  let whole = source.slice(0, starts[0]);
  let lineShift = 0;
  let offsetShift = 0;
  const children: RootContent[] = [];
  const last = runs.length - 1;
  // The canonical text, division by division: a division the corrections left alone reads as in
  // `canonical` (its blank line before the next division's line included).
  const markdown: string[] = [];
  for (let k = 0; k < runs.length; k++) {
    const sourceText = source.slice(starts[k], k + 1 < runs.length ? starts[k + 1] : source.length);
    if (!changed[k]) {
      if (k < last && !canonicalChunks[k]!.endsWith('\n\n')) return null;
      for (const node of runs[k]!) shift(node, lineShift, offsetShift);
      children.push(...runs[k]!);
      markdown.push(canonicalChunks[k]!);
      whole += sourceText;
      continue;
    }
    // A division starts a line: its nodes move down and on, their columns stay.
    if (whole.length && !whole.endsWith('\n')) return null;
    const chunk = correctedChunks[k]!;
    const nodes = parseManuscript(chunk).children;
    const written = stringifyFlow(nodes);
    if (written === null) return null;
    // (as the writer ends a whole text: with one line ending, unless it has one)
    markdown.push(k < last ? `${written}\n\n` : /[\r\n]$/.test(written) ? written : `${written}\n`);
    for (const node of nodes) {
      shift(node, lineCount(whole), whole.length);
      children.push(node);
    }
    whole += chunk;
    lineShift += lineCount(chunk) - lineCount(sourceText);
    offsetShift += chunk.length - sourceText.length;
  }
  const tree: Root = { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endOf(whole) } };
  return { tree, source: whole, markdown: markdown.join('') };
}

export const DIVISION_LINE = /^<!--\s*division:\s*[a-z-]+\s*-->$/gm;
export const NOTE_DEFINITION = /^\[\^([^\]\s]+)\]:/gm;
const NOTE_REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;
export const LINK_DEFINITION = /^ {0,3}\[(?!\^)[^\]\n]+\]:/m;

/** The text cut before each division line: the first piece holds what comes before the first. */
function splitAtDivisions(text: string): string[] {
  const cuts = [...text.matchAll(DIVISION_LINE)].map((m) => m.index);
  if (cuts[0] !== 0) cuts.unshift(0);
  return cuts.map((at, k) => text.slice(at, cuts[k + 1] ?? text.length));
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

export function lineCount(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** The point at the end of `text`, as mdast ends a root. */
export function endOf(text: string): { line: number; column: number; offset: number } {
  return { line: lineCount(text) + 1, column: text.length - text.lastIndexOf('\n'), offset: text.length };
}

/** Moves a node and everything in it down by `lines` lines and on by `offset` characters (a division starts at a line's start, so columns stay). */
export function shift(node: Node, lines: number, offset: number): void {
  if (!lines && !offset) return;
  const position = node.position;
  if (position) {
    position.start = { ...position.start, line: position.start.line + lines, offset: (position.start.offset ?? 0) + offset };
    position.end = { ...position.end, line: position.end.line + lines, offset: (position.end.offset ?? 0) + offset };
  }
  if ('children' in node) for (const child of node.children as Node[]) shift(child, lines, offset);
}
