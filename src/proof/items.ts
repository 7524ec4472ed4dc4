import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RawBlock } from '../model/page.js';
import type { ManuscriptBuild } from '../pipeline.js';
import type { Decision } from '../repair/index.js';
import type { ManuscriptIndex } from './locate.js';
import type { BlockSpan } from './render.js';
import type { ItemCategory, OverrideOption, ProofItem, RawLine } from './types.js';

/** The manuscript text the items point into, with what is known about its layout. */
export interface ManuscriptView {
  /** Corrected manuscript text (the text the next correction will be applied to). */
  text: string;
  index: ManuscriptIndex;
  /** Top-level blocks, sorted by start. */
  blocks: BlockSpan[];
}

const CONTENT: ReadonlySet<string> = new Set(['paragraph', 'blockquote', 'list', 'heading']);
const CONTEXT = 240;

const DIAGNOSTIC_CODES: Record<string, { category: ItemCategory; badness: number; title: string }> = {
  'O-030': { category: 'pages', badness: 95, title: 'Page missing or misplaced' },
  'O-031': { category: 'pages', badness: 94, title: 'Page misplaced' },
  'O-033': { category: 'pages', badness: 93, title: 'Page missing or misplaced before a section' },
  'O-034': { category: 'pages', badness: 91, title: 'Body page set before the first heading' },
  'O-032': { category: 'pages', badness: 88, title: 'List page out of alphabetical order' },
  'O-020': { category: 'pages', badness: 85, title: 'Duplicated page left out' },
  'O-040': { category: 'pages', badness: 80, title: 'Page split in two by the order' },
  'R-012': { category: 'pages', badness: 92, title: 'Page opens on the rest of a word cut elsewhere' },
  'R-013': { category: 'pages', badness: 93, title: 'Page opens on the rest of a word whose page is missing' },
  'R-020': { category: 'notes', badness: 90, title: 'Reference without a note' },
  'R-021': { category: 'notes', badness: 80, title: 'Note without a reference' },
  'R-022': { category: 'notes', badness: 75, title: 'Note defined twice' },
  'R-025': { category: 'notes', badness: 78, title: 'Note number met again in its chapter' },
};

function decisionBadness(d: Decision): number {
  const low = d.confidence === 'low';
  switch (d.kind) {
    case 'page-break-kept': return low ? 70 : 55;
    case 'page-join': return low ? 65 : 50;
    case 'hyphen': return low ? 60 : 45;
    case 'inline-hyphen': return low ? 55 : 40;
    case 'block-quote': return low ? 40 : 30;
    default: return 20;
  }
}

/** An uncertain join's badness from its order score (below 6 is uncertain; negative is evidence against). */
function joinBadness(score: number): number {
  return Math.round(Math.max(35, Math.min(79, 45 + (6 - score) * 2.5)));
}

const TITLES: Record<string, string> = {
  'page-join': 'Paragraphs joined across a page',
  'page-break-kept': 'Paragraph break kept at a page',
  hyphen: 'Hyphen cut at a page end',
  'inline-hyphen': 'Hyphen cut inside a line',
  'block-quote': 'Block quote guessed',
  'order-join': 'Page order uncertain',
};

function clip(text: string, keep: 'start' | 'end', max = 420): { text: string; clipped: RawLine['clipped'] } {
  if (text.length <= max) return { text, clipped: null };
  return keep === 'start' ? { text: text.slice(0, max), clipped: 'end' } : { text: text.slice(-max), clipped: 'start' };
}

