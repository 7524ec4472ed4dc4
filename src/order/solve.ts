import { type FragmentFeatures } from './features.js';
import { type Chain, type SolverFeatures, chainOf, placeAnchors, restartsNotes } from './chains.js';
import { type SingleChains, chainJoinScore, contract, singleChains } from './contract.js';
import { type ScramblePattern, type SolveOptions, chainScore, isSureJoin, learnPattern, localScore, localScores, neighbourhoodJoins, sentenceRelation } from './evidence.js';
import { insertRemaining } from './placement.js';
import { type ScoredJoins, noteContradictions, orderWorth, orderWorthBy, reseat } from './reseat.js';
import { BandScores, type JoinOf } from './band.js';
import { listsInOrder } from './lists.js';
import { seatPlainPages } from './plain-pages.js';
import { type MissingHeading, withMissingHeadings } from './missing-headings.js';
import { type BookletLayout, type ScanReading, bookletLayouts, describeLayout, fitBooklet, fitDuplex, fitInterleave, fitTwoPasses, reachOf, scanReadings, twoPassScans } from './scheme.js';

export type { HyphenJoinScore, SolveOptions } from './evidence.js';
export { noteContradictions } from './reseat.js';

export interface Join {
  /** Fragment index this join leads into. */
  to: number;
  from: number | null;
  score: number;
  reasons: string[];
}

/** What a join the fitted scan makes is worth beyond its evidence, in the search that mends the scan's reading. */
const SCAN_HINT = 4;

/**
 * What a join of a booklet's fitted reading between two pages of prose is worth beyond its
 * evidence, in the search that mends the reading (see withBookletHint). On the real book dealt out
 * as booklets of 8–20 pages a signature, nine seeds: 3–5 more page joins each (none fewer); at 4
 * the real book's Bauwens entry loses its note's second page to chapter 12's last note.
 */
const BOOKLET_HINT = 2;

/**
 * How much less a simple scan's reading may explain than the evidence's own assembly and still be
 * tried: where the evidence cannot tell two pages apart (two sentences carried over, either way
 * round), the order the raw file gives is the likelier, and word statistics should not outweigh it.
 */
const SCAN_MARGIN = 3;

/** How far below the evidence's own assembly (per fragment) a reading fitted to a scan may come and still be tried. */
const FIT_MARGIN_PER_FRAGMENT = 0.1;

/** Fragments each range must hold at the least for ranges interleaved to be fitted: in a shorter file any reading fits. */
const LEAST_PER_RANGE = 8;

/** Ranges interleaved that are fitted to the joins (more ranges are read only exactly, as scanReadings reads them: the fit's states grow fast with the ranges). */
const FITTED_INTERLEAVES = [2, 3, 4];

/** Of the sure joins between fragments apart in the raw file, the share whose mirror is sure too that shows sheet sides (a random scramble: 2%; sheet sides: a third). */
const MIRRORED_SHARE = 0.15;

/** Of the sure joins apart in the raw file and without a mirror, the share within three sums or distances of raw places that shows a stack scanned in two passes, not sheet sides (see readsAsTwoPasses). */
const TWO_PASS_SHARE = 0.3;

/** What a sure join's mirror candidates earn (four candidates: one is the mirror). */
const MIRROR_BONUS = 6;

/**
 * Sheet sides read side by side (see addSideJoins): each join of a pair of sides must score this
 * much, the two together more than SIDE_PAIR_LEAST; a raw fragment left out of the sides costs
 * SIDE_ALONE_COST, and each join of a linked pair earns SIDE_BONUS. (On the real book's sheet
 * sides shuffled, seeds 2, 3, 5, 7, 11, 13: 3,777 page joins kept, 3,476 without; a floor of 2.5
 * keeps 3,672, a bonus of 4 or 9 fewer too.)
 */
const SIDE_JOIN_FLOOR = -0.5;
const SIDE_PAIR_LEAST = 4;
const SIDE_ALONE_COST = 0.5;
const SIDE_BONUS = 6;

/** A join scoring this or more is sure (the report lists the others: O-100). */
export const SURE_SCORE = 6;

/** How much less two carried-on joins swapped, and the order with their pages exchanged, may score and still make them rivals (see rivalsOf). */
const RIVAL_MARGIN = 1;

/** The score a join with a rival is given: under sure. */
const RIVAL_SCORE = 5;

/** Which pages of a list an order may take out of a chapter's pages (see listsInOrder's `fromChapters`), judged with the options the order was found with. */
export type MayLeaveChapter = (order: readonly number[], options: SolveOptions) => (page: number) => boolean;

/** What solveOrder gives: the order, its joins' evidence, and the scheme it read (for the report). */
export interface SolvedOrder {
  order: number[];
  joins: Join[];
  scheme: string | null;
  options: SolveOptions;
  /** Whether the order follows a scheme's reading (a booklet, a scan), not the evidence alone. */
  followsScheme: boolean;
  /** Where the evidence alone set the order: its joins another page would carry on as well (see rivalsOf). */
  rivals: ReadonlyMap<number, readonly number[]>;
  /**
   * Where the order follows the evidence alone: the scheme reading it was preferred to that puts
   * fewest note numbers out of place (mended by the search, its lists' pages sorted), and what
   * reading it is, for the order stage to judge again once the pages the extraction ran together
   * are split in both (a merged page puts a reading's notes out of place where no page is).
   */
  declined?: { order: number[]; reading: string };
}

