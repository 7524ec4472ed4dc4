import { isBookTitle, type ContentsEntry } from '../contents/index.js';
import type { StageContext } from '../model/context.js';
import type { Fragment } from '../model/page.js';
import type { Ingested } from '../ingest/index.js';
import { type AnchorAt, featureCorpus, fragmentFeatures, type FragmentFeatures } from './features.js';
import { WordPairs } from './word-pairs.js';
import { pagesApart, pagesBeforeFirstHeading, placeAnchors, type SolverFeatures } from './chains.js';
import { listsInOrder } from './lists.js';
import { isRawOrder, joinsOf, markRivals, noteContradictions, solveOrder, SURE_SCORE, type HyphenJoinScore, type Join, type SolveOptions } from './solve.js';
import { inFolioOrder } from './folios.js';
import { splitMerged, type SplitOrder } from './split.js';
import { orderWorthBy } from './reseat.js';
import { localScore, sentenceRelation } from './evidence.js';
import { setAsideRepeats } from './repeats.js';
import { isCitation } from '../text/citation.js';

export type { HyphenJoinScore, Join } from './solve.js';

export interface OrderOptions {
  hyphen: HyphenJoinScore;
  /** Whether a page's first word is no word but the rest of one (see SolveOptions.wordRest). */
  wordRest?: (word: string) => boolean;
  /** The book's title: the fragment that opens with it is the title page and comes first. */
  title?: string;
}

export interface Ordered {
  /** Fragments in reading order. */
  fragments: Fragment[];
  /** Fragments left out of the order because they repeat an earlier fragment word for word. */
  duplicates: Array<{ fragment: Fragment; copyOf: Fragment }>;
  /** For each fragment in reading order, the evidence for the join to its predecessor. */
  joins: Join[];
  features: FragmentFeatures[];
  /** Fragments the order showed to hold two pages' text, each now two fragments (see split.ts), or a page's text and a repeat cut off it (repeats.ts). */
  splits: number;
}

function titleFragment(fragments: readonly Fragment[], title: string | undefined): number | undefined {
  if (!title) return undefined;
  const found = fragments.findIndex((f) => f.body.some((b) => b.kind === 'heading' && isBookTitle(b.text, title)));
  return found >= 0 ? found : undefined;
}

function isColophon(fragment: Fragment): boolean {
  return fragment.body.length > 0 && fragment.body.every((block) => block.colophon);
}

/**
 * Puts the ingested fragments in reading order. Never drops a fragment: each is either in the
 * order or reported as a word-for-word repeat of another.
 */
