import { isBookTitle, type ContentsEntry } from '../contents/index.js';
import { NOTE_SYMBOL_NAMES } from '../manuscript/divisions.js';
import type { Place } from '../diagnostics/diagnostic.js';
import type { Ingested } from '../ingest/index.js';
import type { BookMetadata, DivisionKind } from '../model/book.js';
import type { StageContext } from '../model/context.js';
import type { RawBlock } from '../model/page.js';
import type { Ordered } from '../order/index.js';
import { ECHO_REASON } from '../order/evidence.js';
import { isTable, isTableContinuation } from '../ingest/split-blocks.js';
import { decideCut, glue, repairInlineCuts } from '../text/hyphenation.js';
import { carryEmphasisOverCut, carryEmphasisOverJoin, continuesAddress, continuesIntoTitle, endsInName, endsInOpenItem, endsMidPhrase, endsOpen, endsWithCut, endsWithLeadIn, endsWithPageCitation, isAddressCut, isAttribution, isProse, noteEndsOpen, opensWithAddress, opensWithCapitalisedWord, opensWithRunInHead, opensWithSentenceOpener, startsContinuation } from '../text/sentence.js';
import { isDictionaryWord, type Vocabulary } from '../text/vocabulary.js';
import { convertInline, undoDoubleEscapes } from './inline.js';
import { numberPages } from './page-numbers.js';
import { alphabetiseBibliography } from './bibliography.js';

