import type { Nodes, Root } from 'mdast';
import { parse as parseYaml } from 'yaml';

/** One editor's correction: exact text to find in the clean manuscript, its replacement, and why. */
export interface Correction {
  find: string;
  replace: string;
  why: string;
  /** 1-based line of the entry in the corrections file. */
  line: number;
}

export class CorrectionError extends Error {
  constructor(readonly line: number, problem: string) {
    super(problem);
    this.name = 'CorrectionError';
  }
}

/** Reads `corrections.yaml`: a list of `{ find, replace, why }`. */
export function parseCorrections(text: string): Correction[] {
  const doc = parseYaml(text, { keepSourceTokens: false }) as unknown;
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) throw new CorrectionError(1, 'the corrections file must be a list of { find, replace, why }');
  // Line of each list entry, for messages: entries start with "- " at the left margin.
  const entryLines = text.split('\n').flatMap((l, i) => (/^-\s/.test(l) ? [i + 1] : []));
  return doc.map((entry: unknown, i) => {
    const line = entryLines[i] ?? 1;
    if (typeof entry !== 'object' || entry === null) throw new CorrectionError(line, `correction ${i + 1} must be { find, replace, why }`);
    const e = entry as Record<string, unknown>;
    if (typeof e.find !== 'string' || e.find === '') throw new CorrectionError(line, `correction ${i + 1} needs a non-empty \`find\` text`);
    if (typeof e.replace !== 'string') throw new CorrectionError(line, `correction ${i + 1} needs a \`replace\` text (may be empty)`);
    return { find: e.find, replace: e.replace, why: typeof e.why === 'string' ? e.why : '', line };
  });
}

export interface CorrectionFailure {
  correction: Correction;
  matches: number;
  /**
   * Where the find text matches nowhere as written but once with the manuscript's print page
   * markers left out (text copied from an edition runs over a page break the manuscript marks
   * mid-sentence): the manuscript's text there, marker and all, to put in the find instead.
   */
  acrossPageBreak?: string;
}

/** What to do about a find text that matches only with the page markers left out (see CorrectionFailure.acrossPageBreak). */
export function pageBreakHint(asInManuscript: string): string {
  const shown = asInManuscript.length > 160 ? `${asInManuscript.slice(0, 160)}…` : asInManuscript;
  return `the find text runs over a print page break, which the clean manuscript marks inside the text: write it as the manuscript has it, marker and all (\`${shown}\`)`;
}

/** A print page marker as the manuscript sets it, inside a paragraph (`every<!-- page 4 --> coin`). */
const PAGE_MARKER = /<!-- page [^>]*? -->/g;

/**
 * The manuscript's text that `find` matches once with the page markers left out, markers and all;
 * undefined where it matches no place or several so. (Offsets in the text without markers are
 * mapped back by where each marker was taken out.)
 */
function acrossPageBreak(markdown: string, find: string): string | undefined {
  if (!markdown.includes('<!-- page ')) return undefined;
  const removed: Array<{ at: number; length: number }> = [];
  let kept = 0;
  const plain = markdown.replace(PAGE_MARKER, (marker: string, offset: number) => {
    removed.push({ at: offset - kept, length: marker.length });
    kept += marker.length;
    return '';
  });
  const first = plain.indexOf(find);
  if (first < 0 || plain.indexOf(find, first + 1) >= 0) return undefined;
  // (a marker standing at the match's very end belongs to the next page's text, not to the match)
  const toMarkdown = (offset: number, endOfMatch: boolean): number => {
    let shift = 0;
    for (const { at, length } of removed) if (endOfMatch ? at < offset : at <= offset) shift += length;
    return offset + shift;
  };
  return markdown.slice(toMarkdown(first, false), toMarkdown(first + find.length, true));
}

/** Applies each correction that matches exactly once; the others are returned, untouched. */
export function applyCorrections(markdown: string, corrections: readonly Correction[]): { markdown: string; applied: Correction[]; failed: CorrectionFailure[] } {
  let text = markdown;
  const applied: Correction[] = [];
  const failed: CorrectionFailure[] = [];
  for (const correction of corrections) {
    let matches = 0;
    for (let at = text.indexOf(correction.find); at >= 0 && matches < 2; at = text.indexOf(correction.find, at + 1)) matches++;
    if (matches !== 1) {
      const across = matches === 0 ? acrossPageBreak(text, correction.find) : undefined;
      failed.push({ correction, matches, ...(across !== undefined ? { acrossPageBreak: across } : {}) });
      continue;
    }
    text = text.replace(correction.find, () => correction.replace);
    applied.push(correction);
  }
  return { markdown: text, applied, failed };
}

/** A note reference that corrections left without its note: the correction that wrote it or took its note away. */
export interface DanglingReference {
  label: string;
  correction: Correction;
}

/** `[^label]` written as a note reference (not a definition, `[^label]:`). */
const REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;

/**
 * Note references in the corrected manuscript (`tree`) that lead to no note because of a
 * correction: one wrote the reference (`[^label]` in its `replace`) and the manuscript defines no
 * such note, or one took away the definition (`[^label]:` in its `find`) of a note still referenced.
 * (The parser links a reference only to a note the text defines: one that leads nowhere stays text.
 * References the book itself left without a note are not the corrections' doing: the repair stage
 * names those, R-020.)
 */
export function danglingReferences(tree: Root, applied: readonly Correction[]): DanglingReference[] {
  if (!applied.length) return [];
  const unlinked = new Set<string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'text') for (const match of node.value.matchAll(REFERENCE)) unlinked.add(match[1]!);
    else if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  const found: DanglingReference[] = [];
  for (const label of unlinked) {
    const correction = applied.find((c) => c.replace.includes(`[^${label}]`) || c.find.includes(`[^${label}]:`));
    if (correction) found.push({ label, correction });
  }
  return found;
}

/** What an M-002 diagnostic says of a dangling reference, and what to do. */
export function describeDangling({ label, correction }: DanglingReference): { message: string; hint: string } {
  const wrote = correction.replace.includes(`[^${label}]`);
  const number = /(\d+)$/.exec(label)?.[1];
  const shown = `the editions show ${number ? `a superscript ${number}` : 'the reference as text'} that leads nowhere`;
  return wrote
    ? { message: `correction writes the note reference \`[^${label}]\`, but the manuscript has no note \`[^${label}]:\`: ${shown}`, hint: `add the note with a correction (a line \`[^${label}]: …\` among its division's notes), or take the reference out` }
    : { message: `correction takes away note \`[^${label}]:\`, which the manuscript still refers to: ${shown}`, hint: 'keep the note, or take its reference out with a correction too' };
}