/**
 * How many times list pages the evidence's own order set among a chapter's are sent home and the
 * search run again (see solveOrder's end). Permutations of the real book, seeds 1–13: 459.5 page
 * joins kept on average without it, 463.9 with one round, 468.9 with three (12 seeds of 13 gain);
 * shuffled sheet sides, six seeds, 3,772 (3,752). Two books of 11 and 12 pages of 480 small ones
 * no longer come back whole (426), where the model prefers the wrong order anyway.
 */
const LIST_ROUNDS = 3;

/** How far the last local search on the joins' own evidence moves a page. */
const NEAR_MOVES = 4;

/** Booklet layouts the headings allow that are fitted and judged (the smallest signatures first). */
const MAX_SIZES_TRIED = 4;

/**
 * How weakly or strongly the sentence evidence counts is the least certain weight; each setting
 * yields a full order and the one the book's own notes and sentences contradict least is kept.
 * (A third, between these two, changed no small book's or synthetic book's outcome and lost 23
 * page joins of an interleaved real book: measured, and dropped with a third of the work.)
 */
const SENTENCE_WEIGHTS = [
  { runsOn: 1.5, broken: -4 },
  { runsOn: 3, broken: -8 },
];

/**
 * Orders fragments as a path: successor evidence between fragments, solved as an assignment
 * problem contracted round by round (with the scramble's own rhythm learned from the sure joins),
 * then placement of what is left by chapter, note numbers and the Contents page budgets; known
 * scans of a stack (a booklet's signatures, a duplex scan, interleaved ranges) compete with that
 * assembly, and a booklet reading that puts no note number out of place is taken without it.
 */
