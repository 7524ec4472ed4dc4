import { cleanTitle, normaliseTitle } from './normalise-title.js';
import { isContentsHeading, readTocLine, type TocLine } from './toc-line.js';
import type { Contents, ContentsEntry, ContentsLevel, ContentsRole } from './types.js';

/** Blank lines tolerated between two entries of one Contents chunk. */
const MAX_BLANK_GAP = 2;
/** Blank lines tolerated between a `Contents` heading and its first entry. */
const MAX_HEADING_GAP = 3;
/** Lines without a page number that may continue (or introduce) the next entry. */
const MAX_CONTINUATION_LINES = 2;
/** Entries a chunk needs to count as a Contents when no `Contents` heading introduces any chunk. */
const MIN_UNHEADED_ANCHOR = 5;

/**
 * A scattered chunk must start within this factor (plus slack) of the highest page seen so far:
 * a Contents page rarely spans more than that, while tables of years elsewhere in the text do.
 */
const MAX_PAGE_LEAP = 4;
const PAGE_LEAP_SLACK = 50;

const FRONT_WORDS = /^(?:reviews?|praise|abstract|preface|foreword|prologue|introduction|acknowledge?ments?|dedication|epigraph|note on|a note|about this|list of|abbreviations|title page|half title|copyright|frontmatter|front matter)\b/i;
const BACK_WORDS = /^(?:bibliography|references|works cited|notes|endnotes|index|glossary|appendix|appendices|afterword|epilogue|postscript|about the author|about the authors|colophon|acknowledge?ments?|backmatter|back matter|further reading|sources)\b/i;
const NUMBER = String.raw`(?:\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)`;
/** `Part One`, `BOOK II`, `Volume 3:` — a division word followed by its number (not `Part of the…`). */
const PART_WORD = new RegExp(String.raw`^(?:part|book|volume)\s+${NUMBER}(?![\p{L}\d])`, 'iu');
const CHAPTER_WORD = new RegExp(String.raw`^chapter\s+${NUMBER}(?![\p{L}\d])`, 'iu');
const ARABIC_NUMBERED = /^\d+[.:)]?\s/;
const DECIMAL_NUMBERED = /^\d+\.\d+/;
const ROMAN_NUMBERED = /^[IVXLC]+[.:)]?\s/;

interface Draft {
  toc: TocLine;
  title: string;
  pageLabel: string;
  line: number;
  level: ContentsLevel;
  role: ContentsRole;
}

interface Chunk {
  heading: number | null;
  entries: Draft[];
  first: number;
  last: number;
}

/** Sort key: roman front-matter pages before arabic ones. */
function pageKey(d: Draft): number {
  return d.toc.roman ? d.toc.page - 100_000 : d.toc.page;
}

function looksLikeContinuation(text: string): boolean {
  const t = text.trim();
  return t.length <= 120 && !/<sup>|\[\^/.test(t) && !/^#/.test(t) && !/[;,"”:]$|[^.]\.$/.test(t);
}

function findChunks(rawLines: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let chunk: Chunk | null = null;
  let heading: number | null = null;
  let headingGap = 0;
  let blanks = 0;
  let pending: { text: string; line: number }[] = [];

  const close = (): void => {
    if (chunk && chunk.entries.length > 0) chunks.push(chunk);
    chunk = null;
    pending = [];
  };

  rawLines.forEach((text, i) => {
    const line = i + 1;
    if (isContentsHeading(text)) {
      close();
      heading = line;
      headingGap = 0;
      return;
    }
    if (text.trim() === '') {
      if (pending.length > 0) close();
      blanks += 1;
      headingGap += 1;
      if (chunk && blanks > MAX_BLANK_GAP) close();
      if (heading !== null && headingGap > MAX_HEADING_GAP) heading = null;
      return;
    }
    const toc = readTocLine(text);
    if (!toc) {
      // Prose after a blank line ends the chunk (a page boundary); it may still lead into a new chunk.
      if (chunk && blanks > 0) close();
      if (!looksLikeContinuation(text) || pending.length >= MAX_CONTINUATION_LINES) {
        close();
        heading = null;
      } else {
        pending.push({ text, line });
      }
      return;
    }
    blanks = 0;
    const before = pending;
    pending = [];
    const only = before.length === 1 ? before[0] : undefined;
    const onlyBold = only !== undefined && /^\s*(?:<b>|<strong>|\*\*|__)/i.test(only.text);
    const pageless = only !== undefined && (PART_WORD.test(cleanTitle(only.text)) || (onlyBold && !toc.bold));
    // Lines before a chunk's first entry continue it only when they visibly do (a hyphen break, a lower-case
    // continuation) or a Contents heading precedes them: otherwise they end the previous page of prose.
    const lastBefore = before[before.length - 1]?.text.trim() ?? '';
    const continues = before.length > 0 && !pageless
      && (chunk !== null || heading !== null || /[-\u00ad]$/.test(lastBefore) || /^\p{Ll}/u.test(toc.title));
    const used = pageless || continues ? before : [];
    if (!chunk) {
      chunk = { heading, entries: [], first: heading ?? used[0]?.line ?? line, last: line };
      heading = null;
    }
    let title = toc.title;
    let start = line;
    if (pageless && only) {
      chunk.entries.push({ toc: { ...toc, bold: onlyBold, pageLabel: '' }, title: cleanTitle(only.text), pageLabel: '', line: only.line, level: 'chapter', role: 'body' });
    } else if (continues) {
      title = [...before.map((p) => p.text.trim()), title].join(' ');
      start = before[0]?.line ?? line;
    }
    chunk.entries.push({ toc, title: cleanTitle(title), pageLabel: toc.pageLabel, line: start, level: 'chapter', role: 'body' });
    chunk.last = line;
  });
  close();
  return chunks;
}

function monotone(entries: readonly Draft[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1];
    const b = entries[i];
    if (a && b && pageKey(b) < pageKey(a)) return false;
  }
  return true;
}

