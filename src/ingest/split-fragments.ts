import type { Fragment, RawBlock, Span } from '../model/page.js';
import { continuesIntoTitle, endsOpen, endsWithCut, endsWithLeadIn, isCredit, isProse, leadsIntoList, opensWithRunInHead, startsContinuation } from '../text/sentence.js';
import { isDictionaryWord } from '../text/vocabulary.js';
import { ENTRY, isCitation } from '../text/citation.js';
import { isFolio } from './debris.js';

export interface FragmentOptions {
  /** Raw lines of headings that open a part or chapter (from the Contents): a page boundary always precedes them. */
  divisionHeadingLines?: ReadonlySet<number>;
  /** Raw lines of headings that stand alone on their page (a part title whose next Contents entry is on a later page). */
  standaloneHeadingLines?: ReadonlySet<number>;
  /** Raw line of the title page's heading: the title page holds names and dates, so the first prose after it is another page. */
  titleLine?: number;
}

function spanOf(blocks: readonly RawBlock[]): Span {
  const first = blocks[0]!.span;
  const last = blocks[blocks.length - 1]!.span;
  return { startLine: first.startLine, endLine: last.endLine, start: first.start, end: last.end };
}

/**
 * Whether a fragment's cut reason (see mustBreakBetween, splitFragments) is one the text gives
 * inside a page's run of text, a cut word, a sentence carried on or broken off, or a footnote area:
 * so the fragment before it ends where a page ends, not where a division does.
 */
export function cutInsideText(cutReason: string): boolean {
  return /cut word|mid-sentence|footnote area ended|notes this page does not define/.test(cutReason);
}

/** Whether a page boundary must fall between two body blocks that the extraction gave one after the other. */
function mustBreakBetween(previous: RawBlock, next: RawBlock, divisionLines: ReadonlySet<number>): string | null {
  if (divisionLines.has(next.span.startLine)) return `a part/chapter heading (line ${next.span.startLine}) starts a new page`;
  // A printed page number the extraction kept (ingest marked it) ends its page, as the foot of a
  // page; what comes before it on the page, finished or not, is that page's.
  if (isFolio(next)) return null;
  if (isFolio(previous)) return `the page number on line ${previous.span.startLine} ends its page`;
  // (a division's closing line, as a preface's date, ends the division and its page: see debris.ts)
  if (previous.closesPage) return `the closing line on line ${previous.span.startLine} ends its division's page`;
  if (!!previous.colophon !== !!next.colophon) return next.colophon ? `the source's colophon begins at line ${next.span.startLine}` : `the source's colophon ends before line ${next.span.startLine}`;
  // A heading is never followed on its page by the middle of a sentence, nor preceded by an unfinished one.
  if (previous.kind === 'heading') return next.kind === 'body' && /^\p{Ll}/u.test(next.text) ? `line ${next.span.startLine} opens mid-sentence right after a heading` : null;
  if (next.kind === 'heading') {
    if (endsWithCut(previous.text)) return `line ${previous.span.endLine} ends in a cut word before a heading`;
    return isProse(previous.text) && endsOpen(previous.text) && !endsWithLeadIn(previous.text) ? `line ${previous.span.endLine} stops mid-sentence before a heading` : null;
  }
  // A paragraph is one line in the extraction: a word cut by a hyphen at its end was cut by a page end.
  const cut = endsWithCut(previous.text);
  if (cut) return `line ${previous.span.endLine} ends in the cut word \`${cut}\``;
  // Likewise a paragraph that opens with the tail of a cut word (`ents trapped in…`) opens a page.
  const head = /^(\p{Ll}+)[\s,.;:]/u.exec(next.text)?.[1];
  if (head && head.length > 1 && !isDictionaryWord(head)) return `line ${next.span.startLine} opens with \`${head}\`, the end of a cut word`;
  // Paragraphs inside a page are whole: one that stops mid-sentence must be the last on its page,
  // unless the next block plainly carries on (lowercase start, or the list a lead-in announces).
  if (isProse(previous.text) && endsOpen(previous.text) && !endsWithLeadIn(previous.text) && !isCredit(previous.text) && !startsContinuation(next.text) && !leadsIntoList(previous.text, next.text) && !leadsIntoQuotation(previous.text, next.text) && !continuesIntoTitle(previous.text, next.text) && !(opensWithRunInHead(previous.text) && opensWithRunInHead(next.text)) && !listGoesOn(previous.text, next.text)) {
    return `line ${previous.span.endLine} stops mid-sentence but line ${next.span.startLine} starts a new sentence`;
  }
  // And a paragraph that finished its sentence is not followed on its page by one that opens in
  // the middle of a sentence (an excerpt opened with an ellipsis or a bracket is not that).
  if (resumesAfterFinished(previous, next)) {
    return `line ${previous.span.endLine} finishes a sentence but line ${next.span.startLine} opens mid-sentence`;
  }
  return null;
}