export function solveOrder(input: readonly FragmentFeatures[], options: SolveOptions, mayLeaveChapter?: MayLeaveChapter, missing: readonly MissingHeading[] = []): SolvedOrder {
  const features = placeAnchors(input);
  /** The features an order is judged by: a chapter heading the text lacks set where that order's notes start afresh (see missing-headings.ts). */
  const judgedBy = (order: readonly number[]): readonly SolverFeatures[] => withMissingHeadings(order, input, features, missing);
  const n = features.length;
  // The sentence weight apart: each variant adds its own.
  const unweighted = { ...options, sentence: { runsOn: 0, broken: 0 } };
  // Chains by the global assignment, the scramble's rhythm learned from them, then placement.
  // (every pair's chain score: only the evidence's own assembly needs it)
  let singles: SingleChains | undefined;
  /** The first contraction, and the scramble's rhythm it shows (added to `local` as evidence). */
  const learn = (local: Float32Array): { chains: Chain[]; pattern: ScramblePattern | undefined } => {
    const chains = contract(features, local, options.first, undefined, (singles ??= singleChains(features)));
    // The way the pages were scrambled often repeats (a booklet's sheet sides, a duplex scan): where
    // the sure joins show a preferred step through the raw file, it becomes evidence for the others.
    const pattern = learnPattern(chains, features, (a, b) => local[a * n + b]!);
    addMirrors(local, chains, features, options.first);
    if (!pattern.steps.size) return { chains, pattern: undefined };
    addPattern(local, pattern);
    return { chains, pattern };
  };
  const addPattern = (local: Float32Array, pattern: ScramblePattern): void => {
    for (let i = 0; i < n; i++) for (const [step, bonus] of pattern.steps) if (i + step >= 0 && i + step < n) local[i * n + i + step]! += bonus;
  };
  const assemble = (local: Float32Array, { pattern }: ReturnType<typeof learn>): number[] => {
    const chains = contract(features, local, options.first, pattern, (singles ??= singleChains(features)));
    return insertRemaining(chains, chainJoinScore(features, local, pattern), options.first, features);
  };
  // A booklet's sheet sides: if the headings' printed pages say the raw file holds signatures of
  // some size, read each signature as its climb and return, and improve that reading the same way.
  // (one count of pages: where the Contents numbers the front matter apart, in roman, the body's headings alone)
  const bodyNumbering = Math.max(0, ...features.flatMap((f) => f.anchors.map((a) => a.numbering)));
  const headings = features.flatMap((f, index) => (f.anchors.length && f.anchors[0]!.numbering === bodyNumbering ? [{ index, page: f.anchors[0]!.page }] : []));
  const layouts = bookletLayouts(headings).slice(0, MAX_SIZES_TRIED);
  /**
   * Each layout fitted by `scored`'s joins (note runs added; `tabled` keeps them in a table, for the
   * fits ask for each join many times over), its reading improved by the local search: the best.
   */
  const fitBooklets = (scored: Float32Array | ScoredJoins, tabled: (join: JoinOf) => JoinOf): { order: number[]; layout: BookletLayout; signatures: number; worth: number } | null => {
    let fitted: { order: number[]; layout: BookletLayout; signatures: number; worth: number } | null = null;
    const score = scored instanceof Float32Array ? (a: number, b: number): number => scored[a * n + b]! : scored.join;
    const join = tabled((a, b) => score(a, b) + noteRun(features[a]!, features[b]!));
    for (const layout of layouts) {
      const booklet = fitBooklet(n, join, headings, layout);
      if (booklet.order.length !== n) continue;
      const read = titleFirst(booklet.order, options.first);
      const judged = judgedBy(read);
      const byScheme = reseat(read, judged, withBookletHint(scored, read, judged), options.first);
      const worth = orderWorthBy(byScheme, judgedBy(byScheme), score);
      if (!fitted || worth > fitted.worth) fitted = { order: byScheme, layout, signatures: booklet.signatures.length, worth };
    }
    return fitted;
  };
  const denseTable = (join: JoinOf): JoinOf => {
    const table = new Float64Array(n * n);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) table[a * n + b] = join(a, b);
    return (a, b) => table[a * n + b]!;
  };
  const variants = options.sentence ? [options.sentence] : SENTENCE_WEIGHTS;
  // A booklet is first fitted with the rhythm its surest joins show (joins both sides pick as their
  // best), all read from the joins within a signature or two of each other in the raw file, which
  // are all a booklet's fit asks for. A booklet reading that puts no note number out of place is the
  // order: the evidence's own assembly could at best tie it on the notes, and is not worth the work.
  let quick: { pattern: ScramblePattern; fit: ReturnType<typeof fitBooklets> } | null = null;
  if (layouts.length) {
    const band = new BandScores(features, unweighted, variants[0]!, Math.max(...layouts.map(reachOf)));
    const pattern = learnPattern(band.mutualBestChains(options.first), features, band.join);
    for (const [step, bonus] of pattern.steps) band.addStep(step, bonus);
    quick = { pattern, fit: fitBooklets(band, (join) => band.table(join)) };
    if (quick.fit && noteContradictions(quick.fit.order, judgedBy(quick.fit.order)) === 0) return followBooklet(quick.fit, { ...options, sentence: variants[0]! }, features);
  }
  // Everything but the sentence weight is shared by the variants: compute it once.
  const base = localScores(features, unweighted);
  const relation = new Int8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const r = sentenceRelation(features[i]!, features[j]!);
      relation[i * n + j] = r === 'runsOn' ? 1 : r === 'broken' ? -1 : 0;
    }
  }
  const weighted = (sentence: { runsOn: number; broken: number }): Float32Array => {
    const local = new Float32Array(n * n);
    for (let k = 0; k < n * n; k++) local[k] = base[k]! + (relation[k] === 1 ? sentence.runsOn : relation[k] === -1 ? sentence.broken : 0);
    return local;
  };
  const firstLocal = weighted(variants[0]!);
  const firstLearned = learn(firstLocal);
  // (the contraction's rhythm, if it adds what the quick one does, fits the same booklet)
  const firstFit = sameSteps(firstLearned.pattern, quick?.pattern) ? (quick?.fit ?? null) : layouts.length ? fitBooklets(firstLocal, denseTable) : null;
  if (firstFit && noteContradictions(firstFit.order, judgedBy(firstFit.order)) === 0) return followBooklet(firstFit, { ...options, sentence: variants[0]! }, features);
  // The evidence's own assembly also weighs which pages a page's nearest pages are near (a chapter's
  // vocabulary), as far as the raw file's rhythm leaves the sure joins unexplained. The booklet and
  // the scans are judged on the joins' own evidence.
  const neighbourhood = neighbourhoodJoins(features, firstLearned);
  let best: { order: number[]; violations: number; options: SolveOptions; local: Float32Array; assembled: Float32Array; first: boolean } | null = null;
  variants.forEach((sentence, k) => {
    const local = k === 0 ? firstLocal : weighted(sentence);
    const learned = k === 0 ? firstLearned : learn(local);
    const assembled = local.map((score, pair) => score + neighbourhood[pair]!);
    const order = assemble(assembled, learned);
    const violations = contradictions(order, features);
    if (!best || violations < best.violations) best = { order, violations, options: { ...options, sentence }, local, assembled, first: k === 0 };
  });
  const { options: chosen, local, first: firstChosen } = best!;
  // The neighbourhood helps gather each chapter's pages; the joins' own evidence then sets each page
  // a place or two off where it reads best (inside a chapter the neighbourhood says little, and a
  // page at a chapter's edge may belong to the next).
  /** The evidence's own search: on the joins with the neighbourhood, then a place or two on the joins alone. */
  const search = (start: readonly number[]): number[] => reseat(reseat(start, features, best!.assembled, options.first), features, local, options.first, { near: NEAR_MOVES });
  let order = search(best!.order);
  // The booklet's reading is kept if it explains the evidence better than the evidence alone assembled.
  let scheme: string | null = null;
  let followsScheme = false;
  const declined: Array<{ order: number[]; reading: string }> = [];
  const fitted = firstChosen ? firstFit : layouts.length ? fitBooklets(local, denseTable) : null;
  if (fitted) {
    const { better, why } = judge(fitted.order, order, judgedBy, local);
    if (better) order = fitted.order;
    else declined.push({ order: fitted.order, reading: "the booklet's reading" });
    followsScheme = better;
    scheme = `the headings' printed pages fit ${describeLayout(fitted.layout, fitted.signatures)}; reading them as such ${better ? 'explains' : 'does not explain'} the evidence better (${why}), so the order ${better ? 'follows the booklet' : 'follows the evidence alone'}`;
  }
  // Simple scans of a stack (the file already in reading order, reversed, a duplex stack, ranges
  // interleaved): the reading the evidence contradicts least, if it beats the evidence's own first
  // assembly, is improved the same way and kept if it then explains the evidence better. Failing
  // that, ranges interleaved as fitted to the joins (blank pages shift the deal) are tried the same way.
  const assembled = orderWorth(best!.order, features, local);
  const scanJoin = (a: number, b: number): number => local[a * n + b]! + noteRun(features[a]!, features[b]!);
  const asRead = (reading: ScanReading): { reading: ScanReading; worth: number } | null => {
    const candidate = headingsInOrder(titleFirst(reading.order, options.first), features);
    // A reading whose headings still break the Contents order is not a reading of this book.
    if (!inContentsOrder(candidate, features)) return null;
    return { reading: { ...reading, order: candidate }, worth: orderWorth(candidate, features, local) };
  };
  const duplex = fitDuplex(n, scanJoin);
  const twoPasses = twoPassScans(sureJoins(firstLearned.chains, features, firstLocal), n).map((passes) => fitTwoPasses(n, scanJoin, passes, duplex.score));
  const simplest = [...scanReadings(n), duplex, ...twoPasses]
    .map(asRead)
    .reduce<{ reading: ScanReading; worth: number } | null>((found, read) => (read && (!found || read.worth > found.worth) ? read : found), null);
  let read: string | null = null;
  /** Improves a scan's reading by the search, and follows it if it then explains the evidence better. */
  const follows = (scan: { reading: ScanReading; worth: number }): boolean => {
    // The scan is a hint the search leans on, and the judge too: a reading that explains the whole
    // raw file as one simple scan is likelier than the evidence alone says of each of its joins.
    const hinted = Float32Array.from(local);
    for (let k = 1; k < scan.reading.order.length; k++) hinted[scan.reading.order[k - 1]! * n + scan.reading.order[k]!]! += SCAN_HINT;
    const byScan = reseat(scan.reading.order, judgedBy(scan.reading.order), hinted, options.first);
    let { better, why } = judge(byScan, order, judgedBy, hinted);
    // A reading let in by the margin must still explain nearly as much without its own bonus; so
    // must any reading against an order that is the raw file's own (as likely a scan as any, and
    // the likeliest: see SCAN_MARGIN).
    const unhinted = orderWorth(byScan, features, local) - orderWorth(order, features, local);
    if (better && (scan.worth <= assembled || isRawOrder(order)) && unhinted <= -SCAN_MARGIN) {
      better = false;
      why = `joins and page counts ${unhinted.toFixed(1)} without the reading's own bonus`;
    }
    // (the report names the reading followed, or else the first tried)
    const same = byScan.every((index, k) => index === order[k]);
    if (better || read === null) read = same ? `the raw file reads best as ${scan.reading.scan}, and the evidence alone gives the same order` : `the raw file reads best as ${scan.reading.scan}; that reading ${better ? 'explains' : 'does not explain'} the evidence better (${why}), so the order ${better ? 'follows it' : 'does not'}`;
    if (better) {
      order = byScan;
      followsScheme = true;
    } else declined.push({ order: byScan, reading: `the reading as ${scan.reading.scan}` });
    return better;
  };
  if (!(simplest && simplest.worth > assembled - SCAN_MARGIN && follows(simplest))) {
    // A fitted reading may have traded a few pages between its ranges where the joins could not
    // tell, which the search mends: it is let in from further below.
    const interleaved = FITTED_INTERLEAVES.filter((runs) => n >= runs * LEAST_PER_RANGE)
      .flatMap((runs) => fitInterleave(n, runs, scanJoin, headings) ?? [])
      .map(asRead)
      .filter((fitted): fitted is { reading: ScanReading; worth: number } => fitted !== null && fitted.worth > assembled - FIT_MARGIN_PER_FRAGMENT * n)
      .sort((a, b) => b.worth - a.worth);
    interleaved.some(follows);
  }
  if (read) scheme = scheme ? `${scheme}; ${read}` : read;
  order = listsInOrder(order, features);
  // List pages the joins set among a chapter's go back to their list; where they leave a hole the
  // search fills it (a run set among another chapter's pages to balance the page counts goes home),
  // and may set list pages among a chapter's again.
  if (!followsScheme && mayLeaveChapter) {
    const home = (from: readonly number[]): number[] => listsInOrder(from, features, { fromChapters: mayLeaveChapter(from, chosen) });
    for (let round = 0; round < LIST_ROUNDS; round++) {
      const gathered = home(order);
      if (gathered.every((index, k) => index === order[k])) break;
      order = search(gathered);
    }
    order = home(order);
  }
  // A page without notes, heading or entries may stand far from where its joins say it belongs.
  if (!followsScheme) order = seatPlainPages(order, features, local, options.first);
  const joins = joinsOf(order, features, chosen);
  const closest = followsScheme ? undefined : leastContradicted(declined, features);
  return { order, joins, scheme, options: chosen, followsScheme, rivals: followsScheme ? new Map() : rivalsOf(order, joins, features, local), ...(closest ? { declined: { order: listsInOrder(closest.order, features), reading: closest.reading } } : {}) };
}

