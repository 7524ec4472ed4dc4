import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { buildManuscript } from '../../src/pipeline.js';
import { tinyMetadata } from '../helpers/tiny-book.js';

const CONTENTS = '# Contents\n\n<b>Chapter One: Rivers and Roads</b>\t<b>3</b>\n\n<b>Chapter Two: Mills and Markets</b>\t<b>4</b>';
const CHAPTER_ONE = '# Chapter One: Rivers and Roads\n\nThe river ran past the old town where the millers kept their wheels turning all winter.<sup>1</sup>\n\n---\n\n<sup>1</sup> Parish records.';

const TITLE_PAGE = '# Tiny Book\n\nA. Writer';

/** A book of the pages given, title page and Contents included: what it builds, its report and its headings. */
function buildPages(pages: readonly string[]) {
  const report = new Report();
  const raw = pages.join('\n\n') + '\n';
  const built = buildManuscript({ raw, metadata: tinyMetadata, sourceFile: 'tiny.raw.md', sourceDate: new Date('2020-01-01T00:00:00Z') }, report);
  const headings = built.book.tree.children.flatMap((node) => (node.type === 'heading' ? [node.children.map((c) => ('value' in c ? c.value : '')).join('')] : []));
  return { built, report, headings, raw };
}

/** The book with the given second chapter. */
const build = (chapterTwo: string) => buildPages([TITLE_PAGE, CONTENTS, CHAPTER_ONE, chapterTwo]);

describe('a heading the extraction left unmarked', () => {
  it('is read as the Contents entry it says exactly, and reported (I-012)', () => {
    const { report, headings, raw } = build('Chapter Two: Mills and Markets\n\nThe mills stood on the northern bank, each with its own race cut from the river above the weir.<sup>1</sup>\n\n---\n\n<sup>1</sup> The weir was rebuilt.');
    expect(headings).toEqual(['Tiny Book', 'Chapter One: Rivers and Roads', 'Chapter Two: Mills and Markets']);
    expect(report.byCode('I-010')).toHaveLength(0);
    expect(report.byCode('I-012')).toHaveLength(1);
    expect(report.byCode('I-012')[0]!.place?.line).toBe(raw.split('\n').indexOf('Chapter Two: Mills and Markets') + 1);
  });

  it('is not taken from a line that only holds the title among other words, and the entry stays unmatched', () => {
    const { report, headings } = build('Chapter Two: Mills and Markets were the subject of the second lecture, which began at noon.\n\nThe mills stood on the northern bank.<sup>1</sup>\n\n---\n\n<sup>1</sup> The weir was rebuilt.');
    expect(headings).not.toContain('Chapter Two: Mills and Markets');
    expect(report.byCode('I-010')).toHaveLength(1);
    expect(report.byCode('I-012')).toHaveLength(0);
  });

  it('gives way to the marked heading when there is one', () => {
    const { report } = build('# Chapter Two: Mills and Markets\n\nThe mills stood on the northern bank.<sup>1</sup>\n\nChapter Two: Mills and Markets\n\n---\n\n<sup>1</sup> The weir was rebuilt.');
    expect(report.byCode('I-012')).toHaveLength(0);
  });
});

describe('a division heading the Contents does not list', () => {
  it('is reported (I-013), since nothing anchors its pages or says its notes start afresh', () => {
    const chapterTwo = '# Appendix: Mills and Markets\n\nThe mills stood on the northern bank.<sup>1</sup>\n\n---\n\n<sup>1</sup> The weir was rebuilt.';
    const { report, raw } = buildPages([TITLE_PAGE, '# Contents\n\n<b>Chapter One: Rivers and Roads</b>\t<b>3</b>', CHAPTER_ONE, chapterTwo]);
    const found = report.byCode('I-013');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('“Appendix: Mills and Markets”');
    expect(found[0]!.place?.line).toBe(raw.split('\n').indexOf('# Appendix: Mills and Markets') + 1);
  });

  it('is not reported for a listed division, nor for a sub-heading that names none', () => {
    const { report } = build('# Chapter Two: Mills and Markets\n\n## Where the mills stood\n\nThe mills stood on the northern bank.<sup>1</sup>\n\n---\n\n<sup>1</sup> The weir was rebuilt.');
    expect(report.byCode('I-013')).toHaveLength(0);
  });
});

describe('the title page', () => {
  it('is known by a heading that gives the title in capitals, with its subtitle below', () => {
    const { built } = buildPages(['# TINY BOOK:\n\nA Study of Rivers\n\nA. Writer', CONTENTS, CHAPTER_ONE, '# Chapter Two: Mills and Markets\n\nThe mills stood on the northern bank.<sup>1</sup>\n\n---\n\n<sup>1</sup> The weir was rebuilt.']);
    expect(built.manuscript).toMatch(/<!-- division: titlepage -->\n\n<!-- page 1 -->\n\n# TINY BOOK:\n\nA Study of Rivers/);
  });
});
