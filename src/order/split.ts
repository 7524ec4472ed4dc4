/**
 * Fragments that hold two pages' text. The ingest stage cuts a run of text where it proves a page
 * ends; two pages whose text runs into each other without proof (a page without notes ending a
 * paragraph, the next page starting one) stay one fragment unless the run is far longer than a
 * page. The order shows where such a fragment breaks: one of its parts belongs beside other text.
 */
import type { Fragment, RawBlock } from '../model/page.js';
import { answered } from '../ingest/split-fragments.js';
import { endsOpen, isProse, startsContinuation } from '../text/sentence.js';
import { SURNAME_FIRST, cutFragment, fragmentSize } from '../ingest/split-oversized.js';
import { isFolio } from '../ingest/debris.js';
import { type SolverFeatures, placeAnchors } from './chains.js';
import { type SolveOptions, edgeScore, localScore } from './evidence.js';
import { type AnchorAt, type FragmentFeatures, alphabetBreaks, cosine, entriesAfterHeading, featureCorpus, fragmentFeatures } from './features.js';
import { SlotCost, type SlotLayout, penalty, reseat } from './reseat.js';

/** A fragment this much larger than a typical page may hold the end of another. */
const LARGER_THAN_A_PAGE = 1.15;
/** A fragment this many times a page's text (half a page over) holds the text of two. */
const TWO_PAGES = 1.5;
/**
 * What the whole order must gain (joins, notes and page counts) for a split to be made; less is
 * asked of a break the text itself gives evidence for (see breakPoints).
 */
const MIN_GAIN = 12;
const MIN_GAIN_WITH_EVIDENCE = 3;
/** Places the moving piece is judged at in full, best joins first. */
const PLACES_TRIED = 3;
/** A moving piece's best places kept from round to round (see splitMerged). */
const PLACES_KEPT = 12;
const MAX_SPLITS = 20;
/** Moves without evidence at their break judged on the whole order in a round, best joins first. */
const MOVES_JUDGED = 40;
/** What the join evidence must add up to where a moved piece carries a sentence on, unless the break has evidence of its own. */
const VOUCHED_SCORE = 4;
/**
 * Below this many fragments, each move is judged after the local search has settled the order
 * around it: in a small book a merged page sets the order wrong in more than one place (the
 * Contents leaves each chapter few pages, so the pieces' neighbours move too), and one move alone
 * gains too little. Measured on 480 small scrambled books (9–20 pages): 352 came back whole
 * before, 383 after. In a 113-page book it made two scrambles fail, so larger books are left as
 * they were.
 */
const SETTLE_BELOW = 60;

export interface MergedSplit {
  /** The fragment split (its index in the fragments given), and the body block the second piece starts with. */
  fragment: number;
  at: number;
  /** The piece set elsewhere: the text before the break, or from it on. */
  moved: 'first' | 'second';
  /** The moved piece: its index in the fragments returned. */
  movedPiece: number;
  gain: number;
  /** The moved piece finishes a division whose last page the order had left unfinished before a heading (see divisionEnds). */
  finishesDivision: boolean;
}

export interface SplitOrder {
  /** The fragments in raw order, each split one replaced by its two pieces; ids renumbered to indexes. */
  fragments: Fragment[];
  /** Their features: the pieces' with the words counted against the fragments given. */
  features: FragmentFeatures[];
  order: number[];
  splits: MergedSplit[];
}

interface BreakPoint {
  at: number;
  evidence: boolean;
  /** The only evidence is the alphabet of a list going back (see alphabetBreaks). */
  listOnly: boolean;
}

/**
 * Where a fragment may hold the end of one page and the start of another: before a block that
 * neither carries on an unfinished sentence nor follows a heading, and not inside the stretch whose
 * references the fragment's notes answer (a page's references and notes stay together).
 * `evidence`: something there says two pages meet. Prose meets list entries, as two pages of
 * different parts of a book do, or an entry or a finished sentence is followed by the rest of a
 * sentence (see endsSentence); or, after a chapter's opening heading, the first note referenced is
 * not note 1, so that text belongs to the chapter before; or a list goes back in the alphabet; or
 * a running head or footer the extraction left (ingest/debris.ts) stands before it.
 * There, text that seems to carry a sentence on may be the start of a page all the same; and so
 * it may anywhere in prose that `holdsTwoPages`.
 */
function breakPoints(fragment: Fragment, anchors: readonly AnchorAt[], sortKey: (text: string) => string, listStart: string | null, holdsTwoPages: boolean): BreakPoint[] {
  const noteNumbers = new Set(fragment.notes.map((note) => note.noteNumber));
  const opening = anchors.find((a) => a.restartsNotes)?.block;
  const firstRefAfterOpening = opening === undefined ? undefined : fragment.body.slice(opening).flatMap((b) => b.refs)[0];
  const notesContradictOpening = firstRefAfterOpening !== undefined && firstRefAfterOpening !== 1;
  const points: BreakPoint[] = [];
  const alphabetGoesBack = alphabetBreaks(fragment, sortKey);
  const listGoesOn = entriesAfterHeading(fragment, sortKey, listStart);
  for (let at = 1; at < fragment.body.length; at++) {
    const previous = fragment.body[at - 1]!;
    const next = fragment.body[at]!;
    if (previous.refs.some((r) => answered(noteNumbers, r))) break;
    if (listGoesOn.has(at)) {
      points.push({ at, evidence: true, listOnly: true });
      continue;
    }
    if (previous.kind === 'heading') continue;
    const afterOpening = notesContradictOpening && at > opening!;
    if (endsOpen(previous.text) && startsContinuation(next.text) && !afterOpening && !holdsTwoPages) continue;
    // Prose and list entries meet, or an entry is followed by text that carries on a sentence
    // (on one page, a list's entries are whole).
    const kindChanges = next.kind !== 'heading' && isProse(previous.text) !== isProse(next.text) && (isEntry(previous.text) || isEntry(next.text));
    const entryThenContinuation = isEntry(previous.text) && startsContinuation(next.text) && !isEntry(next.text);
    const finishedThenContinuation = endsSentence(previous.text) && opensMidSentence(next.text);
    // A running head or footer the extraction left, or a division's closing line (ingest/debris.ts), stands where pages meet.
    const afterPageEdge = !!previous.pageEdge || !!previous.closesPage;
    const inText = afterOpening || kindChanges || entryThenContinuation || finishedThenContinuation || afterPageEdge;
    points.push({ at, evidence: inText || alphabetGoesBack.has(at), listOnly: !inText && alphabetGoesBack.has(at) });
  }
  return points;
}

/**
 * A paragraph that ends a sentence followed by one that opens on a lowercase word: on one page that
 * is rare (the author resuming after a quotation that ends with a full stop); across a page break
 * it is the rest of a sentence from another page. (After a colon, a quotation often opens lowercase.)
 */