/**
 * A booklet's sheet sides extracted out of order: each side still gives its two pages one after
 * the other in the raw file, and those are pages p and S + 1 − p of a signature, so a join between
 * two sides (p → p + 1) has its mirror between the same two sides (S − p → S + 1 − p). Where the
 * sure joins between fragments apart in the raw file show that (the raw neighbours of a sure join's
 * two ends joined the other way round, surely too, for more than MIRRORED_SHARE of them; a random
 * scramble shows it for a few), each sure join's mirror candidates (its ends' raw neighbours, the
 * other way round) earn MIRROR_BONUS as evidence.
 */
function addMirrors(local: Float32Array, chains: readonly Chain[], features: readonly SolverFeatures[], first: number | undefined): void {
  const n = features.length;
  // (raw neighbours are a scan's order, not two sides: a join between them mirrors itself)
  const sure = new Set(sureJoins(chains, features, local).flatMap(([a, b]) => (Math.abs(a - b) > 2 ? [a * n + b] : [])));
  /** The joins a join's mirror may be: its ends' raw neighbours, the other way round. */
  const mirrorsOf = (join: number): number[] => {
    const [before, after] = [Math.floor(join / n), join % n];
    const found: number[] = [];
    for (const a of [after - 1, after + 1]) for (const b of [before - 1, before + 1]) if (a >= 0 && b >= 0 && a < n && b < n && a !== b) found.push(a * n + b);
    return found;
  };
  const mirrored = new Set([...sure].filter((join) => mirrorsOf(join).some((m) => sure.has(m))));
  if (sure.size < 20 || mirrored.size < MIRRORED_SHARE * sure.size || readsAsTwoPasses([...sure].filter((join) => !mirrored.has(join)), n)) return;
  addSideJoins(local, features, first);
  for (const join of sure) for (const m of mirrorsOf(join)) local[m]! += MIRROR_BONUS;
}

