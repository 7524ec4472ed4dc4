import { findBodyHeadings, isBookTitle, matchHeadings, parseContents, plainTitleLines, type BodyHeading, type Contents, type HeadingMatch } from '../contents/index.js';
import { stripMarkup } from '../contents/normalise-title.js';
import { isContentsHeading, readTocLine } from '../contents/toc-line.js';
import { FatalInputError } from '../diagnostics/diagnostic.js';
import { endsOpen } from '../text/sentence.js';
import type { StageContext } from '../model/context.js';
import type { Fragment, RawBlock } from '../model/page.js';
import type { AnchorAt } from '../order/features.js';
import { markSourceColophon } from './colophon.js';
import { pageEdgeDebris } from './debris.js';
import { extractionCounts, isZeroWidth, normaliseLine } from './normalise.js';
import { splitBlocks } from './split-blocks.js';
import { splitFragments } from './split-fragments.js';
import { pageCapacity, splitOversized } from './split-oversized.js';

export interface Ingested {
  rawLines: string[];
  blocks: RawBlock[];
  fragments: Fragment[];
  contents: Contents;
  matches: HeadingMatch[];
  /** Contents headings found in each fragment (by fragment id), in Contents order. */
  anchors: Map<number, AnchorAt[]>;
}

function fatal(ctx: StageContext, code: string, message: string, line = 1, hint?: string): never {
  const diagnostic = { code, severity: 'error' as const, stage: 'ingest' as const, message, place: { file: ctx.sourceFile, line, column: 1 }, ...(hint ? { hint } : {}) };
  ctx.report.add(diagnostic);
  throw new FatalInputError(diagnostic);
}

/**
 * Rejects input nothing can be made of, naming the line; warns of the characters the extraction
 * could not read and wrote as U+FFFD (bytes that are no UTF-8 at all the CLI rejects before).
 */
function checkReadable(raw: string, ctx: StageContext): void {
  if (raw.trim() === '') fatal(ctx, 'I-001', 'the file is empty', 1, 'give the raw text extraction of a book');
  const nul = raw.indexOf('\u0000');
  if (nul >= 0) fatal(ctx, 'I-002', 'the file holds binary data (a NUL byte), not text', raw.slice(0, nul).split('\n').length, 'convert the extraction to UTF-8 text');
  if (!raw.includes('\uFFFD')) return;
  // (line by line: a book set in a font the extraction could not map may hold thousands)
  const unread = raw.split('\n').flatMap((text, k) => (text.includes('\uFFFD') ? [{ line: k + 1, count: text.split('\uFFFD').length - 1 }] : []));
  const total = unread.reduce((sum, { count }) => sum + count, 0);
  const lines = unread.map(({ line }) => line);
  const more = lines.length > 1 ? `, and on ${lines.length - 1} more line${lines.length > 2 ? 's' : ''} (${lines.slice(1, 11).join(', ')}${lines.length > 11 ? ', …' : ''})` : '';
  ctx.report.warn('ingest', 'I-007', `the extraction could not read a character here and wrote U+FFFD (�) for it${total > 1 ? ` (${total} in all)` : ''}${more}`, {
    place: { file: ctx.sourceFile, line: lines[0]!, column: 1 },
    hint: 'check the printed book and correct the character (a corrections file, or the raw file)',
  });
}

const INLINE_TAG = /<(\/?)(sup|sub|b|i|em|strong|small|u)(?:\s[^<>]*)?>/gi;

/** The first inline HTML tag of a block that is opened and never closed, or closed and never opened. */
function unbalancedTag(text: string): { tag: string; open: boolean; at: number } | null {
  if (!text.includes('<')) return null;
  const open = new Map<string, number[]>();
  for (const m of text.matchAll(INLINE_TAG)) {
    const tag = m[2]!.toLowerCase();
    const stack = open.get(tag) ?? [];
    open.set(tag, stack);
    if (!m[1]) stack.push(m.index);
    else if (stack.length) stack.pop();
    else return { tag, open: false, at: m.index };
  }
  let first: { tag: string; open: boolean; at: number } | null = null;
  for (const [tag, stack] of open) if (stack.length && (!first || stack[0]! < first.at)) first = { tag, open: true, at: stack[0]! };
  return first;
}

