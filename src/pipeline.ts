import type { Root } from 'mdast';
import { stringify as stringifyYaml } from 'yaml';
import { FatalInputError, Report, type Diagnostic } from './diagnostics/diagnostic.js';
import { ingest, conservationProblems, type Ingested } from './ingest/index.js';
import { applyCorrections, danglingReferences, describeDangling, pageBreakHint, type Correction, type CorrectionFailure } from './manuscript/corrections.js';
import { bookFromTree, parseManuscript } from './manuscript/from-markdown.js';
import { pointMapper, type TextPoint } from './manuscript/locate.js';
import { reparseDivisions } from './manuscript/reparse.js';
import { writeInTwo } from './manuscript/split-parse.js';
import { stringifyManuscript, toManuscript, type ParsedManuscript } from './manuscript/to-markdown.js';
import type { Book, BookMetadata } from './model/book.js';
import type { StageContext } from './model/context.js';
import { order, type HyphenJoinScore, type Ordered } from './order/index.js';
import { repair, type Repaired } from './repair/index.js';
import { decideCut, plainCut, plainCutDecision, plainOpening, type PlainCut, type PlainOpening } from './text/hyphenation.js';
import { isDictionaryWord, Vocabulary } from './text/vocabulary.js';

export interface BuildInput {
  raw: string;
  metadata: BookMetadata;
  corrections?: readonly Correction[];
  sourceFile: string;
  correctionsFile?: string;
  sourceDate: Date;
  /**
   * Called with the manuscript's tree (its front matter still the first node, as parsed) as
   * soon as it is parsed, inside the manuscript stage, before the manuscript's text is written from
   * it and before it becomes the book (which changes it): a caller may hand a copy of it to another
   * thread, which can make the book of it there while this one goes on. Not called when a correction
   * fails (the build stops).
   */
  onTree?: (tree: Root) => void;
  /**
   * Parses the manuscript's text in the manuscript stage instead of parseManuscript, giving the same
   * tree: the CLI parses part of a long manuscript on the PDF worker's thread (see parseInTwo).
   */
  parse?: (source: string) => Root;
}

export interface StageTiming {
  stage: string;
  ms: number;
  summary: string;
}

/** Everything up to the clean manuscript: the part of the build that recovers the text. */
export interface ManuscriptBuild {
  ingested: Ingested;
  ordered: Ordered;
  repaired: Repaired;
  /** The clean manuscript, corrections applied. */
  manuscript: string;
  /**
   * `book`'s tree positions point into the text it was parsed from, which says the same as
   * `manuscript` but may be laid out otherwise: this moves such a point to the same place in `manuscript`.
   */
  placeInManuscript: (point: TextPoint) => TextPoint;
  book: Book;
  report: Report;
  timings: StageTiming[];
  appliedCorrections: Correction[];
}

function timed<T>(timings: StageTiming[], stage: string, run: () => T, summary: (value: T) => string): T {
  const start = performance.now();
  const value = run();
  timings.push({ stage, ms: performance.now() - start, summary: summary(value) });
  return value;
}

