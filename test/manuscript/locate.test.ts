import { describe, expect, it } from 'vitest';
import { pointMapper, type TextPoint } from '../../src/manuscript/locate.js';

/** The point of the first `needle` in `text`. */
function pointOf(text: string, needle: string): TextPoint {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('pointMapper', () => {
  it('is the identity for the same text', () => {
    const move = pointMapper('a\nb', 'a\nb');
    expect(move({ line: 2, column: 1 })).toEqual({ line: 2, column: 1 });
  });

  it('moves points past inserted lines, escapes and indentation to the same text', () => {
    const from = ['# Head', '', 'A [bracket] then <div> here.', '', '- one', '- two', '', 'Last </p> line.', '', '[^1]: Note.', '<<http://x.org>>.'].join('\n');
    const to = ['# Head', '', 'A \\[bracket] then <div> here.', '', '- one', '', '- two', '', 'Last </p> line.', '', '[^1]: Note.', '    <<http://x.org>>.'].join('\n');
    const move = pointMapper(from, to);
    for (const needle of ['<div>', '</p>', '- two', 'Note.', '<<http', '# Head', 'then']) expect(move(pointOf(from, needle)), needle).toEqual(pointOf(to, needle));
  });

  it('puts a point in text the second one dropped where that text was', () => {
    const move = pointMapper('keep\ngone\nkeep too', 'keep\nkeep too');
    expect(move({ line: 3, column: 2 })).toEqual({ line: 2, column: 2 });
    expect(move({ line: 2, column: 3 }).line).toBe(2);
  });
});
