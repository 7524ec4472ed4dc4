import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkEpubInProcess } from './check/epub.js';
import { FatalInputError, formatDiagnostic, Report } from './diagnostics/diagnostic.js';
import { toEpub } from './epub/index.js';
import { CorrectionError, parseCorrections, type Correction } from './manuscript/corrections.js';
import type { BookMetadata } from './model/book.js';
import { MetadataError, parseMetadataYaml } from './model/metadata.js';
import { toPdf } from './pdf/index.js';
import { buildManuscript } from './pipeline.js';
import { buildReport } from './report.js';

const HERE = dirname(new URL(import.meta.url).pathname);
const ROOT = resolve(HERE, '..');
const USAGE = 'usage: npm run build -- [--input FILE.raw.md] [--meta FILE.meta.yaml] [--corrections FILE.yaml] [--out DIR] [--no-epub] [--no-pdf]';

class UsageError extends Error {}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

function readText(file: string, what: string): string {
  if (!existsSync(file)) throw new UsageError(`${file}: ${what} not found`);
  if (statSync(file).isDirectory()) throw new UsageError(`${file}: ${what} is a directory, not a file`);
  const bytes = readFileSync(file);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function sourceDate(metadata: BookMetadata): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const newest = [metadata.date, ...metadata.changes.map((c) => c.date)].sort().pop()!;
  return new Date(`${newest}T00:00:00Z`);
}

function progress(stage: string, ms: number, summary: string): void {
  process.stdout.write(`${stage.padEnd(11)} ${`${Math.round(ms)} ms`.padStart(8)}  ${summary}\n`);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        input: { type: 'string' },
        meta: { type: 'string' },
        corrections: { type: 'string' },
        out: { type: 'string' },
        'no-epub': { type: 'boolean' },
        'no-pdf': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const input = resolve(args.values.input ?? join(ROOT, 'manuscript/exodus.raw.md'));
  const stem = basename(input).replace(/(\.raw)?\.(md|txt|markdown)$/i, '');
  const metaFile = resolve(args.values.meta ?? join(dirname(input), `${stem}.meta.yaml`));
  const correctionsFile = resolve(args.values.corrections ?? join(dirname(input), `${stem}.corrections.yaml`));
  const out = resolve(args.values.out ?? join(ROOT, 'dist'));

  const raw = readText(input, 'raw input');
  let metadata: BookMetadata;
  try {
    metadata = parseMetadataYaml(readText(metaFile, 'metadata file'));
  } catch (error) {
    if (error instanceof MetadataError) throw new UsageError(`${metaFile}: ${error.message}`);
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${metaFile}: not readable YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  let corrections: Correction[] = [];
  if (args.values.corrections !== undefined || existsSync(correctionsFile)) {
    try {
      corrections = parseCorrections(readText(correctionsFile, 'corrections file'));
    } catch (error) {
      if (error instanceof CorrectionError) throw new UsageError(`${correctionsFile}:${error.line}: ${error.message}`);
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${correctionsFile}: not readable YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  const report = new Report();
  const date = sourceDate(metadata);
  const ctx = { report, sourceDate: date, sourceFile: input };
  const built = buildManuscript({ raw, metadata, corrections, sourceFile: input, correctionsFile, sourceDate: date }, report);
  for (const t of built.timings) progress(t.stage, t.ms, t.summary);

  mkdirSync(out, { recursive: true });
  const manuscriptFile = join(out, `${stem}.md`);
  writeFileSync(manuscriptFile, built.manuscript);
  // From here on, positions point into the clean manuscript, which is what the emitters read.
  const emitCtx = { ...ctx, sourceFile: manuscriptFile };

  if (!args.values['no-epub']) {
    const start = performance.now();
    const stylesheet = readFileSync(join(ROOT, 'templates/epub.css'), 'utf8');
    const epub = await toEpub(built.book, emitCtx, { stylesheet });
    writeFileSync(join(out, `${stem}.epub`), epub);
    progress('epub', performance.now() - start, `${(epub.length / 1024).toFixed(0)} KiB`);
    const checkStart = performance.now();
    const problems = await checkEpubInProcess(epub);
    for (const p of problems) report.add(p);
    progress('check', performance.now() - checkStart, `in-process EPUB check: ${problems.filter((p) => p.severity === 'error').length} errors, ${problems.filter((p) => p.severity === 'warning').length} warnings`);
  }
  if (!args.values['no-pdf']) {
    const start = performance.now();
    const pdf = await toPdf(built.book, emitCtx);
    writeFileSync(join(out, `${stem}.pdf`), pdf.bytes);
    const ms = performance.now() - start;
    progress('pdf', ms, `${pdf.pageCount} pages (${Math.round(pdf.pageCount / (ms / 1000))} pages/s)`);
  }

  writeFileSync(join(out, 'report.json'), `${JSON.stringify(buildReport(built, input), null, 2)}\n`);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) counts[d.severity]++;
  for (const d of report.diagnostics) if (d.severity !== 'info') process.stderr.write(`${formatDiagnostic(d)}\n`);
  process.stdout.write(`done: ${out} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes; details in report.json)\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) fail(error.message);
    if (error instanceof FatalInputError) fail(formatDiagnostic(error.diagnostic));
    fail(`internal error: ${(error as Error).stack ?? String(error)}`);
  },
);
