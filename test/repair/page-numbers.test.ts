import { describe, expect, it } from 'vitest';
import { numberToRoman, romanToNumber } from '../../src/contents/index.js';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { buildManuscript } from '../../src/pipeline.js';
import { tinyMetadata } from '../helpers/tiny-book.js';

const pageMarks = (manuscript: string): string[] => [...manuscript.matchAll(/<!-- page (\S+) -->/g)].map((m) => m[1]!);

function build(contents: string, body: string): { marks: string[]; report: Report } {
  const report = new Report();
  const raw = `# Tiny Book\n\nA. Writer\n\n# Contents\n\n${contents}\n\n${body}\n`;
  const built = buildManuscript({ raw, metadata: tinyMetadata, sourceFile: 'tiny.raw.md', sourceDate: new Date('2020-01-01T00:00:00Z') }, report);
  return { marks: pageMarks(built.manuscript), report };
}

const CHAPTERS = [
  '# Preface\n\nThis small book began as a walk along the river, and it ends there too.',
  '# Chapter One: The Test\n\nThe river ran past the old town where the millers kept their wheels turning.<sup>1</sup>\n\n---\n\n<sup>1</sup> Parish records.',
  '# Chapter Two: The Proof\n\nThe mills stood on the northern bank, each with its own race cut from the river.<sup>1</sup>\n\n---\n\n<sup>1</sup> The weir was rebuilt.',
].join('\n\n');

describe('print page numbers', () => {
  it('keep the roman numbers of front matter and start the body at its own page 1, as the Contents gives them', () => {
    const { marks, report } = build('<b>Preface</b>\t<b>ix</b>\n<b>Chapter One: The Test</b>\t<b>1</b>\n<b>Chapter Two: The Proof</b>\t<b>2</b>', CHAPTERS);
    expect(marks).toEqual(['i', 'ix', '1', '2']);
    expect(report.byCode('R-030')).toEqual([]);
  });

  it('count from the title page where the book numbers all its pages alike', () => {
    const { marks } = build('<b>Preface</b>\t<b>3</b>\n<b>Chapter One: The Test</b>\t<b>4</b>\n<b>Chapter Two: The Proof</b>\t<b>5</b>', CHAPTERS);
    expect(marks).toEqual(['1', '3', '4', '5']);
  });

  it('give each page between two headings once, where the extraction gave a page in more pieces than the Contents leaves pages', () => {
    const chapterOne = [
      '# Chapter One: The Test\n\nThe river ran past the old town<sup>1</sup> where the millers kept\n\n---\n\n<sup>1</sup> Parish records.',
      'their wheels turning all the year round.<sup>2</sup>\n\n---\n\n<sup>2</sup> Mill accounts.',
    ].join('\n\n');
    const chapterTwo = '# Chapter Two: The Proof\n\nThe mills stood on the northern bank, each with its own race cut from the river.<sup>1</sup>\n\n---\n\n<sup>1</sup> The weir was rebuilt.';
    const { marks } = build('<b>Chapter One: The Test</b>\t<b>3</b>\n<b>Chapter Two: The Proof</b>\t<b>4</b>', `${chapterOne}\n\n${chapterTwo}`);
    expect(marks).toEqual(['1', '3', '4']);
  });

  it('are written in roman numerals as they are read', () => {
    for (const n of [1, 4, 9, 14, 40, 90, 400, 1994, 3999]) expect(romanToNumber(numberToRoman(n))).toBe(n);
    expect(numberToRoman(1994)).toBe('mcmxciv');
  });
});