export function order(ingested: Ingested, ctx: StageContext, options: OrderOptions): Ordered {
  const place = (fragment: Fragment) => ({ file: ctx.sourceFile, line: fragment.span.startLine, column: 1 });
  // The source's colophon (ingest found it, I-014) closes the book: it has no place to be found.
  const closing = ingested.fragments.filter(isColophon);
  const withoutRepeats = setAsideRepeats(ingested.fragments.filter((f) => !isColophon(f)), ingested.anchors);
  const unique = withoutRepeats.fragments;
  const duplicates: Ordered['duplicates'] = withoutRepeats.repeats;
  for (const { fragment, copyOf, part } of withoutRepeats.repeats) {
    const what = part ? `lines ${fragment.span.startLine}–${fragment.span.endLine} repeat text of` : 'this page repeats';
    ctx.report.warn('order', 'O-020', `${what} the page at line ${copyOf.span.startLine} word for word; the repeat is left out`, { place: place(fragment), hint: 'remove the duplicated page from the raw file' });
  }
  for (const { fragment, copyOf } of withoutRepeats.kept) {
    ctx.report.warn('order', 'O-021', `this page repeats the page at line ${copyOf.span.startLine} word for word, but for text its footnote area runs on with (the extraction took the next page's first line for the rest of a note): the repeat is kept, so that text is not lost`, {
      place: place(fragment),
      hint: 'remove the repeated page from the raw file, keeping the line after its footnotes',
    });
  }
  const anchors = new Map([...withoutRepeats.anchors].flatMap(([id, a]) => {
    const index = unique.findIndex((f) => f.id === id);
    return index >= 0 ? [[index, a] as const] : [];
  }));
  const renumbered = unique.map((f, id) => ({ ...f, id }));
  const corpus = featureCorpus(renumbered);
  const features = fragmentFeatures(renumbered, anchors, [], undefined, corpus);
  const first = titleFragment(renumbered, options.title);
  const pairs = new WordPairs(renumbered, {
    firsts: new Set(features.flatMap((f) => (f.lastWord ? [f.lastWord] : []))),
    seconds: new Set(features.flatMap((f) => (f.firstWord ? [f.firstWord] : []))),
  });
  const placedFeatures = placeAnchors(features);
  // Chapters the Contents lists whose heading the text does not hold (I-010): their notes start afresh all the same.
  const entries = ingested.contents.entries;
  const missing = ingested.matches.flatMap((match) => (match.heading || match.entry.level === 'section' ? [] : [{ entry: entries.indexOf(match.entry), restartsNotes: true, page: match.entry.page, numbering: match.entry.numbering }]));
  const solved = solveOrder(features, { hyphen: options.hyphen, ...(options.wordRest ? { wordRest: options.wordRest } : {}), wordPair: (a, b) => pairs.lift(a, b), ...(first !== undefined ? { first } : {}) }, (order, chosen) => mayJoinList(order, renumbered, placedFeatures, chosen), missing);
  let scheme = solved.scheme;
  let pieces = renumbered;
  let sequence = solved.order;
  let joins = solved.joins;
  let rivals = solved.rivals;
  let finalFeatures = features;
  // Where the order is the raw file's own, the pages the extraction ran together are neighbours in
  // it, their text in order already: only a division's end the extraction mixed into the next page
  // (a sentence left open before a heading) is looked for.
  let split = splitMerged(renumbered, solved.order, anchors, features, solved.options, corpus, { divisionEndsOnly: isRawOrder(solved.order) });
  if (solved.declined) {
    // A scheme's reading may lose to the evidence's own order on note numbers only where the
    // extraction ran two pages into one fragment, which sets one of them where the other belongs:
    // with the merged pages split in both, the reading is followed if it then puts fewer out of
    // place, or as few with better joins and page counts.
    const { order: reading, reading: what } = solved.declined;
    const readingSplit = splitMerged(renumbered, reading, anchors, features, solved.options, corpus);
    const judged = (made: SplitOrder | null, order: readonly number[]): { outOfPlace: number; worth: number } => {
      const placed = made ? placeAnchors(made.features) : placedFeatures;
      const final = made ? made.order : order;
      return { outOfPlace: noteContradictions(final, placed), worth: orderWorthBy(final, placed, (a, b) => localScore(placed[a]!, placed[b]!, solved.options)) };
    };
    const own = judged(split, solved.order);
    const theirs = judged(readingSplit, reading);
    const fewer = own.outOfPlace - theirs.outOfPlace;
    if (fewer > 0 || (fewer === 0 && theirs.worth > own.worth)) {
      split = readingSplit;
      sequence = reading;
      joins = joinsOf(reading, placedFeatures, solved.options);
      rivals = new Map();
      const why = fewer > 0 ? `puts ${fewer} fewer note numbers out of place than` : `puts as many note numbers out of place as, and explains the joins and page counts better (+${(theirs.worth - own.worth).toFixed(1)}) than,`;
      scheme = `${scheme ? `${scheme}; ` : ''}with the pages the extraction ran together split, ${what} ${why} the evidence's own order, so the order follows it`;
    }
  }
  if (scheme) ctx.report.info('order', 'O-010', scheme, { place: { file: ctx.sourceFile, line: 1, column: 1 } });
  if (split) {
    pieces = split.fragments;
    finalFeatures = split.features;
    const placed = placeAnchors(finalFeatures);
    // A piece of a list page set elsewhere in its list: the list's pages in the order of their entries again.
    sequence = listsInOrder(split.order, placed, { fromChapters: mayJoinList(split.order, pieces, placed, solved.options) });
    joins = joinsOf(sequence, placed, solved.options);
    for (const { fragment, at, moved, movedPiece, gain, finishesDivision } of split.splits) {
      const page = renumbered[fragment]!;
      const piece = moved === 'first' ? `the text before line ${page.body[at]!.span.startLine}` : `the text from line ${page.body[at]!.span.startLine} on`;
      const before = sequence[sequence.indexOf(movedPiece) - 1];
      const where = before === undefined ? '(none: it opens the book)' : pieces[before]!.span.startLine;
      const set = finishesDivision ? `finishes the sentence that the page at line ${where} leaves unfinished before a heading, and is set after it` : `belongs elsewhere and is set after the page at line ${where}`;
      ctx.report.info('order', 'O-040', `this page holds the text of two: ${piece} ${set} (the whole order gains ${gain.toFixed(1)})`, {
        place: place(page),
        hint: 'check the page break in the clean manuscript, and correct the text there if it is in the wrong place',
      });
    }
  }
  if (!split) {
    // The joins may have left a list's pages among a chapter's (pages dealt out at random): they go
    // back to the list, here and after the split (the solver sent them home already where its order
    // follows the evidence alone, and searched again; a scheme's reading may leave some).
    const placed = placedFeatures;
    const gathered = listsInOrder(sequence, placed, { fromChapters: mayJoinList(sequence, pieces, placed, solved.options) });
    if (gathered.some((index, k) => index !== sequence[k])) {
      sequence = gathered;
      joins = joinsOf(sequence, placed, solved.options);
    }
  }
  // Page numbers the extraction kept on the pages are the book's own order.
  const byFolio = inFolioOrder(sequence, pieces);
  if (byFolio.used) {
    if (byFolio.moved) {
      sequence = byFolio.order;
      joins = joinsOf(sequence, placeAnchors(finalFeatures), solved.options);
    }
    ctx.report.info('order', 'O-011', `${byFolio.foliated} pages carry the number printed on them (ingest left it out of the text, I-020); the order follows those numbers${byFolio.moved ? `, which moved ${byFolio.moved} run(s) of pages the evidence alone had set elsewhere` : ''}`, {
      place: { file: ctx.sourceFile, line: 1, column: 1 },
    });
  }
  // Where the evidence alone set the pages, a page another would follow as well is no sure join.
  if (!byFolio.used && rivals.size) {
    // (by the fragments solveOrder ordered: a piece split off one is known by the block it ends or starts with)
    const endingWith = new Map(renumbered.map((f) => [f.body[f.body.length - 1], f.id]));
    const startingWith = new Map(renumbered.map((f) => [f.body[0], f.id]));
    markRivals(joins, rivals, renumbered.length, (piece) => endingWith.get(pieces[piece]!.body[pieces[piece]!.body.length - 1]), (piece) => startingWith.get(pieces[piece]!.body[0]), (fragment) => renumbered[fragment]!.span.startLine);
  }
  if (closing.length) {
    const placed = closing.map((fragment, k) => ({ ...fragment, id: pieces.length + k }));
    const closingFeatures = fragmentFeatures(placed, new Map()).map((f, k) => ({ ...f, id: placed[k]!.id }));
    pieces = [...pieces, ...placed];
    finalFeatures = [...finalFeatures, ...closingFeatures];
    sequence = [...sequence, ...placed.map((fragment) => fragment.id)];
    joins = [...joins, ...placed.map((fragment, k) => ({ to: fragment.id, from: sequence[sequence.length - placed.length + k - 1] ?? null, score: 6, reasons: ["the source's colophon closes the book"] }))];
  }
  const seen = new Set(sequence);
  if (seen.size !== pieces.length || sequence.length !== pieces.length) {
    throw new Error(`internal: ordering returned ${sequence.length} fragments (${seen.size} distinct) for ${pieces.length}`);
  }
  for (const join of joins) {
    if (join.from === null || join.score >= SURE_SCORE) continue;
    ctx.report.info('order', 'O-100', `uncertain page join (score ${join.score.toFixed(1)}): ${join.reasons.join('; ') || 'no evidence either way'}`, { place: place(pieces[join.to]!) });
  }
  const fragments = sequence.map((i) => pieces[i]!);
  reportGaps(fragments, finalFeatures, ctx);
  // A piece the split moved that holds no note and no heading is part of the page it joins, not a
  // page: the page counts leave it out, as the split's own judgement of the order does.
  const partOfPage = new Set((split?.splits ?? []).flatMap(({ movedPiece }) => (finalFeatures[movedPiece]!.firstNote === null && !finalFeatures[movedPiece]!.anchors.length ? [movedPiece] : [])));
  reportPageCounts(fragments, finalFeatures, joins, ingested.contents.entries, ctx, (fragment) => !partOfPage.has(fragment.id));
  reportCrowdedFront(fragments, finalFeatures, joins, ingested.contents.entries, ctx);
  reportListBreaks(fragments, finalFeatures, ctx);
  return { fragments, duplicates, joins, features: finalFeatures, splits: (split?.splits.length ?? 0) + withoutRepeats.cut };
}

