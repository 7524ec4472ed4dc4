/**
 * How many random small books (the property test's, test/property/scramble.property.test.ts) come
 * back whole from each kind of scramble, and why the others do not:
 *
 *   npx tsx test/helpers/small-books.ts [--kinds permutation,duplex,interleave,booklet] [--samples 1,2] [--runs 60]
 *
 * For each failure it prints the book's options and what went wrong: `merged=N`, fragments that
 * hold text of two printed pages (the extraction ran them together and the order did not split
 * them); and whether the solver's objective scores the true fragment order above the one it found
 * (SEARCH: the search missed it) or not (MODEL: the evidence, as weighed, prefers the wrong one).
 * A measurement, not a test: it exits 0 whatever it finds.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { ingest } from '../../src/ingest/index.js';
import { placeAnchors } from '../../src/order/chains.js';
import { localScores } from '../../src/order/evidence.js';
import { featureCorpus, fragmentFeatures } from '../../src/order/features.js';
import { orderWorth } from '../../src/order/reseat.js';
import { solveOrder } from '../../src/order/solve.js';
import { WordPairs } from '../../src/order/word-pairs.js';
import { vocabularyEvidence } from '../../src/pipeline.js';
import { Vocabulary } from '../../src/text/vocabulary.js';
import { compare, recover } from './recover.js';
import { render, scramble, SCRAMBLE_KINDS, type ScrambleKind } from './scramble.js';
import { syntheticBook, type SyntheticBook } from './synthetic-book.js';
import { PROFILES } from './synthetic-cases.js';

const { values } = parseArgs({
  options: {
    kinds: { type: 'string', default: 'permutation,duplex,interleave,booklet' },
    samples: { type: 'string', default: '1,2' },
    runs: { type: 'string', default: '60' },
  },
});
const kinds = values.kinds.split(',') as ScrambleKind[];
for (const kind of kinds) if (!SCRAMBLE_KINDS.includes(kind)) throw new Error(`unknown scramble ${kind}`);

/** Why the fragments of a scrambled book come out in another order than the truth's. */
function diagnose(book: SyntheticBook, order: readonly number[]): string {
  const rendered = render(book, order);
  const ctx = { report: new Report(), sourceDate: new Date(0), sourceFile: 'small.raw.md' };
  const ingested = ingest(rendered.raw, ctx, { title: book.metadata.title });
  const fragments = ingested.fragments.map((f, id) => ({ ...f, id }));
  // The printed page a raw line belongs to.
  const starts = rendered.placed.filter((p) => p.line !== null).sort((a, b) => a.line! - b.line!);
  const pageOf = (line: number): number => starts.filter((p) => p.line! <= line).at(-1)?.page ?? -1;
  const merged = fragments.filter((f) => pageOf(f.span.startLine) !== pageOf(f.span.endLine)).length;
  const corpus = featureCorpus(fragments);
  const features = fragmentFeatures(fragments, ingested.anchors, [], undefined, corpus);
  const pairs = new WordPairs(fragments, { firsts: new Set(features.flatMap((f) => (f.lastWord ? [f.lastWord] : []))), seconds: new Set(features.flatMap((f) => (f.firstWord ? [f.firstWord] : []))) });
  const title = book.metadata.title.toLowerCase();
  const first = fragments.findIndex((f) => f.body.some((b) => b.kind === 'heading' && b.text.replace(/^#+\s*|\*+/g, '').trim().toLowerCase() === title));
  const vocab = Vocabulary.fromTexts(ingested.blocks.map((b) => b.text));
  const solved = solveOrder(features, { ...vocabularyEvidence(vocab), wordPair: (a, b) => pairs.lift(a, b), ...(first >= 0 ? { first } : {}) });
  const truth = fragments.map((f) => f.id).sort((a, b) => pageOf(fragments[a]!.span.startLine) - pageOf(fragments[b]!.span.startLine) || fragments[a]!.span.startLine - fragments[b]!.span.startLine);
  if (truth.every((index, k) => solved.order[k] === index)) return `merged=${merged} fragment order right`;
  const solverFeatures = placeAnchors(features);
  const local = localScores(solverFeatures, solved.options);
  const truthWorth = orderWorth(truth, solverFeatures, local);
  const foundWorth = orderWorth(solved.order, solverFeatures, local);
  return `merged=${merged} ${truthWorth > foundWorth ? 'SEARCH' : 'MODEL'} (truth ${truthWorth.toFixed(1)}, found ${foundWorth.toFixed(1)})`;
}

const bookOptions = fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), chapters: fc.integer({ min: 2, max: 3 }), preface: fc.boolean(), bibliography: fc.boolean() });
for (const kind of kinds) {
  for (const sample of values.samples.split(',').map(Number)) {
    let whole = 0;
    const books = fc.sample(bookOptions, { numRuns: Number(values.runs), seed: sample });
    for (const options of books) {
      const book = syntheticBook({ ...options, ...PROFILES.plain, sections: [1, 2], paragraphs: [3, 5] });
      const order = scramble(kind, book.pages.length, 7);
      const result = recover(book, render(book, order).raw);
      if (result.build !== null && compare(book, result.build.manuscript).ok) whole++;
      else console.log(`  ${kind} ${JSON.stringify(options)} ${book.pages.length} pages: ${result.build ? diagnose(book, order) : String(result.error)}`);
    }
    console.log(`${kind}, sample ${sample}: ${whole}/${books.length} whole`);
  }
}
