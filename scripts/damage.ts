/**
 * `npx tsx scripts/damage.ts [--input FILE] [--kinds identity,booklet,duplex,interleave,stacks,permutation] [--seeds 7,11,13]`:
 * how well the report names pages missing from, or fed twice into, a scrambled raw file. The book is
 * ordered once (test/helpers/rescramble.ts); for each scramble and seed, three of its body pages are
 * left out (two with notes, one without, at least three pages apart) and three fed twice (one with
 * notes, two without, none beside a page left out), the pages picked by the seed; the raw file so
 * made is built to the clean manuscript and the report read:
 * - a page fed twice is named if O-020 (left out) or O-021 (kept) stands at either copy's first line;
 * - a page left out is warned at its place if a warning that a page is missing or misplaced (O-030,
 *   O-031, O-033, O-035, R-010 to R-013) stands on a paragraph of the page before it or after it,
 *   or an O-030 names exactly the notes the page held.
 *
 * A measurement, not a test: it prints what each file's report says and a summary, and exits 0.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Report } from '../src/diagnostics/diagnostic.js';
import { parseMetadataYaml } from '../src/model/metadata.js';
import { buildManuscript } from '../src/pipeline.js';
import { Rescrambler } from '../test/helpers/rescramble.js';
import { SCRAMBLE_KINDS, type ScrambleKind } from '../test/helpers/scramble.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    input: { type: 'string', default: join(ROOT, 'manuscript/exodus.raw.md') },
    kinds: { type: 'string', default: 'identity,booklet,duplex,interleave,stacks,permutation' },
    seeds: { type: 'string', default: '7,11,13' },
  },
});
const input = values.input;
const metadata = parseMetadataYaml(readFileSync(input.replace(/\.raw\.md$/, '.meta.yaml'), 'utf8'));
const kinds = values.kinds.split(',') as ScrambleKind[];
for (const kind of kinds) if (!SCRAMBLE_KINDS.includes(kind)) throw new Error(`--kinds: unknown scramble \`${kind}\` (${SCRAMBLE_KINDS.join(', ')})`);
const seeds = values.seeds.split(',').map(Number);

const book = new Rescrambler(readFileSync(input, 'utf8'), input, metadata.title);
const { pages, fragments } = book.first;
/** The fragments of the first order on each printed page. */
const onPage = new Map<number, number[]>();
pages.forEach((page, k) => onPage.set(page, [...(onPage.get(page) ?? []), k]));
const last = Math.max(...pages);
/** Body pages away from the front matter and the back matter, with notes and without. */
const body = [...onPage.keys()].filter((page) => page > 20 && page < last - 100).sort((a, b) => a - b);
const notesOn = (page: number): number[] => (onPage.get(page) ?? []).flatMap((k) => fragments[k]!.notes.flatMap((note) => (note.noteNumber === undefined || note.noteNumber === null ? [] : [note.noteNumber])));
const withNotes = body.filter((page) => notesOn(page).length > 0);
const withoutNotes = body.filter((page) => notesOn(page).length === 0);
const MISSING = /^(O-030|O-031|O-033|O-035|R-010|R-011|R-012|R-013)$/;

let dropped = 0;
let droppedWarned = 0;
let repeated = 0;
let repeatedNamed = 0;
for (const kind of kinds) {
  for (const seed of seeds) {
    // (pages picked by the seed, each from its list, stepping on past one too near a page picked before)
    const pick = (list: readonly number[], k: number, taken: readonly number[]): number => {
      for (let step = 0; ; step++) {
        const page = list[(seed * 31 + k * 53 + step * 7) % list.length]!;
        if (taken.every((other) => Math.abs(other - page) >= 3)) return page;
      }
    };
    const drops: number[] = [];
    for (const [list, k] of [[withNotes, 1], [withNotes, 2], [withoutNotes, 3]] as const) drops.push(pick(list, k, drops));
    const repeats: number[] = [];
    for (const [list, k] of [[withNotes, 4], [withoutNotes, 5], [withoutNotes, 6]] as const) repeats.push(pick(list, k, [...drops, ...repeats]));
    const raw = book.damaged(kind, seed, { dropped: drops, repeated: repeats });
    const lines = raw.split('\n');
    /** The raw lines the first lines of the page's paragraphs stand on. */
    const linesOf = (page: number): number[] =>
      (onPage.get(page) ?? []).flatMap((k) => fragments[k]!.body.flatMap((block) => lines.flatMap((line, at) => (line === block.text.split('\n')[0] ? [at + 1] : []))));
    const report = new Report();
    buildManuscript({ raw, metadata, sourceFile: 'damaged.raw.md', sourceDate: new Date(0) }, report);
    const warnings = report.diagnostics.filter((d) => MISSING.test(d.code));
    const said: string[] = [];
    for (const page of drops) {
      dropped++;
      const near = new Set([...linesOf(page - 1), ...linesOf(page + 1)]);
      const notes = notesOn(page);
      const range = notes.length ? `notes ${Math.min(...notes)}–${Math.max(...notes)} ` : null;
      const found = warnings.filter((d) => (d.place && near.has(d.place.line)) || (range !== null && d.code === 'O-030' && d.message.startsWith(range)));
      if (found.length) droppedWarned++;
      said.push(`p. ${page} left out${notes.length ? '' : ' (no notes)'}: ${found.length ? [...new Set(found.map((d) => d.code))].join(' ') : 'not said'}`);
    }
    const named = [...report.byCode('O-020'), ...report.byCode('O-021')].map((d) => d.place?.line);
    for (const page of repeats) {
      repeated++;
      const [first, copy] = linesOf(page);
      const ok = named.includes(first) || named.includes(copy);
      if (ok) repeatedNamed++;
      said.push(`p. ${page} fed twice: ${ok ? report.diagnostics.find((d) => /^O-02[01]$/.test(d.code) && (d.place?.line === first || d.place?.line === copy))!.code : 'not named'}`);
    }
    console.log(`${kind.padEnd(12)} ${String(seed).padStart(3)}  ${said.join('; ')}`);
  }
}
console.log(`\npages left out warned at their place: ${droppedWarned} of ${dropped}; pages fed twice named: ${repeatedNamed} of ${repeated}`);
