/**
 * Runs the pipeline on a rendered synthetic book and compares the recovered manuscript with the
 * book's ground truth: the sequence of headings and paragraphs (normalised text, references as
 * `[N]`) and each division's notes.
 */
import { FatalInputError, Report, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { buildManuscript, type ManuscriptBuild } from '../../src/pipeline.js';
import type { SyntheticBook } from './synthetic-book.js';

export interface Recovery {
  build: ManuscriptBuild | null;
  error: unknown;
  report: Report;
  ms: number;
}

export function recover(book: SyntheticBook, raw: string): Recovery {
  const report = new Report();
  const start = performance.now();
  try {
    const build = buildManuscript({ raw, metadata: book.metadata, sourceFile: 'synthetic.raw.md', sourceDate: new Date('2020-01-01T00:00:00Z') }, report);
    return { build, error: null, report, ms: performance.now() - start };
  } catch (error) {
    if (!(error instanceof FatalInputError)) throw error;
    return { build: null, error, report, ms: performance.now() - start };
  }
}

/** Collapses whitespace and drops markdown markers, escapes and page comments; references become `[N]`. */
export function normaliseText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\[\^[^\]\s]*?-(\d+)(?:-again)?\]/g, '[$1]')
    .replace(/\[\^[^\]\s]*\]/g, '[?]')
    .replace(/<sup>(\d+)<\/sup>/g, '[$1]')
    .replace(/\\([\\`*_{}[\]()#+\-.!&<>])/g, '$1')
    .replace(/[*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface RecoveredText {
  blocks: string[];
  /** Notes by division key (`d3`), in order of appearance: number and normalised text. */
  notes: Map<string, Array<{ n: number; text: string }>>;
}

/** Reads a clean manuscript back into headings/paragraphs and notes. */
export function readManuscript(markdown: string): RecoveredText {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const blocks: string[] = [];
  const notes = new Map<string, Array<{ n: number; text: string }>>();
  let lastNote: { n: number; text: string } | null = null;
  for (const chunk of body.split(/\n\s*\n/)) {
    const text = chunk.trim();
    if (!text) continue;
    const definition = /^\[\^([^\]\s]*?)-(\d+|tail\d+)(-again)?\]:\s*([\s\S]*)$/.exec(text);
    if (definition) {
      const key = definition[1]!;
      // A repeated or orphan note keeps its text; the pipeline's `(unreferenced)` remark is not text.
      const note = { n: /^\d+$/.test(definition[2]!) && !definition[3] ? Number(definition[2]) : NaN, text: normaliseText(definition[4]!.replace(/ \(unreferenced\)\s*$/, '')) };
      if (!notes.has(key)) notes.set(key, []);
      notes.get(key)!.push(note);
      lastNote = note;
      continue;
    }
    if (lastNote && /^ {4}/.test(chunk)) {
      lastNote.text = normaliseText(`${lastNote.text} ${text}`);
      continue;
    }
    lastNote = null;
    const plain = text
      .split('\n')
      .map((l) => l.replace(/^\s*>\s?/, '').replace(/^\s*[-*+]\s+/, '').replace(/^#{1,6}\s+/, ''))
      .join(' ');
    const normal = normaliseText(plain);
    if (normal) blocks.push(normal);
  }
  return { blocks, notes };
}

export interface Comparison {
  ok: boolean;
  /** First position where the recovered blocks differ from the truth. */
  firstDifference: { index: number; expected: string | undefined; actual: string | undefined } | null;
  expectedBlocks: number;
  actualBlocks: number;
  /** Problems with the notes: counts per division, numbering, texts. */
  noteProblems: string[];
}

export function truthBlocks(book: SyntheticBook): string[] {
  return book.blocks.map((b) => normaliseText(b.text));
}

export function compare(book: SyntheticBook, markdown: string): Comparison {
  const recovered = readManuscript(markdown);
  const expected = truthBlocks(book);
  let firstDifference: Comparison['firstDifference'] = null;
  for (let i = 0; i < Math.max(expected.length, recovered.blocks.length); i++) {
    if (expected[i] !== recovered.blocks[i]) {
      firstDifference = { index: i, expected: expected[i], actual: recovered.blocks[i] };
      break;
    }
  }
  const noteProblems: string[] = [];
  const withNotes = book.divisions.filter((d) => d.notes.length);
  const groups = [...recovered.notes.values()];
  if (groups.length !== withNotes.length) noteProblems.push(`${groups.length} divisions have notes, expected ${withNotes.length}`);
  withNotes.forEach((division, k) => {
    const got = groups[k] ?? [];
    const numbers = got.map((g) => g.n);
    const want = division.notes.map((_, i) => division.firstNote + i);
    if (numbers.join(',') !== want.join(',')) noteProblems.push(`${division.title}: notes ${numbers.join(',')}, expected ${division.firstNote}..${want[want.length - 1]}`);
    division.notes.forEach((text, i) => {
      const actual = got.find((g) => g.n === division.firstNote + i)?.text;
      if (actual !== normaliseText(text)) noteProblems.push(`${division.title} note ${division.firstNote + i}: \`${actual}\`, expected \`${normaliseText(text)}\``);
    });
  });
  return { ok: firstDifference === null && noteProblems.length === 0, firstDifference, expectedBlocks: expected.length, actualBlocks: recovered.blocks.length, noteProblems };
}

