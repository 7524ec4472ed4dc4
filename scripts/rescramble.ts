/**
 * `npx tsx scripts/rescramble.ts [--input FILE] [--kinds permutation,duplex,interleave] [--seeds 7,11] [--folios] [--printed]`:
 * how well the reading order survives a second scramble of a real book. The book is ordered once;
 * its fragments, in that order, are written out again as a raw file in the order a scramble gives
 * (test/helpers/scramble.ts); that file is ordered again, and the script counts how many of the
 * first order's joins come back (between its pages, and between any two blocks), and what the
 * report says about the new order (its warnings, and the fragments it split: O-040).
 *
 * A measurement, not a test: it prints a table and exits 0 whatever it finds.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Report } from '../src/diagnostics/diagnostic.js';
import { ingest } from '../src/ingest/index.js';
import type { Fragment, RawBlock } from '../src/model/page.js';
import { parseMetadataYaml } from '../src/model/metadata.js';
import { order } from '../src/order/index.js';
import { numberPages } from '../src/repair/page-numbers.js';
import { hyphenEvidence } from '../src/pipeline.js';
import { Vocabulary } from '../src/text/vocabulary.js';
import { scramble, SCRAMBLE_KINDS, type ScrambleKind } from '../test/helpers/scramble.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    input: { type: 'string', default: join(ROOT, 'manuscript/exodus.raw.md') },
    kinds: { type: 'string', default: 'permutation,duplex,interleave' },
    seeds: { type: 'string', default: '7' },
    // each page written with its number in the recovered order at its foot, as an extraction that kept folios
    folios: { type: 'boolean', default: false },
    // the scramble deals out printed pages (as the Contents numbers them; a blank page leaves nothing), not fragments
    printed: { type: 'boolean', default: false },
  },
});
const input = values.input;
const metaFile = input.replace(/\.raw\.md$/, '.meta.yaml');
const title = parseMetadataYaml(readFileSync(metaFile, 'utf8')).title;

function ordered(raw: string): { fragments: Fragment[]; contents: RawBlock[]; warnings: Map<string, number>; ms: number; pages: number[] } {
  const start = performance.now();
  const report = new Report();
  const ctx = { report, sourceDate: new Date(0), sourceFile: input };
  const ingested = ingest(raw, ctx, { title });
  const vocab = Vocabulary.fromTexts(ingested.blocks.map((b) => b.text));
  const result = order(ingested, ctx, { hyphen: hyphenEvidence(vocab), title });
  // The printed page each fragment starts on (one that starts none continues the page before it).
  const numbering = numberPages(result.fragments, result.features, ingested.contents);
  const pages: number[] = [];
  numbering.starts.forEach((starts, k) => pages.push(starts[0]?.page ?? pages[k - 1] ?? 1));
  const warnings = new Map<string, number>();
  for (const d of report.diagnostics) if ((d.severity !== 'info' || d.code === 'O-040') && /^O-/.test(d.code)) warnings.set(d.code, (warnings.get(d.code) ?? 0) + 1);
  return { fragments: result.fragments, contents: ingested.blocks.filter((b) => b.kind === 'contents'), warnings, ms: performance.now() - start, pages };
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
  // (the page numbers --folios writes in are no text of the book)
  return fragments.flatMap((f) =>
    f.body.filter((b) => !(b.pageEdge && /^\d+$/.test(b.text.trim()))).map((b) => {
      const text = b.text.replace(/\s+/g, ' ').trim();
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      return `${n}\u0000${text}`;
    }),
  );
}

const first = ordered(readFileSync(input, 'utf8'));
const recovered = first.fragments;

/** The fragments in the order a scramble of the book's printed pages gives: a page's fragments stay together, a blank page leaves nothing. */
function byPrintedPages(kind: ScrambleKind, seed: number): number[] {
  const onPage = new Map<number, number[]>();
  first.pages.forEach((page, k) => onPage.set(page, [...(onPage.get(page) ?? []), k]));
  const last = Math.max(...first.pages);
  return scramble(kind, last, seed).flatMap((page) => onPage.get(page + 1) ?? []);
}
// The last body block before the Contents entries: they are written out after it.
const bodyIndexes = new Set(recovered.flatMap((f) => f.body.map((b) => b.index)));
let after = (first.contents[0]?.index ?? 0) - 1;
while (after >= 0 && !bodyIndexes.has(after)) after--;
const contents = { after, blocks: first.contents };
console.log(`${input}: ${recovered.length} fragments ordered in ${Math.round(first.ms)} ms`);
const names = blockNames(recovered);
// Positions in the block sequence where a fragment of the first order ends and the next begins.
const boundaries = new Set<number>();
recovered.reduce((at, f) => (boundaries.add(at + f.body.length), at + f.body.length), 0);
console.log('scramble       seed  page joins kept  block joins kept  order warnings           ms');
for (const kind of values.kinds.split(',') as ScrambleKind[]) {
  if (!SCRAMBLE_KINDS.includes(kind)) throw new Error(`unknown scramble kind ${kind} (one of ${SCRAMBLE_KINDS.join(', ')})`);
  for (const seed of values.seeds.split(',').map(Number)) {
    const sequence = values.printed ? byPrintedPages(kind, seed) : scramble(kind, recovered.length, seed);
    const again = ordered(`${sequence.map((k) => rawText(recovered[k]!, contents, values.folios ? k + 1 : undefined)).join('\n\n')}\n`);
    const position = new Map(blockNames(again.fragments).map((name, k) => [name, k]));
    let kept = 0;
    let pageKept = 0;
    let pageJoins = 0;
    for (let k = 1; k < names.length; k++) {
      const same = position.get(names[k]!) === (position.get(names[k - 1]!) ?? -2) + 1;
      if (same) kept++;
      if (boundaries.has(k)) {
        pageJoins++;
        if (same) pageKept++;
      }
    }
    const warnings = [...again.warnings].map(([code, n]) => `${code}×${n}`).join(' ') || 'none';
    console.log(`${kind.padEnd(14)} ${String(seed).padStart(4)}  ${`${pageKept}/${pageJoins}`.padEnd(15)}  ${`${kept}/${names.length - 1}`.padEnd(16)}  ${warnings.padEnd(23)}  ${Math.round(again.ms)}`);
  }
}
