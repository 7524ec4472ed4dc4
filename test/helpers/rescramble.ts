/**
 * A real book's recovered order dealt out again: the book is ordered once; its fragments, in that
 * order, are written out again as a raw file in the order a scramble gives (scramble.ts), that file
 * is ordered again, and the first order's joins that come back are counted (between its pages, and
 * between any two blocks), with what the report says of the new order (its warnings, and the
 * fragments it split: O-040). Used by scripts/rescramble.ts, which prints a table, and by the tests
 * of the real book.
 */
import { Report } from '../../src/diagnostics/diagnostic.js';
import { ingest } from '../../src/ingest/index.js';
import type { Fragment, RawBlock } from '../../src/model/page.js';
import type { FragmentFeatures } from '../../src/order/features.js';
import { order } from '../../src/order/index.js';
import { inLists } from '../../src/order/lists.js';
import { vocabularyEvidence } from '../../src/pipeline.js';
import { numberPages } from '../../src/repair/page-numbers.js';
import { Vocabulary } from '../../src/text/vocabulary.js';
import { scramble, type ScrambleKind } from './scramble.js';

interface Ordered {
  fragments: Fragment[];
  /** For each fragment in order, whether the report says another page would carry on its predecessor's sentence as well (see markRivals). */
  rivalled: boolean[];
  contents: RawBlock[];
  warnings: Map<string, number>;
  ms: number;
  /** The printed page each fragment starts on (one that starts none continues the page before it). */
  pages: number[];
  /** For each fragment, whether it is a page of a list (a bibliography: see inLists). */
  inList: boolean[];
  /** For each block blockNames names, the name of the heading of the chapter it falls in ('' before the first). */
  chapters: string[];
}

export interface Rescrambled {
  kind: ScrambleKind;
  seed: number;
  /** Joins between the first order's pages that come back, of `pageJoins`. */
  pagesKept: number;
  pageJoins: number;
  /**
   * Of those, the joins between two pages of a list (a bibliography): the first order's own list
   * pages are less sure than its chapters' (the repair stage sets the entries in alphabetical order
   * whatever the page order), so these are counted apart.
   */
  listKept: number;
  listJoins: number;
  /**
   * The first order's pages (`pages` of them) that the second sets in a chapter other than the
   * first's: the note numbers of a chapter can run 1, 2, 3 … through pages of several chapters,
   * so an order whose every chapter's notes run on may still have sent its pages elsewhere.
   */
  pagesElsewhere: number;
  pages: number;
  /** Joins between any two of the first order's blocks that come back, of `blockJoins`. */
  blocksKept: number;
  blockJoins: number;
  /** The first line of the second order's first page. */
  opening: string;
  /** Order warnings of the second order (and O-040, the fragments it split), by code. */
  warnings: Map<string, number>;
  /** The second order's joins the report says another page would carry on as well, and how many of them are not the first order's. */
  rivals: { flagged: number; wrong: number };
  ms: number;
}

/** Printed pages left out of a scrambled raw file, and pages written into it twice. */
export interface Damage {
  dropped: number[];
  repeated: number[];
}

export interface RescrambleOptions {
  /** Deal out the printed pages (a blank page leaves nothing), not the fragments. */
  printed?: boolean;
  /** Write each page with its number in the recovered order at its foot, as an extraction that kept folios. */
  folios?: boolean;
  /** A booklet's signature size for the booklet and sheet-side scrambles (see {@link scramble}). */
  signature?: number;
}

/** A book's raw text ordered once, ready to be dealt out again by {@link Rescrambler.again}. */
export class Rescrambler {
  readonly first: Ordered;
  private readonly contents: { after: number; blocks: readonly RawBlock[] };
  private readonly names: string[];
  /** The chapter each of `names` falls in, in the first order. */
  private readonly chapters: string[];
  /** Positions in the block sequence where a fragment of the first order ends and the next begins. */
  private readonly boundaries = new Set<number>();
  /** Those between two pages of a list. */
  private readonly listBoundaries = new Set<number>();

  constructor(
    raw: string,
    private readonly sourceFile: string,
    private readonly title: string,
  ) {
    this.first = this.ordered(raw);
    const recovered = this.first.fragments;
    // The last body block before the Contents entries: they are written out after it.
    const bodyIndexes = new Set(recovered.flatMap((f) => f.body.map((b) => b.index)));
    let after = (this.first.contents[0]?.index ?? 0) - 1;
    while (after >= 0 && !bodyIndexes.has(after)) after--;
    this.contents = { after, blocks: this.first.contents };
    this.names = blockNames(recovered);
    this.chapters = this.first.chapters;
    recovered.reduce((at, f, k) => {
      this.boundaries.add(at + f.body.length);
      if (this.first.inList[k] && this.first.inList[k + 1]) this.listBoundaries.add(at + f.body.length);
      return at + f.body.length;
    }, 0);
  }

