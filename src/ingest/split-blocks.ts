import { type BlockKind, HIGHEST_NOTE_NUMBER, type RawBlock } from '../model/page.js';
import { normaliseLine } from './normalise.js';

/** A note definition: its number, or the symbol or letter some books mark notes with (`*`, `†`, `‡`, `a`). */
const NOTE_DEF = /^<sup>(\d+|[*†‡§¶‖]{1,3}|[a-z])<\/sup>\s*/u;

/** Whether the text opens with a note definition (a number no note reaches opens none: see HIGHEST_NOTE_NUMBER). */
function opensNote(text: string): boolean {
  const mark = NOTE_DEF.exec(text)?.[1];
  return mark !== undefined && !(/^\d+$/.test(mark) && Number(mark) > HIGHEST_NOTE_NUMBER);
}
const HEADING = /^(#{1,6})\s+\S/;
/** A line in bold: a pseudo-heading. Not an empty bold (`** **`), which holds no heading. */
const BOLD_LINE = /^\*\*[^*\s].*\*\*[.:]?$/;
const RULE = /^(-{3,}|\*{3,}|_{3,})$/;
const REF = /<sup>(\d+)<\/sup>/g;
/** A GFM table row: opens with a pipe and has another. */
const TABLE_ROW = /^\|.*\|/;
/** A GFM table's delimiter row (`|---|:---:|`, `--- | ---`). */
const TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/;

function isDelimiterRow(line: string): boolean {
  return line.includes('|') && TABLE_DELIMITER.test(line);
}

/** A markdown table: every line a row (or the delimiter row) of one. */
export function isTable(text: string): boolean {
  const lines = text.split('\n');
  return lines.every((l) => TABLE_ROW.test(l.trim()) || isDelimiterRow(l.trim())) && lines.some((l) => TABLE_ROW.test(l.trim()));
}

/** Rows of a table that has no header here (no delimiter row): the rest of a table a page break cut. */
export function isTableContinuation(text: string): boolean {
  return isTable(text) && !text.split('\n').some((l) => isDelimiterRow(l.trim()));
}

/**
 * The raw lines (1-based) that belong to a table, each mapped to the line its table starts on. A
 * table is a run of rows; an extraction that put blank lines between the rows still gives one table,
 * unless what follows the blank is the header of a new table (a row followed by a delimiter row).
 */
function tableLines(lines: readonly string[], contentsLines: ReadonlySet<number>): Map<number, number> {
  const table = new Map<number, number>();
  const isRow = (i: number): boolean => i < lines.length && !contentsLines.has(i + 1) && TABLE_ROW.test(lines[i]!.trim());
  const nextLine = (i: number): number => {
    let j = i;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    return j;
  };
  for (let i = 0; i < lines.length; i++) {
    if (!isRow(i)) continue;
    const start = i;
    const members = [i];
    for (;;) {
      const last = members[members.length - 1]!;
      const next = last + 1;
      if (next < lines.length && !contentsLines.has(next + 1) && (isRow(next) || isDelimiterRow(lines[next]!.trim()))) {
        members.push(next);
        continue;
      }
      const after = nextLine(next);
      if (after === next || !isRow(after)) break;
      // Across blank lines, a row with a delimiter row under it opens another table.
      const under = nextLine(after + 1);
      if (under < lines.length && isDelimiterRow(lines[under]!.trim())) break;
      members.push(after);
    }
    // A lone row is text with pipes in it; a table has at least two rows.
    if (members.length < 2) continue;
    for (const m of members) table.set(m + 1, start + 1);
    i = members[members.length - 1]!;
  }
  return table;
}

function refsOf(text: string, skipLeading: boolean): number[] {
  const refs: number[] = [];
  for (const match of text.matchAll(REF)) {
    if (skipLeading && match.index === 0) continue;
    refs.push(Number(match[1]));
  }
  return refs;
}

function classify(text: string, contentsLines: ReadonlySet<number>, line: number): { kind: BlockKind; headingDepth?: number } {
  if (contentsLines.has(line)) return { kind: 'contents' };
  if (RULE.test(text)) return { kind: 'rule' };
  if (opensNote(text)) return { kind: 'note' };
  const heading = HEADING.exec(text);
  if (heading) return { kind: 'heading', headingDepth: heading[1]!.length };
  if (!text.includes('\n') && BOLD_LINE.test(text) && text.length < 160) return { kind: 'heading', headingDepth: 0 };
  return { kind: 'body' };
}

/**
 * Splits raw text into blocks at blank lines. Every note definition line starts a block of its own,
 * and so does every heading or rule line, so a block never mixes kinds. Offsets and lines point
 * into the raw text, which the conservation check relies on.
 */
export function splitBlocks(raw: string, contentsLines: ReadonlySet<number> = new Set()): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: { startLine: number; start: number; lines: string[]; end: number; endLine: number } | null = null;
  const flush = (): void => {
    if (!current) return;
    const text = current.lines.join('\n');
    const { kind, headingDepth } = tables.has(current.startLine) ? { kind: 'body' as const, headingDepth: undefined } : classify(text, contentsLines, current.startLine);
    const block: RawBlock = {
      index: blocks.length,
      kind,
      text,
      span: { startLine: current.startLine, endLine: current.endLine, start: current.start, end: current.end },
      refs: refsOf(text, kind === 'note'),
    };
    if (kind === 'note') {
      const mark = NOTE_DEF.exec(text)![1]!;
      if (/^\d+$/.test(mark)) block.noteNumber = Number(mark);
      else block.noteSymbol = mark;
    }
    if (headingDepth !== undefined) block.headingDepth = headingDepth;
    blocks.push(block);
    current = null;
  };

  const linesAsRead = raw.split('\n');
  const plainLines = linesAsRead.map((l) => l.replace(/\r$/, ''));
  // The text as the book means it; offsets count the characters as the file has them.
  const rawLines = plainLines.map(normaliseLine);
  const tables = tableLines(rawLines, contentsLines);
  let offset = 0;
  let lineNumber = 0;
  for (const line of rawLines) {
    lineNumber++;
    const lineStart = offset;
    // (offsets count a line's `\r`, which the text leaves out)
    offset += linesAsRead[lineNumber - 1]!.length + 1;
    const trimmed = line.trim();
    // The table (by its first line) this line and the open block belong to: a table is a block of
    // its own, so nothing in its rows is taken for a heading, rule or note, and no text joins it.
    const table = tables.get(lineNumber);
    const openTable = current ? tables.get(current.startLine) : undefined;
    if (trimmed === '') {
      // Blank lines between the rows of one table do not end it.
      if (openTable === undefined || tables.get(nextNonBlank(rawLines, lineNumber)) !== openTable) flush();
      continue;
    }
    if (table !== openTable) flush();
    const standsAlone =
      table === undefined &&
      (opensNote(trimmed) || HEADING.test(trimmed) || RULE.test(trimmed) || contentsLines.has(lineNumber) || (current !== null && contentsLines.has(current.startLine)));
    if (standsAlone) flush();
    const asInFile = plainLines[lineNumber - 1]!;
    const lead = asInFile.length - asInFile.trimStart().length;
    if (!current) current = { startLine: lineNumber, start: lineStart + lead, lines: [], end: 0, endLine: lineNumber };
    current.lines.push(trimmed);
    current.end = lineStart + asInFile.trimEnd().length;
    current.endLine = lineNumber;
    if (standsAlone && !opensNote(trimmed)) flush();
  }
  flush();
  return blocks;
}

/** The 1-based number of the first non-blank line after line `lineNumber`, or 0. */
function nextNonBlank(rawLines: readonly string[], lineNumber: number): number {
  for (let i = lineNumber; i < rawLines.length; i++) if (rawLines[i]!.trim() !== '') return i + 1;
  return 0;
}
