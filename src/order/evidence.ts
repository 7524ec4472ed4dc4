/** Evidence for one fragment following another: what the text, the notes, the Contents and the scramble say. */
import { cosine } from './features.js';
import { type Chain, type SolverFeatures, chainVector, pagesApart } from './chains.js';

/** Scores how well the text at the end of one fragment runs on into the start of another. */
export type HyphenJoinScore = (cut: string, opening: string) => number;

export interface SolveOptions {
  hyphen: HyphenJoinScore;
  /** Whether a page's first word is no word but the rest of one (`dustrial`): the page before must cut it. */
  wordRest?: (word: string) => boolean;
  /** How likely the book makes one word after another (log lift), for sentences carried across a page. */
  wordPair?: (a: string, b: string) => number;
  /** Fragment that must come first (the title page), if known. */
  first?: number;
  /** Weight of a sentence carried across a join, and of one broken by it. */
  sentence?: { runsOn: number; broken: number };
}

/**
 * What a join costs where the page after opens on the rest of a word (`dustrial`) and the page
 * before cuts none: as much as a cut that joins into a known word earns.
 */
const WORD_REST_PENALTY = 3;

/** How a join treats the sentence at the page break: carried on, broken, or neither. */
export type SentenceRelation = 'runsOn' | 'broken' | 'neutral';

export function sentenceRelation(t: SolverFeatures, h: SolverFeatures): SentenceRelation {
  if ((t.endsOpen && h.startsOpen) || echoed(t, h)) return 'runsOn';
  if (mayCarryOn(t, h)) return 'neutral';
  return t.endsOpen !== h.startsOpen ? 'broken' : 'neutral';
}

/** The book has the words the page before ends with followed, elsewhere, by the words the next opens with. */
function echoed(t: SolverFeatures, h: SolverFeatures): boolean {
  return t.echoes !== null && h.openingKey !== null && t.echoes.has(h.openingKey);
}

/** What a join the book's own text repeats elsewhere (see `echoed`) is worth beyond a sentence carried on. */
const ECHO_BONUS = 2;
/** The reason a join gives for it (the repair stage reads it: such a join is one paragraph, or one entry, whatever its edges look like). */
export const ECHO_REASON = 'the book has these words in this order elsewhere';

/**
 * Why a join that neither plainly carries a sentence on nor plainly breaks one may still carry it
 * on, or null: the evidence is too weak to count for the join, and too strong to count against it.
 */
function mayCarryOn(t: SolverFeatures, h: SolverFeatures): string | null {
  if (t.endsOpen) {
    // `… outside` + `Parliament`, `… the German` + `Postal Service`, `… sharing digital` + `CAD/CAM files`.
    if (t.endsMidPhrase && h.startsWithName) return 'sentence may run on into a name';
    if (h.startsCapital && (t.endsInName || h.startsAlwaysCapital)) return 'a name may run on';
    // `As Liddell-Hart put it,` + `For even if…`: a lead-in whose quotation opens the next page.
    if (t.endsOnComma) return 'a lead-in may open a quotation';
  }
  // `… the Law of Iteration:` + `the primary determinant…`: a lead-in's quotation, in lowercase.
  if (t.endsOnColon && h.startsOpen) return 'a lead-in may carry on into a quotation';
  return null;
}

/** Edge evidence between two fragments: fixed for the whole solve, so computed once. */
export function localScore(t: SolverFeatures, h: SolverFeatures, options: SolveOptions, reasons?: string[]): number {
  let score = edgeScore(t, h, options, reasons);
  const similarity = cosine(t, h);
  score += 4 * similarity - 0.5;
  if (reasons && similarity > 0.15) reasons.push(`shared vocabulary ${similarity.toFixed(2)}`);
  return score;
}

/** {@link localScore} for every ordered pair (row = the page before), the diagonal left 0. */
export function localScores(features: readonly SolverFeatures[], options: SolveOptions): Float32Array {
  const n = features.length;
  const scores = new Float32Array(n * n);
  similarityRows(features, (i, similarity) => {
    const t = features[i]!;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      let score = edgeScore(t, features[j]!, options);
      score += 4 * similarity[j]! - 0.5;
      scores[i * n + j] = score;
    }
  });
  return scores;
}

