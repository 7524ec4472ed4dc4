import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isSeq, parse as parseYaml, parseDocument, stringify as stringifyYaml } from 'yaml';
import { parseCorrections } from '../manuscript/corrections.js';
import type { CorrectionPreview } from './types.js';

/** How many times `needle` occurs in `text` (counting stops at `limit`). */
export function occurrences(text: string, needle: string, limit = 2): number {
  if (!needle) return limit;
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0 && count < limit; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

const CONTEXT = 16;

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/**
 * A correction that turns `text[start, end)` into `replacement`: the changed part is trimmed to what
 * really differs, then widened word by word on both sides until the find text occurs exactly once.
 */
export function makeCorrection(text: string, start: number, end: number, replacement: string, why: string): CorrectionPreview {
  if (start < 0 || end > text.length || start > end) throw new Error(`range ${start}–${end} is outside the manuscript`);
  let a = start;
  let b = end;
  let rep = replacement;
  while (a < b && rep.length && text[a] === rep[0]) { a++; rep = rep.slice(1); }
  while (a < b && rep.length && text[b - 1] === rep[rep.length - 1]) { b--; rep = rep.slice(0, -1); }
  if (a === b && !rep.length) throw new Error('the override changes nothing');
  let from = a;
  let to = b;
  // Widen by whole words: over the spaces before (after) the find text, then over the next word.
  const widenLeft = (): void => {
    while (from > 0 && isSpace(text[from - 1])) from--;
    while (from > 0 && !isSpace(text[from - 1])) from--;
  };
  const widenRight = (): void => {
    while (to < text.length && isSpace(text[to])) to++;
    while (to < text.length && !isSpace(text[to])) to++;
  };
  // Start and end inside words, not in the middle of one.
  while (from > 0 && !isSpace(text[from - 1]) && !isSpace(text[from])) from--;
  while (to < text.length && !isSpace(text[to]) && !isSpace(text[to - 1])) to++;
  // Some words of context on each side, so the entry reads well and survives small edits elsewhere.
  while (from > 0 && a - from < CONTEXT) widenLeft();
  while (to < text.length && to - b < CONTEXT) widenRight();
  while (occurrences(text, text.slice(from, to)) > 1 && (from > 0 || to < text.length)) {
    widenLeft();
    widenRight();
  }
  const find = text.slice(from, to);
  if (occurrences(text, find) !== 1) throw new Error('no unique find text could be built here');
  return { find, replace: text.slice(from, a) + rep + text.slice(b, to), why };
}

/** Applies a correction as the pipeline does (exactly one match), or throws. */
export function applyOne(text: string, c: CorrectionPreview): string {
  const n = occurrences(text, c.find);
  if (n !== 1) throw new Error(`the find text matches ${n === 0 ? 'no place' : 'more than one place'} in the manuscript`);
  return text.replace(c.find, () => c.replace);
}

/**
 * Appends entries to a corrections file's text, keeping everything already there (header comment,
 * entries, their formatting). Checks that the result reads back as the old entries plus the new ones.
 */
export function appendCorrections(fileText: string, entries: readonly CorrectionPreview[]): { text: string; lines: number[] } {
  const before = fileText.trim() ? parseCorrections(fileText) : [];
  const block = stringifyYaml(entries.map((e) => ({ find: e.find, replace: e.replace, why: e.why })), { lineWidth: 0, blockQuote: 'literal' });
  let text: string;
  const doc = parseDocument(fileText);
  const contents = doc.contents;
  const emptyFlow = isSeq(contents) && contents.items.length === 0;
  if (emptyFlow) {
    // `[]` (or nothing) after the header: the list starts here.
    const range = contents.range;
    text = range ? fileText.slice(0, range[0]) + block + fileText.slice(range[1]).replace(/^[ \t]*\n?/, '') : `${fileText}${block}`;
  } else if (contents === null || contents === undefined) {
    text = `${fileText}${fileText === '' || fileText.endsWith('\n') ? '' : '\n'}${block}`;
  } else if (isSeq(contents) && !contents.flow) {
    text = `${fileText}${fileText.endsWith('\n') ? '' : '\n'}${block}`;
  } else {
    throw new Error('the corrections file is not a block list of { find, replace, why }; fix it by hand first');
  }
  const after = parseCorrections(text);
  const expected = [...before.map((c) => ({ find: c.find, replace: c.replace, why: c.why })), ...entries.map((e) => ({ find: e.find, replace: e.replace, why: e.why }))];
  const got = after.map((c) => ({ find: c.find, replace: c.replace, why: c.why }));
  if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error('internal: the corrections file would not read back as written; nothing was written');
  return { text, lines: after.slice(before.length).map((c) => c.line) };
}

/** The editor's record of reviewed items: `manuscript/<book>.proof-accepted.yaml`. */
export interface ResolvedEntry {
  id: string;
  action: 'accepted' | 'overridden';
  what: string;
  date: string;
}

const SIDECAR_HEADER = '# Items of the proofing view (npm run proof) an editor has reviewed: accepted as the pipeline\n# decided, or overridden by a correction. They no longer show in the list. Safe to delete.\n';

export function readResolved(file: string): ResolvedEntry[] {
  if (!existsSync(file)) return [];
  const doc = parseYaml(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(doc)) return [];
  return doc.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const r = e as Record<string, unknown>;
    if (typeof r.id !== 'string') return [];
    return [{ id: r.id, action: r.action === 'overridden' ? 'overridden' : 'accepted', what: typeof r.what === 'string' ? r.what : '', date: typeof r.date === 'string' ? r.date : '' }];
  });
}

export function addResolved(file: string, entry: ResolvedEntry): void {
  const existing = readResolved(file);
  if (existing.some((e) => e.id === entry.id)) return;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : SIDECAR_HEADER;
  const doc = parseDocument(text);
  const block = stringifyYaml([entry], { lineWidth: 0 });
  const out = isSeq(doc.contents) && !doc.contents.flow && doc.contents.items.length ? `${text}${text.endsWith('\n') ? '' : '\n'}${block}` : `${SIDECAR_HEADER}${stringifyYaml([...existing, entry], { lineWidth: 0 })}`;
  writeFileSync(file, out);
}


