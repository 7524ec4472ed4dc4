import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Root } from 'mdast';
import { FatalInputError, formatDiagnostic, Report } from './diagnostics/diagnostic.js';
import { CorrectionError, parseCorrections, type Correction } from './manuscript/corrections.js';
import { parseInTwo } from './manuscript/split-parse.js';
import type { BookMetadata } from './model/book.js';
import { MetadataError, parseMetadataYaml, buildDate } from './model/metadata.js';
import { PdfWorker, type PdfDone } from './pdf/parallel.js';
import { buildManuscript } from './pipeline.js';
import { buildReport } from './report.js';

const HERE = dirname(new URL(import.meta.url).pathname);
/** The repository: above src/, or above node_modules/.cache/exodus-pipeline/ for the bundle `npm run build` runs (scripts/launch.mjs). */
const ROOT = resolve(HERE, import.meta.url.endsWith('.ts') ? '..' : '../../..');
const USAGE = 'usage: npm run build -- [--input FILE.raw.md] [--meta FILE.meta.yaml] [--corrections FILE.yaml] [--out DIR] [--no-epub] [--no-pdf]';

class UsageError extends Error {}

/** Exit codes: 1 bad input (nothing sensible can be built), 2 bad command line, 70 a bug in the pipeline. */
const EXIT = { input: 1, usage: 2, internal: 70 } as const;

class ArgumentError extends Error {}

function fail(message: string, code: number = EXIT.input): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

/**
 * `file:line:column` of the innermost frame of our own code in a stack, relative to the repository.
 * A frame in one of the bundles `npm run build` runs (scripts/launch.mjs) is found in the sources
 * through the bundle's source map, read only now that it is needed.
 */