/**
 * Each page's shared vocabulary with every page, one row at a time (the row is reused), summed term
 * by term through an inverted index, so that only pages sharing a term meet, instead of n² list merges.
 */
function similarityRows(features: readonly SolverFeatures[], visit: (page: number, similarity: Float64Array) => void): void {
  const postings = termPostings(features);
  const similarity = new Float64Array(features.length);
  features.forEach((t, i) => {
    similarity.fill(0);
    addSimilarities(t, postings, similarity);
    visit(i, similarity);
  });
}

export type Postings = Map<number, { page: number; weight: number }[]>;

/** The pages holding each term, with its weight there. */
export function termPostings(features: readonly SolverFeatures[]): Postings {
  const postings: Postings = new Map();
  features.forEach((f, page) => f.termIds.forEach((id, k) => {
    let list = postings.get(id);
    if (!list) postings.set(id, (list = []));
    list.push({ page, weight: f.terms[k]! });
  }));
  return postings;
}

/** Adds `t`'s shared vocabulary with every page to a zeroed row. */
export function addSimilarities(t: SolverFeatures, postings: Postings, similarity: Float64Array): void {
  // Term ids ascending, as `cosine` adds them: the same sums to the last bit.
  t.termIds.forEach((id, k) => {
    for (const { page, weight } of postings.get(id)!) similarity[page]! += t.terms[k]! * weight;
  });
}

/**
 * {@link localScore} of pairs asked for one at a time: the first time a page is asked about as the
 * page before, its shared vocabulary with every page is summed at once, as {@link localScores} does,
 * instead of a list merge per pair (a search that asks about a good share of all pairs).
 */
export function localScorer(features: readonly SolverFeatures[], options: SolveOptions): (before: number, after: number) => number {
  const postings = termPostings(features);
  const rows: Array<Float64Array | undefined> = [];
  return (before, after) => {
    let similarity = rows[before];
    if (!similarity) addSimilarities(features[before]!, postings, (similarity = rows[before] = new Float64Array(features.length)));
    // As localScore adds it.
    let score = edgeScore(features[before]!, features[after]!, options);
    score += 4 * similarity[after]! - 0.5;
    return score;
  };
}

/**
 * What a page's neighbourhood adds to each join the evidence's own assembly weighs: the log-odds
 * {@link neighbourhoodEvidence} learns from the first contraction's joins, counted only as far as
 * the raw file's own rhythm (the scramble's steps, see {@link learnPattern}) leaves those joins
 * unexplained: a random scramble has nothing but the text to go by, a regular one has its steps.
 */
export function neighbourhoodJoins(features: readonly SolverFeatures[], learned: { chains: readonly Chain[]; pattern: ScramblePattern | undefined }): Float32Array {
  const n = features.length;
  const joins = learned.chains.flatMap((c) => c.members.slice(1).map((b, k) => [c.members[k]!, b] as const));
  const rhythm = joins.length ? joins.filter(([a, b]) => learned.pattern?.steps.has(b - a)).length / joins.length : 0;
  const weight = NEIGHBOURHOOD_WEIGHT * (1 - rhythm);
  return neighbourhoodEvidence(neighbourhoodScores(features), joins, n).map((odds) => weight * odds);
}

/**
 * How much two pages share their nearest pages (by vocabulary), for every ordered pair: pages of
 * one chapter are near the same pages even where they share few words with each other, so this
 * tells a chapter's pages from another's where two pages' own words are too few to.
 */
