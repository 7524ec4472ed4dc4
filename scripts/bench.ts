/**
 * `npm run bench [-- --runs N] [--scale-runs N] [--no-scale] [--timeout S]`: times every stage of the
 * build (ingest, order, repair, manuscript, EPUB, in-process EPUB check, PDF) on the default book (with
 * its corrections file, as `npm run build` applies it), the
 * median of N runs, each run a fresh child process started as `npm run build` starts the build (the
 * bundle of scripts/launch.mjs; so its peak RSS is the build's own, and its wall time includes
 * start-up as a real build's does), the PDF typeset on a second thread as src/cli.ts does it; a
 * stage's CPU time is that of the thread running it (the PDF: the worker's, from the arrival of the manuscript's tree;
 * V8's helper threads left out, the whole process's CPU counts them); then the same on a four-volume copy of the book
 * (one Contents listing all four volumes, page numbers shifted; every heading and Contents title
 * suffixed " (Volume N)") to show how each stage grows with input size. Prints a table with the
 * targets (PASS/MISS) and the load average, and writes dist/bench.json.
 *
 * The machine may be shared: wall times swing with its load, CPU times (user + system) less so.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Root } from 'mdast';
import type { PdfDone } from '../src/pdf/parallel.js';

/** The repository: above scripts/, or above node_modules/.cache/exodus-pipeline/ for the bundle the child runs from (scripts/launch.mjs). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), import.meta.url.endsWith('.ts') ? '..' : '../../..');
const LAUNCH = join(ROOT, 'scripts/launch.mjs');
const STAGES = ['ingest', 'order', 'repair', 'manuscript', 'epub', 'check', 'pdf'] as const;
type StageName = (typeof STAGES)[number];

/** What one child build reports on its last stdout line. */
interface ChildResult {
  /** Wall ms per stage. */
  stages: Record<StageName, number>;
  /** CPU ms (user + system, all threads) per stage. */
  stagesCpu: Record<StageName, number>;
  fragments: number;
  /** Fragments left out as word-for-word repeats of others. */
  duplicates: number;
  /** CPU ms (user + system) of the whole child process. */
  cpuMs: number;
  /** Peak resident set of the child, bytes. */
  maxRss: number;
  pdfPages: number;
  manuscriptChars: number;
  lastPage: number;
  errors: number;
  /** Corrections applied (each build with any parses its manuscript twice). */
  corrections: number;
}

interface RunResult extends ChildResult {
  /** Wall ms from spawn to exit: the whole build as a user sees it. */
  wallMs: number;
}

// ---------------------------------------------------------------------------------------------
// Child: one build, stage by stage, as src/cli.ts does it (the PDF typeset on a second thread while
// the EPUB is built and checked), run from the same bundle as `npm run build` (scripts/launch.mjs).