export function endsSentence(text: string): boolean {
  return /[.!?][”"’')\]]*(?:<sup>\d+<\/sup>)*$/u.test(text.trim());
}

/** The paragraph opens on a lowercase word (not on an ellipsis or a bracketed capital, as quotations do). */
export function opensMidSentence(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

/** A bibliography-style entry: a name, a comma, and more (`Marx, Karl. *Capital*…`). */
function isEntry(text: string): boolean {
  return SURNAME_FIRST.test(text);
}

/**
 * What a fragment's edges say of the joins the text itself vouches for: prose carried over from one
 * page's last paragraph into the next page's first, or a list's alphabet carried on. (A list entry
 * left open, as an address cut at the page end is, carries on into nothing but more of its list.)
 */
interface Edges {
  endsOpenProse: boolean;
  startsOpenProse: boolean;
  firstKey: string | null;
  lastKey: string | null;
}

function edgesOf(fragment: Fragment, features: SolverFeatures): Edges {
  const last = fragment.body[fragment.body.length - 1];
  const first = fragment.body[0];
  return {
    endsOpenProse: !!last && features.endsOpen && isProse(last.text) && !isEntry(last.text),
    startsOpenProse: !!first && features.startsOpen && !isEntry(first.text),
    firstKey: features.firstKey,
    lastKey: features.lastKey,
  };
}

/** An edge's part in vouchedFor, as bits: a join a → b can be vouched for only if a's and b's bits meet (a ends open and b starts open, or a has a last key and b a first). */
/** A remembered sureJoin. */
const UNKNOWN = 0;
const SURE = 1;
const NOT_SURE = 2;

const ENDS_OPEN_PROSE = 1;
const STARTS_OPEN_PROSE = 2;
const HAS_LAST_KEY = 4;
const HAS_FIRST_KEY = 8;

function vouchedFor(a: Edges, b: Edges): 'sentence' | 'list' | null {
  if (a.endsOpenProse && b.startsOpenProse) return 'sentence';
  return a.lastKey !== null && b.firstKey !== null && a.lastKey.localeCompare(b.firstKey) <= 0 ? 'list' : null;
}

/** Whether a piece from `first` to `last` could be vouched for on either side: it opens or stops mid-sentence, or it holds list entries. */
function mayJoin(first: RawBlock, last: RawBlock): boolean {
  return startsContinuation(first.text) || endsOpen(last.text) || !isProse(first.text) || !isProse(last.text) || isEntry(first.text) || isEntry(last.text);
}

/**
 * localScore of pairs asked for one at a time, as evidence's localScorer scores them (the same
 * numbers to the last bit), but with the shared vocabulary summed at once only for the pieces
 * (indexes from `firstPiece` on), each asked about beside most pages (a moving piece at every place,
 * a staying piece's best neighbour): a row for every page asked about as the page before would
 * grow with the square of the book. A pair of two pages is summed by itself. (The vocabulary two
 * pages share is the same either way round, summed term by term in the same order.)
 */
function pieceScorer(features: readonly SolverFeatures[], options: SolveOptions, firstPiece: number): (before: number, after: number) => number {
  let postings: Map<number, { pages: number[]; weights: number[] }> | null = null;
  const rows = new Map<number, Float64Array>();
  const rowOf = (piece: number): Float64Array => {
    let row = rows.get(piece);
    if (!row) {
      if (!postings) {
        postings = new Map();
        features.forEach((f, page) => f.termIds.forEach((id, k) => {
          let list = postings!.get(id);
          if (!list) postings!.set(id, (list = { pages: [], weights: [] }));
          list.pages.push(page);
          list.weights.push(f.terms[k]!);
        }));
      }
      row = new Float64Array(features.length);
      const t = features[piece]!;
      // (term ids ascending, as `cosine` adds them)
      for (let k = 0; k < t.termIds.length; k++) {
        const { pages, weights } = postings.get(t.termIds[k]!)!;
        const weight = t.terms[k]!;
        for (let j = 0; j < pages.length; j++) row[pages[j]!]! += weight * weights[j]!;
      }
      rows.set(piece, row);
    }
    return row;
  };
  return (before, after) => {
    const similarity = after >= firstPiece ? rowOf(after)[before]! : before >= firstPiece ? rowOf(before)[after]! : cosine(features[before]!, features[after]!);
    // As localScore adds it.
    let score = edgeScore(features[before]!, features[after]!, options);
    score += 4 * similarity - 0.5;
    return score;
  };
}

/**
 * The first PLACES_TRIED places by their gain, the greatest first, and among equal gains the
 * earliest first (as a stable sort of the places, which come in order, would give them).
 */
function bestPlaces(places: Array<{ place: number; gain: number }>): Array<{ place: number; gain: number }> {
  if (places.some((p) => Number.isNaN(p.gain))) return places.sort((x, y) => y.gain - x.gain).slice(0, PLACES_TRIED);
  const best: Array<{ place: number; gain: number }> = [];
  for (const entry of places) {
    if (best.length === PLACES_TRIED && !(entry.gain > best[PLACES_TRIED - 1]!.gain)) continue;
    let k = best.length;
    while (k > 0 && entry.gain > best[k - 1]!.gain) k--;
    best.splice(k, 0, entry);
    if (best.length > PLACES_TRIED) best.pop();
  }
  return best;
}

/** The position of the first fragment (in an order over slots) that holds a Contents heading. */
function firstHeadingAt(order: readonly number[], slots: readonly number[], features: readonly SolverFeatures[]): number {
  const at = order.findIndex((slot) => features[slots[slot]!]!.anchors.length > 0);
  return at < 0 ? 0 : at;
}

/** A piece of a candidate that may move, and the places it may go to (see splitMerged). */
interface Side {
  candidate: Candidate;
  movesHead: boolean;
  staying: number;
  moved: number;
  mayFollow: boolean;
  mayLead: boolean;
  neededBefore: number;
  neededAfter: number;
  /** Where its sureJoin answers are remembered. */
  memo: number;
  /** The places it may go to, by the slot before them, the best gain first and among equals the earlier. */
  places: Array<{ left: number; gain: number }>;
  /** Whether those are all its places (else only the best, every place left out ranking after the last). */
  complete: boolean;
}

interface Candidate {
  fragment: number;
  at: number;
  head: number;
  tail: number;
  /** Which pieces may move. */
  movable: { head: boolean; tail: boolean };
  /** Whether the text at the break says two pages meet there (see breakPoints). */
  evidence: boolean;
  /** The only evidence is the list's alphabet going back: the piece moves only within the list. */
  listOnly: boolean;
  /**
   * The piece finishes a division whose last page the order leaves unfinished (see divisionEnds):
   * it may go only after a piece that ends with one of these blocks.
   */
  finishes?: ReadonlySet<RawBlock>;
}

/** Raw fragments either side of a division's unfinished last page where the rest of its text is looked for: a sheet's sides, and their neighbours. */
const MIXED_WITHIN = 4;

/**
 * A division (a chapter, a section) cannot end mid-sentence. Where the order sets a page whose
 * last sentence is unfinished before a heading, the rest of that sentence is in text the extraction
 * mixed into a page nearby in the raw file (the pages of a sheet's sides run into each other): a
 * paragraph inside a fragment that seems to carry on the paragraph before it, or, where the page
 * stops inside a name (`… the European`), a fragment's first paragraphs, opening with a capital
 * (`Central Bank). Rather…`). The pieces that could finish it, to the end of their text, which
 * must itself be finished (the division ends there), each with the division ends it may finish.
 */
function divisionEnds(fragments: readonly Fragment[], order: readonly number[], features: readonly SolverFeatures[], first: number | undefined): Array<{ fragment: number; at: number; movesHead: boolean; notesWithHead: boolean; finishes: Set<RawBlock> }> {
  const found = new Map<string, { fragment: number; at: number; movesHead: boolean; notesWithHead: boolean; finishes: Set<RawBlock> }>();
  const firstHeading = order.findIndex((index) => features[index]!.anchors.length > 0);
  order.forEach((index, position) => {
    const next = order[position + 1];
    const end = fragments[index]!.body.findLast((block) => !isFolio(block));
    if (!end || next === undefined || position < firstHeading || !features[index]!.endsOpen || !isProse(end.text) || fragments[next]!.body[0]?.kind !== 'heading') return;
    const add = (fragment: number, at: number, movesHead: boolean, notesWithHead: boolean): void => {
      const key = `${fragment}:${at}:${movesHead}`;
      let piece = found.get(key);
      if (!piece) found.set(key, (piece = { fragment, at, movesHead, notesWithHead, finishes: new Set() }));
      piece.finishes.add(end);
    };
    for (let f = Math.max(0, index - MIXED_WITHIN); f <= Math.min(fragments.length - 1, index + MIXED_WITHIN); f++) {
      const fragment = fragments[f]!;
      if (f === first || fragment.body.length < 2) continue;
      const noteNumbers = new Set(fragment.notes.map((note) => note.noteNumber));
      const answeredIn = fragment.body.map((block) => block.refs.some((r) => answered(noteNumbers, r)));
      const firstAnswered = answeredIn.indexOf(true);
      const lastAnswered = answeredIn.lastIndexOf(true);
      const finished = (block: RawBlock): boolean => block.kind !== 'heading' && !endsOpen(block.text);
      for (let at = 1; at < fragment.body.length; at++) {
        const previous = fragment.body[at - 1]!;
        const next = fragment.body[at]!;
        if (previous.kind === 'heading' || next.kind === 'heading') continue;
        // The rest of its sentence, carried on from the paragraph before it (which breakPoints passes over), to the end of the text.
        if (f !== index && endsOpen(previous.text) && startsContinuation(next.text) && finished(fragment.body[fragment.body.length - 1]!)) {
          if (firstAnswered < 0 || at <= firstAnswered) add(f, at, false, false);
          else if (at > lastAnswered) add(f, at, false, true);
        }
        // The rest of a name, opening the fragment, up to a finished paragraph.
        if (features[index]!.endsInName && features[f]!.startsCapital && finished(previous) && (firstAnswered < 0 || at <= firstAnswered)) add(f, at, true, false);
      }
    }
  });
  return [...found.values()];
}

/** A fragment cut as cutFragment cuts it, but its notes left with the text before the cut (which holds their references). */
function cutKeepingNotes(fragment: Fragment, at: number, cutReason: string): [Fragment, Fragment] {
  const [head, tail] = cutFragment(fragment, at, cutReason);
  const lastBlock = fragment.body[fragment.body.length - 1]!;
  return [
    { ...head, notes: fragment.notes, noteTail: fragment.noteTail, span: { ...head.span, endLine: fragment.span.endLine, end: fragment.span.end } },
    { ...tail, notes: [], noteTail: null, span: { ...tail.span, endLine: lastBlock.span.endLine, end: lastBlock.span.end } },
  ];
}

/**
 * Splits the fragments one of whose two parts the order places better elsewhere, judged on the
 * whole order as the local search judges a move. Null when nothing is split. `divisionEndsOnly`:
 * only the pieces that could finish a division the order leaves open before a heading are looked
 * for (see divisionEnds), not fragments holding two pages' text.
 */
export function splitMerged(fragments: readonly Fragment[], order: readonly number[], anchors: ReadonlyMap<number, AnchorAt[]>, fragmentsFeatures: readonly FragmentFeatures[], options: SolveOptions, corpus = featureCorpus(fragments), { divisionEndsOnly = false }: { divisionEndsOnly?: boolean } = {}): SplitOrder | null {
  const n = fragments.length;
  const solved = placeAnchors(fragmentsFeatures);
  const noted = fragments.filter((f) => f.notes.length > 0).map(fragmentSize).sort((a, b) => a - b);
  // Too few pages with notes to tell a page's size: a fragment the order contradicts is admitted
  // instead (in a larger book, too many are to judge them all).
  const capacity = noted.length >= 8 ? noted[Math.floor(noted.length / 2)]! : null;
  // (without one, the median fragment: most are one page)
  const sizes = fragments.map(fragmentSize).sort((a, b) => a - b);
  const pageSize = capacity ?? sizes[Math.floor(sizes.length / 2)] ?? Infinity;
  const position = new Int32Array(n);
  order.forEach((index, at) => (position[index] = at));
  /** The order sets the fragment against text it does not continue, or that does not continue it. */
  const contradicted = (index: number): boolean => {
    const before = order[position[index]! - 1];
    const after = order[position[index]! + 1];
    return (before !== undefined && localScore(solved[before]!, solved[index]!, options) < 0) || (after !== undefined && localScore(solved[index]!, solved[after]!, options) < 0);
  };
  /**
   * The block of the first heading the Contents anchors inside the fragment (not at its start),
   * if the fragment opens on the rest of a sentence and the order sets it after a page that ends
   * its sentence (see breakPoints); else null.
   */
  const pinnedHeadingAfterOrphan = (index: number): number | null => {
    const before = order[position[index]! - 1];
    if (before === undefined || !solved[index]!.startsOpen || solved[before]!.endsOpen) return null;
    const block = (anchors.get(fragments[index]!.id) ?? []).find((a) => a.block > 0)?.block;
    return block ?? null;
  };
  // Where the book's alphabetical list starts: entries after a heading that sort later continue it.
  const listStart = fragmentsFeatures.reduce<string | null>((least, f) => (f.firstKey !== null && (least === null || f.firstKey.localeCompare(least) < 0) ? f.firstKey : least), null);
  // Every place such a fragment may break, as pieces numbered after the fragments.
  const pieces: Fragment[] = [];
  const pieceAnchors = new Map(anchors);
  const candidates: Candidate[] = [];
  /** A fragment's two pieces, numbered after those made before, as a candidate. */
  const addCandidate = (index: number, at: number, [head, tail]: [Fragment, Fragment], how: Pick<Candidate, 'movable' | 'evidence' | 'listOnly' | 'finishes'>): void => {
    const headId = n + pieces.length;
    pieces.push({ ...head, id: headId }, { ...tail, id: headId + 1 });
    const own = anchors.get(fragments[index]!.id) ?? [];
    pieceAnchors.set(headId, own.filter((a) => a.block < at));
    pieceAnchors.set(headId + 1, own.filter((a) => a.block >= at).map((a) => ({ ...a, block: a.block - at })));
    candidates.push({ fragment: index, at, head: headId, tail: headId + 1, ...how });
  };
  fragments.forEach((fragment, index) => {
    if (divisionEndsOnly || index === options.first || fragment.body.length < 2) return;
    const holdsTwoPages = fragmentSize(fragment) >= TWO_PAGES * pageSize;
    // Prose half as long again as a page holds two pages' text: the page boundary may be at any
    // paragraph. (A list's pages are told apart by its alphabet.)
    const { firstKey, entryKey } = fragmentsFeatures[index]!;
    const twoPagesOfProse = holdsTwoPages && firstKey === null && entryKey === null;
    // A fragment that ends a sentence before a page the order sets after it, which opens in the
    // middle of one, may end with a division's last page run into a page that stops mid-sentence:
    // its page break carries a sentence on, as the one it hides does.
    const after = order[position[index]! + 1];
    const leavesNextOpen = after !== undefined && !solved[index]!.endsOpen && solved[after]!.startsOpen;
    const points = breakPoints(fragment, anchors.get(fragment.id) ?? [], corpus.sortKey, listStart, twoPagesOfProse || leavesNextOpen);
    // Looked into only if something inside it says two pages meet, or it is larger than a page (in a
    // small book: the order sets it where its joins are contradicted, or it is far larger than most).
    const suspect = leavesNextOpen || (capacity === null ? contradicted(index) || holdsTwoPages : fragmentSize(fragment) >= LARGER_THAN_A_PAGE * capacity);
    // A heading the Contents puts on its page holds the fragment there; text before it that carries
    // on a sentence the page before does not leave open is the end of another page.
    const pinnedAt = pinnedHeadingAfterOrphan(index);
    if (pinnedAt !== null) for (const point of points) if (point.at <= pinnedAt) point.evidence = true;
    if (twoPagesOfProse) {
      for (const point of points) if (!isEntry(fragment.body[point.at - 1]!.text) && !isEntry(fragment.body[point.at]!.text)) point.evidence = true;
    }
    if (!points.length || !(points.some((p) => p.evidence) || suspect)) return;
    const first = fragment.body[0]!;
    const last = fragment.body[fragment.body.length - 1]!;
    for (const { at, evidence, listOnly } of points) {
      // Only a piece that can be vouched for on one side may move (see vouchedFor).
      const movable = { head: mayJoin(first, fragment.body[at - 1]!), tail: mayJoin(fragment.body[at]!, last) };
      if (!movable.head && !movable.tail) continue;
      addCandidate(index, at, cutFragment(fragment, at, `the order places the text before line ${fragment.body[at]!.span.startLine} on another page`), { movable, evidence, listOnly });
    }
  });
  for (const { fragment: index, at, movesHead, notesWithHead, finishes } of divisionEnds(fragments, order, solved, options.first)) {
    const fragment = fragments[index]!;
    const reason = `the order places the text ${movesHead ? 'before' : 'from'} line ${fragment.body[at]!.span.startLine} at the end of a division`;
    addCandidate(index, at, notesWithHead ? cutKeepingNotes(fragment, at, reason) : cutFragment(fragment, at, reason), { movable: { head: movesHead, tail: !movesHead }, evidence: true, listOnly: false, finishes });
  }
  if (!candidates.length) return null;
  const all = [...fragments.map((f, id) => ({ ...f, id })), ...pieces];
  const allFeatures = fragmentFeatures(all.slice(0, n), pieceAnchors, pieces, fragmentsFeatures, corpus);
  const features = placeAnchors(allFeatures);
  const edges = all.map((fragment, i) => edgesOf(fragment, features[i]!));
  const lastBlockOf = all.map((fragment) => fragment.body.findLast((block) => !isFolio(block)) ?? null);
  const total = all.length;
  // Every round rescores the same pairs (millions of look-ups in a long book): a flat table, with
  // a mark for each pair scored, is far cheaper than a Map keyed by the pair. The joins into a
  // piece are kept by the piece (the search of places asks for a piece after every page in turn);
  // the table is never filled, so the pages of it never asked for are never touched.
  const joinCache = new Float64Array(total * total);
  const joinKnown = new Uint8Array(total * total);
  const scoreJoin = pieceScorer(features, options, n);
  const join = (a: number, b: number): number => {
    const key = b >= n ? total * b + a : a * n + b;
    if (joinKnown[key] === 1) return joinCache[key]!;
    joinKnown[key] = 1;
    return (joinCache[key] = scoreJoin(a, b));
  };
  // Without evidence inside the fragment, a sentence carried on must be more than an open end
  // meeting a lowercase start.
  // (what vouchedFor reads, as flat arrays: the search for places asks millions of times a round)
  const endsOpenProse = Uint8Array.from(edges, (e) => (e.endsOpenProse ? 1 : 0));
  const startsOpenProse = Uint8Array.from(edges, (e) => (e.startsOpenProse ? 1 : 0));
  const vouching = Uint8Array.from(edges, (e) => (e.endsOpenProse ? ENDS_OPEN_PROSE : 0) | (e.startsOpenProse ? STARTS_OPEN_PROSE : 0) | (e.lastKey !== null ? HAS_LAST_KEY : 0) | (e.firstKey !== null ? HAS_FIRST_KEY : 0));
  const sureJoin = (a: number, b: number, { evidence, listOnly }: Candidate): boolean => {
    if (endsOpenProse[a] === 1 && startsOpenProse[b] === 1) return !listOnly && (evidence || join(a, b) >= VOUCHED_SCORE);
    return vouchedFor(edges[a]!, edges[b]!) === 'list';
  };
  // Orders are over slots: a slot holds a fragment, or once it is split, the piece that stayed; the
  // piece that moved gets a new slot. A candidate is judged the same way, so that the note counts
  // see each note once.
  const slotFeature = fragments.map((_, i) => i);
  let current = [...order];
  /**
   * An order's joins, less what its notes and page counts contradict. A moved piece without notes
   * or headings is part of the page it joins, not a page: the Contents page counts leave it out.
   */
  const partOfPage = new Set<number>();
  for (let id = n; id < all.length; id++) if (features[id]!.firstNote === null && features[id]!.anchors.length === 0) partOfPage.add(id);
  // A move's slots are judged at several places: the note counts are kept per array of slots (see
  // SlotCost). Only arrays never changed after are judged.
  const slotCost = new SlotCost(features);
  const leftOut = (slot: number, piece: number): boolean => slot >= n && partOfPage.has(piece);
  // The joins of the order a round starts from, by position: an order judged in the round shares
  // most of its joins, read from here instead of the join table (the same scores, added in the
  // same order). `basePiece`: what each slot held then; `basePosition`: where it stood.
  let basePiece = new Int32Array(0);
  let basePosition = new Int32Array(0);
  let baseJoin = new Float64Array(0);
  /** The sums of the first joins of that order, added as worthOf adds them (baseSum[k]: the first k). */
  let baseSum = new Float64Array(0);
  /** The slots the round starts from, and (in a book the local search does not settle) its cost by chapter. */
  let baseSlots: number[] = [];
  let baseLayout: SlotLayout | null = null;
  const startRound = (): void => {
    basePiece = Int32Array.from(slotFeature);
    basePosition = new Int32Array(current.length);
    current.forEach((slot, at) => (basePosition[slot] = at));
    baseJoin = new Float64Array(current.length);
    for (let at = 1; at < current.length; at++) baseJoin[at] = join(slotFeature[current[at - 1]!]!, slotFeature[current[at]!]!);
    baseSum = new Float64Array(current.length);
    for (let at = 1; at < current.length; at++) baseSum[at] = baseSum[at - 1]! + baseJoin[at]!;
    baseSlots = [...slotFeature];
    baseLayout = n >= SETTLE_BELOW ? slotCost.layout(current, baseSlots, leftOut) : null;
  };
  /**
   * worthOf the round's order with the piece in the last slot set in at `place`, and the slot
   * `split` holding another piece (a move's order before the local search): the joins before both
   * are the round's order's, added up already, and the cost is counted from the chapters touched.
   */
  const worthOfInsertion = (orderOfSlots: readonly number[], slots: readonly number[], place: number, split: number): number => {
    const before = Math.min(place, basePosition[split]!);
    let joins = before >= 1 ? baseSum[before - 1]! : 0;
    const known = basePiece.length;
    // Past the piece set in and the slot split, the joins are the round's order's, one place on
    // (added one by one all the same: the sum before them is not the round's).
    const past = Math.min(orderOfSlots.length, Math.max(place + 2, basePosition[split]! + 3));
    let k = Math.max(before, 1);
    for (; k < past; k++) {
      const a = orderOfSlots[k - 1]!;
      const b = orderOfSlots[k]!;
      if (a < known && b < known && slots[a] === basePiece[a] && slots[b] === basePiece[b] && basePosition[b] === basePosition[a]! + 1) joins += baseJoin[basePosition[b]!]!;
      else joins += join(slots[a]!, slots[b]!);
    }
    for (; k < orderOfSlots.length; k++) joins += baseJoin[k - 1]!;
    const last = slots.length - 1;
    const counted = !leftOut(last, slots[last]!);
    const cost = baseLayout ? slotCost.costAfter(baseLayout, slots, split, counted ? baseLayout.countedBefore[place]! : null, slots[last]!) : null;
    return joins - penalty(cost ?? slotCost.cost(orderOfSlots, slots, leftOut));
  };
  const worthOf = (orderOfSlots: readonly number[], slots: readonly number[]): number => {
    let joins = 0;
    const known = basePiece.length;
    for (let k = 1; k < orderOfSlots.length; k++) {
      const a = orderOfSlots[k - 1]!;
      const b = orderOfSlots[k]!;
      if (a < known && b < known && slots[a] === basePiece[a] && slots[b] === basePiece[b] && basePosition[b] === basePosition[a]! + 1) joins += baseJoin[basePosition[b]!]!;
      else joins += join(slots[a]!, slots[b]!);
    }
    return joins - penalty(slotCost.cost(orderOfSlots, slots, leftOut));
  };
  /** The order after the local search (a small book's), with its worth. */
  const settle = (orderOfSlots: readonly number[], slots: readonly number[]): { order: number[]; worth: number } => {
    if (n >= SETTLE_BELOW) return { order: [...orderOfSlots], worth: worthOf(orderOfSlots, slots) };
    const m = slots.length;
    const local = new Float32Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) if (a !== b) local[a * m + b] = join(slots[a]!, slots[b]!);
    const settled = reseat(orderOfSlots, slots.map((id) => features[id]!), local, options.first);
    const worth = worthOf(settled, slots);
    // (the search judges by its own measure, which counts every piece as a page)
    const unsettled = worthOf(orderOfSlots, slots);
    return worth >= unsettled ? { order: settled, worth } : { order: [...orderOfSlots], worth: unsettled };
  };
  /**
   * The piece that stays has a new edge where the other piece was cut off (an entry left open, a
   * sentence begun): the order with the page that best meets that edge moved beside it, or null if
   * it is there already or meets it weakly. One move judged alone seldom pays for a split whose gain lies in the next.
   */
  // The best neighbour of a piece that stays, by the piece and the side, as last found (in round
  // `round`): the slots only change where a split is made, so a later round looks again only at
  // the slots changed since (the best among equals is the first slot, as the search finds it).
  const bestNeighbourOf = new Map<number, { round: number; bestSlot: number; bestJoin: number }>();
  /** The slots each round's split changed: the split fragment's, and the new one. */
  const slotsChangedIn: number[][] = [];
  const withBestNeighbour = (orderOfSlots: readonly number[], slots: readonly number[], stayingSlot: number, movesHead: boolean, moving: number, round: number): { order: number[]; slot: number } | null => {
    const staying = slots[stayingSlot]!;
    const score = (slot: number): number => (movesHead ? join(slots[slot]!, staying) : join(staying, slots[slot]!));
    const key = staying * 2 + (movesHead ? 1 : 0);
    let known = bestNeighbourOf.get(key);
    if (known && known.round !== round) {
      const changed = [...new Set(slotsChangedIn.slice(known.round, round).flat())].filter((slot) => slot !== stayingSlot && slot !== moving);
      if (changed.includes(known.bestSlot)) known = undefined;
      else {
        let { bestSlot, bestJoin } = known;
        for (const slot of changed) {
          const value = score(slot);
          if (value > bestJoin || (value === bestJoin && slot < bestSlot)) [bestSlot, bestJoin] = [slot, value];
        }
        bestNeighbourOf.set(key, (known = { round, bestSlot, bestJoin }));
      }
    }
    if (!known) {
      let bestSlot = -1;
      let bestJoin = -Infinity;
      for (let slot = 0; slot < slots.length; slot++) {
        if (slot === stayingSlot || slot === moving) continue;
        const value = score(slot);
        if (value > bestJoin) [bestSlot, bestJoin] = [slot, value];
      }
      bestNeighbourOf.set(key, (known = { round, bestSlot, bestJoin }));
    }
    const { bestSlot, bestJoin } = known;
    // Only a join the evidence vouches for is worth the second move.
    if (bestSlot < 0 || bestJoin < VOUCHED_SCORE) return null;
    // (the order with the slot taken out and set in again beside the staying piece, made in one pass)
    const from = orderOfSlots.indexOf(bestSlot);
    const stayingAt = orderOfSlots.indexOf(stayingSlot);
    const to = (from < stayingAt ? stayingAt - 1 : stayingAt) + (movesHead ? 0 : 1);
    if (from === to) return null;
    const moved = orderOfSlots.slice();
    if (from < to) moved.copyWithin(from, from + 1, to + 1);
    else moved.copyWithin(to + 1, to, from);
    moved[to] = bestSlot;
    return { order: moved, slot: bestSlot };
  };
  // Whether a move's piece is sure of a neighbour depends on the two pieces and the candidate alone,
  // and every round asks again for most pieces of the order: the answers, by candidate, which piece
  // moves, which side the neighbour is on, and the neighbour.
  const sureMemo = new Uint8Array(candidates.length * 4 * total);
  /** sureJoin of a piece before a side's moved piece, and of the moved piece before a piece after, remembered. */
  const sureBefore = (side: Side, piece: number): boolean => {
    const key = side.memo + piece;
    let known = sureMemo[key]!;
    if (known === UNKNOWN) sureMemo[key] = known = sureJoin(piece, side.moved, side.candidate) ? SURE : NOT_SURE;
    return known === SURE;
  };
  const sureAfter = (side: Side, piece: number): boolean => {
    const key = side.memo + total + piece;
    let known = sureMemo[key]!;
    if (known === UNKNOWN) sureMemo[key] = known = sureJoin(side.moved, piece, side.candidate) ? SURE : NOT_SURE;
    return known === SURE;
  };
  // Every piece that may move, with the places it may go to by their joins. A place is the gap
  // after a slot (`left`); what a place gains depends on the pieces on its two sides alone, so
  // after a round only the places whose sides changed are judged again (see the round's start).
  const sides: Side[] = [];
  candidates.forEach((candidate, candidateIndex) => {
    // Either piece may belong elsewhere: the first (it continues another page) or the second.
    for (const movesHead of [true, false]) {
      if (!(movesHead ? candidate.movable.head : candidate.movable.tail)) continue;
      const staying = movesHead ? candidate.tail : candidate.head;
      const moved = movesHead ? candidate.head : candidate.tail;
      // A piece that neither opens nor ends open, nor holds list entries, is sure of no neighbour.
      const mayFollow = !!candidate.finishes || edges[moved]!.startsOpenProse || edges[moved]!.firstKey !== null;
      const mayLead = !candidate.finishes && (edges[moved]!.endsOpenProse || edges[moved]!.lastKey !== null);
      if (!mayFollow && !mayLead) continue;
      // The vouching a neighbour before (after) the moved piece needs for sureJoin to hold.
      // (a division's unfinished end is open prose)
      const neededBefore = candidate.finishes ? ENDS_OPEN_PROSE : mayFollow ? (startsOpenProse[moved] === 1 ? ENDS_OPEN_PROSE : 0) | (edges[moved]!.firstKey !== null ? HAS_LAST_KEY : 0) : 0;
      const neededAfter = mayLead ? (endsOpenProse[moved] === 1 ? STARTS_OPEN_PROSE : 0) | (edges[moved]!.lastKey !== null ? HAS_FIRST_KEY : 0) : 0;
      const memo = (candidateIndex * 2 + (movesHead ? 0 : 1)) * 2 * total;
      sides.push({ candidate, movesHead, staying, moved, mayFollow, mayLead, neededBefore, neededAfter, memo, places: [], complete: true });
    }
  });
  /** The order, and what each slot held, when the sides' places were last judged (null: never, or not to be trusted). */
  let judgedOn: { order: number[]; pieces: Int32Array } | null = null;
  /** A join scored no number: the places are then judged afresh each round, as they always were. */
  let unordered = false;
  const splits: MergedSplit[] = [];
  const done = new Set<number>();
  for (let round = 0; splits.length < MAX_SPLITS; round++) {
    startRound();
    // (a copy: slotFeature changes after the round, and worthOf keeps the features of the arrays it judges)
    const worthNow = settle(current, baseSlots).worth;
    // Each candidate's best places by their joins; then the whole order judges every move with
    // evidence at its break, and the others with the best joins (a bound on the work in a long book).
    const moves: Array<{ candidate: Candidate; movesHead: boolean; place: number; joinGain: number }> = [];
    const positionOf = basePosition;
    // Nothing moves into the pages before the first Contents heading (a title page, a dedication):
    // what the Contents does not list there is not continued from elsewhere.
    const firstPlace = firstHeadingAt(current, slotFeature, features) + 1;
    const moving = slotFeature.length;
    const length = current.length;
    const pieceInPlace = Int32Array.from(current, (slot) => slotFeature[slot]!);
    // What each position's piece could vouch for (see vouchedFor): a place is looked into only if
    // a neighbour there could, which rules out most places of most pieces at a glance.
    const vouchingAt = Uint8Array.from(pieceInPlace, (piece) => vouching[piece]!);
    // The same by place: what the piece before it could vouch for as a predecessor, and the piece
    // after it as a successor (the bits are apart); and, by the bits a moving piece needs of its
    // neighbours, the places from a first one on where one could (made when first asked for).
    const placeVouching = new Uint8Array(length + 1);
    for (let place = 0; place <= length; place++) {
      placeVouching[place] = (place >= 1 ? vouchingAt[place - 1]! & (ENDS_OPEN_PROSE | HAS_LAST_KEY) : 0) | (place < length ? vouchingAt[place]! & (STARTS_OPEN_PROSE | HAS_FIRST_KEY) : 0);
    }
    const placesNeeding = new Map<number, Int32Array>();
    const placesFor = (needed: number, from: number): Int32Array => {
      const key = needed * (length + 2) + from;
      let found = placesNeeding.get(key);
      if (!found) {
        const list: number[] = [];
        for (let place = from; place <= length; place++) if ((placeVouching[place]! & needed) !== 0) list.push(place);
        placesNeeding.set(key, (found = Int32Array.from(list)));
      }
      return found;
    };
    /**
     * What the side's piece gains at a place (the joins it makes, less the join it breaks), or
     * null where it may not go: beside the piece that stays (that is no split at all), or where it
     * is sure of neither new neighbour (a sentence it carries on or that carries on into it, or a
     * list whose alphabet it continues). The fragment being split is read as the piece that stays.
     */
    const gainAt = (side: Side, place: number): number | null => {
      const at = positionOf[side.candidate.fragment]!;
      if (place === (side.movesHead ? at : at + 1)) return null;
      const hasBefore = place >= 1;
      const hasAfter = place < length;
      const before = hasBefore ? (place - 1 === at ? side.staying : pieceInPlace[place - 1]!) : -1;
      const after = hasAfter ? (place === at ? side.staying : pieceInPlace[place]!) : -1;
      const { finishes } = side.candidate;
      if (finishes && !(hasBefore && finishes.has(lastBlockOf[before]!))) return null;
      if (!finishes && !(side.mayFollow && hasBefore && sureBefore(side, before)) && !(side.mayLead && hasAfter && sureAfter(side, after))) return null;
      const joined = (hasBefore ? join(before, side.moved) : 0) + (hasAfter ? join(side.moved, after) : 0);
      return joined - (hasBefore && hasAfter ? join(before, after) : 0);
    };
    /** The places from `from` on where the side's piece may go, in order, with their gains. */
    const scan = (side: Side, from: number): Array<{ place: number; gain: number }> => {
      const at = positionOf[side.candidate.fragment]!;
      const vouchingOf = (position: number): number => (position === at ? vouching[side.staying]! : vouchingAt[position]!);
      const places: Array<{ place: number; gain: number }> = [];
      // Only the places where a neighbour could vouch for the piece are visited: those the list
      // gives, and the two beside the fragment being split (its neighbours vouch otherwise).
      const listed = placesFor(side.neededBefore | side.neededAfter, from);
      let next = 0;
      let special = Math.max(from, at);
      const lastSpecial = Math.min(length, at + 1);
      while (true) {
        while (next < listed.length && (listed[next] === at || listed[next] === at + 1)) next++;
        let place: number;
        if (special <= lastSpecial && (next >= listed.length || special < listed[next]!)) place = special++;
        else if (next < listed.length) place = listed[next++]!;
        else break;
        if ((vouchingOf(place - 1) & side.neededBefore) === 0 && (place === length || (vouchingOf(place) & side.neededAfter) === 0)) continue;
        const gain = gainAt(side, place);
        if (gain !== null) places.push({ place, gain });
      }
      return places;
    };
    // The places whose sides changed since the places were judged (by the slot before them), if
    // the others still come in the order they came then; else null, and every place is judged.
    const changedPlaces = ((): { changed: Uint8Array; at: number[] } | null => {
      if (!judgedOn || unordered) return null;
      const { order: before, pieces } = judgedOn;
      const nextBefore = new Int32Array(moving).fill(-1);
      for (let k = 0; k + 1 < before.length; k++) nextBefore[before[k]!] = before[k + 1]!;
      const changed = new Uint8Array(moving);
      const pieceChanged = (slot: number): boolean => slot >= pieces.length || pieces[slot] !== slotFeature[slot];
      for (let k = 0; k < length; k++) {
        const slot = current[k]!;
        const after = k + 1 < length ? current[k + 1]! : -1;
        if (slot >= pieces.length || nextBefore[slot] !== after || pieceChanged(slot) || (after >= 0 && pieceChanged(after))) changed[slot] = 1;
      }
      // The places that did not change must keep their order (true of a piece set in, and of a
      // page moved beside it; the search of a small book may reorder more).
      const kept = (order: readonly number[]): number[] => order.filter((slot) => slot < pieces.length && changed[slot] === 0);
      const was = kept(before);
      const now = kept(current);
      if (was.length !== now.length || !was.every((slot, k) => slot === now[k])) return null;
      const at: number[] = [];
      for (let k = 0; k < length; k++) if (changed[current[k]!] === 1) at.push(k);
      return { changed, at };
    })();
    /** Keeps a side's best places (a few more than are tried, for the places the next rounds change). */
    const keep = (side: Side, places: Array<{ left: number; gain: number }>, complete: boolean): void => {
      side.complete = complete && places.length <= PLACES_KEPT;
      side.places = places.length > PLACES_KEPT ? places.slice(0, PLACES_KEPT) : places;
    };
    for (const side of sides) {
      if (done.has(side.candidate.fragment)) continue;
      if (unordered) {
        for (const { place, gain } of bestPlaces(scan(side, firstPlace))) moves.push({ candidate: side.candidate, movesHead: side.movesHead, place, joinGain: gain });
        continue;
      }
      // (the best places only are kept: a long book's pieces may go to thousands of places, and
      // a round changes a few)
      let places: Array<{ left: number; gain: number }> | null = null;
      if (changedPlaces) {
        // The places kept, in their order (best gain first, then the earlier), and the changed
        // ones judged again and set among them (where the places left out were, after the last
        // kept, it is not known how they rank: they are left out too).
        places = side.places.filter((p) => changedPlaces.changed[p.left] === 0);
        const complete = side.complete;
        for (const k of changedPlaces.at) {
          const left = current[k]!;
          const gain = gainAt(side, k + 1);
          if (gain === null) continue;
          if (Number.isNaN(gain)) unordered = true;
          let lo = 0;
          let hi = places.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            const other = places[mid]!;
            if (other.gain > gain || (other.gain === gain && positionOf[other.left]! < k)) lo = mid + 1;
            else hi = mid;
          }
          if (!complete && lo === places.length) continue;
          places.splice(lo, 0, { left, gain });
        }
        // Too few kept to give the best places from firstPlace on: all judged again.
        if (!complete && places.filter((p) => positionOf[p.left]! + 1 >= firstPlace).length < PLACES_TRIED) places = null;
        else keep(side, places, complete);
      }
      if (!places) {
        // Every place from the first on (the first Contents heading may move), in order, then
        // the best first; the sort keeps the order of equals.
        const scanned = scan(side, 1);
        if (scanned.some((p) => Number.isNaN(p.gain))) unordered = true;
        keep(side, scanned.sort((x, y) => y.gain - x.gain).map(({ place, gain }) => ({ left: current[place - 1]!, gain })), true);
      }
      if (unordered) {
        // (a join that is no number orders nothing: this round and the next are judged as always)
        for (const { place, gain } of bestPlaces(scan(side, firstPlace))) moves.push({ candidate: side.candidate, movesHead: side.movesHead, place, joinGain: gain });
        continue;
      }
      // The best places from firstPlace on.
      let taken = 0;
      for (const { left, gain } of side.places) {
        const place = positionOf[left]! + 1;
        if (place < firstPlace) continue;
        moves.push({ candidate: side.candidate, movesHead: side.movesHead, place, joinGain: gain });
        if (++taken === PLACES_TRIED) break;
      }
    }
    judgedOn = { order: [...current], pieces: Int32Array.from(slotFeature) };
    const withEvidence = moves.filter((m) => m.candidate.evidence);
    const others = moves.filter((m) => !m.candidate.evidence).sort((x, y) => y.joinGain - x.joinGain).slice(0, MOVES_JUDGED);
    const slotsOfMove = new Map<Candidate, { head?: number[]; tail?: number[] }>();
    /** A move judged on the order as it is now: the order it makes, what the whole order gains, and the slot set beside the staying piece with it (-1: none). */
    const judge = (candidate: Candidate, movesHead: boolean, place: number, worthBefore: number): { gain: number; order: number[]; followed: number } => {
      const moving = slotFeature.length;
      // (one array of slots for each piece that may move, while the slots stay as they are: the note counts are kept by the array)
      let ofCandidate = slotsOfMove.get(candidate);
      if (!ofCandidate) slotsOfMove.set(candidate, (ofCandidate = {}));
      let slots = movesHead ? ofCandidate.head : ofCandidate.tail;
      if (!slots) {
        slots = [...slotFeature, movesHead ? candidate.head : candidate.tail];
        slots[candidate.fragment] = movesHead ? candidate.tail : candidate.head;
        if (movesHead) ofCandidate.head = slots;
        else ofCandidate.tail = slots;
      }
      const inserted = current.slice();
      inserted.splice(place, 0, moving);
      let candidateOrder = n >= SETTLE_BELOW ? { order: inserted, worth: worthOfInsertion(inserted, slots, place, candidate.fragment) } : settle(inserted, slots);
      let followed = -1;
      // (only where the text shows two pages meet: the moves judged for their joins alone are many)
      const withNeighbour = candidate.evidence ? withBestNeighbour(candidateOrder.order, slots, candidate.fragment, movesHead, moving, splits.length) : null;
      if (withNeighbour) {
        const worth = worthOf(withNeighbour.order, slots);
        if (worth > candidateOrder.worth) {
          candidateOrder = { order: withNeighbour.order, worth };
          followed = withNeighbour.slot;
        }
      }
      return { gain: candidateOrder.worth - worthBefore, order: candidateOrder.order, followed };
    };
    const passes = (candidate: Candidate, gain: number): boolean => gain >= (candidate.evidence ? MIN_GAIN_WITH_EVIDENCE : MIN_GAIN);
    const apply = (candidate: Candidate, movesHead: boolean, gain: number, chosen: number[]): void => {
      slotsOfMove.clear();
      done.add(candidate.fragment);
      slotFeature[candidate.fragment] = movesHead ? candidate.tail : candidate.head;
      slotsChangedIn[splits.length] = [candidate.fragment, slotFeature.length];
      slotFeature.push(movesHead ? candidate.head : candidate.tail);
      splits.push({ fragment: candidate.fragment, at: candidate.at, moved: movesHead ? 'first' : 'second', movedPiece: movesHead ? candidate.head : candidate.tail, gain, finishesDivision: !!candidate.finishes });
      current = chosen;
    };
    // Every move judged on the round's order; those that gain enough, the greatest gain first (among
    // equals, the first judged).
    const passed: Array<{ candidate: Candidate; movesHead: boolean; place: number; gain: number; order: number[]; followed: number }> = [];
    for (const { candidate, movesHead, place } of [...withEvidence, ...others]) {
      const judged = judge(candidate, movesHead, place, worthNow);
      if (passes(candidate, judged.gain)) passed.push({ candidate, movesHead, place, ...judged });
    }
    if (!passed.length) break;
    passed.sort((x, y) => y.gain - x.gain);
    const best = passed[0]!;
    // In a book the local search does not settle, moves far apart do not change each other's gain:
    // after the best, each next best whose pages, neighbours, chapter and pages between headings are
    // apart from those of the moves made this round is judged again on the order as it now is and
    // made if it still gains enough, as the next round would make it (a long book needs no more
    // rounds than a short one).
    const roundOrder = current;
    const roundLayout = baseLayout as SlotLayout | null;
    const roundPosition = basePosition;
    const taken = new Set<number>();
    const chapters = new Set<number>();
    const sections = new Set<number>();
    const footprint = (move: { candidate: Candidate; place: number; followed: number }): { positions: number[]; chapters: number[]; sections: number[] } => {
      const around = [roundPosition[move.candidate.fragment]!, move.place - 1, move.place];
      if (move.followed >= 0) around.push(roundPosition[move.followed]!);
      const positions: number[] = [];
      for (const at of around) for (let k = at - 2; k <= at + 2; k++) if (k >= 0 && k < roundOrder.length) positions.push(k);
      const ofChapter: number[] = [];
      const ofSection: number[] = [];
      if (roundLayout) {
        for (const k of positions) {
          const counted = roundLayout.countedBefore[k + 1]!;
          const chapter = counted > 0 ? roundLayout.chapterOf[counted - 1]! : 0;
          ofChapter.push(chapter - 1, chapter, chapter + 1);
          const section = roundLayout.anchorsBefore[counted]!;
          ofSection.push(section - 1, section, section + 1);
        }
      }
      return { positions, chapters: ofChapter, sections: ofSection };
    };
    const mark = (move: { candidate: Candidate; place: number; followed: number }): void => {
      const { positions, chapters: ofChapter, sections: ofSection } = footprint(move);
      for (const k of positions) taken.add(roundOrder[k]!);
      for (const c of ofChapter) chapters.add(c);
      for (const c of ofSection) sections.add(c);
    };
    apply(best.candidate, best.movesHead, best.gain, best.order);
    if (n < SETTLE_BELOW || !roundLayout) continue;
    mark(best);
    // (the round's order and its worth are counted afresh only once a move has changed them)
    let judgedSince = false;
    let worth = 0;
    for (const move of passed.slice(1)) {
      if (splits.length >= MAX_SPLITS) break;
      if (done.has(move.candidate.fragment)) continue;
      const { positions, chapters: ofChapter, sections: ofSection } = footprint(move);
      if (positions.some((k) => taken.has(roundOrder[k]!)) || ofChapter.some((c) => chapters.has(c)) || ofSection.some((c) => sections.has(c))) continue;
      if (!judgedSince) {
        startRound();
        worth = worthOf(current, baseSlots);
        judgedSince = true;
      }
      const left = move.place > 0 ? roundOrder[move.place - 1]! : -1;
      const place = left < 0 ? 0 : basePosition[left]! + 1;
      const judged = judge(move.candidate, move.movesHead, place, worth);
      if (!passes(move.candidate, judged.gain)) continue;
      apply(move.candidate, move.movesHead, judged.gain, judged.order);
      judgedSince = false;
      mark({ candidate: move.candidate, place: move.place, followed: judged.followed });
    }
  }
  if (!splits.length) return null;
  // The fragments in raw order again, each split one as its two pieces, renumbered.
  const result: Fragment[] = [];
  const resultFeatures: FragmentFeatures[] = [];
  const newIdOfPiece = new Map<number, number>();
  const add = (piece: number): void => {
    const id = result.length;
    newIdOfPiece.set(piece, id);
    result.push({ ...all[piece]!, id });
    resultFeatures.push({ ...allFeatures[piece]!, id });
  };
  const splitOf = new Map(splits.map((split) => [split.fragment, split]));
  // (a fragment may be cut at one block in two ways, its notes going with either piece: the moved piece tells which)
  const candidateOf = new Map(candidates.flatMap((c) => [[c.head, c] as const, [c.tail, c] as const]));
  fragments.forEach((_, i) => {
    const made = splitOf.get(i);
    if (!made) return add(i);
    const candidate = candidateOf.get(made.movedPiece)!;
    add(candidate.head);
    add(candidate.tail);
  });
  return {
    fragments: result,
    features: resultFeatures,
    order: current.map((slot) => newIdOfPiece.get(slotFeature[slot]!)!),
    splits: splits.map((split) => ({ ...split, movedPiece: newIdOfPiece.get(split.movedPiece)! })),
  };
}