function ownFrame(stack: string): string | null {
  for (const line of stack.split('\n')) {
    if (!/^\s+at /.test(line)) continue;
    if (line.includes('/src/')) return line.replace(/^\s+at\s+/, '').replace(/^.*\((.*)\)$/, '$1').replace(`${ROOT}/`, '');
    const bundled = /(?:file:\/\/)?(\/[^\s()]*\/node_modules\/\.cache\/exodus-pipeline\/[\w-]+\.mjs):(\d+):(\d+)/.exec(line);
    if (!bundled) continue;
    const [, file, row, column] = bundled as unknown as [string, string, string, string];
    try {
      const map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
      const entry = map.findEntry(Number(row) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
      if (!entry.originalSource) continue;
      const source = resolve(dirname(file), entry.originalSource.replace(/^file:\/\//, ''));
      if (source.includes('/src/')) return `${source.replace(`${ROOT}/`, '')}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
    } catch {
      // no source map: look on
    }
  }
  return null;
}

/** One line for a bug: the message and the innermost frame of our own code; the whole stack with PIPELINE_DEBUG=1. */
function internalError(error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  const where = ownFrame(e.stack ?? '') ?? 'unknown place';
  const first = e.message.split('\n')[0] ?? '';
  return `internal error: ${e.name}: ${first} (at ${where}); this is a bug in the pipeline, not in the input: please report it with the input file (PIPELINE_DEBUG=1 prints the stack)`;
}

/** A byte that is not UTF-8, read as Windows-1252 instead. */
interface StrayByte {
  byte: number;
  as: string;
  line: number;
  column: number;
}

/** Stray non-UTF-8 bytes tolerated (read as Windows-1252): more than this and the file is not UTF-8 at all. */
const MAX_STRAY_BYTES = 64;

/**
 * UTF-8 text; a few stray bytes that are not UTF-8 (a Latin-1 `é` in a UTF-8 extraction) are read as
 * Windows-1252 and listed, so that no character is lost. A file with many such bytes is no UTF-8 text
 * (or no text: it holds a NUL byte): rejected (I-002), naming the line of the first. (A U+FFFD the
 * extraction wrote into a UTF-8 file is text: ingest warns of it, I-007.)
 */
function decodeText(bytes: Uint8Array, file: string): { text: string; stray: StrayByte[]; utf16?: string } {
  // A byte-order mark says UTF-16, as Windows tools save text: read as such, not as binary data.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    try {
      return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes), stray: [], utf16: utf16.toUpperCase() };
    } catch {
      // (not UTF-16 after all: judged as UTF-8 below)
    }
  }
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: strict.decode(bytes), stray: [] };
  } catch {
    // Some bytes are not UTF-8: find them below.
  }
  const cp1252 = new TextDecoder('windows-1252');
  const valid = (from: number, to: number): boolean => {
    try {
      strict.decode(bytes.subarray(from, to));
      return true;
    } catch {
      return false;
    }
  };
  const pieces: string[] = [];
  const strayAt: { byte: number; as: string; offset: number }[] = [];
  let firstStray = -1;
  let start = 0;
  let length = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 1 || (size > 1 && i + size <= bytes.length && valid(i, i + size))) {
      i += size;
      continue;
    }
    const before = strict.decode(bytes.subarray(start, i));
    const as = cp1252.decode(bytes.subarray(i, i + 1));
    pieces.push(before, as);
    length += before.length;
    strayAt.push({ byte: b, as, offset: length });
    if (firstStray < 0) firstStray = i;
    length += as.length;
    i += 1;
    start = i;
    if (strayAt.length > MAX_STRAY_BYTES || strayAt.length * 100 > bytes.length) notText(bytes, firstStray, file);
  }
  pieces.push(strict.decode(bytes.subarray(start)));
  const text = pieces.join('');
  const stray = strayAt.map(({ byte, as, offset }) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return { byte, as, line: text.slice(0, offset).split('\n').length, column: offset - lineStart + 1 };
  });
  return { text, stray };
}

/** Rejects bytes that are no UTF-8 text (I-002) at the line of the first NUL byte, or else of the first byte that is not UTF-8 (`firstStray`). */
function notText(bytes: Uint8Array, firstStray: number, file: string): never {
  const nul = bytes.indexOf(0);
  const bad = nul >= 0 ? nul : firstStray;
  let line = 1;
  for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
  const message = nul >= 0 ? 'the file holds binary data (a NUL byte), not text' : 'the file is not valid UTF-8 text';
  throw new FatalInputError({ code: 'I-002', severity: 'error', stage: 'ingest', message, place: { file, line, column: 1 }, hint: 'convert the extraction to UTF-8 text' });
}

/** `missing`: the hint where the file is not there (by default, to check the path given to `option`). */
function readBytes(file: string, what: string, option: string, missing = `check the path given to ${option}`): Uint8Array {
  if (!existsSync(file)) throw new UsageError(`${file}: ${what} not found (hint: ${missing})`);
  if (statSync(file).isDirectory()) throw new UsageError(`${file}: ${what} is a directory, not a file (hint: give a file to ${option})`);
  return readFileSync(file);
}

function readText(file: string, what: string, option: string, missing?: string): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(readBytes(file, what, option, missing));
}

/** `file:line:col message` for a YAML syntax error (from the `yaml` package's linePos). */
function yamlError(file: string, error: unknown): string {
  const e = error as Error & { linePos?: { line: number; col: number }[] };
  const at = e.linePos?.[0];
  const message = (e.message ?? String(error)).split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `${file}:${at ? `${at.line}:${at.col}` : '1:1'} not readable YAML: ${message} (hint: fix the YAML syntax)`;
}

/** Line of a top-level `field:` in a YAML file (1 when not found), so a metadata message can point at it. */
function fieldLine(yaml: string, field: string): number {
  const key = field.replace(/\[.*$/, '');
  const index = yaml.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  return index + 1 || 1;
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
    throw new ArgumentError(`${(error as Error).message.split('\n')[0]} (run with --help for the options)\n${USAGE}`);
  }
  for (const option of ['input', 'meta', 'corrections', 'out'] as const) {
    const value = args.values[option];
    if (value !== undefined && (value === '' || value.startsWith('--'))) throw new ArgumentError(`option --${option} needs a path, found \`${value}\`\n${USAGE}`);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The PDF is typeset on a second thread, at the same time as the EPUB is built and checked; the
  // thread starts now so that loading its code overlaps the text stages.
  const pdfWorker = args.values['no-pdf'] ? null : PdfWorker.start();
  const input = resolve(args.values.input ?? join(ROOT, 'manuscript/exodus.raw.md'));
  const stem = basename(input).replace(/(\.raw)?\.(md|txt|markdown)$/i, '');
  const metaFile = resolve(args.values.meta ?? join(dirname(input), `${stem}.meta.yaml`));
  const correctionsFile = resolve(args.values.corrections ?? join(dirname(input), `${stem}.corrections.yaml`));
  const out = resolve(args.values.out ?? join(ROOT, 'dist'));
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`${out}: the output folder is a file (hint: give a folder to --out)`);

  const { text: raw, stray, utf16 } = decodeText(readBytes(input, 'raw input', '--input'), input);
  let metadata: BookMetadata;
  // (a new book's raw file has none beside it yet: say what one is)
  const metaText = readText(metaFile, 'metadata file', '--meta', args.values.meta === undefined ? 'every book needs one (title, author, language, date, publisher, rights, identifier): write it beside the raw file, as manuscript/exodus.meta.yaml is, or give its path with --meta' : undefined);
  try {
    metadata = parseMetadataYaml(metaText);
  } catch (error) {
    if (error instanceof MetadataError) throw new UsageError(`${metaFile}:${fieldLine(metaText, error.field)}:1 ${error.message} (hint: fix the field; see manuscript/exodus.meta.yaml for every field)`);
    if (error instanceof UsageError) throw error;
    throw new UsageError(yamlError(metaFile, error));
  }
  let corrections: Correction[] = [];
  if (args.values.corrections !== undefined || existsSync(correctionsFile)) {
    try {
      corrections = parseCorrections(readText(correctionsFile, 'corrections file', '--corrections'));
    } catch (error) {
      if (error instanceof CorrectionError) throw new UsageError(`${correctionsFile}:${error.line}: ${error.message}`);
      if (error instanceof UsageError) throw error;
      throw new UsageError(yamlError(correctionsFile, error));
    }
  }

  const report = new Report();
  if (utf16) report.info('ingest', 'I-008', `the file is ${utf16} text (its byte-order mark says so), not UTF-8: read as such`, { place: { file: input, line: 1, column: 1 }, hint: 'save the extraction as UTF-8' });
  if (stray.length) {
    const first = stray[0]!;
    const more = stray.length > 1 ? `, and ${stray.length - 1} more such byte${stray.length > 2 ? 's' : ''} on lines ${[...new Set(stray.slice(1).map((s) => s.line))].slice(0, 10).join(', ')}` : '';
    report.warn('ingest', 'I-005', `byte 0x${first.byte.toString(16).toUpperCase()} is not UTF-8; read as Windows-1252 “${first.as}”${more}`, {
      place: { file: input, line: first.line, column: first.column },
      hint: 'check the character, and save the extraction as UTF-8',
    });
  }
  const date = buildDate(metadata, process.env.SOURCE_DATE_EPOCH);
  const ctx = { report, sourceDate: date, sourceFile: input };
  const manuscriptFile = join(out, `${stem}.md`);
  // The PDF is the longest step after the manuscript's: the worker takes the tree as soon as it is
  // parsed and makes the book of it there, while this thread writes the manuscript's text.
  const pdf: { job?: Promise<PdfDone> } = {};
  const onTree = pdfWorker
    ? (tree: Root): void => {
        pdf.job = pdfWorker.typesetTree({ tree, sourceDate: date, sourceFile: manuscriptFile });
        // (awaited below; until then a failure must not count as unhandled)
        pdf.job.catch(() => {});
      }
    : undefined;
  // The worker is idle until the tree comes: it parses the second part of a long manuscript meanwhile.
  const parse = pdfWorker ? (source: string): Root => parseInTwo(source, pdfWorker.tailParser()) : undefined;
  const built = buildManuscript({ raw, metadata, corrections, sourceFile: input, correctionsFile, sourceDate: date, ...(onTree ? { onTree } : {}), ...(parse ? { parse } : {}) }, report);
  for (const t of built.timings) progress(t.stage, t.ms, t.summary);

  mkdirSync(out, { recursive: true });
  writeFileSync(manuscriptFile, built.manuscript);
  // From here on, positions point into the clean manuscript, which is what the emitters read.
  const emitCtx = { ...ctx, sourceFile: manuscriptFile };

  const pdfJob = pdfWorker ? (pdf.job ?? pdfWorker.typeset({ book: built.book, sourceDate: date, sourceFile: manuscriptFile })) : undefined;
  // (awaited below; until then a failure must not count as unhandled)
  pdfJob?.catch(() => {});

  if (!args.values['no-epub']) {
    // The emitters and the EPUB checker load only when asked for: a text-only build starts faster.
    const { toEpub } = await import('./epub/index.js');
    const { checkEpubInProcess } = await import('./check/epub.js');
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
  if (pdfJob) {
    const pdf = await pdfJob;
    writeFileSync(join(out, `${stem}.pdf`), pdf.bytes);
    // the PDF's diagnostics go after the EPUB's and its check's, as in a build on one thread
    for (const d of pdf.diagnostics) report.add(d);
    progress('pdf', pdf.ms, `${pdf.pageCount} pages (${Math.round(pdf.pageCount / (pdf.ms / 1000))} pages/s)`);
  }

  // The emitters read the tree's positions, which point into the text it was parsed from.
  report.movePlaces(manuscriptFile, built.placeInManuscript);
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
    if (error instanceof ArgumentError) fail(error.message, EXIT.usage);
    if (error instanceof UsageError) fail(error.message);
    if (error instanceof FatalInputError) fail(formatDiagnostic(error.diagnostic));
    const io = error as NodeJS.ErrnoException;
    if (io.syscall && io.path && io.code) fail(`${io.path}: cannot ${io.syscall} (${io.code}) (hint: check that the --out folder can be written)`);
    if (process.env.PIPELINE_DEBUG) process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    fail(internalError(error), EXIT.internal);
  },
);