/**
 * An item left on a semicolon before another item (`…involved in the production of the service;`
 * + `- opening the boundaries…`): a list whose items end so, not a sentence left unfinished.
 */
function listGoesOn(previous: string, next: string): boolean {
  return /;[”"’')\]]*$/u.test(previous.trim()) && /^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s/u.test(next);
}

function resumesAfterFinished(previous: RawBlock, next: RawBlock): boolean {
  return isProse(previous.text) && !endsOpen(previous.text) && !/:[”"’']?$/.test(previous.text) && /^\p{Ll}/u.test(next.text);
}

/**
 * A sentence left on a comma before a paragraph that opens as a sentence of its own: the lead-in to
 * a quotation (`At a community assembly in the London area,` + `People wonder if…`; `Martin Buber
 * writes,` + `[Proudhon] divined…`), which the same page holds as often as not.
 */
function leadsIntoQuotation(previous: string, next: string): boolean {
  return /,[”"’']?$/u.test(previous.replace(/(?:<sup>\d+<\/sup>)+\s*$/u, '').trim()) && /^(?:[“"‘'(\[]|\.\.\.|…)*\p{Lu}/u.test(next);
}

/** A block after an unfinished note that reads as more of that note rather than the start of a page. */
function continuesNote(note: RawBlock, block: RawBlock): boolean {
  if (block.kind !== 'body' || block.refs.length) return false;
  // A note that ends on a colon goes on as the list it announces (`See:` + `- the first ledger;`).
  if (/:[”"’']?$/u.test(note.text.trim()) && /^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s/u.test(block.text)) return true;
  if (!endsOpen(note.text)) return false;
  // Only what cannot open a page of prose: an address or a bracketed reference (`<<https://…>>. Accessed …`),
  // or a short block whose next line is the address (`Amherst, Massachusetts, November 14, 1992` / `<<http://…>>.`).
  if (block.text.length >= 400) return false;
  return /^(<|\[|\(|https?:|www\.)/.test(block.text) || /\n\s*<{0,2}(https?:|www\.)/.test(block.text);
}

/**
 * Whether the prose paragraph at `at`, after the notes of a page of a list of works, is more of its
 * footnote: a page of such a list is entries, so prose after its notes that the next page's entries
 * follow (a note that quotes a letter, run on over paragraphs) is its footnote's, not a page of its own.
 */
function runsOnInListFootnote(body: readonly RawBlock[], blocks: readonly RawBlock[], at: number): boolean {
  // An entry cites a work (a name first, a year), or is one cut before its year: a name first and
  // more names and titles than running prose. (A list page's body may also hold the rest of an
  // entry cut at the page before: an address, a lowercase rest.)
  const isEntry = (b: RawBlock): boolean => b.kind === 'body' && (isCitation(b.text) || (ENTRY.test(b.text) && !isProse(b.text)));
  if (!body.length || body.filter(isEntry).length < LIST_SHARE * body.length || !isEntry(body[body.length - 1]!)) return false;
  const footnoteProse = (b: RawBlock | undefined): boolean => !!b && b.kind === 'body' && !b.refs.length && isProse(b.text) && !isCitation(b.text);
  let next = at;
  while (next < blocks.length && next - at < MAX_FOOTNOTE_PARAGRAPHS && footnoteProse(blocks[next])) next++;
  const after = blocks[next];
  return next > at && !!after && after.kind === 'body' && isCitation(after.text);
}

/** How a note cites a work it has already named: *Ibid.* or *op. cit.* and a page (`*Ibid.*, pp. 62–63`). */
const NOTE_CITATION = /\b(?:ibid|op\.\s*cit)\.?[*_]*,?\s*pp?\.\s*[\divxlc]+/iu;

/**
 * Whether the block at `at`, after a footnote area's last note, is more of that note: a note of
 * several paragraphs (an argument of its own, with the passages it quotes) is extracted as a
 * numbered paragraph and unnumbered ones after it, which read as the next page's body but for
 * citing as the notes do (`… measures. *Ibid.*, pp. 62–63.`). Such a paragraph, and any between
 * the note and it that refer to no note, go on with the note. Only in a book whose body never
 * cites so (`notesCiteApart`): where the text cites its sources inline, this tells nothing.
 */
function runsOnAsCitingNote(blocks: readonly RawBlock[], at: number): boolean {
  for (let next = at; next < blocks.length && next - at < MAX_FOOTNOTE_PARAGRAPHS; next++) {
    const block = blocks[next]!;
    if (block.kind !== 'body' || block.refs.length) return false;
    if (NOTE_CITATION.test(block.text)) return true;
  }
  return false;
}

/** Whether no paragraph that refers to a note cites as the notes do (see runsOnAsCitingNote). */
function notesCiteApart(blocks: readonly RawBlock[]): boolean {
  return !blocks.some((block) => block.kind === 'body' && block.refs.length > 0 && NOTE_CITATION.test(block.text));
}

/** The share of a page's body blocks that must open as entries for the page to be a list's. */
const LIST_SHARE = 0.75;

/** Paragraphs of prose a footnote of a list page may run on over (see runsOnInListFootnote). */
const MAX_FOOTNOTE_PARAGRAPHS = 12;

/** Where a page boundary is possible but unproven: a finished block followed by a fresh one. */
function mayBreakBetween(previous: RawBlock, next: RawBlock): boolean {
  // (a division's closing line ends its page: see ingest/debris.ts)
  if (previous.kind === 'heading' || next.closesPage) return false;
  if (previous.closesPage) return true;
  return !endsOpen(previous.text) && !startsContinuation(next.text);
}

interface OpenFragment {
  body: RawBlock[];
  noteTail: RawBlock | null;
  notes: RawBlock[];
  cutReason: string;
  /** Cut from the previous group by body evidence, not by a footnote area ending: the two were one run of text. */
  cutInsideRun: boolean;
  /** Cut only because it opens mid-sentence after a finished one (see settleNotes). */
  opensAfterFinished?: boolean;
  /** Holds only a heading that stands alone on its page (a part title): the other page of its sheet is all the rest. */
  headingAlone?: boolean;
}

/**
 * Groups raw blocks into fragments: pieces that certainly lie on one book page.
 * A fragment ends where its footnote area ends and body text begins again, and is cut inside its
 * body wherever the text proves a page boundary (a sentence broken off and a new one begun, a
 * part or chapter opening). Footnote definitions go with the piece whose body references them.
 */
export function splitFragments(blocks: readonly RawBlock[], options: FragmentOptions = {}): Fragment[] {
  const divisionLines = options.divisionHeadingLines ?? new Set<number>();
  const standalone = options.standaloneHeadingLines ?? new Set<number>();
  const groups: OpenFragment[] = [];
  let current: OpenFragment = { body: [], noteTail: null, notes: [], cutReason: 'start of file', cutInsideRun: false };
  let inNotes = false;
  let afterRule = false;
  const citingRunsOn = notesCiteApart(blocks);

  const close = (reason: string, insideRun = false): void => {
    if (current.body.length || current.notes.length || current.noteTail) groups.push(current);
    current = { body: [], noteTail: null, notes: [], cutReason: reason, cutInsideRun: insideRun };
    inNotes = false;
    afterRule = false;
  };

  for (let at = 0; at < blocks.length; at++) {
    const block = blocks[at]!;
    if (block.kind === 'contents') continue;
    if (block.kind === 'rule') {
      if (inNotes && current.notes.length) close(`footnote area ended (line ${block.span.startLine})`);
      inNotes = true;
      afterRule = true;
      current.notes.push(block);
      continue;
    }
    if (block.kind === 'note') {
      inNotes = true;
      afterRule = false;
      current.notes.push(block);
      continue;
    }
    if (inNotes) {
      const lastNote = current.notes[current.notes.length - 1];
      if (lastNote?.kind === 'note' && continuesNote(lastNote, block)) {
        // A note's second paragraph (often its URL) was extracted as a block of its own.
        lastNote.text += `\n\n${block.text}`;
        lastNote.span = { ...lastNote.span, endLine: block.span.endLine, end: block.span.end };
        continue;
      }
      if (afterRule && !current.noteTail && block.kind === 'body') {
        // Text between the rule and the first numbered note finishes the previous page's last note.
        current.noteTail = block;
        afterRule = false;
        continue;
      }
      const holder = lastNote?.kind === 'note' ? lastNote : current.noteTail;
      if (holder && (runsOnInListFootnote(current.body, blocks, at) || (citingRunsOn && runsOnAsCitingNote(blocks, at)))) {
        holder.text += `\n\n${block.text}`;
        holder.span = { ...holder.span, endLine: block.span.endLine, end: block.span.end };
        continue;
      }
      close(`footnote area ended before line ${block.span.startLine}`);
    }
    const previous = current.body[current.body.length - 1];
    let reason = previous ? mustBreakBetween(previous, block, divisionLines) : null;
    if (!reason && previous && standalone.has(previous.span.startLine)) {
      reason = `the heading on line ${previous.span.startLine} stands alone on its page`;
      current.headingAlone = current.body.length === 1;
    }
    if (!reason && previous && current.body[0]?.span.startLine === options.titleLine && (block.kind === 'heading' || isProse(block.text))) {
      reason = `${block.kind === 'heading' ? 'a heading' : 'prose'} on line ${block.span.startLine} cannot be on the title page`;
    }
    if (reason) {
      close(reason, true);
      // (the last rule of mustBreakBetween, and no other, cut here)
      current.opensAfterFinished = reason.endsWith('opens mid-sentence') && resumesAfterFinished(previous!, block);
    }
    current.body.push(block);
  }
  close('end of file');
  settleNotes(groups);
  const split = groups.flatMap(splitForeignReferences);
  settleNotes(split);
  return split.filter((g) => g.body.length || g.notes.length || g.noteTail).map((group, id) => toFragment(group, id));
}

/**
 * A footnote area sits after the last body piece of a run; when ingest cut the run, the area may
 * belong to an earlier piece (a short partner page landed between a page's body and its notes).
 * Move it to the nearest earlier piece of the same run whose body references those notes.
 */
function settleNotes(groups: OpenFragment[]): void {
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    const numbers = new Set(group.notes.flatMap((b) => (b.noteNumber === undefined ? [] : [b.noteNumber])));
    if (!numbers.size || group.body.some((b) => b.refs.some((r) => numbers.has(r)))) continue;
    // A footnote area standing alone (the other page of the sheet came between it and its body)
    // goes to the piece just before that references it.
    const alone = group.body.length === 0;
    for (let j = i; j > 0 && (groups[j]!.cutInsideRun || (alone && j > i - 2)); j--) {
      const owner = groups[j - 1]!;
      if (owner.notes.length === 0 && owner.body.some((b) => b.refs.some((r) => numbers.has(r)))) {
        owner.notes = group.notes;
        owner.noteTail = group.noteTail;
        group.notes = [];
        group.noteTail = null;
        // The piece between the page's body and its notes was cut off only for opening mid-sentence
        // after a finished sentence. Inside the page's own run, before its notes, that is likelier
        // the rest of the page (an excerpt resumed in lowercase, a word the extraction lost) than
        // the top of the other page of the sheet landing there: it stays on this page.
        // Likewise the text between a heading alone on its page (a part title) and the notes: the
        // heading is all of its own page, so the other page of the sheet, whose notes these are,
        // ran on round it (`Political capitalism…` · `Part One` · `In the ensuing decades…` · notes).
        const aloneBetween = j < i && groups.slice(j, i).every((between) => between.headingAlone);
        if (((j === i && group.opensAfterFinished) || aloneBetween) && !group.body.some((b) => b.refs.length)) {
          owner.body.push(...group.body);
          group.body = [];
        }
        break;
      }
    }
  }
}

/** Whether notes answer a reference: its own number, or two run together (`8283` for 82 and 83). */
export function answered(numbers: ReadonlySet<number | undefined>, ref: number): boolean {
  if (numbers.has(ref)) return true;
  const digits = String(ref);
  for (let cut = 1; cut < digits.length; cut++) if (numbers.has(Number(digits.slice(0, cut))) && numbers.has(Number(digits.slice(cut)))) return true;
  return false;
}

/**
 * Body blocks whose references are answered by none of the group's notes, beside blocks whose
 * references are, belong to another page: cut between them, at the block boundary nearest the
 * foreign side where a page boundary is possible.
 */
function splitForeignReferences(group: OpenFragment): OpenFragment[] {
  const numbers = new Set(group.notes.flatMap((b) => (b.noteNumber === undefined ? [] : [b.noteNumber])));
  if (!numbers.size) return [group];
  const own = group.body.map((b) => b.refs.some((r) => answered(numbers, r)));
  const foreign = group.body.map((b) => b.refs.length > 0 && !b.refs.some((r) => answered(numbers, r)));
  const firstOwn = own.indexOf(true);
  const lastOwn = own.lastIndexOf(true);
  if (firstOwn < 0) return [group];
  const lastForeignBefore = foreign.lastIndexOf(true, firstOwn);
  if (lastForeignBefore >= 0 && lastForeignBefore < firstOwn) {
    let cut = lastForeignBefore + 1;
    while (cut < firstOwn && !mayBreakBetween(group.body[cut - 1]!, group.body[cut]!)) cut++;
    const head: OpenFragment = { body: group.body.slice(0, cut), noteTail: null, notes: [], cutReason: group.cutReason, cutInsideRun: group.cutInsideRun };
    const rest: OpenFragment = { ...group, body: group.body.slice(cut), cutReason: `line ${group.body[lastForeignBefore]!.span.endLine} references notes this page does not define`, cutInsideRun: true };
    return [head, ...splitForeignReferences(rest)];
  }
  const firstForeignAfter = foreign.indexOf(true, lastOwn);
  if (firstForeignAfter > lastOwn) {
    let cut = firstForeignAfter;
    while (cut > lastOwn + 1 && !mayBreakBetween(group.body[cut - 1]!, group.body[cut]!)) cut--;
    const head: OpenFragment = { ...group, body: group.body.slice(0, cut) };
    const tail: OpenFragment = { body: group.body.slice(cut), noteTail: null, notes: [], cutReason: `line ${group.body[cut]!.span.startLine} references notes this page does not define`, cutInsideRun: true };
    return [head, tail];
  }
  return [group];
}

function toFragment(group: OpenFragment, id: number): Fragment {
  const all = [...group.body, ...(group.noteTail ? [group.noteTail] : []), ...group.notes].sort((a, b) => a.index - b.index);
  const candidateSplits: number[] = [];
  for (let i = 1; i < group.body.length; i++) if (mayBreakBetween(group.body[i - 1]!, group.body[i]!)) candidateSplits.push(i);
  return {
    id,
    body: group.body,
    noteTail: group.noteTail,
    notes: group.notes.filter((b) => b.kind === 'note'),
    refs: group.body.flatMap((b) => b.refs),
    candidateSplits,
    cutReason: group.cutReason,
    span: spanOf(all),
  };
}