  /** What {@link again} found, by scramble: ordering a book again takes seconds, and tests ask twice. */
  private readonly found = new Map<string, Rescrambled>();

  /** The first order dealt out by `kind` with `seed`, ordered again, and what of it came back. */
  again(kind: ScrambleKind, seed: number, options: RescrambleOptions = {}): Rescrambled {
    const key = `${kind}/${seed}/${options.printed ? 'printed' : 'fragments'}/${options.folios ? 'folios' : ''}/${options.signature ?? ''}`;
    let found = this.found.get(key);
    if (!found) this.found.set(key, (found = this.orderAgain(kind, seed, options)));
    return found;
  }

  private orderAgain(kind: ScrambleKind, seed: number, options: RescrambleOptions): Rescrambled {
    const recovered = this.first.fragments;
    const sequence = options.printed ? this.byPrintedPages(kind, seed, undefined, options.signature) : scramble(kind, recovered.length, seed, options.signature);
    const again = this.ordered(`${sequence.map((k) => rawText(recovered[k]!, this.contents, options.folios ? k + 1 : undefined)).join('\n\n')}\n`);
    const againNames = blockNames(again.fragments);
    const position = new Map(againNames.map((name, k) => [name, k]));
    const chapterAgain = new Map(againNames.map((name, k) => [name, again.chapters[k]!]));
    // (a join is the first order's if the first block after it follows the last before it there)
    const firstPosition = new Map(this.names.map((name, k) => [name, k]));
    const rivals = { flagged: 0, wrong: 0 };
    let at = 0;
    again.fragments.forEach((fragment, k) => {
      const count = blockNames([fragment]).length;
      if (again.rivalled[k] && at > 0 && count > 0) {
        rivals.flagged++;
        if (firstPosition.get(againNames[at]!) !== (firstPosition.get(againNames[at - 1]!) ?? -2) + 1) rivals.wrong++;
      }
      at += count;
    });
    let blocksKept = 0;
    let pagesKept = 0;
    let pageJoins = 0;
    let listKept = 0;
    let listJoins = 0;
    let pagesElsewhere = chapterAgain.get(this.names[0]!) === this.chapters[0] ? 0 : 1;
    for (let k = 1; k < this.names.length; k++) {
      const same = position.get(this.names[k]!) === (position.get(this.names[k - 1]!) ?? -2) + 1;
      if (same) blocksKept++;
      if (this.boundaries.has(k)) {
        pageJoins++;
        if (same) pagesKept++;
        if (chapterAgain.get(this.names[k]!) !== this.chapters[k]) pagesElsewhere++;
      }
      if (this.listBoundaries.has(k)) {
        listJoins++;
        if (same) listKept++;
      }
    }
    const opening = again.fragments[0]?.body[0]?.text.split('\n')[0] ?? '';
    return { kind, seed, pagesKept, pageJoins, listKept, listJoins, pagesElsewhere, pages: pageJoins + 1, blocksKept, blockJoins: this.names.length - 1, opening, warnings: again.warnings, rivals, ms: again.ms };
  }

  private ordered(raw: string): Ordered {
    const start = performance.now();
    const report = new Report();
    const ctx = { report, sourceDate: new Date(0), sourceFile: this.sourceFile };
    const ingested = ingest(raw, ctx, { title: this.title });
    const vocab = Vocabulary.fromTexts(ingested.blocks.map((b) => b.text));
    const result = order(ingested, ctx, { ...vocabularyEvidence(vocab), title: this.title });
    const numbering = numberPages(result.fragments, result.features, ingested.contents);
    const pages: number[] = [];
    numbering.starts.forEach((starts, k) => pages.push(starts[0]?.page ?? pages[k - 1] ?? 1));
    const warnings = new Map<string, number>();
    for (const d of report.diagnostics) if ((d.severity !== 'info' || d.code === 'O-040') && /^O-/.test(d.code)) warnings.set(d.code, (warnings.get(d.code) ?? 0) + 1);
    const rivalled = result.joins.map((join) => join.reasons.some((reason) => reason.endsWith('would carry the sentence on as well')));
    const inList = inLists(result.fragments.map((f) => f.id), result.features);
    return { fragments: result.fragments, rivalled, contents: ingested.blocks.filter((b) => b.kind === 'contents'), warnings, ms: performance.now() - start, pages, inList, chapters: blockChapters(result.fragments, result.features) };
  }

