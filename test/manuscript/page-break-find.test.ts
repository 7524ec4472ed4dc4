import { describe, expect, it } from 'vitest';
import { applyCorrections, pageBreakHint } from '../../src/manuscript/corrections.js';

const MANUSCRIPT = `<!-- page 3 -->

The council kept a ledger of every<!-- page 4 --> coin, and the ledger survives.

<!-- page 5 -->

The mills stood on the northern bank.
`;

const failure = (find: string) => applyCorrections(MANUSCRIPT, [{ find, replace: 'x', why: '', line: 1 }]).failed[0];

describe('a correction whose find text runs over a print page break', () => {
  it('is shown the manuscript\'s text there, marker and all', () => {
    expect(failure('ledger of every coin, and')).toEqual({ correction: expect.objectContaining({ find: 'ledger of every coin, and' }), matches: 0, acrossPageBreak: 'ledger of every<!-- page 4 --> coin, and' });
    expect(pageBreakHint('ledger of every<!-- page 4 --> coin, and')).toMatch(/marker and all \(`ledger of every<!-- page 4 --> coin, and`\)$/);
  });

  it('leaves out a marker that stands just before or just after the text', () => {
    const short = 'one<!-- page 4 -->two<!-- page 5 --> three<!-- page 6 -->four\n';
    const across = (find: string) => applyCorrections(short, [{ find, replace: 'x', why: '', line: 1 }]).failed[0]?.acrossPageBreak;
    expect(across('onetwo')).toBe('one<!-- page 4 -->two');
    expect(across('two three')).toBe('two<!-- page 5 --> three');
    expect(across('twothree')).toBeUndefined();
  });

  it('says nothing of page breaks where the text is not there either way, or is there twice', () => {
    expect(failure('the Atlee government')).toEqual({ correction: expect.anything(), matches: 0 });
    expect(failure('coin')?.acrossPageBreak).toBeUndefined();
  });
});