/** A list item's opening: a bullet, or a number in parentheses or before a full stop or bracket. */
const LIST_ITEM = /^(?:[-*+] |\(\d+\)\s|\d+[.)]\s)/;
/** A web address and nothing else (`<https://archive.org/details/…/p.4>`, `<<http://x.org/a>>.`, `www.x.org`). */
const BARE_ADDRESS = /^<{0,2}(?:https?:\/\/|www\.)[^\s<>]+>{0,2}[.,;]?$/u;
/** A note that already ends on its address. */
const ENDS_IN_ADDRESS = /(?:https?:\/\/|www\.)[^\s<>]*>{0,2}[\s.,;)\]]*$/u;
/** How a dedication opens (`To the hundreds of thousands…`, `In memory of…`). */
const DEDICATION = /^[*_]*(?:To|For|In (?:loving )?memory of|Dedicated to)\s/i;
/** Longer than this, a block in a reference list is a paragraph of prose (a page of a chapter set there), not an entry. */
const ENTRY_LENGTH = 400;
/** A block opening with an all-capitals word of two letters or more (`CAD/CAM files`, `NATO's`). */
const ACRONYM_OPENING = /^[*_“"‘']*\p{Lu}{2,}(?:[/&-]\p{Lu}+)*(?!\p{Ll})/u;

export type DecisionKind = 'page-join' | 'page-break-kept' | 'hyphen' | 'inline-hyphen' | 'block-quote' | 'note-tail' | 'reference-split' | 'reference-misread';

/** A choice the repair made, with its evidence: what an editor reviews. */
export interface Decision {
  kind: DecisionKind;
  confidence: 'high' | 'medium' | 'low';
  line: number;
  page: string | null;
  raw: string;
  result: string;
  evidence: string;
}

export interface RepairStats {
  pages: number;
  paragraphsJoined: number;
  pageBreaksKept: number;
  hyphensRemoved: number;
  hyphensKept: number;
  inlineCutsJoined: number;
  inlineCutsKept: number;
  /** Underscores the extraction escaped twice (`a\\_b`), now escaped once. */
  doubleEscapesUndone: number;
  notesMerged: number;
  blockQuotes: number;
  references: number;
  notes: number;
  /** Bibliography entries set elsewhere to put the list in alphabetical order (see alphabetiseBibliography). */
  bibliographyEntriesMoved: number;
  /** Rests of bibliography entries cut at a page break, joined to their entries by a note that cites the work (see alphabetiseBibliography). */
  bibliographyRestsJoined: number;
}

export interface Repaired {
  /** Clean-manuscript markdown, before normalisation and corrections. */
  markdown: string;
  stats: RepairStats;
  decisions: Decision[];
}

type Item =
  | { type: 'division'; kind: DivisionKind }
  | { type: 'heading'; depth: number; text: string; line: number }
  | { type: 'page'; label: string }
  /** `raw` is the block's first piece as extracted, `rawEnd` its last (they differ once page joins glued pieces on). */
  | { type: 'block'; text: string; raw: string; rawEnd: string; line: number; quote: boolean; listItem: boolean; table: boolean }
  | { type: 'notes' };

interface Note {
  label: string;
  text: string;
  line: number;
}

const KIND_BY_TITLE: Array<[RegExp, DivisionKind]> = [
  [/\breviews?\b|\bpraise\b/i, 'reviews'],
  [/\babstract\b/i, 'abstract'],
  [/\bpreface\b/i, 'preface'],
  [/\bforeword\b/i, 'foreword'],
  [/\bdedication\b/i, 'dedication'],
  [/\bintroduction\b/i, 'introduction'],
  [/\bbibliography\b|\breferences\b|\bworks cited\b/i, 'bibliography'],
  [/\babout the author\b/i, 'about-the-author'],
  [/\bafterword\b|\bepilogue\b/i, 'afterword'],
  [/\bappendix\b/i, 'appendix'],
  [/\bcolophon\b/i, 'colophon'],
];

function divisionKind(entry: ContentsEntry): DivisionKind {
  if (entry.level === 'part') return 'part';
  if (entry.role === 'body') return 'chapter';
  for (const [pattern, kind] of KIND_BY_TITLE) if (pattern.test(entry.title)) return kind;
  return entry.role === 'front' ? 'frontmatter' : 'backmatter';
}

function headingText(raw: string): string {
  return raw.replace(/^#+\s*/, '').replace(/^\*\*(.*)\*\*([.:]?)$/, '$1$2').replace(/<\/?b>/g, '').trim();
}

function isFootnoteEnd(text: string): boolean {
  return /\[\^[^\]]+\]\s*$/.test(text);
}

/**
 * The opening of a quotation set as a paragraph of its own that starts mid-sentence: in lowercase,
 * with an ellipsis or an editor's bracket early on (`it is established... that his [the worker’s]
 * activity …`), as a quoting author cuts in, rather than a sentence a missing page began.
 */
function opensExcerpt(raw: string): boolean {
  return /^[*_“"‘']*\p{Ll}/u.test(raw) && /\.\.\.|…|\[/u.test(raw.slice(0, 80));
}

/**
 * Ordered fragments → clean-manuscript markdown: page joins repaired (paragraphs, hyphen cuts, note
 * tails), headings ranked by the Contents, notes numbered per chapter with book-unique labels,
 * print page markers placed, block quotes recognised. Every decision is logged with its evidence.
 */
interface MisreadReference {
  /** The number printed at the reference, and the number of the note at the page's foot it refers to. */
  printed: number;
  note: number;
}

/**
 * A page's one reference whose number no note at its foot has, where exactly one note there has no
 * reference and its number falls where the reference stands among the page's other references
 * (`<sup>166</sup>` between 62 and 64, with notes 62, 63, 64), and its own number is no neighbour of
 * the page's notes: the extraction misread the number.
 * Two references run together (`<sup>8283</sup>`) leave two notes without one, and are read apart
 * instead.
 */
export function misreadReference(body: readonly RawBlock[], defined: ReadonlySet<number>): MisreadReference | null {
  if (!defined.size) return null;
  const references = body.flatMap((block) => [...block.text.matchAll(/<sup>(\d+)<\/sup>/g)].map((m) => Number(m[1])));
  const unknown = [...new Set(references.filter((n) => !defined.has(n)))];
  const unreferenced = [...defined].filter((n) => !references.includes(n));
  if (unknown.length !== 1 || unreferenced.length !== 1 || references.filter((n) => n === unknown[0]).length !== 1) return null;
  const at = references.indexOf(unknown[0]!);
  const note = unreferenced[0]!;
  // A number next to the page's own (`1` on a page of note 2) may be a note of the page before.
  const lowest = Math.min(...defined);
  const highest = Math.max(...defined);
  if (unknown[0]! >= lowest - 1 && unknown[0]! <= highest + 1) return null;
  const before = references.slice(0, at).filter((n) => defined.has(n));
  const after = references.slice(at + 1).filter((n) => defined.has(n));
  if (before.some((n) => n >= note) || after.some((n) => n <= note)) return null;
  return { printed: unknown[0]!, note };
}

/** The lowercase letters a page opens on, a whole token (a rest of a cut word: `cupancy of the…`). */
const WORD_REST = /^[\p{Ll}]+(?![\p{L}'’-])/u;

export function repair(ingested: Ingested, ordered: Ordered, metadata: BookMetadata, vocab: Vocabulary, ctx: StageContext): Repaired {
  const place = (line: number): Place => ({ file: ctx.sourceFile, line, column: 1 });
  const decisions: Decision[] = [];
  const stats: RepairStats = { pages: 0, paragraphsJoined: 0, pageBreaksKept: 0, hyphensRemoved: 0, hyphensKept: 0, inlineCutsJoined: 0, inlineCutsKept: 0, doubleEscapesUndone: 0, notesMerged: 0, blockQuotes: 0, references: 0, notes: 0, bibliographyEntriesMoved: 0, bibliographyRestsJoined: 0 };
  const numbering = numberPages(ordered.fragments, ordered.features, ingested.contents);
  for (const ignored of numbering.ignoredAnchors) {
    const entry = ingested.contents.entries[ignored.entry]!;
    ctx.report.warn('repair', 'R-030', `Contents gives “${entry.title}” page ${entry.pageLabel}, which contradicts the pages before it in the recovered order; page numbers there are estimated`, { place: place(entry.line) });
  }

  const items: Item[] = [];
  const notesByDivision: Note[][] = [[]];
  const refsSeen = new Map<string, number>(); // label → line of first reference
  const notesSeen = new Map<string, number>();
  /** Labels given to a page's own note whose number an earlier page of the chapter defined, and that page's line. */
  const relabelled = new Map<string, number>();
  let chapterKey = 'front';
  let symbolNotes = 0;
  let divisionCount = 0;
  let divisionNow: DivisionKind | null = null;
  let currentPage: string | null = null;
  let lastNote: Note | null = null;
  let lastBlockRaw: string | null = null;

  const kindCounts = new Map<DivisionKind, number>();
  /** Book-unique prefix of a division's note labels: `c3` for the third chapter, `preface`, `appendix2`. */
  const noteKey = (kind: DivisionKind): string => {
    const count = (kindCounts.get(kind) ?? 0) + 1;
    kindCounts.set(kind, count);
    if (kind === 'chapter') return `c${count}`;
    return count > 1 ? `${kind}${count}` : kind;
  };
  const pushDivision = (kind: DivisionKind): void => {
    items.push({ type: 'notes' });
    notesByDivision.push([]);
    items.push({ type: 'division', kind });
    divisionNow = kind;
    divisionCount++;
  };

  const unescape = (text: string): string => {
    const undone = undoDoubleEscapes(text);
    stats.doubleEscapesUndone += undone.count;
    return undone.text;
  };

  const inline = (block: RawBlock, pageNumbers: Set<number>, pageRefs: Map<number, string>, pageSymbols: (mark: string) => string | null): string => {
    const fixed = repairInlineCuts(unescape(block.text), vocab);
    for (const d of fixed.decisions) {
      if (d.action === 'join') stats.inlineCutsJoined++;
      else stats.inlineCutsKept++;
      decisions.push({ kind: 'inline-hyphen', confidence: d.confidence, line: block.span.startLine, page: currentPage, raw: d.original, result: d.result, evidence: d.evidence });
    }
    const symbolLabel = (mark: string): string | null => {
      const label = pageSymbols(mark);
      if (!label) {
        if (NOTE_SYMBOL.test(mark)) {
          ctx.report.warn('repair', 'R-024', `a reference marked \`${mark}\` has no note marked so on its page; the mark is kept as text`, { place: place(block.span.startLine), hint: 'add the note to the page\'s footnote area with a correction, or remove the mark' });
        }
        return null;
      }
      if (!refsSeen.has(label)) refsSeen.set(label, block.span.startLine);
      stats.references++;
      return label;
    };
    return convertInline(fixed.text, (printed) => {
      let n = printed;
      if (pageMisread && printed === pageMisread.printed && pageNumbers.has(pageMisread.note)) {
        n = pageMisread.note;
        ctx.report.warn('repair', 'R-026', `reference [${printed}] has no note on its page, and the page's note ${n} no reference, in the place its number takes among the page's references: read as [${n}]`, { place: place(block.span.startLine), hint: 'check the printed book; correct the manuscript if the reference belongs elsewhere' });
        decisions.push({ kind: 'reference-misread', confidence: 'medium', line: block.span.startLine, page: currentPage, raw: `<sup>${printed}</sup>`, result: String(n), evidence: `note ${printed} is not defined on this page; ${n} is, and nothing else on the page refers to it` });
      }
      if (!pageNumbers.size || pageNumbers.has(n)) {
        const label = pageRefs.get(n) ?? (pageNumbers.has(n) ? ownNoteLabel(n) : `${chapterKey}-${n}`);
        pageRefs.set(n, label);
        if (!refsSeen.has(label)) refsSeen.set(label, block.span.startLine);
        stats.references++;
        return [label];
      }
      // Two adjacent references extracted as one number (`<sup>8283</sup>` for 82 and 83).
      const digits = String(n);
      for (let cut = 1; cut < digits.length; cut++) {
        const a = Number(digits.slice(0, cut));
        const b = Number(digits.slice(cut));
        if (b === a + 1 && pageNumbers.has(a) && pageNumbers.has(b)) {
          decisions.push({ kind: 'reference-split', confidence: 'high', line: block.span.startLine, page: currentPage, raw: `<sup>${n}</sup>`, result: `${a}, ${b}`, evidence: `note ${n} is not defined on this page; ${a} and ${b} are` });
          return [a, b].map((m) => {
            const label = `${chapterKey}-${m}`;
            pageRefs.set(m, label);
            if (!refsSeen.has(label)) refsSeen.set(label, block.span.startLine);
            stats.references++;
            return label;
          });
        }
      }
      const label = `${chapterKey}-${n}`;
      pageRefs.set(n, label);
      if (!refsSeen.has(label)) refsSeen.set(label, block.span.startLine);
      stats.references++;
      return [label];
    }, symbolLabel);
  };

  /** The page's one reference whose number the extraction misread, and the note it refers to (see misreadReference). */
  let pageMisread: MisreadReference | null = null;

  /**
   * A page's references go to the notes at its own foot. If an earlier page of the chapter already
   * defined the number (a page of another chapter set here, or a page repeated), this page's note
   * gets a label of its own, so that both pages keep their notes linked and nothing is left out.
   */
  const ownNoteLabel = (n: number): string => {
    const label = `${chapterKey}-${n}`;
    if (!notesSeen.has(label)) return label;
    let again = `${label}-again`;
    for (let k = 2; notesSeen.has(again); k++) again = `${label}-again-${k}`;
    relabelled.set(again, notesSeen.get(label)!);
    return again;
  };

  // Words cut at a page's end, by the page they end (its raw line): a page that opens on the rest
  // of one, after a page that cuts none, is out of place.
  const pageEndCuts: Array<{ cut: string; line: number }> = ordered.fragments.flatMap((fragment) => {
    const last = fragment.body[fragment.body.length - 1];
    const cut = last ? endsWithCut(last.text) : null;
    return cut ? [{ cut, line: fragment.span.startLine }] : [];
  });
  /** The page-end cut that makes the opening, no word itself, a word the book or the word list knows. */
  const cutFinishedBy = (opening: string): { cut: string; line: number; word: string } | null => {
    const rest = WORD_REST.exec(opening)?.[0];
    if (rest === undefined || vocab.count(rest) >= 2 || isDictionaryWord(rest)) return null;
    for (const { cut, line } of pageEndCuts) {
      const decision = decideCut(cut, opening, vocab);
      if (decision.confidence === 'low' || decision.action !== 'join') continue;
      const word = decision.result.replace(/[^\p{L}'-]/gu, '');
      if (vocab.count(word.toLowerCase()) > 0 || isDictionaryWord(word)) return { cut, line, word };
    }
    return null;
  };

  /**
   * The rest of a word a page opens on, where it is no word, with the word of the book it ends (see
   * Vocabulary.wordRestOf); else null. After a page that cuts no word, its first half is on a page missing.
   */
  const orphanRest = (opening: string): { rest: string; example: string } | null => {
    const rest = WORD_REST.exec(opening)?.[0];
    if (rest === undefined) return null;
    const example = vocab.wordRestOf(rest);
    return example === null ? null : { rest, example };
  };

  /** where a page that follows a page cutting no word opens on the rest of one. */
  const reportWordRest = (opening: string, line: number): void => {
    const finished = cutFinishedBy(opening);
    if (finished) {
      ctx.report.warn('repair', 'R-012', `this page opens on \`${WORD_REST.exec(opening)![0]}\`, no word but the rest of one: \`${finished.cut}\` at the end of the page at line ${finished.line} makes \`${finished.word}\` of it, and the page before this one cuts no word: a page is misplaced, or the one before this is missing`, {
        place: place(line),
        hint: 'check the page order here in the clean manuscript',
      });
      return;
    }
    const orphan = orphanRest(opening);
    if (orphan) {
      ctx.report.warn('repair', 'R-013', `this page opens on \`${orphan.rest}\`, no word but the rest of one (as of \`${orphan.example}\`), and neither the page before it nor any other ends on a cut it finishes: a page is missing before this one`, {
        place: place(line),
        hint: 'add the missing page to the raw file, or check the page order here in the clean manuscript',
      });
    }
  };

  /** Joins a page's first paragraph onto the previous page's last one. */
  const joinAcrossPage = (previous: Extract<Item, { type: 'block' }>, openingText: string, nextRaw: string, marker: string, line: number): void => {
    const cut = endsWithCut(previous.rawEnd);
    let nextText = openingText;
    if (cut) ({ before: previous.text, after: nextText } = carryEmphasisOverCut(previous.text, nextText));
    let joined: string;
    if (cut) {
      const decision = decideCut(cut, nextText, vocab);
      const head = previous.text.slice(0, previous.text.length - cut.length);
      const firstSpace = nextText.search(/\s/);
      const word = firstSpace < 0 ? nextText : nextText.slice(0, firstSpace);
      const rest = firstSpace < 0 ? '' : nextText.slice(firstSpace);
      const glued = glue(cut, word, decision);
      joined = `${head}${glued}${marker}${rest}`;
      if (decision.action === 'join') stats.hyphensRemoved++;
      else stats.hyphensKept++;
      decisions.push({ kind: 'hyphen', confidence: decision.confidence, line, page: currentPage, raw: `${cut} / ${word}`, result: glued, evidence: decision.evidence });
      // A word cut at a page end joins the next page's first word into a word the book uses or a
      // word list knows; where neither form is known, the next page may be the wrong one.
      if (decision.confidence === 'low' && /\p{L}/u.test(word)) {
        ctx.report.warn('repair', 'R-011', `the word cut at the page end, \`${cut}\`, and this page's first word, \`${word}\`, make no word the book or the word list knows (joined as \`${glued}\`): a page may be missing or misplaced, or the source misspells the word`, {
          place: place(line),
          hint: 'check the page order here, or correct the word in the clean manuscript',
        });
      }
    } else {
      ({ before: previous.text, after: nextText } = carryEmphasisOverJoin(previous.text, nextText));
      // A dash set close up to the word before it (`joined it—`) is set close to the word after it too.
      const closedDash = /[\p{L}\p{N}”’"')\]]—$/u.test(previous.rawEnd.trimEnd());
      joined = `${previous.text}${marker}${closedDash ? '' : ' '}${nextText}`;
    }
    previous.text = joined;
    previous.rawEnd = nextRaw;
    stats.paragraphsJoined++;
  };

  /**
   * Joins an address cut at a page end onto its rest: the extraction closed the link right after the
   * cut (`<<https://www.ips->`) and may have set the rest as a list item (`- journal.eu/…/>.`); the
   * closing `>` goes back to the end of the address, and the page marker after it.
   */
  const joinAddress = (previous: Extract<Item, { type: 'block' }>, nextText: string, nextRaw: string, marker: string, line: number): void => {
    const closers = /(>+)\s*$/.exec(previous.text)?.[1] ?? '';
    previous.text = previous.text.replace(/>+\s*$/, '');
    const rest = nextText.replace(/^\s{0,3}[-*+]\s+/, '');
    const end = rest.search(/\s|$/);
    const token = rest.slice(0, end);
    const at = token.indexOf('>');
    const address = at >= 0 ? `${token.slice(0, at)}${closers}${token.slice(at)}` : `${token.replace(/[.,;]$/, '')}${closers}${token.match(/[.,;]$/)?.[0] ?? ''}`;
    joinAcrossPage(previous, `${address}${rest.slice(end)}`, nextRaw, marker, line);
  };

  // Title headings the Contents matcher read together with the bare number heading before them.
  const joinedTitleLines = new Set(ingested.matches.flatMap((m) => (m.heading?.endLine !== undefined && m.heading.endLine !== m.heading.line ? [m.heading.endLine] : [])));
  ordered.fragments.forEach((fragment, k) => {
    const starts = numbering.starts[k]!;
    const anchors = ordered.features[fragment.id]!.anchors;
    const pageNumbers = new Set(fragment.notes.flatMap((n) => (n.noteNumber === undefined ? [] : [n.noteNumber])));
    pageMisread = misreadReference(fragment.body, pageNumbers);
    const pageRefs = new Map<number, string>();
    // Notes marked with a symbol start afresh on every page: each gets a label of its own in the
    // book, made when its reference or its definition is first met (the page's heading, which
    // may open a chapter, comes before both).
    const definedSymbols = new Set(fragment.notes.flatMap((def) => (def.noteSymbol === undefined ? [] : [def.noteSymbol])));
    const symbolLabels = new Map<string, string>();
    const pageSymbols = (mark: string): string | null => {
      if (!definedSymbols.has(mark)) return null;
      let label = symbolLabels.get(mark);
      if (!label) {
        symbolNotes++;
        label = `${chapterKey}-${[...mark].map((ch) => NOTE_SYMBOL_NAMES[ch]).join('')}${symbolNotes}`;
        symbolLabels.set(mark, label);
      }
      return label;
    };
    const join = ordered.joins[k];

    // A web address that is all of a piece's text and opens no printed page stands in no page's
    // running text: it is the rest of the note before it, run over to the next page and extracted
    // apart from that page's footnote area (`<https://archive.org/…/p.4>` after a note that ends on
    // its book's year). It goes on with that note, as a footnote continuation does.
    const stranded = !fragment.noteTail && !fragment.notes.length && !starts.length && lastNote && !ENDS_IN_ADDRESS.test(lastNote.text) && fragment.body.length === 1 && BARE_ADDRESS.test(fragment.body[0]!.text.trim()) ? fragment.body[0]! : null;
    const noteTail = stranded ?? fragment.noteTail;
    // A running head or footer left at the page's edge is not the book's text (ingest reported it, I-020).
    const firstKept = fragment.body.findIndex((b) => !b.pageEdge);
    let carriedStart: (typeof starts)[number] | undefined;
    (stranded ? [] : fragment.body).forEach((block, i) => {
      let start = starts.find((s) => s.block === i);
      if (block.pageEdge) {
        carriedStart ??= start;
        return;
      }
      start ??= carriedStart;
      carriedStart = undefined;
      const marker = start ? start.label : null;
      if (start) {
        currentPage = marker;
        stats.pages++;
      }
      if (block.kind === 'heading') {
        const last = items[items.length - 1];
        if (joinedTitleLines.has(block.span.startLine) && !marker && last?.type === 'heading') {
          // The title under a bare number heading (`# Chapter One` / `## Rivers and Roads`): the Contents reads them as one.
          const title = inline({ ...block, text: headingText(block.text) }, pageNumbers, pageRefs, pageSymbols).trim();
          const label = last.text.trim();
          // (`Chapter Two: Mills and Markets`; a bare number takes a full stop, `2. Mills and Markets`)
          last.text = /[.:;—–-]$/u.test(label) ? `${label} ${title}` : /^(?:\d+|[ivxlcdm]+)$/iu.test(label) ? `${label}. ${title}` : `${label}: ${title}`;
          lastBlockRaw = null;
          return;
        }
        const anchor = anchors.find((a) => a.block === i);
        const entry = anchor ? ingested.contents.entries[anchor.entry] : undefined;
        let depth = 4;
        if (entry) {
          const kind = divisionKind(entry);
          depth = entry.level === 'section' ? 3 : entry.level === 'part' || entry.role !== 'body' ? 1 : 2;
          if (entry.level !== 'section') {
            pushDivision(kind);
            chapterKey = noteKey(kind);
          }
          if (entry.level === 'chapter' && entry.role !== 'body') depth = 2;
        } else if (k === 0 && i === firstKept && isBookTitle(block.text, metadata.title)) {
          pushDivision('titlepage');
          depth = 1;
        }
        if (marker) items.push({ type: 'page', label: marker });
        const text = inline({ ...block, text: headingText(block.text) }, pageNumbers, pageRefs, pageSymbols);
        // A heading of nothing (`# <b></b>`) that the Contents does not name is dropped, not written as an empty `#`.
        if (text.trim() !== '' || entry) items.push({ type: 'heading', depth, text, line: block.span.startLine });
        lastBlockRaw = null;
        return;
      }
      // A colophon's lines are set as lines (`Kevin A. Carson` / `Exodus` / `2021`), not run together;
      // so are an attribution's (`— ATHINA KARATZOIANNI` / `researcher on …`).
      const asLines = block.colophon || isAttribution(block.text);
      const text = asLines ? inline(block, pageNumbers, pageRefs, pageSymbols).replace(/[ \t]*\n/g, '\\\n') : inline(block, pageNumbers, pageRefs, pageSymbols);
      if (text.trim() === '') {
        // Nothing but markup (an empty `<b></b>`): the page may begin here, but there is no paragraph.
        if (marker) items.push({ type: 'page', label: marker });
        return;
      }
      // A dedication has no heading: a short line addressed to someone, opening a page of the title pages.
      if (marker && i === firstKept && divisionNow === 'titlepage' && block.text.length < 300 && DEDICATION.test(block.text)) pushDivision('dedication');
      // The source's own colophon (ingest found it, I-014): a division of the back matter.
      if (i === firstKept && block.colophon && divisionNow !== 'colophon') pushDivision('colophon');
      const previous = items[items.length - 1];
      const opensPage = i === firstKept && k > 0;
      // A table is not a sentence: nothing runs on into it or out of it. Only its own rows carry on
      // across a page (rows without a header), as more rows of the same table.
      const table = isTable(block.text);
      if (opensPage && table && previous?.type === 'block' && previous.table && isTableContinuation(block.text)) {
        const rows = marker ? text.replace(/^(\|\s*)/, `$1<!-- page ${marker} -->`) : text;
        previous.text = `${previous.text}\n${rows}`;
        previous.rawEnd = block.text;
        stats.paragraphsJoined++;
        decisions.push({ kind: 'page-join', confidence: 'medium', line: block.span.startLine, page: currentPage, raw: `${previous.raw.split('\n', 1)[0]!.slice(0, 40)} ‖ ${block.text.slice(0, 40)}`, result: 'one table', evidence: 'rows without a header open the page after a table' });
        lastBlockRaw = block.text;
        return;
      }
      const tableSide = table || (previous?.type === 'block' && previous.table);
      const addressCut = opensPage && lastBlockRaw !== null ? endsWithCut(lastBlockRaw) : null;
      if (previous?.type === 'block' && addressCut && isAddressCut(addressCut) && continuesAddress(block.text)) {
        // Only the block's first line is the address's rest; a list block's other lines are entries of their own.
        const [firstLine, ...otherLines] = text.split('\n');
        const [firstRaw, ...otherRaw] = block.text.split('\n');
        const whole = otherLines.length !== otherRaw.length;
        joinAddress(previous, whole ? text : firstLine!, whole ? block.text : firstRaw!, marker ? `<!-- page ${marker} -->` : '', block.span.startLine);
        decisions.push({ kind: 'page-join', confidence: 'high', line: block.span.startLine, page: currentPage, raw: `${lastBlockRaw!.slice(-40)} ‖ ${block.text.slice(0, 40)}`, result: 'one address', evidence: 'an address cut at the page end runs on at the top of the next page' });
        if (!whole && otherLines.length) items.push({ type: 'block', text: otherLines.join('\n'), raw: otherRaw.join('\n'), rawEnd: block.text, line: block.span.startLine + 1, quote: false, listItem: false, table: false });
        lastBlockRaw = block.text;
        return;
      }
      // A page that opens on the rest of a word after a page that cuts none: the page with the word's
      // first half stands elsewhere (R-012: a page's end cut finishes it), or is missing (R-013: none does).
      if (opensPage && block.kind === 'body' && lastBlockRaw !== null && !endsWithCut(lastBlockRaw)) reportWordRest(block.text, block.span.startLine);
      if (opensPage && !tableSide && previous?.type === 'block' && lastBlockRaw !== null && /\p{L}/u.test(lastBlockRaw)) {
        // Names, dates and titles end without a full stop too; only running prose is left unfinished.
        // In a reference list an entry is no prose, but it is left unfinished all the same (`… transcribed` ‖ `by Louis Proyect`).
        const runsOn = (isProse(lastBlockRaw) || divisionNow === 'bibliography') && endsOpen(lastBlockRaw) && !endsWithLeadIn(lastBlockRaw) && !endsWithPageCitation(lastBlockRaw);
        // A page that opens with a name or a quotation carries on a sentence left on a word that cannot
        // end one, or on a name being written (`… the German` ‖ `Postal Service`, `Massimo De` ‖ `Angelis`).
        const opensCapital = block.kind === 'body' && /^[*_“"‘']*\p{Lu}/u.test(block.text);
        const inName = endsInName(lastBlockRaw) && !opensWithSentenceOpener(block.text);
        // In a reference list, a page that opens with an entry (a name, a title, a year) starts it afresh.
        const opensEntry = divisionNow === 'bibliography' && block.text.length < ENTRY_LENGTH && /\b(1[5-9]|20)\d\d\b/.test(block.text);
        // An acronym is capitalised wherever it stands, so it tells nothing of a new sentence (`… sharing digital` ‖ `CAD/CAM files`).
        const opensAcronym = block.kind === 'body' && ACRONYM_OPENING.test(block.text);
        // A year or a number carries on a sentence left on a word that cannot end one (`… the City in` ‖ `2004. Building…`).
        const opensNumber = block.kind === 'body' && /^\d/.test(block.text) && endsMidPhrase(lastBlockRaw);
        const continues = startsContinuation(block.text) || (runsOn && block.kind === 'body' && opensWithAddress(block.text)) || (runsOn && opensNumber) || (runsOn && opensCapital && (endsMidPhrase(lastBlockRaw) || inName || opensAcronym) && !opensEntry);
        // A colon lead-in carries on into a quotation that opens in lowercase.
        const afterColon = isProse(lastBlockRaw) && /:[”"’']?$/.test(lastBlockRaw.trim()) && /^[*_“"‘']*\p{Ll}/u.test(block.text) && block.kind === 'body';
        // A list item left without closing punctuation carries on into a page that opens in lowercase.
        const itemRunsOn = endsInOpenItem(lastBlockRaw) && block.kind === 'body' && startsContinuation(block.text) && !LIST_ITEM.test(block.text);
        // A quotation broken off with an ellipsis inside a sentence that carries on (`… work force..."` ‖ `exist in "virtual" form`).
        const afterEllipsis = isProse(lastBlockRaw) && /(\.\.\.|…)[”"’']*$/u.test(lastBlockRaw.replace(/<sup>\d+<\/sup>/g, '').trim()) && block.kind === 'body' && /^[*_“"‘']*\p{Ll}/u.test(block.text);
        // The order set this page here because the book has the words across the join in this order
        // elsewhere: a work cited in a note and listed in the bibliography, whose entry the page break cut
        // (`Published in *Anarchist*` ‖ `- Studies*, edited by…`; the extraction set the rest as an item).
        // (a finished sentence before a repeated quotation is still two paragraphs)
        const repeated = join?.reasons.includes(ECHO_REASON) === true && (divisionNow === 'bibliography' || endsOpen(lastBlockRaw));
        if ((runsOn && (continues || endsWithCut(lastBlockRaw))) || afterColon || itemRunsOn || afterEllipsis || repeated) {
          joinAcrossPage(previous, repeated ? text.replace(/^\s{0,3}[-*+]\s+/, '') : text, block.text, marker ? `<!-- page ${marker} -->` : '', block.span.startLine);
          decisions.push({ kind: 'page-join', confidence: join && join.score >= 6 ? 'high' : 'medium', line: block.span.startLine, page: currentPage, raw: `${lastBlockRaw.slice(-40)} ‖ ${block.text.slice(0, 40)}`, result: 'one paragraph', evidence: join?.reasons.join('; ') ?? '' });
          lastBlockRaw = block.text;
          return;
        }
        // An excerpt opened with an ellipsis after a finished sentence is a new paragraph, as printed;
        // so is a quotation or a list after a lead-in that ends on a comma (`To quote Liddell-Hart again,`).
        const excerpt = !runsOn && (/^[*_“"]*(\.\.\.|…)/u.test(block.text) || opensExcerpt(block.text));
        const quoted = runsOn && /,[”"’']?$/.test(lastBlockRaw.trim()) && (opensCapital || /^[-*] /.test(block.text));
        // A list opening the page is the list an unfinished lead-in introduces (`… is defined by` ‖ `(1) favouring …`).
        const listed = runsOn && LIST_ITEM.test(block.text);
        // A reference list's entries end on titles, dates and places as often as on a full stop.
        const entries = runsOn && !continues && divisionNow === 'bibliography' && lastBlockRaw.length < ENTRY_LENGTH;
        // Paragraphs that each open with a run-in head (`**Land Ownership.** The right …`) are entries
        // of a list set as paragraphs, which need not end on a full stop either.
        const runIn = runsOn && opensWithRunInHead(block.text) && opensWithRunInHead(previous.raw);
        if (listed || entries || runIn) {
          decisions.push({ kind: 'page-break-kept', confidence: 'medium', line: block.span.startLine, page: currentPage, raw: `${lastBlockRaw.slice(-40)} ‖ ${block.text.slice(0, 40)}`, result: 'two paragraphs', evidence: listed ? 'a list opens the page after a lead-in' : entries ? 'entries of a reference list need not end on a full stop' : 'a run-in head opens the page, as it opened the paragraph before' });
        }
        if ((runsOn || continues) && !excerpt && !quoted && !listed && !entries && !runIn) {
          stats.pageBreaksKept++;
          decisions.push({ kind: 'page-break-kept', confidence: 'low', line: block.span.startLine, page: currentPage, raw: `${lastBlockRaw.slice(-40)} ‖ ${block.text.slice(0, 40)}`, result: 'two paragraphs', evidence: runsOn ? 'previous page stops mid-sentence, but this one starts a new sentence' : 'this page starts mid-sentence, but the previous one finished its sentence' });
          ctx.report.warn('repair', 'R-010', runsOn ? 'the paragraph before this page stops mid-sentence and this page does not continue it: a page may be missing or misplaced' : 'this page starts mid-sentence but the page before it ends a sentence: a page may be missing or misplaced', { place: place(block.span.startLine) });
        }
      }
      // Inside a fragment, a paragraph broken off mid-sentence and carried on in lowercase is either a
      // quotation run into the text (it then ends on its citation) or a page break nothing else showed.
      const prevRaw = fragment.body.slice(0, i).findLast((b) => !b.pageEdge);
      const carriedOn = !!prevRaw && prevRaw.kind === 'body' && previous?.type === 'block' && !tableSide && endsOpen(prevRaw.text) && !endsWithLeadIn(prevRaw.text) && (startsContinuation(block.text) || continuesIntoTitle(prevRaw.text, block.text)) && !/^\s*([-*]|\d+\.)\s/.test(block.text);
      // A run-in quotation follows a lead-in (`…the reality is that` / `As Marx put it,`) and ends on its citation.
      const leadIn = !!prevRaw && /(,|\b(that|as|wrote|writes|said|says|argued|argues|put it|noted|notes|observed|explained))[”"’']?$/i.test(prevRaw.text.replace(/<sup>\d+<\/sup>/g, '').trim());
      if (carriedOn && !(leadIn && isFootnoteEnd(text)) && !marker) {
        if (!endsWithCut(prevRaw.text)) reportWordRest(block.text, block.span.startLine);
        joinAcrossPage(previous, text, block.text, '', block.span.startLine);
        decisions.push({ kind: 'page-join', confidence: 'low', line: block.span.startLine, page: currentPage, raw: `${prevRaw.text.slice(-40)} ‖ ${block.text.slice(0, 40)}`, result: 'one paragraph', evidence: 'the sentence carries on into a block that does not end on a citation, so it is not a quotation' });
        lastBlockRaw = block.text;
        return;
      }
      // Inside a fragment, a paragraph that opens mid-sentence after one that finished its sentence
      // (not on a colon, nor an excerpt with an ellipsis or an editor's bracket early on: quotations
      // taken up in the middle) is the top of another page the extraction ran into this one (ingest
      // keeps such a piece on its page when the page's notes come after it), or a page is missing:
      // kept, and said, as at a page's top.
      if (i !== firstKept && !marker && !tableSide && prevRaw?.kind === 'body' && block.kind === 'body' && isProse(prevRaw.text) && !endsOpen(prevRaw.text) && !endsOnColon(prevRaw.text) && /^\p{Ll}/u.test(block.text) && !LIST_ITEM.test(block.text) && !opensExcerpt(block.text)) {
        stats.pageBreaksKept++;
        decisions.push({ kind: 'page-break-kept', confidence: 'low', line: block.span.startLine, page: currentPage, raw: `${prevRaw.text.slice(-40)} ‖ ${block.text.slice(0, 40)}`, result: 'two paragraphs', evidence: 'this paragraph starts mid-sentence, but the one before it on the page finished its sentence' });
        ctx.report.warn('repair', 'R-010', 'this paragraph starts mid-sentence but the one before it on its page ends a sentence: the top of another page may have run into this one, or a page is missing', { place: place(block.span.startLine) });
      }
      if (marker) items.push({ type: 'page', label: marker });
      items.push({ type: 'block', text, raw: block.text, rawEnd: block.text, line: block.span.startLine, quote: carriedOn, listItem: false, table });
      lastBlockRaw = block.text;
    });

    if (noteTail) {
      const tail = { ...noteTail, text: unescape(noteTail.text) };
      if (lastNote) {
        // A continuation that opens a sentence of its own after a note that finished its own is
        // as likely another page's note run over (the page it followed is misplaced): joined all
        // the same, so no text is lost, and reported.
        const doubtful = !noteEndsOpen(lastNote.text) && opensWithCapitalisedWord(tail.text);
        if (doubtful) {
          ctx.report.warn('repair', 'R-027', `this footnote continuation opens a sentence of its own after note ${lastNote.label}, which is finished; it is joined to that note, but may be the rest of another page's note`, {
            place: place(tail.span.startLine),
            hint: 'check the end of the note in the clean manuscript, and move the text with a correction if it belongs to another note',
          });
        }
        const cut = endsWithCut(lastNote.text);
        if (cut) {
          ({ before: lastNote.text, after: tail.text } = carryEmphasisOverCut(lastNote.text, tail.text));
          const decision = decideCut(cut, tail.text, vocab);
          const first = tail.text.split(/\s/, 1)[0] ?? '';
          const glued = glue(cut, first, decision);
          lastNote.text = lastNote.text.slice(0, -cut.length) + glued + tail.text.slice(first.length);
        } else {
          lastNote.text = `${lastNote.text} ${tail.text}`;
        }
        stats.notesMerged++;
        const evidence = stranded ? 'a web address alone, after a note that gives none' : doubtful ? 'unnumbered text opening the footnote area, a sentence of its own after a finished note' : 'unnumbered text opening the footnote area';
        decisions.push({ kind: 'note-tail', confidence: doubtful ? 'low' : stranded ? 'medium' : 'high', line: tail.span.startLine, page: currentPage, raw: tail.text.slice(0, 60), result: `joined to note ${lastNote.label}`, evidence });
      } else {
        ctx.report.error('repair', 'R-023', 'a footnote continuation opens this page but no note precedes it; kept as a note of its own', { place: place(tail.span.startLine) });
        const note = { label: `${chapterKey}-tail${tail.span.startLine}`, text: tail.text, line: tail.span.startLine };
        notesByDivision[notesByDivision.length - 1]!.push(note);
      }
    }
    for (const def of fragment.notes) {
      if (def.noteSymbol !== undefined) {
        const label = pageSymbols(def.noteSymbol)!;
        if (notesSeen.has(label)) {
          ctx.report.error('repair', 'R-022', `the note marked \`${def.noteSymbol}\` is defined twice on this page (first on line ${notesSeen.get(label)}); the second is kept as ${label}-again`, { place: place(def.span.startLine) });
        }
        const note = { label: notesSeen.has(label) ? `${label}-again` : label, text: convertInline(unescape(def.text.replace(/^<sup>[^<]*<\/sup>\s*/, '')), () => null), line: def.span.startLine };
        notesSeen.set(note.label, def.span.startLine);
        notesByDivision[notesByDivision.length - 1]!.push(note);
        lastNote = note;
        stats.notes++;
        continue;
      }
      const n = def.noteNumber!;
      const label = pageRefs.get(n) ?? `${chapterKey}-${n}`;
      const body = convertInline(unescape(def.text.replace(/^<sup>\d+<\/sup>\s*/, '')), () => null);
      const firstDefined = relabelled.get(label);
      if (firstDefined !== undefined && !notesSeen.has(label)) {
        ctx.report.warn('repair', 'R-025', `note ${n} was defined on an earlier page of this chapter too (line ${firstDefined}); this page's references link to its own note, kept as ${label}`, { place: place(def.span.startLine), hint: 'a page is misplaced or repeated: check the page order around both notes' });
      }
      if (notesSeen.has(label)) {
        ctx.report.error('repair', 'R-022', `note ${n} is defined twice in this chapter (first on line ${notesSeen.get(label)}); the second is kept as ${label}-again`, { place: place(def.span.startLine) });
        const note = { label: `${label}-again`, text: body, line: def.span.startLine };
        notesByDivision[notesByDivision.length - 1]!.push(note);
        lastNote = note;
        continue;
      }
      notesSeen.set(label, def.span.startLine);
      const note = { label, text: body, line: def.span.startLine };
      notesByDivision[notesByDivision.length - 1]!.push(note);
      lastNote = note;
      stats.notes++;
    }
  });
  items.push({ type: 'notes' });

  for (const [label, line] of refsSeen) {
    if (!notesSeen.has(label)) ctx.report.error('repair', 'R-020', `reference [${label.split('-').pop()}] has no note in its chapter`, { place: place(line), hint: 'add the note with a correction, or remove the reference' });
  }
  for (const [label, line] of notesSeen) {
    if (!refsSeen.has(label)) ctx.report.error('repair', 'R-021', `note ${label.split('-').pop()} is never referenced in its chapter`, { place: place(line), hint: 'a page with its reference may be missing' });
  }

  markBlockQuotes(items, decisions, stats);
  const bibliography = alphabetiseBibliography(render(items, notesByDivision, refsSeen));
  stats.bibliographyEntriesMoved = bibliography.moved;
  if (bibliography.moved) {
    ctx.report.info('repair', 'R-040', `${bibliography.moved} of the bibliography's ${bibliography.entries} entries were out of alphabetical order in the recovered page order and are set in order (the print page markers keep their places in the list)`, { hint: 'check the bibliography in the clean manuscript' });
  }
  stats.bibliographyRestsJoined = bibliography.joined.length;
  if (bibliography.joined.length) {
    ctx.report.info('repair', 'R-042', `${bibliography.joined.length} rests of bibliography entries cut at a page break stood as entries of their own and are joined to the entries they finish, where a note cites the work with the words across the join in that order: ${bibliography.joined.map(({ rest, entry }) => `\`${rest.slice(0, 30)}…\` to \`${entry.slice(0, 30)}…\``).join('; ')}`, { hint: 'check those entries in the clean manuscript' });
  }
  if (bibliography.brought.length) {
    const names = bibliography.brought.map((text) => `\`${text.slice(0, 40)}…\``).join(', ');
    ctx.report.warn('repair', 'R-041', `${bibliography.brought.length} of the bibliography's entries stood outside it, in the back matter after it or in a chapter (a page of them, or one at a page's top), where the recovered page order left part of a list page: they are set in the bibliography (${names})`, { hint: 'check the end of the bibliography, and where the entries stood, in the clean manuscript' });
  }
  return { markdown: bibliography.markdown, stats, decisions };
}

/**
 * Quotations the extraction flattened into paragraphs: a paragraph that opens with an ellipsis, or
 * that follows a lead-in (a colon, or `To quote Guy Standing`, see endsWithLeadIn) and closes on a
 * footnote reference (the citation of the quote); a paragraph that opens in lowercase after one
 * ending on a colon (a quotation taken up mid-sentence).
 */
function markBlockQuotes(items: Item[], decisions: Decision[], stats: RepairStats): void {
  let kind: DivisionKind | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.type === 'division') kind = item.kind;
    if (item.type !== 'block' || item.table) continue;
    // The extraction kept this quotation's own marks: quoting it again would nest it in itself.
    if (ALREADY_QUOTED.test(item.raw)) {
      item.quote = false;
      continue;
    }
    if (kind === 'bibliography') {
      item.listItem = !/^\s*[-*] /.test(item.raw);
      continue;
    }
    let previous: Item | undefined;
    for (let j = i - 1; j >= 0 && !previous; j--) if (items[j]!.type !== 'page') previous = items[j];
    let evidence: string | null = item.quote ? 'a paragraph broken off mid-sentence carries on in lowercase on the same page' : null;
    if (!evidence && /^(\.\.\.|…)/.test(item.raw.replace(/^[*_“"]+/, ''))) evidence = 'opens with an ellipsis (an excerpt)';
    if (!evidence && !LIST_ITEM.test(item.raw) && opensExcerpt(item.raw) && isFootnoteEnd(item.text)) evidence = 'opens mid-sentence, with an ellipsis or an editor’s bracket early on, and ends on its citation (an excerpt)';
    if (!evidence && previous?.type === 'block' && !previous.quote && endsWithLeadIn(previous.rawEnd) && isFootnoteEnd(item.text) && !/^\s*([-*]|\d+\.) /.test(item.raw)) {
      evidence = 'follows a lead-in and ends on its citation';
    }
    // (`…called “participatory democracy”:` ‖ `a democracy of individual participation, governed…`)
    if (!evidence && previous?.type === 'block' && !previous.quote && endsOnColon(previous.rawEnd) && /^\p{Ll}/u.test(item.raw) && !/^\s*([-*]|\d+\.) /.test(item.raw)) {
      evidence = 'follows a lead-in on a colon and opens mid-sentence, as a quotation taken up in the middle';
    }
    if (!evidence) continue;
    item.quote = true;
    stats.blockQuotes++;
    decisions.push({ kind: 'block-quote', confidence: 'medium', line: item.line, page: null, raw: item.raw.slice(0, 60), result: 'block quote', evidence });
  }
  // A quotation of several paragraphs: the one between the lead-in and a paragraph found to be
  // quoted, without a citation of its own, is the quotation's first (`Frédéric Tufferd wrote:` ‖
  // `The most incredible confusion is…` ‖ `...Then, during the Second Empire…`).
  const blocks = items.flatMap((item, at) => (item.type === 'block' || item.type === 'heading' || item.type === 'division' ? [at] : []));
  blocks.forEach((at, k) => {
    const [before, item, after] = [items[blocks[k - 1] ?? -1], items[at]!, items[blocks[k + 1] ?? -1]];
    if (item.type !== 'block' || item.quote || item.table || item.listItem || before?.type !== 'block' || before.quote || after?.type !== 'block' || !after.quote) return;
    if (!endsWithLeadIn(before.rawEnd) || isFootnoteEnd(item.text) || /^\s*([-*]|\d+\.) /.test(item.raw)) return;
    item.quote = true;
    stats.blockQuotes++;
    decisions.push({ kind: 'block-quote', confidence: 'medium', line: item.line, page: null, raw: item.raw.slice(0, 60), result: 'block quote', evidence: 'between a lead-in and a paragraph quoted, without a citation of its own: the quotation’s first paragraph' });
  });
}

/** A paragraph that ends on a colon, before its note references: a lead-in to what follows it. */
function endsOnColon(text: string): boolean {
  return /:[”"’']?$/u.test(text.replace(/(?:<sup>\d+<\/sup>)+\s*$/u, '').trim());
}

function indentNote(text: string): string {
  return text.split(/\n\s*\n/).map((para, i) => (i === 0 ? para : para.split('\n').map((l) => `    ${l}`).join('\n'))).join('\n\n');
}

/** The marks of notes a book marks with symbols (see NOTE_SYMBOL_NAMES). */
const NOTE_SYMBOL = /^[*†‡§¶‖]{1,3}$/u;

/** A block the extraction already set as a quotation (`> The bridge shall be kept…`). */
const ALREADY_QUOTED = /^\s{0,3}>/;

/** A rendered block that opens as a list item (a bullet, or a number and a full stop or bracket). */
const RENDERED_LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)]) /;

/** A section break set as a row of asterisks, escaped or not (`***`, `\*\*\*`, `* * *`), or an asterism. */
const SECTION_BREAK = /^\s*(?:(?:\\?\*\s*){3,}|⁂)\s*$/u;

function render(items: Item[], notesByDivision: Note[][], refsSeen: Map<string, number>): string {
  const out: string[] = [];
  let notesIndex = 0;
  let tightAfter = false;
  items.forEach((item, at) => {
    const glue = tightAfter;
    tightAfter = false;
    switch (item.type) {
      case 'division':
        out.push(`<!-- division: ${item.kind} -->`);
        break;
      case 'heading':
        out.push(`${'#'.repeat(item.depth)} ${item.text}`);
        break;
      case 'page': {
        const marker = `<!-- page ${item.label} -->`;
        // Between two items of a list, a marker of its own would end the list and start another:
        // it goes at the end of the item before (where the page begins, in the reading order).
        const before = out[out.length - 1];
        const next = items[at + 1];
        if (before !== undefined && RENDERED_LIST_ITEM.test(before.slice(before.lastIndexOf('\n') + 1)) && next?.type === 'block' && !next.quote && (next.listItem || RENDERED_LIST_ITEM.test(next.text))) {
          out[out.length - 1] = `${before}${marker}`;
          // A tight list (items on successive lines) stays tight across the page.
          tightAfter = before.includes('\n') || next.text.includes('\n');
        } else out.push(marker);
        break;
      }
      case 'block': {
        // A row of asterisks the extraction escaped (`\*\*\*`) is the book's section break, not text.
        if (!item.listItem && !item.quote && SECTION_BREAK.test(item.text)) {
          out.push('---');
          break;
        }
        let text = item.text;
        if (item.listItem) text = `- ${text.replace(/\n/g, ' ')}`;
        if (item.quote) text = text.split('\n').map((l) => `> ${l}`).join('\n');
        if (glue) out[out.length - 1] += `\n${text}`;
        else out.push(text);
        break;
      }
      case 'notes': {
        const notes = notesByDivision[notesIndex++] ?? [];
        for (const note of notes) {
          // A note no reference points to would vanish from the editions; keep it reachable.
          const orphan = !refsSeen.has(note.label) ? ' (unreferenced)' : '';
          out.push(`[^${note.label}]: ${indentNote(note.text)}${orphan}`);
        }
        break;
      }
    }
  });
  // A division comment directly before a heading must stay its own html block.
  return out.filter((s) => s.trim() !== '').join('\n\n') + '\n';
}