  /** The fragments in the order a scramble of the book's printed pages gives: a page's fragments stay together, a blank page leaves nothing. */
  private byPrintedPages(kind: ScrambleKind, seed: number, damage: Damage = { dropped: [], repeated: [] }, signature?: number): number[] {
    const onPage = this.fragmentsByPage();
    const last = Math.max(...this.first.pages);
    const dropped = new Set(damage.dropped);
    const repeated = new Set(damage.repeated);
    return scramble(kind, last, seed, signature).flatMap((index) => {
      const page = index + 1;
      if (dropped.has(page)) return [];
      const fragments = onPage.get(page) ?? [];
      return repeated.has(page) ? [...fragments, ...fragments] : fragments;
    });
  }

  private fragmentsByPage(): Map<number, number[]> {
    const onPage = new Map<number, number[]>();
    this.first.pages.forEach((page, k) => onPage.set(page, [...(onPage.get(page) ?? []), k]));
    return onPage;
  }

  /**
   * The book's printed pages dealt out by `kind` with `seed`, as a raw file, with the pages
   * `dropped` left out and the pages `repeated` written twice over, one after the other (as a
   * scanner fed a sheet twice).
   */
  damaged(kind: ScrambleKind, seed: number, damage: Damage): string {
    const recovered = this.first.fragments;
    return `${this.byPrintedPages(kind, seed, damage).map((k) => rawText(recovered[k]!, this.contents)).join('\n\n')}\n`;
  }

  /** The first line of the printed page's text (a raw file holds it where the page stands). */
  openingLine(page: number): string {
    const at = this.first.pages.indexOf(page);
    if (at < 0) throw new Error(`page ${page} holds no text`);
    return this.first.fragments[at]!.body[0]!.text.split('\n')[0]!;
  }

  /** The printed pages that hold text, and whether each has notes. */
  printedPages(): Array<{ page: number; notes: boolean }> {
    return [...this.fragmentsByPage()].map(([page, fragments]) => ({ page, notes: fragments.some((k) => this.first.fragments[k]!.notes.length > 0) }));
  }
}

/**
 * A fragment as raw text again: its body, then its footnote area. The Contents entries, which
 * ingest keeps out of the fragments, go back after the block they followed in the raw file.
 */
function rawText(fragment: Fragment, contents?: { after: number; blocks: readonly RawBlock[] }, folio?: number): string {
  const notes = [...(fragment.noteTail ? [fragment.noteTail] : []), ...fragment.notes].map((b) => b.text);
  const body = fragment.body.flatMap((b) => (contents && b.index === contents.after ? [b.text, ...contents.blocks.map((c) => c.text)] : [b.text]));
  return [...body, ...(folio !== undefined ? [String(folio)] : []), ...(notes.length ? ['---', ...notes] : [])].join('\n\n');
}

/**
 * Every body block in reading order, named by its text (and which occurrence of that text it is):
 * blocks survive being written out and read in again, fragments do not (two fragments in reading
 * order may be read back as one).
 */
function blockNames(fragments: readonly Fragment[]): string[] {
  const seen = new Map<string, number>();
  return fragments.flatMap((f) =>
    f.body.filter(isBookText).map((b) => {
      const text = b.text.replace(/\s+/g, ' ').trim();
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      return `${n}\u0000${text}`;
    }),
  );
}

/** Whether a block is the book's text: the page numbers --folios writes in are not. */
function isBookText(block: RawBlock): boolean {
  return !(block.pageEdge && /^\d+$/.test(block.text.trim()));
}

/**
 * For each block {@link blockNames} names, the chapter it falls in: the text of the last heading
 * before it whose division restarts the note numbers ('' before the first).
 */
function blockChapters(fragments: readonly Fragment[], features: readonly FragmentFeatures[]): string[] {
  let chapter = '';
  return fragments.flatMap((f) => {
    const opening = new Set(features[f.id]!.anchors.flatMap((a) => (a.restartsNotes ? [a.block] : [])));
    return f.body.flatMap((b, k) => {
      if (opening.has(k)) chapter = b.text;
      return isBookText(b) ? [chapter] : [];
    });
  });
}