/** The first Contents entry, under a `Contents` heading, whose page number is lower than the entry above it. */
function fallingContentsPage(rawLines: readonly string[]): { heading: number; line: number; title: string; page: number; previous: number } | null {
  for (let h = 0; h < rawLines.length; h++) {
    if (!isContentsHeading(rawLines[h]!)) continue;
    let previous: number | null = null;
    for (let i = h + 1, blanks = 0; i < rawLines.length && blanks <= 3; i++) {
      const text = rawLines[i]!;
      if (text.trim() === '') {
        blanks++;
        continue;
      }
      const toc = readTocLine(text);
      if (!toc) break;
      blanks = 0;
      if (toc.roman) continue;
      if (previous !== null && toc.page < previous) return { heading: h + 1, line: i + 1, title: toc.title.replace(/<[^>]*>/g, '').trim(), page: toc.page, previous };
      previous = toc.page;
    }
  }
  return null;
}

/**
 * Raw extraction → fragments of book pages, the book's Contents, and the Contents headings each
 * fragment holds. Every non-blank character of the raw text ends up in exactly one block.
 */
export interface IngestOptions {
  /** The book's title: a heading that gives it opens the title page, so a page boundary precedes it. */
  title?: string;
}

/** A heading that names itself a division of the book (`Chapter Two: …`, `Appendix B`). */
const DIVISION_LABEL = /^(?:chapter|part|book|appendix|afterword|epilogue|postscript)\b/i;

/**
 * Headings that call themselves a chapter, a part or an appendix but that no Contents entry lists:
 * nothing anchors their pages, and the order cannot know that the notes start afresh there. The
 * order is the text's alone at such a place, and may be wrong: say so.
 */
function reportUnlistedDivisions(marked: readonly BodyHeading[], matches: readonly HeadingMatch[], ctx: StageContext): void {
  const matched = new Set(matches.flatMap((match) => (match.heading ? [match.heading.line, match.heading.endLine ?? match.heading.line] : [])));
  for (const heading of marked) {
    const title = stripMarkup(heading.text).trim();
    if (matched.has(heading.line) || !DIVISION_LABEL.test(title)) continue;
    ctx.report.warn('ingest', 'I-013', `the heading “${title}” names a division of the book that the Contents does not list: nothing fixes the page it falls on, and the order cannot know whether its notes start afresh`, {
      place: { file: ctx.sourceFile, line: heading.line, column: 1 },
      hint: 'check where the order put it in the clean manuscript; add its line to the Contents page of the raw file if the book lists it',
    });
  }
}

/**
 * The Contents' last entries matching no heading (the last one that does is followed by none that
 * does), on more than one page or where the file stops mid-sentence: the file was most likely cut
 * short (a download or copy that stopped, an extraction of the first pages only). Said once, at
 * the file's last line, beside the I-010 of each entry.
 */
function reportCutShort(matches: readonly HeadingMatch[], blocks: readonly RawBlock[], ctx: StageContext): void {
  const lastMatched = matches.findLastIndex((match) => match.heading);
  const missing = matches.slice(lastMatched + 1);
  if (lastMatched < 0 || !missing.length) return;
  const last = blocks.findLast((block) => !block.pageEdge);
  const stopsMidSentence = (last?.kind === 'body' || last?.kind === 'note') && endsOpen(last.text);
  // (one page dropped from the file may hold two entries' headings: a chapter's and its first section's)
  if (new Set(missing.map((match) => match.entry.page)).size < 2 && !stopsMidSentence) return;
  const first = missing[0]!.entry;
  const how = stopsMidSentence ? 'the text stops in the middle of a sentence, and ' : '';
  const entries = missing.length === 1 ? `the last entry of the Contents, “${first.title}” (page ${first.pageLabel}), matches` : `the last ${missing.length} entries of the Contents, from “${first.title}” (page ${first.pageLabel}) on, match`;
  ctx.report.warn('ingest', 'I-015', `the raw file seems cut short: ${how}${entries} no heading in the text`, {
    place: { file: ctx.sourceFile, line: last?.span.endLine ?? 1, column: 1 },
    hint: 'extract or copy the rest of the book into the raw file',
  });
}

