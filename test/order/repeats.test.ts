import { describe, expect, it } from 'vitest';
import type { Fragment, RawBlock } from '../../src/model/page.js';
import { setAsideRepeats } from '../../src/order/repeats.js';

let line = 1;
let blockIndex = 0;

/** A body paragraph of some 120 characters, told apart by its word. */
function paragraph(word: string): RawBlock {
  const text = `${word} ${'and the rest of the sentence goes on here as a paragraph of a page would, '.repeat(2)}${word}.`;
  const block: RawBlock = { index: blockIndex++, kind: 'body', text, span: { startLine: line, endLine: line, start: 0, end: text.length }, refs: [] };
  line += 2;
  return block;
}

let fragmentId = 0;
function fragment(body: RawBlock[]): Fragment {
  return { id: fragmentId++, body, noteTail: null, notes: [], refs: [], candidateSplits: [], cutReason: '', span: { startLine: body[0]!.span.startLine, endLine: body[body.length - 1]!.span.endLine, start: 0, end: 0 } };
}

/** Copies of the paragraphs, as a second feed of the same page gives them. */
const again = (blocks: readonly RawBlock[]): RawBlock[] => blocks.map((block) => ({ ...paragraph('x'), text: block.text }));

/** A footnote definition of the page. */
function note(number: number, text: string): RawBlock {
  const block: RawBlock = { index: blockIndex++, kind: 'note', text: `<sup>${number}</sup> ${text}`, noteNumber: number, span: { startLine: line, endLine: line, start: 0, end: text.length }, refs: [] };
  line += 2;
  return block;
}

describe('setAsideRepeats', () => {
  it('keeps, and names, a page fed twice whose last note the extraction ran on into the next page', () => {
    const page = fragment([paragraph('alpha'), paragraph('beta')]);
    page.notes = [note(4, 'De Leon, “Brandeis and Efficiency.”'), note(5, 'De Leon, “The Burning Question.”')];
    const copy = fragment(again(page.body));
    // (the next page opens on the rest of a bibliography entry, which ingest read as more of note 5)
    copy.notes = [note(4, 'De Leon, “Brandeis and Efficiency.”'), { ...note(5, 'De Leon, “The Burning Question.”'), text: `${page.notes[1]!.text}\n\n<<https://example.org/rebel-cities>>.` }];
    const found = setAsideRepeats([page, copy], new Map());
    expect(found.repeats).toEqual([]);
    expect(found.fragments).toEqual([page, copy]);
    expect(found.kept.map((k) => [k.fragment.id, k.copyOf.id])).toEqual([[copy.id, page.id]]);
  });

  it('leaves out a page fed twice whose copy ingest cut apart elsewhere, and keeps the next page whole', () => {
    const page = [paragraph('alpha'), paragraph('beta'), paragraph('gamma')];
    const next = [paragraph('delta'), paragraph('epsilon')];
    const copy = again(page);
    // (the copy's last paragraph ran into the next page's fragment)
    const fragments = [fragment(page), fragment(copy.slice(0, 2)), fragment([copy[2]!, ...next])];
    const found = setAsideRepeats(fragments, new Map());
    expect(found.repeats.map((r) => [r.fragment.body.length, r.copyOf.id, r.part])).toEqual([
      [2, fragments[0]!.id, false],
      [1, fragments[0]!.id, true],
    ]);
    expect(found.fragments.map((f) => f.body.map((b) => b.text))).toEqual([page.map((b) => b.text), next.map((b) => b.text)]);
    expect(found.cut).toBe(1);
  });

  it('knows a page fed twice whose copy the extraction spaced otherwise (lines broken elsewhere, spaces doubled)', () => {
    const page = [paragraph('alpha'), paragraph('beta')];
    const spaced = page.map((block, k) => ({ ...paragraph('x'), text: k === 0 ? block.text.replace(' and ', '\nand  ') : ` ${block.text}\t` }));
    const found = setAsideRepeats([fragment(page), fragment(spaced)], new Map());
    expect(found.repeats.map((r) => [r.fragment.body.length, r.part])).toEqual([[2, false]]);
    expect(found.fragments).toHaveLength(1);
  });

  it('keeps a paragraph the book says twice, on pages otherwise its own', () => {
    const quoted = paragraph('quoted');
    const fragments = [fragment([paragraph('one'), quoted, paragraph('two')]), fragment([{ ...paragraph('y'), text: quoted.text }, paragraph('three')]), fragment([paragraph('four'), { ...paragraph('z'), text: quoted.text }])];
    const found = setAsideRepeats(fragments, new Map());
    expect(found.repeats).toEqual([]);
    expect(found.fragments).toHaveLength(3);
  });

  it('keeps whole a fragment all of whose paragraphs repeat but whose notes are its own', () => {
    const page = [paragraph('alpha'), paragraph('beta')];
    const copy = fragment(again(page));
    copy.notes = [{ index: blockIndex++, kind: 'note', noteNumber: 1, text: '<sup>1</sup> A note of its own.', span: { startLine: line, endLine: line, start: 0, end: 0 }, refs: [] }];
    const found = setAsideRepeats([fragment(page), copy], new Map());
    expect(found.repeats).toEqual([]);
    expect(found.fragments).toHaveLength(2);
  });
});