/** Scores a page-end hyphen cut for the ordering stage: a join into a known word is evidence. */
function hyphenEvidence(vocab: Vocabulary): (cut: string, opening: string) => number {
  // Ordering asks for every page-end cut against every page opening; a cut's decision reads only the
  // opening's first token (and after a suspended hyphen's `and`/`or`, what follows), so decisions repeat.
  // Two levels of maps, keyed by strings the features hold, whose hashes V8 keeps: a joined key
  // would be a new string, hashed afresh, on each of the tens of thousands of calls.
  const openingKeys = new Map<string, string>();
  const decided = new Map<string, Map<string, number>>();
  // Nearly every pair is a word cut before an unrelated plain word: those are decided from what each
  // side alone says, read once per cut and once per opening (see plainCutDecision).
  const plainCuts = new Map<string, PlainCut | null>();
  const plainOpenings = new Map<string, PlainOpening | null>();
  return (cut, opening) => {
    let key = openingKeys.get(opening);
    if (key === undefined) openingKeys.set(opening, (key = LINKER_FIRST.test(opening) ? opening : FIRST_TOKEN.exec(opening)![0]));
    let byOpening = decided.get(cut);
    if (!byOpening) decided.set(cut, (byOpening = new Map()));
    let score = byOpening.get(key);
    if (score === undefined) {
      let plainLeft = plainCuts.get(cut);
      if (plainLeft === undefined) plainCuts.set(cut, (plainLeft = plainCut(cut, vocab)));
      let plainRight = plainLeft && plainOpenings.get(opening);
      if (plainLeft && plainRight === undefined) plainOpenings.set(opening, (plainRight = plainOpening(opening, vocab)));
      const decision = (plainLeft && plainRight && plainCutDecision(plainLeft, plainRight, vocab)) || decideCut(cut, opening, vocab);
      if (decision.confidence === 'low') {
        byOpening.set(key, (score = -1));
        return score;
      }
      const word = decision.result.replace(/[^\p{L}'-]/gu, '');
      const known = vocab.count(word.toLowerCase()) > 0 || isDictionaryWord(word);
      score = decision.confidence === 'high' ? (known ? 3 : 1) : decision.confidence === 'medium' ? (known ? 1.5 : 0) : -1;
      byOpening.set(key, score);
    }
    return score;
  };
}

/** Whether a page's first word is no word but the rest of one, for the ordering stage (see Vocabulary.wordRestOf). */
function wordRestEvidence(vocab: Vocabulary): (word: string) => boolean {
  const known = new Map<string, boolean>();
  return (word) => {
    let rest = known.get(word);
    if (rest === undefined) known.set(word, (rest = vocab.wordRestOf(word) !== null));
    return rest;
  };
}

/** What the book's vocabulary tells the ordering stage of the words across a page join: cut words finished, and words' rests a page opens on. */
export function vocabularyEvidence(vocab: Vocabulary): { hyphen: HyphenJoinScore; wordRest: (word: string) => boolean } {
  return { hyphen: hyphenEvidence(vocab), wordRest: wordRestEvidence(vocab) };
}

const FIRST_TOKEN = /^\s*\S*/u;
const LINKER_FIRST = /^\s*(?:and|or|to|nor)(?![\p{L}\p{N}'’])/iu;

/** The clean manuscript's corrections applied: see {@link correctManuscript}. */
export interface CorrectedManuscript {
  /** The canonical text with every correction that matches exactly once applied, in order: what a proof view's offsets point into. */
  text: string;
  /**
   * What `tree`'s positions point into: the metadata's front matter, then the body of `text`, perhaps
   * not yet in canonical form (given `parsed`, the divisions no correction changed as `parsed.source` has them).
   */
  source: string;
  /** The clean manuscript: `source` in canonical form (what dist/<book>.md holds). */
  markdown: string;
  tree: Root;
  applied: Correction[];
  /** Corrections that match no place or several, untouched; the caller decides whether that stops it. */
  failed: CorrectionFailure[];
}

const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;

/**
 * The manuscript step after repair: corrections applied to the canonical manuscript, the result
 * normalised as `toManuscript` does, its front matter always the metadata's (a correction cannot
 * change it). The build and the proof view both apply corrections with this, and only this.
 * `parsed`, the tree `canonical` was written from, is returned as it is when no correction applies,
 * and otherwise gives its nodes to the divisions no correction changed (see reparseDivisions).
 * `onTree` gets the tree as soon as there is one, when no correction failed (see {@link BuildInput.onTree}).
 */
export function correctManuscript(canonical: string, metadata: BookMetadata, corrections: readonly Correction[], parsed?: ParsedManuscript, onTree?: (tree: Root) => void): CorrectedManuscript {
  const { markdown: text, applied, failed } = applyCorrections(canonical, corrections);
  if (!applied.length && parsed) {
    if (!failed.length) onTree?.(parsed.tree);
    return { text, source: parsed.source, markdown: canonical, tree: parsed.tree, applied, failed };
  }
  // As toManuscript: the front matter comes from the metadata, the body from the corrected text;
  // only the divisions a correction changed are parsed again where that gives the same tree.
  // Reparsed, the canonical text comes with the tree: writing only the changed divisions again
  // spares a whole second pass of the writer (a quarter of a second on a book).
  const reparsed = parsed ? reparseDivisions(parsed.tree, parsed.source, canonical, text) : null;
  const { tree, source } = reparsed ?? parseWhole(`---\n${stringifyYaml(metadata, { lineWidth: 0 }).trimEnd()}\n---\n\n${text.replace(FRONT_MATTER, '')}`);
  // (before a whole tree's canonical text is written: whoever waits for the tree need not wait for that too)
  if (!failed.length) onTree?.(tree);
  return { text, source, markdown: reparsed ? reparsed.markdown : applied.length ? stringifyManuscript(tree) : canonical, tree, applied, failed };
}

function parseWhole(source: string): { tree: Root; source: string } {
  return { tree: parseManuscript(source), source };
}

/** Raw extraction → clean manuscript. Pure: no files, no clock. Throws FatalInputError when nothing sensible can be built. */
export function buildManuscript(input: BuildInput, report = new Report()): ManuscriptBuild {
  const ctx: StageContext = { report, sourceDate: input.sourceDate, sourceFile: input.sourceFile };
  const timings: StageTiming[] = [];
  const ingested = timed(timings, 'ingest', () => ingest(input.raw, ctx, { title: input.metadata.title }), (r) => `${r.fragments.length} fragments, ${r.contents.entries.length} Contents entries, ${r.matches.filter((m) => m.heading).length} matched`);
  const conservation = conservationProblems(input.raw, ingested);
  if (conservation.lost.length || conservation.repeated.length) {
    const offset = conservation.lost[0] ?? conservation.repeated[0]!;
    const line = input.raw.slice(0, offset).split('\n').length;
    report.error('ingest', 'I-090', `${conservation.lost.length} characters belong to no page and ${conservation.repeated.length} to several`, { place: { file: input.sourceFile, line, column: 1 } });
  }
  const vocab = Vocabulary.fromTexts(ingested.blocks.map((b) => b.text));
  const ordered = timed(timings, 'order', () => order(ingested, ctx, { ...vocabularyEvidence(vocab), title: input.metadata.title }), (r) => `${r.fragments.length} fragments, ${r.joins.filter((j) => j.from !== null && j.score < 6).length} joins not certain`);
  if (ordered.fragments.length - ordered.splits + ordered.duplicates.length !== ingested.fragments.length) {
    report.error('order', 'O-090', `ordering kept ${ordered.fragments.length} fragments (${ordered.splits} of them split off) and ${ordered.duplicates.length} repeats of ${ingested.fragments.length}`);
  }
  const repaired = timed(timings, 'repair', () => repair(ingested, ordered, input.metadata, vocab, ctx), (r) => `${r.stats.paragraphsJoined} paragraphs joined, ${r.stats.hyphensRemoved} hyphens removed, ${r.stats.notes} notes, ${r.stats.blockQuotes} block quotes`);
  let appliedCorrections: Correction[] = [];
  const { markdown: manuscript, tree, source } = timed(timings, 'manuscript', () => {
    // Without corrections the first tree is the book's, and can go before its text is written.
    const uncorrected = !input.corrections?.length;
    // (a tree `parse` made in two parts is written in two as well; see writeInTwo)
    const canonical = toManuscript(repaired.markdown, input.metadata, uncorrected ? input.onTree : undefined, input.parse, (tree) => writeInTwo(tree) ?? stringifyManuscript(tree));
    const result = correctManuscript(canonical.markdown, input.metadata, input.corrections ?? [], canonical, uncorrected ? undefined : input.onTree);
    for (const failure of result.failed) {
      const diagnostic: Diagnostic = {
        code: 'M-001',
        severity: 'error',
        stage: 'manuscript',
        message: `correction \`${failure.correction.find.slice(0, 60)}\` matches ${failure.matches === 0 ? 'no place' : 'more than one place'} in the clean manuscript; it must match exactly once`,
        place: { file: input.correctionsFile ?? 'corrections.yaml', line: failure.correction.line, column: 1 },
        hint: failure.acrossPageBreak !== undefined ? pageBreakHint(failure.acrossPageBreak) : failure.matches === 0 ? 'the text may already be fixed, or the find text has a typo' : 'add surrounding words to the find text until it is unique',
      };
      report.add(diagnostic);
      throw new FatalInputError(diagnostic);
    }
    appliedCorrections = result.applied;
    return result;
  }, (m) => `${m.markdown.length} characters, ${appliedCorrections.length} corrections applied`);
  // (before the book is made of the tree: it sets a reference that leads nowhere as a bare superscript number)
  for (const dangling of danglingReferences(tree, appliedCorrections)) {
    const { message, hint } = describeDangling(dangling);
    report.error('manuscript', 'M-002', message, { place: { file: input.correctionsFile ?? 'corrections.yaml', line: dangling.correction.line, column: 1 }, hint });
  }
  const book = bookFromTree(tree);
  return { ingested, ordered, repaired, manuscript, placeInManuscript: pointMapper(source, manuscript), book, report, timings, appliedCorrections };
}