/** A short account of a failed comparison, for assertion messages and repro scripts. */
export function describe(comparison: Comparison, diagnostics: readonly Diagnostic[]): string {
  const lines: string[] = [];
  if (comparison.firstDifference) {
    const d = comparison.firstDifference;
    lines.push(`first difference at block ${d.index} of ${comparison.expectedBlocks} (recovered ${comparison.actualBlocks}):`);
    lines.push(`  expected: ${d.expected?.slice(0, 160) ?? '(nothing)'}`);
    lines.push(`  actual:   ${d.actual?.slice(0, 160) ?? '(nothing)'}`);
  }
  for (const p of comparison.noteProblems.slice(0, 5)) lines.push(`  notes: ${p.slice(0, 200)}`);
  const codes = new Map<string, number>();
  for (const d of diagnostics) if (d.severity !== 'info') codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  lines.push(`  diagnostics: ${[...codes].map(([c, n]) => `${c}×${n}`).join(' ') || 'none'}`);
  return lines.join('\n');
}

/**
 * Every letter and digit of the text (body and notes, references left out), counted: what must
 * survive any reordering. Letters rather than words, since a wrong page join glues wrong word halves.
 */
export function wordBag(texts: Iterable<string>): Map<string, number> {
  const bag = new Map<string, number>();
  for (const text of texts) {
    for (const ch of normaliseText(text).replace(/\[(?:\d+|\?)\]/g, ' ').toLowerCase().match(/[\p{L}\p{N}]/gu) ?? []) bag.set(ch, (bag.get(ch) ?? 0) + 1);
  }
  return bag;
}

/** Characters whose counts differ between two bags, as `c expected→actual`. */
export function bagDifference(expected: ReadonlyMap<string, number>, actual: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const word of new Set([...expected.keys(), ...actual.keys()])) {
    const a = expected.get(word) ?? 0;
    const b = actual.get(word) ?? 0;
    if (a !== b) out.push(`${word} ${a}→${b}`);
  }
  return out;
}

export function truthWords(book: SyntheticBook): Map<string, number> {
  return wordBag([...book.blocks.map((b) => b.text), ...book.divisions.flatMap((d) => d.notes)]);
}

export function recoveredWords(markdown: string): Map<string, number> {
  const recovered = readManuscript(markdown);
  return wordBag([...recovered.blocks, ...[...recovered.notes.values()].flatMap((notes) => notes.map((n) => n.text))]);
}