function range(c: Chunk): [number, number] {
  const keys = c.entries.map(pageKey);
  return [Math.min(...keys), Math.max(...keys)];
}

/** Chunks of one Contents: those under a `Contents` heading, plus scattered ones that fit their page gaps and look. */
function selectChunks(chunks: readonly Chunk[]): Chunk[] {
  let anchors = chunks.filter((c) => c.heading !== null && monotone(c.entries));
  if (anchors.length === 0) {
    const best = [...chunks]
      .filter((c) => c.entries.length >= MIN_UNHEADED_ANCHOR && monotone(c.entries))
      .filter((c) => c.entries.filter((e) => e.toc.separator === 'space').length * 2 < c.entries.length)
      .sort((a, b) => b.entries.length - a.entries.length)[0];
    if (!best) return [];
    anchors = [best];
  }
  const separators = new Set(anchors.flatMap((c) => c.entries.map((e) => e.toc.separator)));
  const accepted = [...anchors];
  const others = chunks
    .filter((c) => !anchors.includes(c))
    .sort((a, b) => range(a)[0] - range(b)[0] || a.first - b.first);
  let reach = Math.max(...anchors.map((c) => range(c)[1]));
  for (const c of others) {
    if (!monotone(c.entries)) continue;
    const fitting = c.entries.filter((e) => separators.has(e.toc.separator)).length;
    if (fitting * 2 < c.entries.length) continue;
    if (c.entries.length === 1) {
      const e = c.entries[0];
      if (!e || e.toc.separator === 'spaces' || e.toc.separator === 'space' || e.title.split(' ').length > 15) continue;
    }
    const [lo, hi] = range(c);
    if (lo > MAX_PAGE_LEAP * Math.max(reach, 0) + PAGE_LEAP_SLACK) continue;
    const overlaps = accepted.some((a) => {
      const [alo, ahi] = range(a);
      return lo < ahi && alo < hi;
    });
    if (!overlaps) {
      accepted.push(c);
      reach = Math.max(reach, hi);
    }
  }
  return accepted.sort((a, b) => {
    const [alo, ahi] = range(a);
    const [blo, bhi] = range(b);
    return alo - blo || ahi - bhi || a.first - b.first;
  });
}

function edgeWord(title: string): boolean {
  return FRONT_WORDS.test(title) || BACK_WORDS.test(title);
}

type Kind = 'part' | 'chapter' | 'arabic' | 'decimal' | 'roman' | 'plain';

function kindOf(title: string): Kind {
  if (PART_WORD.test(title)) return 'part';
  if (CHAPTER_WORD.test(title)) return 'chapter';
  if (DECIMAL_NUMBERED.test(title)) return 'decimal';
  if (ARABIC_NUMBERED.test(title)) return 'arabic';
  if (ROMAN_NUMBERED.test(title)) return 'roman';
  return 'plain';
}

/**
 * Levels: where the Contents mixes bold and plain lines, bold lines are divisions and plain ones sections;
 * otherwise keywords (Part/Book/Chapter), numbering (`1.` chapters, `1.1` sections) and indentation decide.
 * Returns, per entry, its level and whether it is evidently a body division (keyword or numbering);
 * front and back matter are the divisions before the first and after the last of those.
 */
