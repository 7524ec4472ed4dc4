import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { XmlDocument, type XmlElement, type XmlNode } from 'libxml2-wasm';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { toEpub } from '../../src/epub/index.js';
import { fromMarkdown } from '../../src/manuscript/from-markdown.js';
import type { Book } from '../../src/model/book.js';
import { syntheticManuscript, type SyntheticOptions } from './synthetic.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_MD = join(ROOT, 'test/fixtures/manuscript/sample.md');
/** Build products of the tests (ignored by git). */
export const OUT_DIR = join(ROOT, 'dist/test-epub');
export const STYLESHEET = readFileSync(join(ROOT, 'templates/epub.css'), 'utf8');
export const SOURCE_DATE = new Date('2026-11-26T00:00:00Z');

export const NS = {
  x: 'http://www.w3.org/1999/xhtml',
  epub: 'http://www.idpf.org/2007/ops',
  opf: 'http://www.idpf.org/2007/opf',
  dc: 'http://purl.org/dc/elements/1.1/',
  ncx: 'http://www.daisy.org/z3986/2005/ncx/',
  svg: 'http://www.w3.org/2000/svg',
};

export interface Built {
  book: Book;
  bytes: Uint8Array;
  report: Report;
}

export async function build(markdown: string, sourceDate: Date = SOURCE_DATE, sourceFile = 'test.md'): Promise<Built> {
  return buildBook(fromMarkdown(markdown), sourceDate, sourceFile);
}

export async function buildBook(book: Book, sourceDate: Date = SOURCE_DATE, sourceFile = 'test.md'): Promise<Built> {
  const report = new Report();
  const bytes = await toEpub(book, { report, sourceDate, sourceFile }, { stylesheet: STYLESHEET });
  return { book, bytes, report };
}

export function sampleMarkdown(): string {
  return readFileSync(SAMPLE_MD, 'utf8');
}

/** The larger synthetic book of the tests (30 chapters in 5 parts, 10 notes each). */
export const LARGE: SyntheticOptions = { chapters: 30, parts: 5, notesPerChapter: 10 };

export function syntheticMarkdown(options: SyntheticOptions = LARGE): string {
  return syntheticManuscript(options).markdown;
}

/** Writes an EPUB under dist/test-epub/ for the external tools and returns its path. */
export function writeEpub(name: string, bytes: Uint8Array): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, name);
  writeFileSync(path, bytes);
  return path;
}

/** Every entry of the zip as text (the EPUB has no binary files). */
export async function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, string>();
  for (const [path, entry] of Object.entries(zip.files)) if (!entry.dir) files.set(path, await entry.async('string'));
  return files;
}

/** Parses XML strictly: throws on anything ill-formed. */
export function parseXml(text: string): XmlDocument {
  return XmlDocument.fromString(text);
}

export function attr(node: XmlNode, name: string, prefix?: string): string | null {
  return (node as XmlElement).attr(name, prefix)?.value ?? null;
}

/** The content documents of an unzipped EPUB, parsed, by path relative to OEBPS/. */
export function contentDocuments(files: Map<string, string>): Map<string, XmlDocument> {
  const docs = new Map<string, XmlDocument>();
  for (const [path, text] of files) if (path.startsWith('OEBPS/') && path.endsWith('.xhtml')) docs.set(path.slice('OEBPS/'.length), parseXml(text));
  return docs;
}