/**
 * Whether the sure joins without a mirror (pairs `a * n + b` of raw places, apart in the raw file)
 * read as a stack scanned in two passes: in a duplex scan (fronts forward, then the backs reversed)
 * a page's join to the next takes the raw places to nearly the same sum, in two passes each forward
 * to nearly the same distance (at least a quarter of the file). Such a scan mirrors joins where a
 * blank page shifts the passes (16 → 17 and 19 → 20 after a blank page 18: fronts 17, 19 and backs
 * 20, 16 raw neighbours), as sheet sides do everywhere; its sums or distances tell it from sheet
 * sides, whose raw places are random. (A mirrored pair of joins has nearly one sum and one
 * distance: counted, sheet sides' pairs would gather too.) Within three sums or distances: of a
 * synthetic book of 70 pages with parts and blank pages, a duplex's or two passes' 58–67%, its sheet
 * sides shuffled 11–16%; of a 46-page book without notes, its sheet sides 25% (38% with the pairs);
 * the real book as a duplex or two passes 39–43%, its sheet sides 1–2%.
 */
function readsAsTwoPasses(joins: readonly number[], n: number): boolean {
  const sums = new Int32Array(2 * n + 1);
  const distances = new Int32Array(n + 1);
  for (const join of joins) {
    const [a, b] = [Math.floor(join / n), join % n];
    sums[a + b]!++;
    distances[Math.abs(b - a)]!++;
  }
  const mostWithinThree = (counts: Int32Array, from: number): number => {
    let most = 0;
    for (let k = Math.max(1, from); k + 1 < counts.length; k++) most = Math.max(most, counts[k - 1]! + counts[k]! + counts[k + 1]!);
    return most;
  };
  return joins.length > 0 && Math.max(mostWithinThree(sums, 1), mostWithinThree(distances, Math.floor(n / 4))) >= TWO_PASS_SHARE * joins.length;
}

/**
 * Sheet sides extracted out of order (see addMirrors), read side by side: two sides that follow
 * each other in a signature are joined twice, by the climb (p → p + 1) and by the return
 * (S − p → S + 1 − p), so a pair of joins both sides bear out is far surer than either join alone.
 * The raw file is cut into sides (two raw neighbours each, or a fragment alone where a blank page
 * or two pages run together left one), each cut scored by the best pair of joins its sides make;
 * a side beside a fragment left alone may be cut wrong (its pages a side apart) and is left out.
 * Then the pairs of sides are linked best first (each side at most one before and one after, no
 * side read both ways, no loop, nothing before the title page), each pair whose joins are both no
 * worse than SIDE_JOIN_FLOOR and together above SIDE_PAIR_LEAST, and both its joins earn SIDE_BONUS.
 */
