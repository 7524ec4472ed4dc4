import type { BlockKind, RawBlock } from '../model/page.js';

const NOTE_DEF = /^<sup>(\d+)<\/sup>\s*/;
const HEADING = /^(#{1,6})\s+\S/;
/** A line in bold: a pseudo-heading. Not an empty bold (`** **`), which holds no heading. */
const BOLD_LINE = /^\*\*[^*\s].*\*\*[.:]?$/;
const RULE = /^(-{3,}|\*{3,}|_{3,})$/;
const REF = /<sup>(\d+)<\/sup>/g;

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
  if (NOTE_DEF.test(text)) return { kind: 'note' };
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
    const { kind, headingDepth } = classify(text, contentsLines, current.startLine);
    const block: RawBlock = {
      index: blocks.length,
      kind,
      text,
      span: { startLine: current.startLine, endLine: current.endLine, start: current.start, end: current.end },
      refs: refsOf(text, kind === 'note'),
    };
    if (kind === 'note') block.noteNumber = Number(NOTE_DEF.exec(text)![1]);
    if (headingDepth !== undefined) block.headingDepth = headingDepth;
    blocks.push(block);
    current = null;
  };

  let offset = 0;
  let lineNumber = 0;
  for (const rawLine of raw.split('\n')) {
    lineNumber++;
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '') {
      flush();
      continue;
    }
    const standsAlone =
      NOTE_DEF.test(trimmed) || HEADING.test(trimmed) || RULE.test(trimmed) || contentsLines.has(lineNumber) ||
      (current !== null && contentsLines.has(current.startLine));
    if (standsAlone) flush();
    const lead = line.length - line.trimStart().length;
    if (!current) current = { startLine: lineNumber, start: lineStart + lead, lines: [], end: 0, endLine: lineNumber };
    current.lines.push(trimmed);
    current.end = lineStart + line.trimEnd().length;
    current.endLine = lineNumber;
    if (standsAlone && !NOTE_DEF.test(trimmed)) flush();
  }
  flush();
  return blocks;
}
