/**
 * `npx tsx scripts/fuzz.ts [--input FILE] [--seeds 1-32] [--mutations delete,junk,…]`: damages the
 * raw file as extractions and hasty edits do (test/helpers/mutate.ts: lines left out, repeated or
 * swapped, the file cut short, junk lines and stray marks, rules, superscript tags, blank lines or
 * heading marks lost, lines run together, stray carriage returns, indents), one mutation per seed
 * (seed k takes mutation k mod their number, placed by the seed), and builds the clean manuscript
 * of each. A build may stop on a diagnostic that names the line (a fatal input error); it must not
 * stop on anything else (an internal error: a bug), nor lose or repeat a character (I-090, O-090).
 *
 * Prints one line per seed (the mutation, how the build ended, its time, the error codes the report
 * holds) and a summary; exits 1 if any build hit an internal error or lost a character.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FatalInputError, Report } from '../src/diagnostics/diagnostic.js';
import { parseMetadataYaml } from '../src/model/metadata.js';
import { buildManuscript } from '../src/pipeline.js';
import { MUTATIONS, type Mutation, mutate } from '../test/helpers/mutate.js';
import { mulberry32 } from '../test/helpers/synthetic-book.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    input: { type: 'string', default: join(ROOT, 'manuscript/exodus.raw.md') },
    seeds: { type: 'string', default: '1-32' },
    mutations: { type: 'string', default: MUTATIONS.join(',') },
  },
});
const mutations = values.mutations.split(',') as Mutation[];
for (const mutation of mutations) if (!MUTATIONS.includes(mutation)) throw new Error(`--mutations: unknown mutation \`${mutation}\` (${MUTATIONS.join(', ')})`);
const [low, high] = values.seeds.split('-').map(Number);
const seeds = Array.from({ length: (high ?? low!) - low! + 1 }, (_, k) => low! + k);
const raw = readFileSync(values.input, 'utf8');
const metadata = parseMetadataYaml(readFileSync(values.input.replace(/\.raw\.md$/, '.meta.yaml'), 'utf8'));

let internal = 0;
let lost = 0;
let fatal = 0;
for (const seed of seeds) {
  const mutation = mutations[seed % mutations.length]!;
  const damaged = mutate(raw, mutation, mulberry32(seed));
  const report = new Report();
  const start = performance.now();
  let outcome: string;
  try {
    buildManuscript({ raw: damaged, metadata, sourceFile: 'fuzz.raw.md', sourceDate: new Date(0) }, report);
    const errors = [...new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))];
    if (errors.some((code) => code === 'I-090' || code === 'O-090')) lost++;
    outcome = `built; errors ${errors.join(' ') || 'none'}`;
  } catch (error) {
    if (error instanceof FatalInputError) {
      fatal++;
      outcome = `stopped: ${error.diagnostic.code} at line ${error.diagnostic.place?.line ?? '?'}: ${error.diagnostic.message.slice(0, 100)}`;
    } else {
      internal++;
      const e = error instanceof Error ? error : new Error(String(error));
      outcome = `INTERNAL ERROR ${e.name}: ${e.message.slice(0, 160)} ${(e.stack ?? '').split('\n').slice(1, 3).join(' ')}`;
    }
  }
  console.log(`${String(seed).padStart(4)}  ${mutation.padEnd(16)} ${String(Math.round(performance.now() - start)).padStart(6)} ms  ${outcome}`);
}
console.log(`\n${seeds.length} damaged files: ${seeds.length - fatal - internal} built, ${fatal} stopped on a fatal input error, ${internal} internal errors, ${lost} lost or repeated characters`);
process.exit(internal || lost ? 1 : 0);