function neighbourhoodScores(features: readonly SolverFeatures[]): Float32Array {
  const n = features.length;
  const nearest: Array<Array<{ page: number; weight: number }>> = [];
  similarityRows(features, (i, similarity) => {
    similarity[i] = 0;
    nearest.push(strongest(similarity, Math.min(NEIGHBOURS, Math.floor(n / 8))));
  });
  const reverse: Array<Array<{ page: number; weight: number }>> = Array.from({ length: n }, () => []);
  nearest.forEach((list, page) => list.forEach(({ page: k, weight }) => reverse[k]!.push({ page, weight })));
  const scores = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (const { page: k, weight } of nearest[i]!) for (const { page: j, weight: w } of reverse[k]!) if (j !== i) scores[i * n + j]! += weight * w;
  }
  return scores;
}

/** How many nearest pages make a page's neighbourhood (fewer in a short book: an eighth of its pages). */
const NEIGHBOURS = 20;

/** Where the bands of neighbourhood scores part, as shares of all pairs: finer towards the top. */
const BANDS = [0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.995, 1];
/** Sure joins' weight against the prior of a neighbourhood that says nothing. */
const PRIOR_JOINS = 30;
/** What the neighbourhood's log-odds count for against the other evidence of a join. */
const NEIGHBOURHOOD_WEIGHT = 1.5;

/**
 * What a shared neighbourhood says of a join, learned from the joins the first contraction made:
 * for each band of {@link neighbourhoodScores}, the log-odds of a sure join falling in it against
 * any pair falling in it, shrunk towards nothing where the sure joins are few. A book whose
 * chapters have no vocabulary of their own, or a short one, learns that it says little.
 */
function neighbourhoodEvidence(neighbourhood: Float32Array, joins: ReadonlyArray<readonly [number, number]>, n: number): Float32Array {
  // Most pairs share no neighbour: they are a band of their own, the others banded by share.
  const shared = neighbourhood.filter((v, k) => v > 0 && k % (n + 1) !== 0).sort();
  // A band holds at least a few pairs per page, or a short book's few sure joins would fill one alone.
  const edges = [Number.MIN_VALUE, ...BANDS.slice(0, -1).filter((share) => (1 - share) * shared.length >= 2 * n).map((share) => shared[Math.floor(share * shared.length)]!)];
  const band = (v: number): number => {
    let k = 0;
    while (k < edges.length && v >= edges[k]!) k++;
    return k;
  };
  const pairs = new Array<number>(edges.length + 1).fill(0);
  const sure = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pairs[band(neighbourhood[i * n + j]!)]!++;
  for (const [a, b] of joins) sure[band(neighbourhood[a * n + b]!)]!++;
  const total = n * (n - 1);
  const logOdds = pairs.map((count, k) => (count === 0 ? 0 : Math.log((sure[k]! + (PRIOR_JOINS * count) / total) / (joins.length + PRIOR_JOINS) / (count / total))));
  return neighbourhood.map((v, k) => (k % (n + 1) === 0 ? 0 : logOdds[band(v)]!));
}

/** The `count` largest entries, scaled to unit length. */
function strongest(similarity: Float64Array, count: number): Array<{ page: number; weight: number }> {
  const best = Array.from(similarity, (weight, page) => ({ page, weight })).filter((x) => x.weight > 0).sort((a, b) => b.weight - a.weight || a.page - b.page).slice(0, count);
  const norm = Math.sqrt(best.reduce((sum, x) => sum + x.weight * x.weight, 0)) || 1;
  return best.map((x) => ({ page: x.page, weight: x.weight / norm }));
}