function addSideJoins(local: Float32Array, features: readonly SolverFeatures[], first: number | undefined): void {
  const n = features.length;
  const joins = Float32Array.from(local, (score, pair) => score + noteRun(features[Math.floor(pair / n)]!, features[pair % n]!));
  // The imposition sets the page read on the climb alternately second and first on its side
  // ([S, 1], [2, S − 1], [S − 2, 3], …): of two sides read one after the other, one has it first.
  // Read x before y with x's climb page first: the climb x → y + 1, the return y → x + 1; else
  // x + 1 → y and y + 1 → x.
  const climbOf = (x: number, y: number, xFirst: boolean): number => (xFirst ? x * n + y + 1 : (x + 1) * n + y);
  const returnOf = (x: number, y: number, xFirst: boolean): number => (xFirst ? y * n + x + 1 : (y + 1) * n + x);
  /** The two joins by which the side at x is read before the side at y, added (−∞: not a reading). */
  const pairWorth = (x: number, y: number, xFirst: boolean): number => {
    const climb = climbOf(x, y, xFirst);
    const back = returnOf(x, y, xFirst);
    if (climb % n === first || back % n === first || joins[climb]! < SIDE_JOIN_FLOOR || joins[back]! < SIDE_JOIN_FLOOR) return Number.NEGATIVE_INFINITY;
    return joins[climb]! + joins[back]!;
  };
  // The raw file cut into sides: a side (a, a + 1) is worth the best pair of joins it makes with another.
  const sideWorth = new Float64Array(n);
  for (let a = 0; a + 1 < n; a++) {
    let best = 0;
    for (let b = 0; b + 1 < n; b++) {
      if (Math.abs(a - b) <= 1) continue;
      best = Math.max(best, pairWorth(a, b, true), pairWorth(a, b, false), pairWorth(b, a, true), pairWorth(b, a, false));
    }
    sideWorth[a] = best;
  }
  const cut = new Float64Array(n + 1);
  const pairedAt = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    cut[i] = cut[i - 1]! - SIDE_ALONE_COST;
    if (i >= 2 && cut[i - 2]! + sideWorth[i - 2]! > cut[i]!) [cut[i], pairedAt[i]] = [cut[i - 2]! + sideWorth[i - 2]!, 1];
  }
  const cutAt: number[] = [];
  for (let i = n; i > 0; i -= pairedAt[i] ? 2 : 1) if (pairedAt[i]) cutAt.push(i - 2);
  const paired = new Uint8Array(n);
  for (const a of cutAt) paired[a] = paired[a + 1] = 1;
  const alone = (i: number): boolean => i >= 0 && i < n && paired[i] === 0;
  const sides = cutAt.filter((a) => !alone(a - 1) && !alone(a + 2)).reverse();
  const pairs: Array<{ worth: number; x: number; y: number; xFirst: boolean }> = [];
  for (let x = 0; x < sides.length; x++) {
    for (let y = 0; y < sides.length; y++) {
      if (x === y) continue;
      const [withFirst, withSecond] = [pairWorth(sides[x]!, sides[y]!, true), pairWorth(sides[x]!, sides[y]!, false)];
      const worth = Math.max(withFirst, withSecond);
      if (worth > SIDE_PAIR_LEAST) pairs.push({ worth, x, y, xFirst: withFirst >= withSecond });
    }
  }
  pairs.sort((p, q) => q.worth - p.worth);
  const after = new Int32Array(sides.length).fill(-1);
  const before = new Int32Array(sides.length).fill(-1);
  /** Whether the side reads its climb's page first (−1: not yet known). */
  const climbsFirst = new Int8Array(sides.length).fill(-1);
  const chainOf = Int32Array.from(sides, (_, i) => i);
  const root = (i: number): number => (chainOf[i] === i ? i : (chainOf[i] = root(chainOf[i]!)));
  for (const { x, y, xFirst } of pairs) {
    if (after[x] !== -1 || before[y] !== -1 || root(x) === root(y)) continue;
    if (climbsFirst[x] === (xFirst ? 0 : 1) || climbsFirst[y] === (xFirst ? 1 : 0)) continue;
    [after[x], before[y], climbsFirst[x], climbsFirst[y]] = [y, x, xFirst ? 1 : 0, xFirst ? 0 : 1];
    chainOf[root(y)] = root(x);
    local[climbOf(sides[x]!, sides[y]!, xFirst)]! += SIDE_BONUS;
    local[returnOf(sides[x]!, sides[y]!, xFirst)]! += SIDE_BONUS;
  }
}

/** The sure joins of the chains, as [before, after]. */
function sureJoins(chains: readonly Chain[], features: readonly SolverFeatures[], local: Float32Array): Array<[number, number]> {
  const n = features.length;
  const joins: Array<[number, number]> = [];
  for (const chain of chains) {
    for (let k = 1; k < chain.members.length; k++) {
      const [a, b] = [chain.members[k - 1]!, chain.members[k]!];
      if (isSureJoin(features[a]!, features[b]!, () => local[a * n + b]!)) joins.push([a, b]);
    }
  }
  return joins;
}

/**
 * `scored` with BOOKLET_HINT added to the joins of a booklet's fitted reading between two pages of
 * prose: where the evidence cannot tell two pages apart, the booklet's reading decides. A list's
 * pages are left to their alphabet (listsInOrder).
 */
function withBookletHint(scored: Float32Array | ScoredJoins, reading: readonly number[], features: readonly SolverFeatures[]): Float32Array | ScoredJoins {
  const n = features.length;
  const isProse = (f: SolverFeatures): boolean => f.firstKey === null && f.lastKey === null && f.listKey === null && f.entryKey === null;
  const hinted = new Set<number>();
  for (let k = 1; k < reading.length; k++) {
    const [a, b] = [reading[k - 1]!, reading[k]!];
    if (isProse(features[a]!) && isProse(features[b]!)) hinted.add(a * n + b);
  }
  const hint = (a: number, b: number): number => (hinted.has(a * n + b) ? BOOKLET_HINT : 0);
  if (scored instanceof Float32Array) {
    const copy = Float32Array.from(scored);
    for (const join of hinted) copy[join]! += BOOKLET_HINT;
    return copy;
  }
  const { scan } = scored;
  return { join: (a, b) => scored.join(a, b) + hint(a, b), ...(scan ? { scan: (visit) => scan((a, b, score) => visit(a, b, score + hint(a, b))) } : {}) };
}