/**
 * Whether a list page the order set among a chapter's pages may go back to its list: not where a
 * sure join ties it to a page of prose beside it, nor where it opens on prose that carries on the
 * sentence of the page of prose before it (a chapter's page that the extraction ran into a list
 * page: the split, not the list, sets it).
 */
function mayJoinList(order: readonly number[], pieces: readonly Fragment[], features: readonly SolverFeatures[], options: SolveOptions): (page: number) => boolean {
  const at = new Map(order.map((index, k) => [index, k]));
  const isProse = (index: number | undefined): index is number => index !== undefined && features[index]!.listKey === null;
  const sure = (before: number, after: number): boolean => localScore(features[before]!, features[after]!, options) >= SURE_SCORE;
  return (page) => {
    const k = at.get(page)!;
    const [before, after] = [order[k - 1], order[k + 1]];
    const opening = pieces[page]!.body[0];
    const carriesOn = isProse(before) && opening?.kind === 'body' && !isCitation(opening.text) && sentenceRelation(features[before]!, features[page]!) === 'runsOn';
    return !carriesOn && !(isProse(before) && sure(before, page)) && !(isProse(after) && sure(page, after));
  };
}

/**
 * Footnote numbers that skip or go back in the recovered order: a page missing, or misplaced. They
 * start afresh at each chapter's opening, unless the book numbers them through (it has one note 1).
 */