/** {@link localScore} without the shared vocabulary: what the two edges of the join say. */
export function edgeScore(t: SolverFeatures, h: SolverFeatures, options: SolveOptions, reasons?: string[]): number {
  const hyphen = options.hyphen;
  let score = 0;
  const repeats = echoed(t, h);
  if ((t.endsOpen && h.startsOpen) || repeats) {
    score += options.sentence?.runsOn ?? 1.5;
    reasons?.push('sentence runs on');
    if (repeats) {
      score += ECHO_BONUS;
      reasons?.push(ECHO_REASON);
    }
    if (options.wordPair && t.lastWord && h.firstWord && !t.endCut) {
      const lift = options.wordPair(t.lastWord, h.firstWord);
      score += lift;
      if (lift > 1) reasons?.push(`the book says \`${t.lastWord} ${h.firstWord}\` elsewhere`);
    }
    if (t.endCut) {
      const join = hyphen(t.endCut, h.opening);
      score += join;
      reasons?.push(join > 0 ? `\`${t.endCut}\` joins \`${h.opening.split(/\s/)[0]}\`` : `\`${t.endCut}\` does not join well`);
    } else if (h.firstWord && options.wordRest?.(h.firstWord)) {
      score -= WORD_REST_PENALTY;
      reasons?.push(`the page opens on \`${h.firstWord}\`, the rest of a word the page before does not cut`);
    }
  } else if (t.endsOpen && t.endsMidPhrase && h.startsWithName) {
    // `… strength outside` + `Parliament was wrong`: a name the book always capitalises carries the sentence on.
    score += 1;
    reasons?.push('sentence may run on into a name');
  } else {
    const carried = mayCarryOn(t, h);
    if (carried) {
      reasons?.push(carried);
    } else if (t.endsOpen !== h.startsOpen) {
      score += options.sentence?.broken ?? -4;
      reasons?.push(t.endsOpen ? 'sentence left unfinished' : 'page opens mid-sentence after a finished one');
    }
  }
  if (h.addressWords && t.closingWords && h.addressWords.length >= 3) {
    // An address at the page top finishes the entry or note the page before left open: its path
    // usually repeats that title's words (`How a communist mayor is defeating privatisation in Chile`
    // ‖ `<<https://…/how-communist-mayor-defeating-privatisation-chile/>>`).
    const shared = h.addressWords.filter((w) => t.closingWords!.has(w)).length;
    if (shared >= 2) {
      score += 3;
      reasons?.push(`the address repeats ${shared} words of the title before it`);
    } else if (shared === 0) {
      score -= 2;
      reasons?.push('the address names another title');
    }
  }
  if (h.hasTail) {
    score += t.lastNoteOpen ? 3 : -2;
    reasons?.push(t.lastNoteOpen ? 'note tail finishes the open note' : 'note tail with no open note before');
  } else if (t.lastNoteOpen) {
    score -= 1;
  }
  if ((t.lastKey === null) !== (h.firstKey === null) && t.size > 400 && h.size > 400) {
    // A page of an alphabetical list next to a page of prose: different parts of the book.
    score -= 3;
    reasons?.push('list page beside prose page');
  }
  if (t.lastKey !== null && h.firstKey !== null) {
    // Pages of an alphabetical list follow each other in the order of their entries.
    const inOrder = t.lastKey.localeCompare(h.firstKey) <= 0;
    if (!inOrder) {
      score -= 4;
      reasons?.push('alphabetical order broken');
    } else {
      // Two pages that meet leave no entry of the book's lists between them; a page or more of
      // entries between says another page stands there (a few: an entry the book sorts its own way).
      const between = Math.max(0, (h.entriesBefore ?? 0) - (t.entriesThrough ?? 0));
      score += between <= ENTRIES_BESIDE ? 3 : between <= ENTRIES_NEAR ? 2 : 0;
      reasons?.push(between === 0 ? 'alphabetical order continues, no entry of the list between' : `alphabetical order continues, ${between} ${between === 1 ? 'entry' : 'entries'} of the list between`);
    }
  }
  return score;
}

/**
 * Entries of the book's lists between two pages that meet, as their sort keys say: none, or one
 * the book sorts its own way (a work filed by its title); a few more where keys are misread.
 */
const ENTRIES_BESIDE = 1;
const ENTRIES_NEAR = 4;

