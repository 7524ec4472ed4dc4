/**
 * Reproducible builds: the CLI run twice, into two temporary folders, with SOURCE_DATE_EPOCH set,
 * writes byte-identical manuscript, EPUB, PDF and report.json. A small synthetic book (scrambled
 * pages, notes) gets all four. The real book gets manuscript, EPUB and report (no PDF): two builds at
 * once, ~35 s on two lightly loaded cores, minutes on a busy machine; REPRODUCIBLE_REAL_BOOK=0 skips it.
 * report.json names the manuscript it checked by its path in the
 * output folder, so that one path is put back to a placeholder before comparing.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { render, scramble } from '../helpers/scramble.js';
import { syntheticBook } from '../helpers/synthetic-book.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'src/cli.ts');
const EPOCH = '1767225600'; // 2026-01-01T00:00:00Z

const tmp = mkdtempSync(join(tmpdir(), 'reproducible-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function build(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    execFile(TSX, [CLI, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } }, (error, _stdout, stderr) => {
      if (error) fail(new Error(`build failed (${String(error.code)}): ${stderr}`));
      else done();
    });
  });
}

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Builds twice (at once, into two folders) and returns each output file's bytes per build. */
async function buildTwice(name: string, args: string[], files: string[]): Promise<Array<Record<string, Buffer>>> {
  const outs = [join(tmp, `${name}-a`), join(tmp, `${name}-b`)];
  await Promise.all(outs.map((out) => build([...args, '--out', out])));
  return outs.map((out) =>
    Object.fromEntries(
      files.map((file) => {
        const bytes = readFileSync(join(out, file));
        return [file, file === 'report.json' ? Buffer.from(bytes.toString('utf8').replaceAll(out, '{out}')) : bytes];
      }),
    ),
  );
}

function expectIdentical(builds: Array<Record<string, Buffer>>): void {
  const [a, b] = builds as [Record<string, Buffer>, Record<string, Buffer>];
  for (const file of Object.keys(a)) {
    expect(a[file]!.length, `${file} is empty`).toBeGreaterThan(0);
    expect(sha(b[file]!), `${file} differs between two builds`).toBe(sha(a[file]!));
  }
}

describe('reproducible builds', () => {
  it('a synthetic book gives byte-identical manuscript, EPUB, PDF and report.json', async () => {
    const book = syntheticBook({ seed: 7, chapters: 3, parts: 0, sections: [1, 2], paragraphs: [3, 5] });
    const raw = render(book, scramble('permutation', book.pages.length, 7)).raw;
    const input = join(tmp, 'synthetic.raw.md');
    writeFileSync(input, raw);
    writeFileSync(join(tmp, 'synthetic.meta.yaml'), stringify(book.metadata));
    const builds = await buildTwice('synthetic', ['--input', input], ['synthetic.md', 'synthetic.epub', 'synthetic.pdf', 'report.json']);
    expectIdentical(builds);
    // The modification date comes from SOURCE_DATE_EPOCH, not the clock.
    const zip = await JSZip.loadAsync(builds[0]!['synthetic.epub']!);
    const opf = zip.file(/\.opf$/)[0];
    expect(await opf?.async('string')).toMatch(/dcterms:modified">2026-01-01T00:00:00Z</);
  });

  it.skipIf(process.env.REPRODUCIBLE_REAL_BOOK === '0')('the real book gives byte-identical manuscript, EPUB and report.json', async () => {
    const builds = await buildTwice('exodus', ['--input', join(ROOT, 'manuscript/exodus.raw.md'), '--no-pdf'], ['exodus.md', 'exodus.epub', 'report.json']);
    expectIdentical(builds);
  }, 300_000);
});