function reportGaps(fragments: readonly Fragment[], features: readonly FragmentFeatures[], ctx: StageContext): void {
  const numberedAfresh = fragments.reduce((ones, f) => ones + f.notes.filter((note) => note.noteNumber === 1).length, 0) > 1;
  let reached = 0;
  let previous: Fragment | null = null;
  for (const fragment of fragments) {
    const f = features[fragment.id]!;
    if (numberedAfresh && f.anchors.some((a) => a.restartsNotes)) reached = 0;
    if (f.firstNote !== null) {
      const where = { file: ctx.sourceFile, line: fragment.span.startLine, column: 1 };
      if (f.firstNote > reached + 1) {
        ctx.report.warn('order', 'O-030', `notes ${reached + 1}–${f.firstNote - 1} are missing before this page${previous ? ` (placed after the page at line ${previous.span.startLine})` : ''}: a page is missing or misplaced`, { place: where });
      } else if (f.firstNote <= reached) {
        ctx.report.warn('order', 'O-031', `note ${f.firstNote} comes again after note ${reached}: this page is misplaced, or belongs to another chapter`, { place: where });
      }
      reached = f.lastNote!;
    }
    previous = fragment;
  }
}

/** The position from `from` to `to` whose join to the page before scores least (the first of equals). */
function weakestJoin(fragments: readonly Fragment[], scoreInto: ReadonlyMap<number, number>, from: number, to: number): number {
  let weakest = from;
  for (let k = from + 1; k <= to; k++) if ((scoreInto.get(fragments[k]!.id) ?? 0) < (scoreInto.get(fragments[weakest]!.id) ?? 0)) weakest = k;
  return weakest;
}

/**
 * Pieces of one page the extraction may leave between two headings beyond the pages the Contents
 * counts there: one, and one more for each 50 pages (on the real book six divisions hold one piece
 * more than their pages, none two).
 */
function piecesAllowed(pages: number): number {
  return 1 + Math.floor(pages / 50);
}

/**
 * Where the order's page counts between two headings disagree with the Contents. A section heading
 * set fewer pages after the heading before it than the Contents counts (O-033): a book leaves a
 * page blank before a division that opens on a fresh page, never before a section, so a page is
 * missing there, or the order set it elsewhere (or the Contents is off). Any heading set more pages
 * after the one before it than the Contents counts, beyond the pieces of a page the extraction may
 * leave (O-035): pages of elsewhere set there (a run of a chapter's pages among another's, where
 * every join at its edges read as well as the true one). Each said at the weakest join between
 * the two headings, where the page most likely stood or the stray pages most likely begin.
 */