function levels(entries: readonly Draft[]): { level: ContentsLevel; numbered: boolean }[] {
  const kinds = entries.map((e) => kindOf(e.title));
  const bold = entries.filter((e) => e.toc.bold).length;
  if (bold > 0 && bold < entries.length) {
    return entries.map((e, i) => {
      const k = kinds[i];
      if (k === 'part') return { level: 'part', numbered: true };
      if (!e.toc.bold) return { level: 'section', numbered: false };
      return { level: 'chapter', numbered: k !== 'plain' };
    });
  }
  const indents = [...new Set(entries.map((e) => e.toc.indent))].sort((a, b) => a - b);
  const hasChapterWord = kinds.includes('chapter');
  const hasArabic = kinds.includes('arabic');
  const rank0AllParts = entries.every((e, i) => e.toc.indent !== indents[0] || kinds[i] === 'part' || edgeWord(e.title));
  return entries.map((e, i) => {
    const k = kinds[i];
    if (k === 'part') return { level: 'part', numbered: true };
    if (k === 'chapter') return { level: 'chapter', numbered: true };
    if (indents.length >= 2) {
      const rank = indents.indexOf(e.toc.indent);
      if (indents.length >= 3) {
        if (rank === 0) return edgeWord(e.title) ? { level: 'chapter', numbered: false } : { level: 'part', numbered: true };
        return rank === 1 ? { level: 'chapter', numbered: true } : { level: 'section', numbered: false };
      }
      if (rank === 1) return rank0AllParts ? { level: 'chapter', numbered: true } : { level: 'section', numbered: false };
      return { level: 'chapter', numbered: k !== 'plain' || (!hasChapterWord && !edgeWord(e.title)) };
    }
    if (k === 'decimal') return { level: 'section', numbered: false };
    if (hasChapterWord) return { level: 'section', numbered: false };
    if (k === 'arabic') return { level: 'chapter', numbered: true };
    if (k === 'roman') return hasArabic ? { level: 'section', numbered: false } : { level: 'chapter', numbered: true };
    return { level: 'chapter', numbered: !edgeWord(e.title) };
  });
}

/** Assigns level and role: front before the first body division, back after the last one's sections. */
function classify(entries: Draft[]): void {
  const lv = levels(entries);
  let body = lv.map((l) => l.level !== 'section' && l.numbered);
  // No keyword or numbering anywhere: the divisions not named like front or back matter are the body.
  if (!body.includes(true)) body = lv.map((l, i) => l.level !== 'section' && !edgeWord(entries[i]?.title ?? ''));
  const first = body.indexOf(true);
  const last = body.lastIndexOf(true);
  // Without bold or indentation, a keyword-less line outside the chapters is a division of its own
  // (`Foreword`, `Index`), not a section.
  const bold = entries.filter((e) => e.toc.bold).length;
  const flat = (bold === 0 || bold === entries.length) && new Set(entries.map((e) => e.toc.indent)).size === 1;
  let inBack = false;
  entries.forEach((e, i) => {
    const l = lv[i];
    if (!l) return;
    e.level = l.level;
    if (first < 0 || i < first) {
      e.role = 'front';
      if (flat && e.level === 'section' && kindOf(e.title) !== 'decimal') e.level = 'chapter';
      return;
    }
    if (i <= last) {
      e.role = 'body';
      return;
    }
    if (!inBack && (e.level !== 'section' || (flat && BACK_WORDS.test(e.title)))) inBack = true;
    e.role = inBack ? 'back' : 'body';
    if (inBack && (e.level === 'part' || (flat && e.level === 'section'))) e.level = 'chapter';
  });
}

function buildTree(entries: readonly ContentsEntry[]): ContentsEntry[] {
  const tree: ContentsEntry[] = [];
  let part: ContentsEntry | null = null;
  let chapter: ContentsEntry | null = null;
  for (const e of entries) {
    if (e.level === 'part') {
      tree.push(e);
      part = e;
      chapter = null;
    } else if (e.level === 'chapter') {
      if (e.role !== 'body') part = null;
      (part ? part.children : tree).push(e);
      chapter = e;
    } else {
      const parent = chapter ?? part;
      if (parent) parent.children.push(e);
      else tree.push(e);
    }
  }
  return tree;
}

/**
 * Finds the book's own Contents in the raw extraction — possibly split into chunks scattered
 * through the file — and reads its entries. Null when nothing looks like a Contents.
 */
export function parseContents(rawLines: readonly string[]): Contents | null {
  const chunks = selectChunks(findChunks(rawLines));
  if (chunks.length === 0) return null;
  // A Contents page the raw text gives twice (the extraction repeated a sheet, or the book prints
  // it again) lists each entry twice: an entry is kept once, its first time.
  const seen = new Set<string>();
  const drafts = chunks.flatMap((c) => c.entries).filter((d) => {
    const key = `${normaliseTitle(d.title)}\u0000${d.pageLabel}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const ordered = drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => pageKey(a.d) - pageKey(b.d) || a.i - b.i)
    .map(({ d }) => d);
  classify(ordered);
  // The body counts its pages apart from the front matter: after front matter numbered in roman, or
  // from a first entry on page 1, which no count from the title page (with the Contents after it) gives.
  const arabic = ordered.filter((d) => !d.toc.roman);
  const countedApart = arabic.length > 0 && (arabic.length < ordered.length || Math.min(...arabic.map((d) => d.toc.page)) === 1);
  const entries: ContentsEntry[] = ordered.map((d) => ({
    title: d.title,
    page: d.toc.page,
    pageLabel: d.pageLabel,
    numbering: countedApart && !d.toc.roman ? 1 : 0,
    level: d.level,
    role: d.role,
    line: d.line,
    children: [],
  }));
  const lines: number[] = [];
  for (const c of chunks) for (let l = c.first; l <= c.last; l++) lines.push(l);
  return { entries, tree: buildTree(entries), lines: [...new Set(lines)].sort((a, b) => a - b) };
}