export function chainScore(x: Chain, y: Chain, reasons?: string[]): number {
  let score = 0;
  if (x.chapterAtEnd !== null && y.chapterAtStart !== null && x.chapterAtEnd !== y.chapterAtStart) {
    score -= 30;
    reasons?.push('the headings put the two sides in different chapters');
  }
  const a = x.lastNote;
  const b = y.firstNote;
  if (y.restartsFirst) {
    if (b !== null && b !== 1) score -= 8;
  } else if (b !== null) {
    if (x.lastRestart !== null && !x.notesAfterLastRestart) {
      score += b === 1 ? 6 : -8;
      reasons?.push(b === 1 ? 'notes start at 1 after the chapter opening' : `note ${b} cannot follow a chapter opening`);
    } else if (a !== null) {
      if (b === a + 1) {
        score += 6;
        reasons?.push(`notes run ${a} → ${b}`);
        if (x.lastRestart !== null && y.firstRestart !== null && y.firstRestart <= x.lastRestart) score -= 20;
      } else {
        score -= 15;
        reasons?.push(`notes jump ${a} → ${b}`);
      }
    }
  }
  // The Contents gives every heading its page: a chain cannot run on past the next heading's page.
  if (x.maxEntry !== null && y.minEntry === null) {
    const excess = x.after + y.members.length - (1.2 * x.lastAnchor!.pagesAfter + 1);
    if (excess > 0) {
      score -= 4 * excess;
      reasons?.push('more pages than the Contents leaves after the heading');
    }
  }
  if (y.minEntry !== null && x.maxEntry === null) {
    const excess = y.before + x.members.length - (1.2 * y.firstAnchor!.pagesBefore + 1);
    if (excess > 0) {
      score -= 4 * excess;
      reasons?.push('more pages than the Contents leaves before the heading');
    }
  }
  if (x.maxEntry !== null && y.minEntry !== null) {
    if (y.minEntry <= x.maxEntry) {
      score -= 30;
      reasons?.push('Contents order violated');
    } else if (y.minEntry === x.maxEntry + 1) {
      score += 1;
      // Consecutive headings: the Contents says how many pages lie between them (unless its numbering restarts there).
      const between = pagesApart(x.lastAnchor!, y.firstAnchor!);
      const need = x.after + y.before + 1;
      if (between === need) {
        score += 4;
        reasons?.push('page count between headings fits');
      } else if (between !== null && need > between + 1) {
        score -= 4 * (need - between - 1);
        reasons?.push('too many pages between headings');
      }
    } else {
      // A heading found elsewhere in the text would have to sit inside this join.
      score -= 30;
      reasons?.push('skips Contents headings');
    }
  }
  return score;
}

/**
 * Two runs of several pages each that belong together talk about the same things; a run spliced
 * onto a run of another chapter does not. Short chains are left to the page-level comparison.
 */
export function topicScore(x: Chain, y: Chain, features: readonly SolverFeatures[]): number {
  if (x.members.length < 3 || y.members.length < 3) return 0;
  const a = chainVector(x, features);
  const b = chainVector(y, features);
  return 6 * (cosine({ termIds: a.ids, terms: a.weights }, { termIds: b.ids, terms: b.weights }) - 0.15);
}

/** What the sure joins teach about the scramble: bonuses per raw step, and per pair of successive steps. */
export interface ScramblePattern {
  steps: Map<number, number>;
  /** `previous,next` → score: how much likelier a step is after the step before it than on its own. */
  transitions: Map<string, number>;
}

export const NEAR = 8;

/**
 * Where the scramble has a pattern, successive steps through the raw file follow each other in a
 * fixed rhythm (a booklet's front half goes +1, +3, +1, …; its back half −3, −1, …): a join whose
 * step fits the rhythm of the chains on both sides is likelier.
 */
export function patternScore(x: Chain, y: Chain, pattern: ScramblePattern): number {
  const step = y.members[0]! - x.members[x.members.length - 1]!;
  if (Math.abs(step) > NEAR) return 0;
  let score = 0;
  if (x.members.length > 1) {
    const before = x.members[x.members.length - 1]! - x.members[x.members.length - 2]!;
    score += pattern.transitions.get(`${before},${step}`) ?? (Math.abs(before) <= NEAR ? -1 : 0);
  }
  if (y.members.length > 1) {
    const after = y.members[1]! - y.members[0]!;
    score += pattern.transitions.get(`${step},${after}`) ?? (Math.abs(after) <= NEAR ? -1 : 0);
  }
  return score;
}

