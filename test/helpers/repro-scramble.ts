/**
 * Reproduces one synthetic scramble case and prints how the recovered manuscript differs from the
 * ground truth.
 *
 *   npx tsx test/helpers/repro-scramble.ts <book> <profile> <scramble> [scrambleSeed] [--write DIR] [--options JSON]
 *   e.g. npx tsx test/helpers/repro-scramble.ts small plain identity
 *
 * Books and profiles: test/helpers/synthetic-cases.ts. Scrambles: identity, permutation, duplex,
 * interleave, booklet, plus drop:<page index> and dup:<page index> (damage on the identity order).
 *
 *   npx tsx test/helpers/repro-scramble.ts --matrix [profile,profile…]
 *
 * prints, for every book × profile × scramble, whether the recovered text equals the ground truth,
 * and for a failure the order/repair codes the report raised (FAIL-SILENT: none).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare, describe, readManuscript, recover, truthBlocks } from './recover.js';
import { dropPage, duplicatePage, render, scramble, SCRAMBLE_KINDS, type ScrambleKind } from './scramble.js';
import { mulberry32, syntheticBook, type SyntheticBookOptions } from './synthetic-book.js';
import { BOOKS, PROFILES, bookOptions } from './synthetic-cases.js';

let args = process.argv.slice(2);
if (args[0] === '--matrix') {
  const profiles = args[1] ? args[1].split(',') : Object.keys(PROFILES);
  for (const profile of profiles) {
    for (const name of Object.keys(BOOKS)) {
      const b = syntheticBook(bookOptions(name, profile));
      const row = SCRAMBLE_KINDS.map((k) => {
        const r = recover(b, render(b, scramble(k, b.pages.length, 7)).raw);
        const ok = r.build !== null && compare(b, r.build.manuscript).ok;
        // A failure the report does not flag (no O-/R- warning or error) is a silent one.
        const flagged = [...new Set(r.report.diagnostics.filter((d) => d.severity !== 'info' && /^[OR]-/.test(d.code)).map((d) => d.code))].sort();
        return `${k}:${ok ? 'ok' : flagged.length ? `FAIL[${flagged.join(',')}]` : 'FAIL-SILENT'}(${Math.round(r.ms)}ms)`;
      });
      console.log(`${profile.padEnd(15)}${name.padEnd(7)}${String(b.pages.length).padStart(4)}p  ${row.join(' ')}`);
    }
  }
  process.exit(0);
}
const optionsAt = args.indexOf('--options');
const overrides = optionsAt >= 0 ? (JSON.parse(args[optionsAt + 1] ?? '{}') as Partial<SyntheticBookOptions>) : {};
if (optionsAt >= 0) args = [...args.slice(0, optionsAt), ...args.slice(optionsAt + 2)];
const writeAt = args.indexOf('--write');
const dir = writeAt >= 0 ? args[writeAt + 1] : undefined;
const [bookName = 'small', profile = 'plain', kind = 'identity', seedArg = '7'] = writeAt >= 0 ? args.slice(0, writeAt) : args;
const book = syntheticBook({ ...bookOptions(bookName, profile), ...overrides });
const count = book.pages.length;
let order: number[];
if (kind.startsWith('drop:')) order = dropPage(scramble('identity', count, 0), Number(kind.slice(5)));
else if (kind.startsWith('dup:')) order = duplicatePage(scramble('identity', count, 0), Number(kind.slice(4)), mulberry32(Number(seedArg)));
else order = scramble(kind as ScrambleKind, count, Number(seedArg));
const rendered = render(book, order);
const result = recover(book, rendered.raw);
console.log(`book ${bookName}/${profile}: ${count} pages, ${book.blocks.length} blocks, stats ${JSON.stringify(book.stats)}`);
console.log(`scramble ${kind} (seed ${seedArg}); pipeline ${Math.round(result.ms)} ms`);
if (!result.build) {
  console.log(`FATAL: ${String(result.error)}`);
  process.exit(1);
}
const comparison = compare(book, result.build.manuscript);
console.log(comparison.ok ? 'OK: recovered text equals the ground truth' : describe(comparison, result.report.diagnostics));
for (const d of result.report.diagnostics) if (d.severity !== 'info') console.log(`  ${d.code} line ${d.place?.line ?? '-'}: ${d.message}`);
if (comparison.firstDifference) {
  // The first differing word inside the first differing block, with context.
  const want = (comparison.firstDifference.expected ?? '').split(' ');
  const got = (comparison.firstDifference.actual ?? '').split(' ');
  let w = 0;
  while (w < want.length && want[w] === got[w]) w++;
  console.log(`first differing word ${w}: expected “…${want.slice(Math.max(0, w - 6), w + 6).join(' ')}…”`);
  console.log(`${' '.repeat(String(w).length + 21)}actual “…${got.slice(Math.max(0, w - 6), w + 6).join(' ')}…”`);
  const truth = book.blocks[comparison.firstDifference.index];
  if (truth) console.log(`expected block lies on printed page(s) ${truth.firstPage}–${truth.lastPage}`);
  const at = (page: number): number | null | undefined => rendered.placed.find((p) => book.pages[p.page]?.number === page)?.line;
  if (truth) console.log(`those pages start at raw line(s) ${at(truth.firstPage)}–${at(truth.lastPage)}`);
}
if (dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'raw.md'), rendered.raw);
  writeFileSync(join(dir, 'manuscript.md'), result.build.manuscript);
  writeFileSync(join(dir, 'expected.txt'), truthBlocks(book).join('\n\n') + '\n');
  writeFileSync(join(dir, 'recovered.txt'), readManuscript(result.build.manuscript).blocks.join('\n\n') + '\n');
  console.log(`wrote ${dir}/{raw.md,manuscript.md,expected.txt,recovered.txt}`);
}
process.exit(comparison.ok ? 0 : 1);