function reportPageCounts(fragments: readonly Fragment[], features: readonly FragmentFeatures[], joins: readonly Join[], entries: readonly ContentsEntry[], ctx: StageContext, isPage: (fragment: Fragment) => boolean): void {
  const scoreInto = new Map(joins.map((join) => [join.to, join.score]));
  let previous: { at: number; anchor: AnchorAt; pagesBefore: number } | null = null;
  let pagesBefore = 0;
  fragments.forEach((fragment, at) => {
    const anchors = features[fragment.id]!.anchors;
    if (anchors.length) {
      const heading = anchors[0]!;
      const pages = previous ? pagesApart(previous.anchor, heading) : null;
      if (previous && pages !== null && pages > 0) reportCount(previous, { at, heading, pages, pagesHeld: pagesBefore - previous.pagesBefore });
      previous = { at, anchor: anchors[anchors.length - 1]!, pagesBefore };
    }
    if (isPage(fragment)) pagesBefore++;
  });
  /** Each warning counts what gives the order the benefit of the doubt: O-035 leaves out the pieces of a page the split moved (`pagesHeld`), O-033 counts them as pages. */
  function reportCount(before: { at: number; anchor: AnchorAt }, { at, heading, pages, pagesHeld }: { at: number; heading: AnchorAt; pages: number; pagesHeld: number }): void {
    if (pagesHeld > pages + piecesAllowed(pages)) {
      const weakest = weakestJoin(fragments, scoreInto, before.at + 1, at - 1);
      ctx.report.warn('order', 'O-035', `the Contents puts “${entries[heading.entry]!.title}” on page ${entries[heading.entry]!.pageLabel}, ${pages} pages after “${entries[before.anchor.entry]!.title}” (page ${entries[before.anchor.entry]!.pageLabel}), and the order holds ${pagesHeld}: ${pagesHeld - pages} pages most likely belong elsewhere, the first of them most likely this one, whose join to the page before is the weakest there`, {
        place: { file: ctx.sourceFile, line: fragments[weakest]!.span.startLine, column: 1 },
        hint: 'check the pages between the two headings in the clean manuscript, and move those of another chapter with a correction or in the raw file; or correct the Contents page number',
      });
    }
    const held = at - before.at;
    if (!heading.restartsNotes && held < pages) {
      const weakest = weakestJoin(fragments, scoreInto, before.at + 1, at);
      const missing = pages - held;
      ctx.report.warn('order', 'O-033', `the Contents puts “${entries[heading.entry]!.title}” on page ${entries[heading.entry]!.pageLabel}, ${pages} pages after “${entries[before.anchor.entry]!.title}” (page ${entries[before.anchor.entry]!.pageLabel}), and the order holds ${held}: ${missing === 1 ? 'a page is' : `${missing} pages are`} missing here or misplaced elsewhere (no blank page comes before a section), most likely before this page, whose join to the page before is the weakest there`, {
        place: { file: ctx.sourceFile, line: fragments[weakest]!.span.startLine, column: 1 },
        hint: 'check the pages between the two headings in the clean manuscript; add a missing page to the raw file, or correct the Contents page number',
      });
    }
  }
}

/**
 * More pages before the first heading the Contents names than its page leaves room for, counted
 * from the title page, the Contents' own page aside (see pagesBeforeFirstHeading): a body page set
 * among the front matter, where no heading's page count holds it. Said at the weakest join there.
 */
function reportCrowdedFront(fragments: readonly Fragment[], features: readonly FragmentFeatures[], joins: readonly Join[], entries: readonly ContentsEntry[], ctx: StageContext): void {
  const at = fragments.findIndex((fragment) => features[fragment.id]!.anchors.length > 0);
  if (at <= 0) return;
  const heading = features[fragments[at]!.id]!.anchors[0]!;
  const room = pagesBeforeFirstHeading(heading);
  // (the page the order opens with is the title page, a body page never: one before the heading says nothing)
  if (room === null || at <= Math.max(room, 1)) return;
  const weakest = weakestJoin(fragments, new Map(joins.map((join) => [join.to, join.score])), 1, at - 1);
  const over = at - room;
  ctx.report.warn('order', 'O-034', `the Contents puts “${entries[heading.entry]!.title}”, the first heading it names, on page ${entries[heading.entry]!.pageLabel}: counted from the title page, with the Contents' own page, ${room === 1 ? 'one page comes' : `at most ${room} pages come`} before it, and the order sets ${at}: ${over === 1 ? 'a page' : `${over} pages`} of the body most likely misplaced there, this one first (its join to the page before is the weakest there)`, {
    place: { file: ctx.sourceFile, line: fragments[weakest]!.span.startLine, column: 1 },
    hint: 'check the pages before the first heading in the clean manuscript, and move a misplaced page with a correction or in the raw file',
  });
}

/**
 * Pages of an alphabetical list (a bibliography) whose entries go back in the alphabet from one
 * page to the next: a page misplaced, or a page the extraction merged with another.
 */
export function reportListBreaks(fragments: readonly Fragment[], features: readonly FragmentFeatures[], ctx: StageContext): void {
  for (let k = 1; k < fragments.length; k++) {
    const before = features[fragments[k - 1]!.id]!.lastKey;
    const after = features[fragments[k]!.id]!.firstKey;
    // A heading opens the list: its page starts the alphabet afresh.
    if (before === null || after === null || fragments[k]!.body[0]?.kind === 'heading' || before.localeCompare(after) <= 0) continue;
    ctx.report.warn('order', 'O-032', `the list's alphabetical order goes back here (\`${before}\` before \`${after}\`, after the page at line ${fragments[k - 1]!.span.startLine}): a page is misplaced, or holds the end of another page`, {
      place: { file: ctx.sourceFile, line: fragments[k]!.span.startLine, column: 1 },
      hint: 'check the page order of the list in the clean manuscript and correct it',
    });
  }
}
