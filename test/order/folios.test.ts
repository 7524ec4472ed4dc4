import { describe, expect, it } from 'vitest';
import { inFolioOrder } from '../../src/order/folios.js';
import type { Fragment } from '../../src/model/page.js';
import { buildTiny, readingText } from '../helpers/tiny-book.js';

const span = { startLine: 1, endLine: 1, start: 0, end: 0 };
function page(id: number, folio: number | null): Fragment {
  const body = [{ index: id * 10, kind: 'body' as const, text: `Text of page ${id}.`, span, refs: [] }];
  if (folio !== null) body.push({ index: id * 10 + 1, kind: 'body' as const, text: String(folio), span, refs: [], pageEdge: true } as (typeof body)[number]);
  return { id, body, noteTail: null, notes: [], refs: [], candidateSplits: [], cutReason: 'test', span };
}

describe('printed page numbers the extraction kept', () => {
  it('put the pages that carry them in their order, each with the unnumbered pages set after it', () => {
    // 0: title page; 1 (p. 12) + 2 (no number: a chapter opening set after it); 3 (p. 10); 4 (p. 11)
    const fragments = [page(0, null), page(1, 12), page(2, null), page(3, 10), page(4, 11)];
    const sorted = inFolioOrder([0, 1, 2, 3, 4], fragments);
    expect(sorted).toEqual({ order: [0, 3, 4, 1, 2], used: true, foliated: 3, moved: 3 });
    // Too few numbered pages to go by: the order is left as it is.
    expect(inFolioOrder([0, 1, 2], [page(0, null), page(1, 5), page(2, 4)]).used).toBe(false);
  });

  it('recover pages whose text says nothing of their order', () => {
    const pages = [
      'The first page says something whole.<sup>1</sup>\n\n3\n\n---\n\n<sup>1</sup> A note.',
      'A second page says another whole thing.\n\n4',
      'A third page opens afresh and ends so.\n\n5',
      'The fourth page, too, is whole.\n\n6',
      'And the last page closes the chapter.\n\n7',
    ];
    // the extraction gave the pages out of order, each with its printed number
    const built = buildTiny([pages[0]!, pages[3]!, pages[1]!, pages[4]!, pages[2]!]);
    const text = readingText(built.manuscript);
    const at = (words: string): number => text.indexOf(words);
    expect([at('first page'), at('second page'), at('third page'), at('fourth page'), at('last page')].every((x, k, all) => x >= 0 && (k === 0 || x > all[k - 1]!))).toBe(true);
    expect(built.report.byCode('O-011')).toHaveLength(1);
    expect(text).not.toMatch(/^\d$/m);
  });
});