async function child(input: string, metaFile: string, out: string): Promise<void> {
  // first thing, as in src/cli.ts: the PDF worker loads its code while the text stages run
  const { PdfWorker } = await import('../src/pdf/parallel.js');
  const pdfWorker = PdfWorker.start();
  const { Report } = await import('../src/diagnostics/diagnostic.js');
  const { parseMetadataYaml } = await import('../src/model/metadata.js');
  const { buildManuscript } = await import('../src/pipeline.js');
  const { parseCorrections } = await import('../src/manuscript/corrections.js');

  const raw = readFileSync(input, 'utf8');
  const metadata = parseMetadataYaml(readFileSync(metaFile, 'utf8'));
  const report = new Report();
  const sourceDate = new Date('2026-01-01T00:00:00Z');
  /**
   * CPU ms of this (the main) thread. Not the process's: the PDF worker loads and warms up while the
   * text stages run, and V8's helper threads collect garbage for both threads' heaps, so a process
   * clock would charge the text stages with the worker's work. (So every stage's CPU leaves V8's
   * helper threads out; the whole process's CPU below counts them.) Off Linux: the process's.
   */
  const cpu = (): number => {
    try {
      return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
    } catch {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000 - pdfWorker.cpuMs();
    }
  };
  // The pipeline times its stages with performance.now(); note the CPU clock at every reading too, so
  // that each stage's wall interval can be matched to its CPU interval.
  const wallNow = performance.now.bind(performance);
  const marks: { wall: number; cpu: number }[] = [];
  performance.now = () => {
    const wall = wallNow();
    marks.push({ wall, cpu: cpu() });
    return wall;
  };
  const manuscriptFile = join(out, 'book.md');
  // as src/cli.ts: the worker takes the manuscript's tree as soon as it is parsed
  const pdf: { job?: Promise<PdfDone> } = {};
  const onTree = (tree: Root): void => {
    pdf.job = pdfWorker.typesetTree({ tree, sourceDate, sourceFile: manuscriptFile });
    pdf.job.catch(() => {});
  };
  // as src/cli.ts: the corrections file beside the raw file, if there is one (the default book has
  // one, so its manuscript is parsed twice; the four volumes have none)
  const correctionsFile = input.replace(/\.raw\.md$/, '.corrections.yaml');
  const corrections = existsSync(correctionsFile) ? parseCorrections(readFileSync(correctionsFile, 'utf8')) : [];
  // as src/cli.ts: the worker parses the second part of a long manuscript while this thread parses the first
  const { parseInTwo } = await import('../src/manuscript/split-parse.js');
  const parse = (source: string): Root => parseInTwo(source, pdfWorker.tailParser());
  const built = buildManuscript({ raw, metadata, sourceFile: input, sourceDate, onTree, parse, corrections, correctionsFile }, report);
  performance.now = wallNow;
  const stages: Partial<Record<StageName, number>> = {};
  const stagesCpu: Partial<Record<StageName, number>> = {};
  for (const t of built.timings) {
    if (!(STAGES as readonly string[]).includes(t.stage)) continue;
    stages[t.stage as StageName] = t.ms;
    for (let j = 1; j < marks.length && stagesCpu[t.stage as StageName] === undefined; j++) {
      for (let i = j - 1; i >= 0; i--) {
        if (marks[j]!.wall - marks[i]!.wall === t.ms) {
          stagesCpu[t.stage as StageName] = marks[j]!.cpu - marks[i]!.cpu;
          break;
        }
      }
    }
  }
  const timedAsync = async <T>(stage: StageName, run: () => Promise<T>): Promise<T> => {
    const [w, c] = [performance.now(), cpu()];
    const value = await run();
    stages[stage] = performance.now() - w;
    stagesCpu[stage] = cpu() - c;
    return value;
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(manuscriptFile, built.manuscript);
  const ctx = { report, sourceDate, sourceFile: manuscriptFile };

  const pdfJob = pdf.job ?? pdfWorker.typeset({ book: built.book, sourceDate, sourceFile: manuscriptFile });
  pdfJob.catch(() => {});
  const { toEpub } = await import('../src/epub/index.js');
  const { checkEpubInProcess } = await import('../src/check/epub.js');
  const stylesheet = readFileSync(join(ROOT, 'templates/epub.css'), 'utf8');
  const epub = await timedAsync('epub', () => toEpub(built.book, ctx, { stylesheet }));
  writeFileSync(join(out, 'book.epub'), epub);
  for (const p of await timedAsync('check', () => checkEpubInProcess(epub))) report.add(p);
  const typeset = await pdfJob;
  // the PDF stage: the worker's own wall time (from the tree's arrival) and its thread's CPU time
  stages.pdf = typeset.ms;
  stagesCpu.pdf = typeset.cpuMs ?? typeset.ms;
  writeFileSync(join(out, 'book.pdf'), typeset.bytes);
  for (const d of typeset.diagnostics) report.add(d);

  const usage = process.resourceUsage();
  const pages = [...built.manuscript.matchAll(/<!-- page (\d+) -->/g)].map((m) => Number(m[1]));
  const result: ChildResult = {
    stages: Object.fromEntries(STAGES.map((s) => [s, stages[s] ?? 0])) as Record<StageName, number>,
    stagesCpu: Object.fromEntries(STAGES.map((s) => [s, stagesCpu[s] ?? 0])) as Record<StageName, number>,
    fragments: built.ingested.fragments.length,
    duplicates: built.ordered.duplicates.length,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRss: usage.maxRSS * 1024,
    pdfPages: typeset.pageCount,
    manuscriptChars: built.manuscript.length,
    lastPage: pages.length ? Math.max(...pages) : 0,
    errors: report.errorCount,
    corrections: built.appliedCorrections.length,
  };
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

function runChild(input: string, meta: string, out: string, timeoutMs: number): Promise<RunResult> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const proc = spawn(process.execPath, [LAUNCH, 'scripts/bench.ts', '--child', '--input', input, '--meta', meta, '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - start;
      if (code !== 0) {
        fail(new Error(signal === 'SIGKILL' ? `build of ${input} timed out after ${timeoutMs / 1000} s` : `build of ${input} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
        return;
      }
      const last = stdout.trim().split('\n').pop() ?? '';
      done({ ...(JSON.parse(last) as ChildResult), wallMs });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The four-volume book

/**
 * The raw book four times over as one book: copy k (k = 2..4) gets " (Volume k)" on its title-page
 * heading, on each Contents title and on each body heading the Contents matched, and its Contents page
 * numbers shifted by (k − 1) × the book's page count, so that the four Contents pages read as one.
 * So that no page of a copy is a word-for-word repeat of the first volume's (which ordering would
 * leave out), the first ` the ` inside each text line becomes ` this `, ` that ` or ` each `: a
 * function word for a function word, away from the line's ends where the page-join evidence lies.
 */
async function fourVolumes(raw: string, title: string, pageCount: number): Promise<{ raw: string; entries: number }> {
  const { Report } = await import('../src/diagnostics/diagnostic.js');
  const { ingest } = await import('../src/ingest/index.js');
  const ingested = ingest(raw, { report: new Report(), sourceDate: new Date(0), sourceFile: 'bench' });
  const lines = raw.split('\n');
  const entryLines = new Set(ingested.contents.entries.map((e) => e.line - 1));
  const headingLines = new Set(ingested.matches.flatMap((m) => (m.heading ? [(m.heading.endLine ?? m.heading.line) - 1] : [])));
  const titleLine = lines.findIndex((l) => /^#/.test(l) && l.replace(/^#+\s*/, '').trim() === title);
  const TOC = /^(.*?)(<\/b>)?(\s*(?:\.\s*)*\t+\s*(?:<b>)?)(\d+)((?:<\/b>)?\s*)$/;
  const volumes = [raw.replace(/\n+$/, '')];
  for (let k = 2; k <= 4; k++) {
    const suffix = ` (Volume ${k})`;
    const shift = (k - 1) * pageCount;
    const copy = lines.map((line, i) => {
      if (entryLines.has(i)) {
        const m = TOC.exec(line);
        if (!m) throw new Error(`Contents line ${i + 1} not understood: ${line}`);
        return `${m[1]}${suffix}${m[2] ?? ''}${m[3]}${Number(m[4]) + shift}${m[5]}`;
      }
      if (headingLines.has(i) || i === titleLine) return line.replace(/(\s*(?:\*\*|__|<\/b>|<\/strong>)?\s*)$/, `${suffix}$1`);
      return line.replace(/(?<=\S) the (?=\S)/, ` ${['this', 'that', 'each'][k - 2]} `);
    });
    volumes.push(copy.join('\n').replace(/\n+$/, ''));
  }
  return { raw: `${volumes.join('\n\n')}\n`, entries: ingested.contents.entries.length * 4 };
}

// ---------------------------------------------------------------------------------------------
// Parent

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Summary {
  runs: number;
  inputBytes: number;
  stagesMs: Record<StageName, number>;
  stagesCpuMs: Record<StageName, number>;
  fragments: number;
  duplicates: number;
  wallMs: number;
  cpuMs: number;
  maxRssBytes: number;
  pdfPages: number;
  pdfPagesPerSecond: number;
  lastPage: number;
  manuscriptChars: number;
  errors: number;
  corrections: number;
  samples: RunResult[];
}

function summarise(samples: RunResult[], inputBytes: number): Summary {
  const stagesMs = Object.fromEntries(STAGES.map((s) => [s, median(samples.map((r) => r.stages[s]))])) as Record<StageName, number>;
  const stagesCpuMs = Object.fromEntries(STAGES.map((s) => [s, median(samples.map((r) => r.stagesCpu[s]))])) as Record<StageName, number>;
  const first = samples[0]!;
  return {
    runs: samples.length,
    inputBytes,
    stagesMs,
    stagesCpuMs,
    fragments: first.fragments,
    duplicates: first.duplicates,
    wallMs: median(samples.map((r) => r.wallMs)),
    cpuMs: median(samples.map((r) => r.cpuMs)),
    maxRssBytes: Math.max(...samples.map((r) => r.maxRss)),
    pdfPages: first.pdfPages,
    pdfPagesPerSecond: first.pdfPages / (stagesMs.pdf / 1000),
    lastPage: first.lastPage,
    manuscriptChars: first.manuscriptChars,
    errors: first.errors,
    corrections: first.corrections,
    samples,
  };
}

const fmtMs = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const fmtLoad = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' ');
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'boolean' },
      input: { type: 'string' },
      meta: { type: 'string' },
      out: { type: 'string' },
      runs: { type: 'string' },
      'scale-runs': { type: 'string' },
      'no-scale': { type: 'boolean' },
      timeout: { type: 'string' },
    },
  });
  if (values.child) {
    await child(values.input!, values.meta!, values.out!);
    return;
  }
  const runs = Number(values.runs ?? 5);
  const scaleRuns = Number(values['scale-runs'] ?? 1);
  const timeoutMs = Number(values.timeout ?? 900) * 1000;
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(scaleRuns) || scaleRuns < 1) throw new Error('--runs and --scale-runs take a whole number from 1');
  const input = resolve(values.input ?? join(ROOT, 'manuscript/exodus.raw.md'));
  const meta = resolve(values.meta ?? join(ROOT, 'manuscript/exodus.meta.yaml'));
  // the children run the bundle `npm run build` runs: bring it up to date first, so that no run pays for making it
  execFileSync(process.execPath, [LAUNCH, '--prepare'], { cwd: ROOT, stdio: 'inherit' });
  const tmp = mkdtempSync(join(tmpdir(), 'bench-'));
  const loadBefore = loadavg();
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  log(`bench: ${input}, ${runs} run(s); ${cpus().length} CPUs, load average ${fmtLoad(loadBefore)} (1, 5, 15 min)`);

  try {
    const samples: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await runChild(input, meta, join(tmp, `run${i}`), timeoutMs);
      samples.push(r);
      log(`  run ${i + 1}: ${fmtMs(r.wallMs)} wall, ${fmtMs(r.cpuMs)} CPU, ${(r.maxRss / 2 ** 20).toFixed(0)} MiB peak, load ${fmtLoad(loadavg())}`);
    }
    const raw = readFileSync(input, 'utf8');
    const base = summarise(samples, Buffer.byteLength(raw));

    let scale: (Summary & { ratios: Record<StageName | 'wall' | 'cpu', number> }) | { error: string } | null = null;
    if (!values['no-scale']) {
      const { parseMetadataYaml } = await import('../src/model/metadata.js');
      const four = await fourVolumes(raw, parseMetadataYaml(readFileSync(meta, 'utf8')).title, base.lastPage);
      const scaleInput = join(tmp, 'exodus-4x.raw.md');
      writeFileSync(scaleInput, four.raw);
      log(`scale: four volumes, ${(four.raw.length / 2 ** 20).toFixed(1)} MiB, ${four.entries} Contents entries, ${scaleRuns} run(s)`);
      try {
        const scaleSamples: RunResult[] = [];
        for (let i = 0; i < scaleRuns; i++) {
          const r = await runChild(scaleInput, meta, join(tmp, `scale${i}`), timeoutMs * 4);
          scaleSamples.push(r);
          log(`  run ${i + 1}: ${fmtMs(r.wallMs)} wall, ${fmtMs(r.cpuMs)} CPU, ${(r.maxRss / 2 ** 20).toFixed(0)} MiB peak, load ${fmtLoad(loadavg())}`);
        }
        const s = summarise(scaleSamples, Buffer.byteLength(four.raw));
        const ratios = Object.fromEntries(STAGES.map((st) => [st, s.stagesMs[st] / base.stagesMs[st]])) as Record<StageName, number>;
        scale = { ...s, ratios: { ...ratios, wall: s.wallMs / base.wallMs, cpu: s.cpuMs / base.cpuMs } };
      } catch (error) {
        scale = { error: (error as Error).message };
        log(`  scale run failed: ${scale.error}`);
      }
    }
    const loadAfter = loadavg();

    // Table: wall and CPU per stage; growth judged on CPU time, which the machine's load disturbs less.
    const scaled = scale && !('error' in scale) ? scale : null;
    const sizeRatio = scaled ? scaled.inputBytes / base.inputBytes : 0;
    /** Linear growth, with 10 % allowed for measurement noise. */
    const limit = sizeRatio * 1.1;
    const linear = (ratio: number): boolean => ratio <= limit;
    const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : '-');
    const rows: string[][] = [['stage', 'wall', 'CPU', ...(scaled ? ['4 vol. wall', '4 vol. CPU', 'wall ratio', 'CPU ratio', `CPU ≤ ${limit.toFixed(1)}×`] : [])]];
    const sum = (r: Record<StageName, number>): number => STAGES.reduce((t, st) => t + r[st], 0);
    const addRow = (name: string, w: number, c: number, sw?: number, sc?: number): void => {
      const row = [name, fmtMs(w), fmtMs(c)];
      if (scaled && sw !== undefined && sc !== undefined) row.push(fmtMs(sw), fmtMs(sc), ratio(sw, w), ratio(sc, c), verdict(linear(sc / c)));
      rows.push(row);
    };
    for (const st of STAGES) addRow(st, base.stagesMs[st], base.stagesCpuMs[st], scaled?.stagesMs[st], scaled?.stagesCpuMs[st]);
    addRow('stages total', sum(base.stagesMs), sum(base.stagesCpuMs), scaled ? sum(scaled.stagesMs) : undefined, scaled ? sum(scaled.stagesCpuMs) : undefined);
    addRow('whole process', base.wallMs, base.cpuMs, scaled?.wallMs, scaled?.cpuMs);
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
    log('');
    log(`median of ${base.runs} run(s)${scaled ? `; 4 volumes: median of ${scaled.runs}` : ''}; wall = elapsed, CPU = user + system of the build process`);
    for (const [i, r] of rows.entries()) {
      log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
      if (i === 0) log(widths.map((w) => '-'.repeat(w)).join('  '));
    }
    const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
    log('');
    log(`default: ${(base.inputBytes / 2 ** 20).toFixed(2)} MiB raw, ${base.fragments} fragments (${base.duplicates} repeats left out), ${base.corrections} corrections applied, ${base.manuscriptChars} manuscript characters, ${base.lastPage} print pages, ${base.pdfPages} PDF pages, peak RSS ${mib(base.maxRssBytes)}`);
    if (scaled) log(`4 volumes: ${(scaled.inputBytes / 2 ** 20).toFixed(2)} MiB raw (${sizeRatio.toFixed(2)}×), ${scaled.fragments} fragments (${scaled.duplicates} repeats left out), ${scaled.corrections} corrections applied, ${scaled.manuscriptChars} manuscript characters (${ratio(scaled.manuscriptChars, base.manuscriptChars)}), ${scaled.lastPage} print pages, ${scaled.pdfPages} PDF pages, peak RSS ${mib(scaled.maxRssBytes)} (${ratio(scaled.maxRssBytes, base.maxRssBytes)})`);
    else if (scale && 'error' in scale) log(`4 volumes: ${scale.error}`);

    const pagesPerCpuSecond = base.pdfPages / (base.stagesCpuMs.pdf / 1000);
    const cpuNote = (ok: boolean, what: string): string => `; on CPU time ${what}: ${verdict(ok)}`;
    const targets = [
      { target: 'whole default build ≤ 4 s wall (median process wall, start-up included)', value: `${fmtMs(base.wallMs)}${cpuNote(base.cpuMs <= 4000, fmtMs(base.cpuMs))}`, pass: base.wallMs <= 4000 },
      { target: 'whole default build ≤ 1 GB peak RSS', value: mib(base.maxRssBytes), pass: base.maxRssBytes <= 2 ** 30 },
      { target: 'ordering ≤ 0.5 s', value: `${fmtMs(base.stagesMs.order)}${cpuNote(base.stagesCpuMs.order <= 500, fmtMs(base.stagesCpuMs.order))}`, pass: base.stagesMs.order <= 500 },
      { target: 'PDF ≥ 300 pages/s', value: `${base.pdfPagesPerSecond.toFixed(0)} pages/s (${base.pdfPages} pages)${cpuNote(pagesPerCpuSecond >= 300, `${pagesPerCpuSecond.toFixed(0)} pages/s`)}`, pass: base.pdfPagesPerSecond >= 300 },
      ...(scaled
        ? [{ target: `growth no worse than linear on 4 volumes (every stage's CPU ≤ ${limit.toFixed(1)}×)`, value: STAGES.filter((st) => !linear(scaled.stagesCpuMs[st] / base.stagesCpuMs[st])).map((st) => `${st} ${(scaled.stagesCpuMs[st] / base.stagesCpuMs[st]).toFixed(1)}×`).join(', ') || 'every stage', pass: STAGES.every((st) => linear(scaled.stagesCpuMs[st] / base.stagesCpuMs[st])) }]
        : scale && 'error' in scale
          ? [{ target: 'growth no worse than linear on 4 volumes', value: scale.error, pass: false }]
          : []),
    ];
    log('');
    for (const t of targets) log(`${verdict(t.pass)}  ${t.target}: ${t.value}`);
    log('');
    log(`load average ${fmtLoad(loadBefore)} before, ${fmtLoad(loadAfter)} after, on ${cpus().length} CPUs: wall times on a loaded machine overstate the build's own cost (compare process CPU)`);
    if (base.errors) log(`note: the default build reported ${base.errors} errors (report diagnostics, not bench failures)`);

    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    const json = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: { before: loadBefore, after: loadAfter },
      input,
      default: base,
      scale,
      targets: targets.map((t) => ({ ...t, result: verdict(t.pass) })),
    };
    writeFileSync(join(ROOT, 'dist/bench.json'), `${JSON.stringify(json, null, 2)}\n`);
    log('wrote dist/bench.json');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(1);
});