function hashText(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

/** Page comments in a stretch of text, run together so they can stand inside a joined paragraph. */
function inlineMarkers(between: string): string {
  return (between.match(/<!--\s*page\s+\S+\s*-->/g) ?? []).join('');
}

export interface ItemSources {
  build: ManuscriptBuild;
  rawLines: readonly string[];
  view: ManuscriptView;
}

/** Every decision the pipeline was not sure of, located in the manuscript, worst first. */
export function collectItems({ build, rawLines, view }: ItemSources): ProofItem[] {
  const { ordered, repaired, report, ingested } = build;
  const text = view.text;
  const blockByLine = new Map<number, RawBlock>();
  for (const b of ingested.blocks) if (!blockByLine.has(b.span.startLine)) blockByLine.set(b.span.startLine, b);
  /** Raw block before a block in reading order: the previous page's last body block at a fragment start. */
  const previousInReading = new Map<number, RawBlock>();
  ordered.fragments.forEach((f, k) => {
    f.body.forEach((b, i) => {
      const prev = i > 0 ? f.body[i - 1] : ordered.fragments[k - 1]?.body.at(-1);
      if (prev) previousInReading.set(b.span.startLine, prev);
    });
  });
  const pageMarkers = [...text.matchAll(/<!--\s*page\s+(\S+)\s*-->/g)].map((m) => ({ at: m.index, label: m[1]! }));
  const pageAt = (offset: number): string | null => {
    let lo = 0;
    let hi = pageMarkers.length - 1;
    let found: string | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pageMarkers[mid]!.at <= offset) { found = pageMarkers[mid]!.label; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };
  const blockIndexAt = (offset: number): number => {
    let lo = 0;
    let hi = view.blocks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (view.blocks[mid]!.start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };
  const contentNeighbour = (index: number, step: 1 | -1): BlockSpan | null => {
    for (let i = index + step; i >= 0 && i < view.blocks.length; i += step) {
      const b = view.blocks[i]!;
      if (CONTENT.has(b.type)) return b.type === 'heading' ? null : b;
      if (b.type !== 'html') return null;
    }
    return null;
  };
  const rawLinesOf = (block: RawBlock, keep: 'start' | 'end'): RawLine[] => {
    const out: RawLine[] = [];
    for (let n = block.span.startLine; n <= block.span.endLine; n++) {
      const line = rawLines[n - 1];
      if (line === undefined) continue;
      out.push({ line: n, ...clip(line, keep) });
    }
    return keep === 'end' ? out.slice(-2) : out.slice(0, 3);
  };
  const now = (start: number, end: number): ProofItem['now'] => ({ before: text.slice(Math.max(0, start - CONTEXT), start), focus: text.slice(start, end), after: text.slice(end, end + CONTEXT) });

  /** Where a page join is: the junction between the text before and the block at `p`. */
  const junctionBefore = (p: number): { start: number; end: number } => {
    const before = text.slice(Math.max(0, p - 120), p);
    const m = /(?:\s|<!--\s*page\s+\S+\s*-->)*$/.exec(before);
    return { start: p - (m ? m[0].length : 0), end: p };
  };

  const moveOptions = (offset: number, what: string): OverrideOption[] => {
    const i = blockIndexAt(offset);
    const cur = view.blocks[i];
    if (!cur || !(cur.type === 'paragraph' || cur.type === 'blockquote')) return [];
    const out: OverrideOption[] = [];
    const prev = contentNeighbour(i, -1);
    const next = contentNeighbour(i, 1);
    const curText = text.slice(cur.start, cur.end);
    if (prev) out.push({ id: 'move-up', label: 'Move this paragraph up, before the one above it', start: prev.start, end: cur.end, replacement: curText + text.slice(prev.end, cur.start) + text.slice(prev.start, prev.end), why: `proof: moved the paragraph “${curText.slice(0, 40)}…” before the one above it (${what})` });
    if (next) out.push({ id: 'move-down', label: 'Move this paragraph down, after the one below it', start: cur.start, end: next.end, replacement: text.slice(next.start, next.end) + text.slice(cur.end, next.start) + curText, why: `proof: moved the paragraph “${curText.slice(0, 40)}…” after the one below it (${what})` });
    return out;
  };

  const joinOptions = (p: number, what: string): OverrideOption[] => {
    const j = junctionBefore(p);
    const between = text.slice(j.start, j.end);
    const i = blockIndexAt(p);
    const cur = view.blocks[i];
    const out: OverrideOption[] = [];
    if (/\n\s*\n/.test(between)) {
      const prev = contentNeighbour(i, -1);
      if (cur?.type === 'paragraph' && cur.start === p && prev?.type === 'paragraph') {
        const markers = inlineMarkers(between);
        out.push({ id: 'join', label: 'Join: one paragraph across the page break', start: j.start, end: j.end, replacement: `${markers} `, why: `proof: one paragraph, not two, across the page break (${what})` });
      }
    } else if (cur?.type === 'paragraph') {
      const markers = inlineMarkers(between);
      out.push({ id: 'split', label: 'Do not join: two paragraphs at the page break', start: j.start, end: j.end, replacement: markers ? `\n\n${markers}\n\n` : '\n\n', why: `proof: two paragraphs, not one, at the page break (${what})` });
    }
    return [...out, ...moveOptions(p, what)];
  };

  const items = new Map<string, ProofItem>();
  /** Where each page-join item's second block starts; its overrides are made once all evidence is merged. */
  const joinPoints = new Map<string, number>();
  const base = (id: string, line: number): Pick<ProofItem, 'id' | 'line' | 'raw' | 'at' | 'now' | 'options' | 'page'> => ({ id, line, raw: [], at: null, now: null, options: [], page: null });

  const joinItem = (line: number, kind: string, badness: number, confidence: ProofItem['confidence'], rawSummary: string, result: string, evidence: string, page: string | null): void => {
    const id = `join@${line}`;
    const existing = items.get(id);
    if (existing) {
      // The order stage's evidence and the repair stage's decision about the same page boundary: one item.
      if (kind !== 'order-join') {
        existing.kind = kind;
        existing.title = TITLES[kind] ?? kind;
        existing.confidence = confidence;
        existing.rawSummary = rawSummary;
        existing.result = result;
      }
      existing.badness = Math.max(existing.badness, badness);
      if (evidence && !existing.evidence.includes(evidence)) existing.evidence = [existing.evidence, evidence].filter(Boolean).join(' — ');
      return;
    }
    const block = blockByLine.get(line);
    const item: ProofItem = { ...base(id, line), category: 'join', kind, title: TITLES[kind] ?? kind, confidence, badness, rawSummary, result, evidence, page };
    if (block) {
      const prev = previousInReading.get(line);
      item.raw = [...(prev ? rawLinesOf(prev, 'end') : []), ...rawLinesOf(block, 'start')];
      const loc = view.index.locate(block.text);
      if (loc) {
        // A word cut at the page end was glued to this page's first word: the page began after it.
        const glued = /^[^\s<]*(<!--\s*page\s+\S+\s*-->) ?/.exec(text.slice(loc.start, loc.start + 120));
        const point = glued ? loc.start + glued[0].length : loc.start;
        const j = junctionBefore(point);
        item.at = j;
        item.now = now(j.start, j.end);
        item.page = pageAt(j.end) ?? page;
        joinPoints.set(id, point);
      }
    }
    items.set(id, item);
  };

  ordered.joins.forEach((join, k) => {
    if (k === 0 || join.from === null || join.score >= 6) return;
    const fragment = ordered.fragments[k]!;
    const line = fragment.body[0]?.span.startLine ?? fragment.span.startLine;
    const after = ordered.fragments[k - 1]!.span.startLine;
    joinItem(line, 'order-join', joinBadness(join.score), null, `page at raw line ${line} placed after the page at raw line ${after}`, `order score ${join.score.toFixed(2)}`, `order score ${join.score.toFixed(2)} (6 or more is sure): ${join.reasons.join('; ') || 'no evidence either way'}`, null);
  });

  for (const d of repaired.decisions) {
    if ((d.kind === 'page-join' || d.kind === 'page-break-kept') && d.confidence !== 'high') {
      joinItem(d.line, d.kind, decisionBadness(d), d.confidence, d.raw, d.result, d.evidence, d.page);
      continue;
    }
    if ((d.kind === 'hyphen' || d.kind === 'inline-hyphen') && d.confidence !== 'high') {
      const id = `${d.kind}@${d.line}:${hashText(d.raw)}`;
      const item: ProofItem = { ...base(id, d.line), category: 'hyphen', kind: d.kind, title: TITLES[d.kind]!, confidence: d.confidence, badness: decisionBadness(d), rawSummary: d.raw, result: d.result, evidence: d.evidence, page: d.page };
      const block = blockByLine.get(d.line);
      if (block) {
        const prev = d.kind === 'hyphen' ? previousInReading.get(d.line) : undefined;
        item.raw = [...(prev ? rawLinesOf(prev, 'end') : []), ...rawLinesOf(block, 'start')];
        const loc = view.index.locate(block.text);
        if (loc) {
          const from = d.kind === 'hyphen' ? Math.max(0, loc.start - 160) : loc.start;
          const to = d.kind === 'hyphen' ? loc.start + 80 : loc.end;
          const at = text.slice(from, to).indexOf(d.result);
          const start = at >= 0 ? from + at : loc.start;
          const end = at >= 0 ? start + d.result.length : loc.start;
          item.at = { start, end };
          item.now = now(start, end);
          item.page = pageAt(start) ?? d.page;
          if (at >= 0) item.options = hyphenOptions(d, start, end);
        }
      }
      items.set(id, item);
      continue;
    }
    if (d.kind === 'block-quote') {
      const id = `block-quote@${d.line}`;
      const item: ProofItem = { ...base(id, d.line), category: 'block-quote', kind: d.kind, title: TITLES[d.kind]!, confidence: d.confidence, badness: decisionBadness(d), rawSummary: d.raw, result: d.result, evidence: d.evidence, page: d.page };
      const block = blockByLine.get(d.line);
      if (block) {
        const prevRaw = previousInReading.get(d.line);
        item.raw = [...(prevRaw ? rawLinesOf(prevRaw, 'end') : []), ...rawLinesOf(block, 'start')];
        const loc = view.index.locate(block.text);
        if (loc) {
          const i = blockIndexAt(loc.start);
          const quote = view.blocks[i];
          const start = quote?.type === 'blockquote' ? quote.start : loc.start;
          const end = quote?.type === 'blockquote' ? quote.end : loc.end;
          item.at = { start, end };
          item.now = now(start, Math.min(end, start + 400));
          item.page = pageAt(start);
          if (quote?.type === 'blockquote') {
            const plain = text.slice(quote.start, quote.end).replace(/^> ?/gm, '');
            item.options.push({ id: 'unquote', label: 'Not a block quote: a plain paragraph', start: quote.start, end: quote.end, replacement: plain, why: `proof: not a block quote, a plain paragraph (raw line ${d.line}; guessed because it ${d.evidence})` });
            const prev = contentNeighbour(i, -1);
            if (prev?.type === 'paragraph') {
              item.options.push({ id: 'join-previous', label: 'Not a block quote: it continues the paragraph above', start: prev.end, end: quote.end, replacement: `${inlineMarkers(text.slice(prev.end, quote.start))} ${plain}`, why: `proof: not a block quote; the text continues the paragraph above (raw line ${d.line})` });
            }
            item.options.push(...moveOptions(quote.start, `raw line ${d.line}`));
          }
        }
      }
      items.set(id, item);
    }
  }

  for (const [id, point] of joinPoints) {
    const item = items.get(id)!;
    const evidence = item.evidence.length > 160 ? `${item.evidence.slice(0, 160)}…` : item.evidence;
    item.options = joinOptions(point, `raw line ${item.line}; the pipeline made ${item.kind === 'page-break-kept' ? 'two paragraphs' : item.kind === 'page-join' ? 'one paragraph' : 'this page order'} on: ${evidence}`);
  }

  for (const diagnostic of report.diagnostics) {
    const spec = DIAGNOSTIC_CODES[diagnostic.code];
    const line = diagnostic.place?.line;
    if (!spec || line === undefined) continue;
    const id = `${diagnostic.code}@${line}`;
    if (items.has(id)) continue;
    items.set(id, diagnosticItem(id, diagnostic, line, spec));
  }

  function diagnosticItem(id: string, d: Diagnostic, line: number, spec: (typeof DIAGNOSTIC_CODES)[string]): ProofItem {
    const item: ProofItem = { ...base(id, line), category: spec.category, kind: d.code, title: spec.title, confidence: null, badness: spec.badness, rawSummary: '', result: d.message, evidence: [d.message, d.hint ? `hint: ${d.hint}` : ''].filter(Boolean).join(' — '), page: null };
    const block = blockByLine.get(line);
    if (!block) {
      const rawLine = rawLines[line - 1];
      if (rawLine !== undefined) item.raw = [{ line, ...clip(rawLine, 'start') }];
      return item;
    }
    item.raw = rawLinesOf(block, 'start');
    if (d.code === 'O-020') {
      item.rawSummary = 'this page is left out of the manuscript';
      return item;
    }
    const loc = view.index.locate(block.text);
    if (!loc) return item;
    const i = blockIndexAt(loc.start);
    const span = view.blocks[i];
    if (d.code === 'R-020') {
      const number = /\[(\d+)\]/.exec(d.message)?.[1];
      const within = text.slice(loc.start, loc.end + 40);
      const ref = number ? new RegExp(`\\[\\^[^\\]\\s]*-${number}\\]`).exec(within) : null;
      if (ref) {
        const start = loc.start + ref.index;
        const end = start + ref[0].length;
        item.at = { start, end };
        item.now = now(start, end);
        item.options.push({ id: 'remove-reference', label: `Remove the reference ${ref[0]}`, start, end, replacement: '', why: `proof: removed reference ${ref[0]}, which has no note (raw line ${line})` });
      }
    } else if ((d.code === 'R-021' || d.code === 'R-022' || d.code === 'R-025') && span?.type === 'footnoteDefinition') {
      item.at = { start: span.start, end: span.end };
      item.now = now(span.start, Math.min(span.end, span.start + 400));
      if (d.code === 'R-022') {
        const next = view.blocks[i + 1];
        item.options.push({ id: 'delete-note', label: 'Delete this repeated note', start: span.start, end: next ? next.start : span.end, replacement: '', why: `proof: deleted the repeated note ${text.slice(span.start, span.start + 24).split(']')[0]}] (raw line ${line}: ${d.message})` });
      }
    } else {
      const j = junctionBefore(loc.start);
      item.at = j;
      item.now = now(j.start, j.end);
      item.options = moveOptions(loc.start, `raw line ${line}: ${spec.title.toLowerCase()}`);
    }
    if (item.at) item.page = pageAt(item.at.end);
    return item;
  }

  return [...items.values()].sort((a, b) => b.badness - a.badness || a.line - b.line || a.id.localeCompare(b.id));
}

function hyphenOptions(d: Decision, start: number, end: number): OverrideOption[] {
  let left: string;
  let right: string;
  if (d.kind === 'hyphen') {
    const [cut, word] = d.raw.split(' / ');
    if (!cut || word === undefined || !cut.endsWith('-')) return [];
    left = cut.slice(0, -1);
    right = word;
  } else {
    const m = /^(.*\S)-\s+(\S+)$/.exec(d.raw);
    if (!m) return [];
    left = m[1]!;
    right = m[2]!;
  }
  const forms = [
    { id: 'join-word', label: `One word: ${left}${right}`, value: `${left}${right}`, why: `one word “${left}${right}”: the hyphen was only a line-end cut` },
    { id: 'keep-hyphen', label: `Keep the hyphen: ${left}-${right}`, value: `${left}-${right}`, why: `keep the hyphen in “${left}-${right}”` },
  ];
  return forms.filter((f) => f.value !== d.result).map((f) => ({ id: f.id, label: f.label, start, end, replacement: f.value, why: `proof: ${f.why} (raw line ${d.line}, was “${d.result}”)` }));
}