/** A join as sure as a note number running on: the note numbers run on, or the join's evidence (`score`) is as strong. */
export function isSureJoin(before: SolverFeatures, after: SolverFeatures, score: () => number): boolean {
  return (before.lastNote !== null && after.firstNote === before.lastNote + 1) || score() >= SURE_JOIN;
}

const SURE_JOIN = 3;

/** The most a step the sure joins favour earns (but see READING_ORDER_SHARE). */
const STEP_BONUS_CAP = 4;
/**
 * The share of the sure joins above which the step to the next raw fragment is no cap's: the raw
 * file keeps the reading order in runs (a stack dropped and picked up again: about 0.6 of them;
 * a booklet's sheet sides, 0.2–0.3; ranges interleaved step by the number of ranges instead). On the
 * real book's dropped stacks, seeds 1–7, 11 and 13: 96 more page joins, summed (seed 5: 723 → 780;
 * seed 13 loses 11, seed 1 two); no other scramble kind changes.
 */
const READING_ORDER_SHARE = 0.5;

/**
 * Learns from the sure joins (note numbers running on, or a sentence carried over) how far apart in
 * the raw file a page and its successor usually lie, and which step tends to follow which. Steps
 * and pairs that occur far more often than chance earn a bonus; a random scramble earns none.
 */
export function learnPattern(chains: readonly Chain[], features: readonly SolverFeatures[], join: (before: number, after: number) => number): ScramblePattern {
  const n = features.length;
  const counts = new Map<number, number>();
  const pairs = new Map<string, number>();
  let total = 0;
  let pairTotal = 0;
  for (const chain of chains) {
    let previousStep: number | null = null;
    for (let k = 1; k < chain.members.length; k++) {
      const a = chain.members[k - 1]!;
      const b = chain.members[k]!;
      const fa = features[a]!;
      const fb = features[b]!;
      const sure = isSureJoin(fa, fb, () => join(a, b));
      const step = b - a;
      if (!sure) {
        previousStep = null;
        continue;
      }
      total++;
      if (Math.abs(step) <= NEAR) counts.set(step, (counts.get(step) ?? 0) + 1);
      if (previousStep !== null && Math.abs(previousStep) <= NEAR && Math.abs(step) <= NEAR) {
        const key = `${previousStep},${step}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
        pairTotal++;
      }
      previousStep = step;
    }
  }
  const pattern: ScramblePattern = { steps: new Map(), transitions: new Map() };
  if (total < 20) return pattern;
  for (const [step, count] of counts) {
    if (count < Math.max(4, 0.02 * total)) continue;
    const lift = Math.log(((count + 0.5) / (total + 1)) * n);
    // (the raw file keeping the reading order in runs, as a dropped stack does, earns the whole lift)
    const cap = step === 1 && count > READING_ORDER_SHARE * total ? Infinity : STEP_BONUS_CAP;
    if (lift > 1) pattern.steps.set(step, Math.min(cap, lift - 1));
  }
  if (pairTotal < 20) return pattern;
  // P(next | previous) against P(next) among the sure pairs.
  const fromPrevious = new Map<number, number>();
  const toNext = new Map<number, number>();
  for (const [key, count] of pairs) {
    const [p, q] = key.split(',').map(Number) as [number, number];
    fromPrevious.set(p, (fromPrevious.get(p) ?? 0) + count);
    toNext.set(q, (toNext.get(q) ?? 0) + count);
  }
  for (const [key, count] of pairs) {
    const [p, q] = key.split(',').map(Number) as [number, number];
    if (count < 4) continue;
    const lift = Math.log((count / fromPrevious.get(p)!) / (toNext.get(q)! / pairTotal));
    pattern.transitions.set(key, Math.max(-2, Math.min(2, 1.5 * lift)));
  }
  return pattern;
}
