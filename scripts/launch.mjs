#!/usr/bin/env node
/**
 * `node scripts/launch.mjs ENTRY [args…]` (what `npm run build` runs): runs src/cli.ts (or
 * scripts/bench.ts) from a bundle that esbuild makes of our TypeScript, instead of compiling every
 * module on each start as tsx does. The bundles live in node_modules/.cache/exodus-pipeline/ and
 * are made again when any file they were made from has changed (size or modification time), so a
 * fresh clone, a `git pull`, an `npm ci` and an edit all just work. npm packages are bundled too,
 * but for those listed in EXTERNAL, which load from node_modules as usual; code loaded only when
 * needed (the EPUB emitter and checker) stays in chunks of its own. With PIPELINE_DEBUG set, stack traces point into the sources
 * (source maps; reading them costs start-up time otherwise).
 *
 * `node scripts/launch.mjs --prepare` only brings the bundles up to date.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

/**
 * A build runs for a few seconds through a great deal of code, much of it hot only briefly (each
 * stage's own, micromark's, the EPUB checker's, the typesetter's on the PDF thread). V8 sends a
 * function to its optimising compiler once it has run `--interrupt-budget` bytes of bytecode
 * (66 KB by default): on the default book V8's helper threads, mostly that compiler, took about
 * 3.6 s of CPU, more than the main thread's 3.1 s, and on two CPUs that time comes out of the
 * build's wall time. With a budget of 500 KB they take about 1.9 s and the main thread's time is
 * the same (what runs long is still optimised; a larger budget begins to slow the main thread).
 * Set before the bundle loads; the flag is the process's, so the PDF worker thread has it too. A
 * budget given on node's command line wins.
 */
const INTERRUPT_BUDGET = '--interrupt-budget=500000';
if (!process.execArgv.some((arg) => arg.startsWith('--interrupt-budget'))) setFlagsFromString(INTERRUPT_BUDGET);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Three levels below ROOT: src/cli.ts and scripts/bench.ts find the repository from there. */
const OUT = join(ROOT, 'node_modules/.cache/exodus-pipeline');
const STAMP = join(OUT, 'stamp.json');
/** Bundle name → its source. The PDF worker's bundle sits beside the others (src/pdf/parallel.ts). */
const ENTRIES = { cli: 'src/cli.ts', bench: 'scripts/bench.ts', 'pdf-worker': 'src/pdf/worker.ts' };
const VERSION = 4;
/** Age after which a chunk no bundle refers to any more is removed. */
const STALE_MS = 60 * 60 * 1000;
/** Packages loaded from node_modules as they are: they read data files beside their code (fonts, AFM metrics, schemas, wasm, templates), are big and needed late, or are tools. */
const EXTERNAL = ['pdfkit', 'epub-gen-memory', '@likecoin/epubcheck-ts', 'an-array-of-english-words', 'esbuild', 'tsx'];

/** `[size, mtime]` of a file, or null when it is gone. */
function signature(file) {
  try {
    const s = statSync(file);
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

/** Whether the bundles were made from the files as they are now (and by this launcher). */
function fresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  if (stamp.version !== VERSION) return false;
  for (const [file, sig] of Object.entries(stamp.inputs)) {
    const now = signature(join(ROOT, file));
    if (!now || now[0] !== sig[0] || now[1] !== sig[1]) return false;
  }
  return true;
}

async function bundle() {
  const { build } = await import('esbuild');
  // the signatures are taken before reading, so an edit made while bundling counts as a change
  const before = new Map();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // modules the code imports only when needed (the EPUB emitter and checker) stay in chunks of their own, loaded then
    splitting: true,
    chunkNames: 'chunk-[hash]',
    // npm packages are bundled too (hundreds of small modules each resolved and read cost start-up
    // time), but for those that read files beside their code or load lazily on their own
    external: EXTERNAL,
    // (CommonJS packages bundled keep their require() of Node's own modules)
    banner: { js: "import { createRequire as __launchCreateRequire } from 'node:module'; const require = __launchCreateRequire(import.meta.url);" },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'error',
    plugins: [
      {
        name: 'signatures',
        setup(b) {
          b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
            before.set(args.path, signature(args.path));
            return undefined;
          });
        },
      },
    ],
  });
  mkdirSync(OUT, { recursive: true });
  // each file written beside and renamed into place, chunks (named by their content) before the
  // entries that import them, so that a build running meanwhile reads whole files of one version
  const chunksFirst = [...result.outputFiles].sort((a, b) => Number(!basename(a.path).startsWith('chunk-')) - Number(!basename(b.path).startsWith('chunk-')));
  for (const file of chunksFirst) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  // chunks of earlier versions go once no build can still be loading them
  const current = new Set(result.outputFiles.map((f) => basename(f.path)));
  for (const name of readdirSync(OUT)) {
    if (!name.startsWith('chunk-') || current.has(name)) continue;
    const file = join(OUT, name);
    if (Date.now() - (signature(file)?.[1] ?? Date.now()) > STALE_MS) rmSync(file, { force: true });
  }
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = resolve(ROOT, input);
    inputs[relative(ROOT, file)] = before.get(file) ?? signature(file);
  }
  inputs[relative(ROOT, fileURLToPath(import.meta.url))] = signature(fileURLToPath(import.meta.url));
  const tmp = `${STAMP}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: VERSION, inputs }));
  renameSync(tmp, STAMP);
}

const [entry, ...args] = process.argv.slice(2);
const name = Object.keys(ENTRIES).find((k) => entry === ENTRIES[k] || entry === k);
if (entry !== '--prepare' && !name) {
  process.stderr.write(`usage: node scripts/launch.mjs (${Object.values(ENTRIES).slice(0, 2).join(' | ')}) [args…] | --prepare\n`);
  process.exit(2);
}
if (!fresh()) await bundle();
if (name) {
  // (src/cli.ts reads a source map only for an internal error's one line; the whole stack needs them all)
  if (process.env.PIPELINE_DEBUG) process.setSourceMapsEnabled(true);
  // the entry reads its arguments from process.argv as if started directly
  process.argv.splice(1, 2, join(OUT, `${name}.mjs`));
  await import(pathToFileURL(join(OUT, `${name}.mjs`)).href);
}
