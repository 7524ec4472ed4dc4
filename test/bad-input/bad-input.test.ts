/**
 * Bad inputs through the real CLI, one child process per case (test/bad-input/cases/<case>/:
 * input files from make-corpus.ts, expected.json by hand). For every case: the exit code, no stack
 * trace, every stderr line a one-line diagnostic; a case that stops names file, line, problem and
 * remedy in its first stderr line (exact text); a case that builds lists its problems in report.json
 * (exact code, line and message) and loses no word of the raw text.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const CASES = join(HERE, 'cases');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'src/cli.ts');

interface ExpectedDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  /** Exact message. */
  message?: string;
  /** Or a regular expression for a message holding a number that other stages tune (a score). */
  pattern?: string;
  /** Text the clean manuscript holds at the diagnostic's line and column (a place in the manuscript, not the raw file). */
  at?: string;
}

interface Expected {
  /** What the case is about. */
  why: string;
  /** CLI arguments, `{case}` and `{out}` substituted; default: the case's input, meta and corrections files. */
  args?: string[];
  /** Build the EPUB (and check it in process); default false: the case is about the text. */
  epub?: boolean;
  exit: number;
  /** Exact first line of stderr, for a case that stops. */
  stderr?: string;
  /** Diagnostics report.json must hold (exact code, severity, line, message); others may be there too. */
  diagnostics?: ExpectedDiagnostic[];
  /** Codes report.json must not hold. */
  absent?: string[];
  /** The raw text holds a repeated page that the build leaves out: compare words as a set, not a count. */
  repeats?: boolean;
  /** Exact texts the clean manuscript must hold, and must not hold. */
  manuscript?: { contains?: string[]; lacks?: string[] };
}

const LOST_OR_BROKEN = ['I-090', 'O-090'];
const DIAGNOSTIC_LINE = /^\S+:\d+:\d+ (?:error|warning) [A-Z]-\d{3} \S/;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(TSX, [CLI, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SOURCE_DATE_EPOCH: '1577836800', PIPELINE_DEBUG: '' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Words of a text: runs of letters and digits, markup tags removed. */
function words(text: string): string[] {
  return text.replace(/<\/?(?:sup|sub|b|i|em|strong|span|small|u)\b[^>]*>/gi, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The raw text's reading words: Contents lines (which the build regenerates) left out. */
function rawWords(raw: string): string[] {
  const body = raw
    .split('\n')
    .filter((l) => !/^#+\s*Contents\s*$/i.test(l) && !/<b>[^<]*<\/b>\t<b>\d+<\/b>\s*$/.test(l))
    .join('\n');
  return words(body);
}

/** Manuscript words: front matter, page and division comments left out. */
function manuscriptWords(manuscript: string): string[] {
  return words(manuscript.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/<!--[\s\S]*?-->/g, ' '));
}

/** Raw words the manuscript lacks (counted; as a set when pages repeat), except pieces of a manuscript word (a character re-read). */
function lostWords(raw: string, manuscript: string, asSet: boolean): string[] {
  const have = new Map<string, number>();
  const clean = manuscriptWords(manuscript);
  for (const w of clean) have.set(w, (have.get(w) ?? 0) + 1);
  const lost: string[] = [];
  for (const w of asSet ? [...new Set(rawWords(raw))] : rawWords(raw)) {
    const n = have.get(w) ?? 0;
    if (n > 0) have.set(w, n - 1);
    else if (!clean.some((c) => c !== w && c.includes(w))) lost.push(w);
  }
  return lost;
}

const tmp = mkdtempSync(join(tmpdir(), 'bad-input-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const names = readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'expected.json'))).sort();

describe.concurrent('bad input through the CLI', () => {
  it('has a case for every input of the corpus', () => {
    expect(readdirSync(CASES).sort()).toEqual(names);
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of names) {
    it(name, async () => {
      const dir = join(CASES, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const out = join(tmp, name);
      const fill = (s: string): string => s.replaceAll('{case}', dir).replaceAll('{out}', out).replaceAll('{root}', ROOT);
      const args = expected.args?.map(fill) ?? [
        '--input', join(dir, 'input.raw.md'),
        '--meta', join(dir, 'meta.yaml'),
        ...(existsSync(join(dir, 'corrections.yaml')) ? ['--corrections', join(dir, 'corrections.yaml')] : []),
        '--out', out,
        '--no-pdf',
        ...(expected.epub ? [] : ['--no-epub']),
      ];
      const result = await run(args);
      const context = `${name}: exit ${result.code}\n${result.stderr}`;

      expect(result.stderr, context).not.toMatch(/^\s+at /m);
      expect(result.stderr, context).not.toMatch(/internal error/);
      expect(result.code, context).toBe(expected.exit);
      const lines = result.stderr.split('\n').filter((l) => l !== '');

      if (expected.exit !== 0) {
        expect(lines[0], context).toBe(fill(expected.stderr ?? ''));
        // The one line, then at most the usage line.
        expect(lines.slice(1).every((l) => l.startsWith('usage: ')), context).toBe(true);
        return;
      }

      for (const line of lines) expect(line, context).toMatch(DIAGNOSTIC_LINE);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { diagnostics: { code: string; severity: string; message: string; place?: { file: string; line: number; column: number } }[] };
      const found = report.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.place?.line ?? 0, message: d.message }));
      const manuscript = readFileSync(join(out, 'input.md'), 'utf8');
      for (const want of expected.diagnostics ?? []) {
        const { pattern, at, ...exact } = want;
        if (at !== undefined) {
          const place = report.diagnostics.find((d) => d.code === want.code && d.message === want.message)?.place;
          expect(place?.file, context).toBe(join(out, 'input.md'));
          expect(manuscript.split('\n')[(place?.line ?? 0) - 1]?.slice((place?.column ?? 0) - 1).startsWith(at), `${context}\n${want.code} does not point at ${JSON.stringify(at)}`).toBe(true);
        }
        if (pattern === undefined) expect(found, context).toContainEqual(exact);
        else expect(found.filter((d) => d.code === want.code && d.severity === want.severity && d.line === want.line && new RegExp(pattern).test(d.message)), `${context}\nwanted ${JSON.stringify(want)}`).not.toEqual([]);
      }
      for (const code of [...LOST_OR_BROKEN, ...(expected.absent ?? [])]) expect(found.filter((d) => d.code === code), context).toEqual([]);
      // Every diagnostic at warning or error level is printed, one line each.
      expect(lines.length, context).toBe(found.filter((d) => d.severity !== 'info').length);

      const bytes = readFileSync(join(dir, 'input.raw.md'));
      // (a byte-order mark says UTF-16, as the CLI reads it)
      const raw = new TextDecoder(bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8').decode(bytes);
      expect(lostWords(raw, manuscript, expected.repeats ?? false), `${name}: words of the raw text missing from the manuscript`).toEqual([]);
      for (const text of expected.manuscript?.contains ?? []) expect(manuscript, `${name}: the manuscript must hold ${JSON.stringify(text)}`).toContain(text);
      for (const text of expected.manuscript?.lacks ?? []) expect(manuscript, `${name}: the manuscript must not hold ${JSON.stringify(text)}`).not.toContain(text);
      if (expected.epub) expect(existsSync(join(out, 'input.epub')), context).toBe(true);
    });
  }
});