/** What normaliseLine changed, said once for the file, at the first line it changed. */
function reportNormalised(asRead: readonly string[], normalised: readonly string[], ctx: StageContext): void {
  const first = normalised.findIndex((line, i) => line !== asRead[i]);
  if (first < 0) return;
  const counts = extractionCounts(asRead.join('\n'));
  const said = [
    counts.references ? `${counts.references} note number(s) typed with spaces inside their tags or as superscript digits read as note marks` : '',
    counts.ligatures ? `${counts.ligatures} ligature character(s) spelled out as letters (\`ﬁ\` → \`fi\`)` : '',
    counts.softHyphens ? `${counts.softHyphens} soft hyphen(s) taken out of their words (or, at a line's end, set as its hyphen)` : '',
    counts.zeroWidth ? `${counts.zeroWidth} zero-width character(s) taken out of the text` : '',
    counts.bullets ? `${counts.bullets} bullet character(s) read as list markers` : '',
  ].filter(Boolean);
  ctx.report.info('ingest', 'I-006', `the extraction's marks read as the book means them: ${said.join('; ')}`, { place: { file: ctx.sourceFile, line: first + 1, column: 1 } });
}

export function ingest(raw: string, ctx: StageContext, options: IngestOptions = {}): Ingested {
  checkReadable(raw, ctx);
  const asRead = raw.split('\n').map((line) => line.replace(/\r$/, ''));
  const rawLines = asRead.map(normaliseLine);
  reportNormalised(asRead, rawLines, ctx);
  const contents = parseContents(rawLines);
  if (!contents || contents.entries.length === 0) {
    const falling = fallingContentsPage(rawLines);
    if (falling) {
      fatal(ctx, 'I-004', `the Contents page (line ${falling.heading}) is not usable: “${falling.title}” is on page ${falling.page}, before the page ${falling.previous} of the entry above it; page numbers must rise`, falling.line, 'correct the page numbers of the Contents lines in the raw file');
    }
    const heading = rawLines.findIndex((line) => isContentsHeading(line));
    if (heading >= 0) {
      fatal(ctx, 'I-003', `the Contents page (line ${heading + 1}) gives no page numbers that can be read: the printed page of each heading is what recovers the page order`, heading + 1, 'give each Contents line its printed page number after the title (`Chapter One: Rivers and Roads`, a tab or dot leaders, `3`)');
    }
    fatal(ctx, 'I-003', 'no Contents page found: the book\'s own Contents is what recovers the page order', 1, 'the raw text needs the book\'s Contents page (lines of titles with page numbers)');
  }
  const contentsLines = new Set(contents.lines);
  const blocks = splitBlocks(raw, contentsLines);
  const edges = pageEdgeDebris(blocks);
  for (const index of edges.closing) blocks[index]!.closesPage = true;
  for (const index of edges.debris) {
    const block = blocks[index]!;
    block.pageEdge = true;
    const what = /^\d+$/.test(block.text.trim()) ? 'stands where pages meet, as a printed page number does' : 'recurs where pages meet (alike but for its numbers), as a running head or footer does';
    ctx.report.warn('ingest', 'I-020', `\`${block.text}\` ${what}; it is left out of the text`, {
      place: { file: ctx.sourceFile, line: block.span.startLine, column: 1 },
      hint: 'if it is the author\'s text, restore it with a correction',
    });
  }
  for (const block of blocks) {
    const unbalanced = unbalancedTag(block.text);
    if (!unbalanced) continue;
    const line = block.span.startLine + block.text.slice(0, unbalanced.at).split('\n').length - 1;
    ctx.report.warn('ingest', 'I-011', unbalanced.open ? `raw HTML \`<${unbalanced.tag}>\` is never closed in this paragraph; what follows it is read as plain text` : `raw HTML \`</${unbalanced.tag}>\` closes nothing in this paragraph; it is left out`, {
      place: { file: ctx.sourceFile, line, column: 1 },
      hint: unbalanced.open ? `close it with \`</${unbalanced.tag}>\` where the raised or bold text ends` : `remove it, or add the missing \`<${unbalanced.tag}>\``,
    });
  }
  const marked = findBodyHeadings(rawLines, contents);
  let matches = matchHeadings(contents, marked);
  // Entries no marked heading answers may have lost their marks: a line saying exactly the title.
  const plain = plainTitleLines(rawLines, contents, matches.flatMap((match) => (match.heading ? [] : [match.entry])));
  if (plain.length) {
    matches = matchHeadings(contents, [...marked, ...plain]);
    const plainLines = new Set(plain.map((heading) => heading.line));
    for (const block of blocks) {
      if (block.kind !== 'body' || !plainLines.has(block.span.startLine) || !matches.some((match) => match.heading?.line === block.span.startLine)) continue;
      block.kind = 'heading';
      block.headingDepth = 0;
      ctx.report.info('ingest', 'I-012', `\`${block.text}\` says exactly what the Contents entry does, though unmarked: it is read as that heading`, {
        place: { file: ctx.sourceFile, line: block.span.startLine, column: 1 },
        hint: 'if it is not the heading, mark the real one with `#` in the raw file',
      });
    }
  }

  reportUnlistedDivisions(marked, matches, ctx);
  reportCutShort(matches, blocks, ctx);

  const entryIndex = new Map(contents.entries.map((entry, i) => [entry, i]));
  const divisionHeadingLines = new Set<number>();
  const standaloneHeadingLines = new Set<number>();
  for (const match of matches) {
    if (!match.heading) {
      ctx.report.warn('ingest', 'I-010', `Contents entry “${match.entry.title}” (page ${match.entry.pageLabel}) matches no heading in the text`, {
        place: { file: ctx.sourceFile, line: match.entry.line, column: 1 },
      });
      continue;
    }
    if (match.entry.level === 'section') continue;
    divisionHeadingLines.add(match.heading.line);
    const i = entryIndex.get(match.entry)!;
    const next = contents.entries[i + 1];
    if (match.entry.level === 'part' && next && next.page > match.entry.page) standaloneHeadingLines.add(match.heading.line);
  }

  const title = options.title;
  const titleLine = title ? blocks.find((b) => b.kind === 'heading' && isBookTitle(b.text, title))?.span.startLine : undefined;
  if (titleLine !== undefined) divisionHeadingLines.add(titleLine);
  const matchedLines = new Set(matches.flatMap((match) => (match.heading ? [match.heading.line] : [])));
  const colophon = markSourceColophon(blocks, title, titleLine, matchedLines);
  if (colophon) {
    ctx.report.info('ingest', 'I-014', `lines ${blocks[colophon.from]!.span.startLine}–${blocks[colophon.to]!.span.endLine} repeat the book's title among names and dates, as the source's own colophon does: that page is set at the end of the book`, {
      place: { file: ctx.sourceFile, line: blocks[colophon.from]!.span.startLine, column: 1 },
      hint: 'if they are the book\'s text, correct the clean manuscript',
    });
  }
  const pieces = splitFragments(blocks, { divisionHeadingLines, standaloneHeadingLines, ...(titleLine !== undefined ? { titleLine } : {}) });
  const fragments = splitOversized(pieces, pageCapacity(pieces));
  const anchors = new Map<number, AnchorAt[]>();
  const lineToEntry = new Map<number, Omit<AnchorAt, 'block'>>();
  for (const match of matches) {
    if (!match.heading) continue;
    // Footnote numbers restart at every division the Contents lists above section level.
    lineToEntry.set(match.heading.line, { entry: entryIndex.get(match.entry)!, restartsNotes: match.entry.level !== 'section', page: match.entry.page, numbering: match.entry.numbering });
  }
  for (const fragment of fragments) {
    const found: AnchorAt[] = [];
    fragment.body.forEach((block, b) => {
      const hit = lineToEntry.get(block.span.startLine);
      if (hit) found.push({ ...hit, block: b });
    });
    if (found.length) anchors.set(fragment.id, found);
  }
  return { rawLines, blocks, fragments, contents, matches, anchors };
}

