import { Report } from '../../src/diagnostics/diagnostic.js';
import type { BookMetadata } from '../../src/model/book.js';
import { buildManuscript, type ManuscriptBuild } from '../../src/pipeline.js';

export const tinyMetadata: BookMetadata = {
  title: 'Tiny Book',
  author: 'A. Writer',
  language: 'en',
  date: '2020-01-01',
  publisher: 'Test',
  rights: 'Anti-copyright',
  identifier: 'urn:uuid:00000000-0000-4000-8000-000000000000',
  edition: 1,
  changes: [],
};

/**
 * A raw extraction of a tiny book: title page (1), Contents (2), then one chapter whose pages are
 * given in reading order from page 3. Pages are concatenated without separators, as extractions are.
 */
export function tinyRaw(pages: readonly string[]): string {
  return ['# Tiny Book\n\nA. Writer', '# Contents\n\n<b>Chapter One: The Test</b>\t<b>3</b>', `# Chapter One: The Test\n\n${pages[0]}`, ...pages.slice(1)].join('\n\n') + '\n';
}

export function buildTiny(pages: readonly string[]): ManuscriptBuild {
  return buildManuscript({ raw: tinyRaw(pages), metadata: tinyMetadata, sourceFile: 'tiny.raw.md', sourceDate: new Date('2020-01-01T00:00:00Z') }, new Report());
}

/** The manuscript body without front matter, division comments and page markers: the reading text. */
export function readingText(manuscript: string): string {
  return manuscript
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/<!-- (division|page)[^>]*-->/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
