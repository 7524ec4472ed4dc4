/**
 * A long manuscript is parsed in two parts, the second on the PDF worker's thread
 * (src/manuscript/split-parse.ts): the tree is the one parsing the whole text gives, positions and
 * all, and where a part could parse otherwise alone the whole text is parsed.
 */
import { describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import type { Root } from 'mdast';
import { parseManuscript } from '../../src/manuscript/from-markdown.js';
import { parseInTwo, splitPoint, writeInTwo, type TailParser } from '../../src/manuscript/split-parse.js';
import { stringifyFlow, stringifyManuscript } from '../../src/manuscript/to-markdown.js';
import { PdfWorker } from '../../src/pdf/parallel.js';
import { exodusBuild } from '../helpers/exodus.js';
import { syntheticManuscript } from '../epub/synthetic.js';

/** A TailParser on this thread that notes the part it was given (and writes its own copy of the nodes, as the worker does). */
function inThread(): TailParser & { given: string | null } {
  const parser = {
    given: null as string | null,
    start(tail: string) {
      parser.given = tail;
    },
    finish() {
      return parser.given === null ? null : parseManuscript(parser.given).children;
    },
    startWriting: () => parser.given !== null,
    finishWriting: () => stringifyFlow(parseManuscript(parser.given!).children),
  };
  return parser;
}

const same = (a: Root, b: Root): void => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

const FRONT = '---\ntitle: T\n---\n\n';
const division = (k: number, body: string): string => `<!-- division: chapter -->\n\n## Chapter ${k}\n\n${body}\n\n`;

describe('parseInTwo', () => {
  it('gives the whole parse of the 800-page book, its text as repaired and as written', () => {
    const built = exodusBuild();
    const repaired = `---\n${stringifyYaml(built.book.metadata, { lineWidth: 0 }).trimEnd()}\n---\n\n${built.repaired.markdown}`;
    for (const source of [repaired, built.manuscript]) {
      expect(splitPoint(source)).not.toBeNull();
      const tail = inThread();
      const tree = parseInTwo(source, tail);
      same(tree, parseManuscript(source));
      expect(tail.given).not.toBeNull();
      // and written in two parts as stringifyManuscript writes it
      expect(writeInTwo(tree)).toBe(stringifyManuscript(tree));
    }
    expect(writeInTwo(parseManuscript(built.manuscript))).toBeNull();
  }, 60_000);

  it('gives the whole parse of a synthetic book', () => {
    const source = syntheticManuscript({ chapters: 24, parts: 4, notesPerChapter: 12 }).markdown;
    const tail = inThread();
    same(parseInTwo(source, tail, 1000), parseManuscript(source));
    expect(tail.given).not.toBeNull();
  });

  it('gives the whole parse where the first part ends in a list, a quotation, a note or code', () => {
    for (const ending of ['1. one\n2. two\n\n3. three', '- a\n  - b\n\n  more of a', '> quoted\nlazy line', '[^c1-1]: A note\n\n    with a second paragraph', '```\ncode\n```', '    indented code']) {
      for (const last of ['Last.', '- a list\n- at the very end']) {
        const source = `${FRONT}${division(1, `Text.[^c1-1]\n\n${ending}`)}${division(2, `More text.\n\n${ending.replace('c1-1', 'c2-1')}`)}${division(3, `${last}\n\n[^c2-1]: defined once`)}`;
        const tree = parseInTwo(source, inThread(), 10);
        same(tree, parseManuscript(source));
        expect(writeInTwo(tree) ?? stringifyManuscript(tree)).toBe(stringifyManuscript(parseManuscript(source)));
      }
    }
  });

  it('parses the whole text where a part alone would read otherwise', () => {
    // a note referred to in one part and defined in the other
    const across = `${FRONT}${division(1, 'Refers to a note.[^n]')}${division(2, 'Nothing.')}${division(3, '[^n]: Defined here.')}`;
    const tail = inThread();
    same(parseInTwo(across, tail, 10), parseManuscript(across));
    // a fence left open runs on into the second part in the whole text
    const open = `${FRONT}${division(1, '```\nnever closed')}${division(2, 'text')}`;
    same(parseInTwo(open, inThread(), 10), parseManuscript(open));
    // link definitions work across the whole text
    const link = `${FRONT}${division(1, 'A [link].')}${division(2, '[link]: https://example.org')}`;
    expect(splitPoint(link, 10)).toBeNull();
    // a parser that cannot parse the part
    const declines: TailParser = { start() {}, finish: () => null };
    const plain = `${FRONT}${division(1, 'one')}${division(2, 'two')}`;
    same(parseInTwo(plain, declines, 10), parseManuscript(plain));
  });

  it('parses the second part on the PDF worker thread', async () => {
    const source = syntheticManuscript({ chapters: 24, parts: 4, notesPerChapter: 12 }).markdown;
    const worker = PdfWorker.start();
    try {
      // the worker takes a part once it has warmed up; until then the whole text is parsed here
      let fromWorker: ReturnType<TailParser['finish']> = null;
      let tree: Root | null = null;
      for (let tries = 0; tries < 300 && !fromWorker; tries++) {
        if (tries) await new Promise((done) => setTimeout(done, 100));
        const parser = worker.tailParser();
        tree = parseInTwo(source, { ...parser, finish: () => (fromWorker = parser.finish()) }, 1000);
      }
      expect(fromWorker).not.toBeNull();
      same(tree!, parseManuscript(source));
      // the worker writes the text of its part too
      expect(writeInTwo(tree!)).toBe(stringifyManuscript(parseManuscript(source)));
    } finally {
      await worker.stop();
    }
  }, 120_000);
});