/** A reading with the title page first: whatever a scan reads before it, a book opens on its title page. */
function titleFirst(order: readonly number[], first: number | undefined): number[] {
  return first === undefined || order[0] === first ? [...order] : [first, ...order.filter((index) => index !== first)];
}

/** The order a booklet's reading gives, its lists' pages in the order of their entries. */
function followBooklet(fit: { order: number[]; layout: BookletLayout; signatures: number }, chosen: SolveOptions, features: readonly SolverFeatures[]): SolvedOrder {
  const order = listsInOrder(fit.order, features);
  const scheme = `the headings' printed pages fit ${describeLayout(fit.layout, fit.signatures)}; read as such, the raw file puts no note number out of place, so the order follows the booklet`;
  return { order, joins: joinsOf(order, features, chosen), scheme, options: chosen, followsScheme: true, rivals: new Map() };
}

/** Whether two rhythms add the same bonuses to the joins (all a booklet fit reads of them). */
function sameSteps(a: ScramblePattern | undefined, b: ScramblePattern | undefined): boolean {
  const steps = (p: ScramblePattern | undefined): string => JSON.stringify([...(p?.steps ?? [])].sort((x, y) => x[0] - y[0]));
  return steps(a) === steps(b);
}

/** The evidence for each join of an order, as the report gives it (the first fragment's is null). */
export function joinsOf(order: readonly number[], features: readonly SolverFeatures[], options: SolveOptions): Join[] {
  return order.map((to, k) => {
    if (k === 0) return { to, from: null, score: 0, reasons: ['first page'] };
    const from = order[k - 1]!;
    const reasons: string[] = [];
    const s = localScore(features[from]!, features[to]!, options, reasons) + chainScore(chainOf(order.slice(Math.max(0, k - 6), k), features), chainOf(order.slice(k, k + 6), features), reasons);
    return { to, from, score: s, reasons };
  });
}

/** Whether an order keeps the fragments in the order the raw file gives them. */
export function isRawOrder(order: readonly number[]): boolean {
  return order.every((index, k) => k === 0 || index > order[k - 1]!);
}

/**
 * Joins whose page could as well be another's: two joins that each carry a sentence on, surely by
 * their score, where the order with the two pages after them exchanged explains the evidence as
 * well (its worth, note numbers and page counts judged too, within RIVAL_MARGIN; the two joins
 * swapped are looked at first, by `local` and the note numbers); and a page carried on from and
 * into that could as well stand between two other such pages. Nothing but the evidence set those
 * pages. By join (before · n + after), the pages that rival the page after.
 */
function rivalsOf(order: readonly number[], joins: readonly Join[], features: readonly SolverFeatures[], local: Float32Array): Map<number, number[]> {
  const n = features.length;
  const score = (a: number, b: number): number => local[a * n + b]! + noteRun(features[a]!, features[b]!);
  const carried = joins.flatMap((join, k) => (k > 0 && join.from !== null && join.score >= SURE_SCORE && features[join.from]!.endsOpen && features[join.to]!.startsOpen ? [k] : []));
  const rivals = new Map<number, number[]>();
  const add = (a: number, b: number, rival: number): void => {
    const key = a * n + b;
    const known = rivals.get(key) ?? [];
    if (!known.includes(rival)) rivals.set(key, [...known, rival]);
  };
  const worth = orderWorth(order, features, local);
  for (let i = 0; i < carried.length; i++) {
    const [a, b] = [order[carried[i]! - 1]!, order[carried[i]!]!];
    for (let j = i + 1; j < carried.length; j++) {
      const [d, c] = [order[carried[j]! - 1]!, order[carried[j]!]!];
      if (b === d || a === c || score(a, c) + score(d, b) < score(a, b) + score(d, c) - RIVAL_MARGIN) continue;
      // (the two pages exchanged: their chapters' note numbers and page counts judged too)
      const exchanged = [...order];
      [exchanged[carried[i]!], exchanged[carried[j]!]] = [c, b];
      if (orderWorth(exchanged, features, local) < worth - RIVAL_MARGIN) continue;
      add(a, b, c);
      add(d, c, b);
    }
  }
  // A page whose sentence runs on from the page before and into the page after, that could as well
  // stand between two other such pages (the exchange above needs two pages, and misses a page set
  // one place off): its best other place by `local`, then by the whole order's worth.
  const runsOn = (a: number, b: number): boolean => features[a]!.endsOpen && features[b]!.startsOpen;
  for (let k = 1; k + 1 < order.length; k++) {
    const [w, x, z] = [order[k - 1]!, order[k]!, order[k + 1]!];
    if (features[x]!.anchors.length || !runsOn(w, x) || !runsOn(x, z)) continue;
    const takenOut = score(w, z) - score(w, x) - score(x, z);
    let best = -Infinity;
    let bestAt = -1;
    for (let at = 1; at < order.length; at++) {
      if (at === k || at === k + 1) continue;
      const [u, v] = [order[at - 1]!, order[at]!];
      if (!runsOn(u, v)) continue;
      const gain = takenOut + score(u, x) + score(x, v) - score(u, v);
      if (gain > best) [best, bestAt] = [gain, at];
    }
    if (bestAt < 0 || best < -RIVAL_MARGIN) continue;
    const moved = order.filter((_, j) => j !== k);
    moved.splice(bestAt > k ? bestAt - 1 : bestAt, 0, x);
    if (orderWorth(moved, features, local) < worth - RIVAL_MARGIN) continue;
    const [u, v] = [order[bestAt - 1]!, order[bestAt]!];
    add(w, x, z);
    add(x, z, v);
    add(u, v, x);
  }
  return rivals;
}

