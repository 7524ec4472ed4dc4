import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { conservationProblems, ingest } from '../../src/ingest/index.js';
import { splitBlocks } from '../../src/ingest/split-blocks.js';
import { buildTiny, readingText, tinyMetadata, tinyRaw } from '../helpers/tiny-book.js';

const TABLE = '| Year | Loaves | Price |\n|---|:---:|---:|\n| 1890 | 40 | 2d |\n| 1900 | 55 | 3d |';

const kinds = (raw: string) => splitBlocks(raw).map((b) => [b.kind, b.text]);

describe('a markdown table in the raw text', () => {
  it('is one body block whose text is the table', () => {
    const raw = `The prices rose as follows:\n\n${TABLE}\n\nThe millers complained.`;
    expect(kinds(raw)).toEqual([
      ['body', 'The prices rose as follows:'],
      ['body', TABLE],
      ['body', 'The millers complained.'],
    ]);
    const table = splitBlocks(raw)[1]!;
    expect(raw.slice(table.span.start, table.span.end)).toBe(TABLE);
    expect([table.span.startLine, table.span.endLine]).toEqual([3, 6]);
  });

  it('stays one block when the extraction put blank lines between its rows', () => {
    const raw = `The prices rose as follows:\n\n${TABLE.split('\n').join('\n\n')}\n\nThe millers complained.`;
    const blocks = splitBlocks(raw);
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['body', 'The prices rose as follows:'],
      ['body', TABLE],
      ['body', 'The millers complained.'],
    ]);
    expect([blocks[1]!.span.startLine, blocks[1]!.span.endLine]).toEqual([3, 9]);
  });

  it('is a block of its own when no blank line parts it from the text around it', () => {
    expect(kinds(`The prices rose as follows:\n${TABLE}\nThe millers complained.`)).toEqual([
      ['body', 'The prices rose as follows:'],
      ['body', TABLE],
      ['body', 'The millers complained.'],
    ]);
  });

  it('is never a rule, a heading or a note, whatever its cells hold', () => {
    const odd = '| --- | # |\n| --- | --- |\n| <sup>1</sup> note | **Bold** |\n| *** | ___ |';
    expect(kinds(`Odd cells.<sup>1</sup>\n\n${odd}\n\n---\n\n<sup>1</sup> The note.`)).toEqual([
      ['body', 'Odd cells.<sup>1</sup>'],
      ['body', odd],
      ['rule', '---'],
      ['note', '<sup>1</sup> The note.'],
    ]);
  });

  it('keeps two tables apart when a blank line separates them', () => {
    const second = '| Town | Mills |\n|---|---|\n| Upton | 3 |';
    expect(kinds(`${TABLE}\n\n${second}`)).toEqual([
      ['body', TABLE],
      ['body', second],
    ]);
  });

  it('loses no character on its way into pages', () => {
    const pages = [`The prices of bread rose as follows:<sup>1</sup>\n\n${TABLE.split('\n').join('\n\n')}\n\n---\n\n<sup>1</sup> Parish ledger.`];
    const raw = tinyRaw(pages);
    const ingested = ingest(raw, { report: new Report(), sourceDate: new Date(0), sourceFile: 'tiny.raw.md' }, { title: tinyMetadata.title });
    expect(conservationProblems(raw, ingested)).toEqual({ lost: [], repeated: [] });
    const withTable = ingested.fragments.filter((f) => f.body.some((b) => b.text === TABLE));
    expect(withTable).toHaveLength(1);
    expect(withTable[0]!.notes.map((n) => n.noteNumber)).toEqual([1]);
  });

  it('comes out in the clean manuscript as the same table, rows whole and in order', () => {
    const built = buildTiny([`The prices of bread rose as follows:<sup>1</sup>\n\n${TABLE.split('\n').join('\n\n')}\n\nThe millers complained to the council.\n\n---\n\n<sup>1</sup> Parish ledger.`]);
    const text = readingText(built.manuscript);
    expect(text).toContain(`The prices of bread rose as follows:[^c1-1]\n\n${TABLE}\n\nThe millers complained to the council.`);
    expect(built.report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('takes in no paragraph that follows it in lowercase', () => {
    const built = buildTiny([`The prices of bread rose as follows:\n\n${TABLE}\n\nand the millers complained to the council about it.`]);
    const text = readingText(built.manuscript);
    expect(text).toContain(`\n\n${TABLE}\n\n`);
    expect(text).not.toMatch(/\|[ \t]*and the millers/);
  });
});

describe('a table a page break cut', () => {
  it('is one table again, with the page marker inside its first continued row', () => {
    const built = buildTiny([
      `The prices of bread rose as follows:<sup>1</sup>\n\n${TABLE}\n\n---\n\n<sup>1</sup> Parish ledger.`,
      '| 1910 | 60 | 4d |\n| 1920 | 70 | 5d |\n\nThe millers complained to the council.<sup>2</sup>\n\n---\n\n<sup>2</sup> Council minutes.',
    ]);
    expect(built.manuscript).toContain(`${TABLE}\n| <!-- page 4 -->1910 | 60 | 4d |\n| 1920 | 70 | 5d |\n\nThe millers complained to the council.[^c1-2]`);
    expect(built.repaired.decisions.filter((d) => d.result === 'one table')).toHaveLength(1);
  });
});