/**
 * Conservation: every non-whitespace character of the raw text lies in exactly one fragment block
 * or Contents line (a zero-width character that normalising took out, alone on its line, in none:
 * it is no text). Returns the offsets of characters covered zero or several times.
 */
export function conservationProblems(raw: string, ingested: Ingested): { lost: number[]; repeated: number[] } {
  const cover = new Uint8Array(raw.length);
  const mark = (start: number, end: number): void => {
    for (let k = start; k < end; k++) cover[k]!++;
  };
  for (const fragment of ingested.fragments) {
    for (const block of [...fragment.body, ...fragment.notes, ...(fragment.noteTail ? [fragment.noteTail] : [])]) mark(block.span.start, block.span.end);
  }
  // Rules (`---`) open footnote areas and carry no text, but they are characters of the raw file too.
  for (const block of ingested.blocks) if (block.kind === 'rule' || block.kind === 'contents') mark(block.span.start, block.span.end);
  const lost: number[] = [];
  const repeated: number[] = [];
  for (let k = 0; k < raw.length; k++) {
    // (nearly every character is covered once: only the others need the whitespace test)
    if (cover[k] === 1 || /\s/.test(raw[k]!) || isZeroWidth(raw[k]!)) continue;
    if (cover[k] === 0) lost.push(k);
    else if (cover[k]! > 1) repeated.push(k);
  }
  return { lost, repeated };
}