/**
 * Gives each join solveOrder found a rival for (see rivalsOf, by fragment: before · n + after, for
 * the `n` fragments it ordered) a score under sure, RIVAL_SCORE, and says which pages rival it.
 * The joins may be between other pieces (an order the split changed): `endOf` and `startOf` give
 * the fragment a piece ends or starts as (undefined: none). `lineOf`: the raw line a fragment starts on.
 */
export function markRivals(joins: Join[], rivals: ReadonlyMap<number, readonly number[]>, n: number, endOf: (piece: number) => number | undefined, startOf: (piece: number) => number | undefined, lineOf: (fragment: number) => number): void {
  for (const join of joins) {
    if (join.from === null) continue;
    const [before, after] = [endOf(join.from), startOf(join.to)];
    if (before === undefined || after === undefined) continue;
    const pages = rivals.get(before * n + after);
    if (!pages) continue;
    join.score = Math.min(join.score, RIVAL_SCORE);
    join.reasons.push(`the page${pages.length > 1 ? 's' : ''} at line${pages.length > 1 ? 's' : ''} ${pages.map(lineOf).join(', ')} would carry the sentence on as well`);
  }
}

/**
 * The order with its heading fragments put in Contents order, each in one of the places the
 * heading fragments held: a scan's reading slightly off (two pages read the wrong way round) keeps
 * its places and gets its headings right.
 */
function headingsInOrder(order: readonly number[], features: readonly SolverFeatures[]): number[] {
  const places = order.flatMap((index, at) => (features[index]!.anchors.length ? [at] : []));
  const headings = places.map((at) => order[at]!).sort((a, b) => features[a]!.anchors[0]!.entry - features[b]!.anchors[0]!.entry);
  const result = [...order];
  places.forEach((at, k) => (result[at] = headings[k]!));
  return result;
}

/**
 * Whether a scheme's reading explains the evidence better than the order so far, and why (for the
 * report). The notes are the surest evidence: the reading that puts fewer note numbers out of
 * place wins; between readings that put as many, the one with the better joins and page counts.
 */
function judge(reading: readonly number[], current: readonly number[], judgedBy: (order: readonly number[]) => readonly SolverFeatures[], local: Float32Array): { better: boolean; why: string } {
  const [readingFeatures, currentFeatures] = [judgedBy(reading), judgedBy(current)];
  const contradicted = noteContradictions(reading, readingFeatures) - noteContradictions(current, currentFeatures);
  if (contradicted !== 0) return { better: contradicted < 0, why: `${Math.abs(contradicted)} ${contradicted < 0 ? 'fewer' : 'more'} note numbers out of place` };
  const gain = orderWorth(reading, readingFeatures, local) - orderWorth(current, currentFeatures, local);
  return { better: gain > 0, why: `as many note numbers out of place; joins and page counts ${gain > 0 ? '+' : ''}${gain.toFixed(1)}` };
}

/** Of the readings, the first that puts fewest note numbers out of place. */
function leastContradicted<T extends { order: readonly number[] }>(readings: readonly T[], features: readonly SolverFeatures[]): T | undefined {
  let best: { reading: T; count: number } | undefined;
  for (const reading of readings) {
    const count = noteContradictions(reading.order, features);
    if (!best || count < best.count) best = { reading, count };
  }
  return best?.reading;
}

/** Whether the headings an order holds come in the order the Contents gives them. */
function inContentsOrder(order: readonly number[], features: readonly SolverFeatures[]): boolean {
  let reached = -1;
  for (const index of order) {
    for (const anchor of features[index]!.anchors) {
      if (anchor.entry < reached) return false;
      reached = anchor.entry;
    }
  }
  return true;
}

/**
 * Note numbers running on from one page to the next (or not), for judging a scheme's joins. Only
 * pages that both carry notes are compared, so a run-on earns less than a jump costs: were it worth
 * more, a fit would skip the noteless page between two noted ones and read it after them.
 */
function noteRun(a: SolverFeatures, b: SolverFeatures): number {
  if (a.lastNote === null || b.firstNote === null || restartsNotes(b)) return 0;
  return b.firstNote === a.lastNote + 1 ? 3 : -8;
}

/**
 * What an order's own text contradicts: note numbers met twice in a chapter (weighed most: a page
 * of another chapter), note numbers that skip, and sentences broken at a join.
 */
function contradictions(order: readonly number[], features: readonly SolverFeatures[]): number {
  let count = 0;
  let reached: number | null = null;
  let seen = new Set<number>();
  let previous: SolverFeatures | null = null;
  for (const index of order) {
    const f = features[index]!;
    if (restartsNotes(f)) {
      reached = 0;
      seen = new Set();
    }
    if (f.firstNote !== null) {
      if (seen.has(f.firstNote)) count += 3;
      else if (reached !== null && f.firstNote !== reached + 1) count += 1;
      for (let n = f.firstNote; n <= f.lastNote! && n - f.firstNote < 400; n++) seen.add(n);
      reached = f.lastNote;
    }
    if (previous && sentenceRelation(previous, f) === 'broken') count += 0.5;
    previous = f;
  }
  return count;
}
