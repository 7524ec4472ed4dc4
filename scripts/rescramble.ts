/**
 * `npx tsx scripts/rescramble.ts [--input FILE] [--kinds permutation,duplex,interleave] [--seeds 7,11] [--folios] [--printed] [--signature N]`:
 * how well the reading order survives a second scramble of a real book. The book is ordered once;
 * its fragments, in that order, are written out again as a raw file in the order a scramble gives
 * (test/helpers/scramble.ts); that file is ordered again, and the script counts how many of the
 * first order's joins come back (between its pages, those between two pages of a list apart, and
 * between any two blocks), how many of its pages the new order sets in another chapter, and what
 * the report says about the new order (its warnings, the fragments it split: O-040, and the joins
 * it says another page would carry on as well, with how many of those are wrong). See
 * test/helpers/rescramble.ts.
 *
 * A measurement, not a test: it prints a table and exits 0 whatever it finds.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseMetadataYaml } from '../src/model/metadata.js';
import { Rescrambler } from '../test/helpers/rescramble.js';
import { SCRAMBLE_KINDS, type ScrambleKind } from '../test/helpers/scramble.js';

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
    // the booklet's and the sheet sides' signature size (a multiple of 4; by default the seed picks 8 to 20)
    signature: { type: 'string' },
  },
});
const signature = values.signature === undefined ? undefined : Number(values.signature);
if (signature !== undefined && !(Number.isInteger(signature) && signature >= 4 && signature % 4 === 0)) throw new Error(`--signature ${values.signature}: a signature holds a multiple of 4 pages`);
const input = values.input;
const title = parseMetadataYaml(readFileSync(input.replace(/\.raw\.md$/, '.meta.yaml'), 'utf8')).title;

const book = new Rescrambler(readFileSync(input, 'utf8'), input, title);
console.log(`${input}: ${book.first.fragments.length} fragments ordered in ${Math.round(book.first.ms)} ms`);
console.log('scramble       seed  page joins kept  of them in lists  pages in another chapter  block joins kept  rivals (wrong)  order warnings           ms');
for (const kind of values.kinds.split(',') as ScrambleKind[]) {
  if (!SCRAMBLE_KINDS.includes(kind)) throw new Error(`unknown scramble kind ${kind} (one of ${SCRAMBLE_KINDS.join(', ')})`);
  for (const seed of values.seeds.split(',').map(Number)) {
    const again = book.again(kind, seed, { printed: values.printed, folios: values.folios, ...(signature !== undefined ? { signature } : {}) });
    const warnings = [...again.warnings].map(([code, n]) => `${code}×${n}`).join(' ') || 'none';
    const rivals = `${again.rivals.flagged} (${again.rivals.wrong})`;
    const lists = `${again.listKept}/${again.listJoins}`;
    const elsewhere = `${again.pagesElsewhere}/${again.pages}`;
    console.log(`${kind.padEnd(14)} ${String(seed).padStart(4)}  ${`${again.pagesKept}/${again.pageJoins}`.padEnd(15)}  ${lists.padEnd(16)}  ${elsewhere.padEnd(24)}  ${`${again.blocksKept}/${again.blockJoins}`.padEnd(16)}  ${rivals.padEnd(14)}  ${warnings.padEnd(23)}  ${Math.round(again.ms)}`);
  }
}
