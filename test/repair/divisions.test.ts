import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { ingest } from '../../src/ingest/index.js';
import { order, type Ordered } from '../../src/order/index.js';
import { vocabularyEvidence } from '../../src/pipeline.js';
import { repair } from '../../src/repair/index.js';
import { Vocabulary } from '../../src/text/vocabulary.js';
import { tinyMetadata } from '../helpers/tiny-book.js';

/** The repaired markdown of raw pages taken in the order given (what is tested is the repair, not the order). */
function repairedInGivenOrder(pages: readonly string[]): string {
  const ctx = { report: new Report(), sourceDate: new Date('2020-01-01T00:00:00Z'), sourceFile: 'tiny.raw.md' };
  const ingested = ingest(`${pages.join('\n\n')}\n`, ctx, { title: tinyMetadata.title });
  const vocab = Vocabulary.fromTexts(ingested.blocks.map((b) => b.text));
  const solved = order(ingested, ctx, { ...vocabularyEvidence(vocab), title: tinyMetadata.title });
  const fragments = [...solved.fragments].sort((a, b) => a.span.startLine - b.span.startLine);
  const given: Ordered = { ...solved, fragments, joins: fragments.map((f, k) => ({ to: f.id, from: k ? fragments[k - 1]!.id : null, score: 0, reasons: [] })) };
  return repair(ingested, given, tinyMetadata, vocab, ctx).markdown;
}

const contents = '# Contents\n\n<b>Chapter One: The Test</b>\t<b>4</b>';
const chapter = '# Chapter One: The Test\n\nThe whole argument of this little book fits on one page, and it ends here.';

describe('front matter without a heading', () => {
  it('takes a short line addressed to someone, opening a page after the title page, for a dedication', () => {
    const markdown = repairedInGivenOrder(['# Tiny Book\n\nA. Writer\n\n2020', 'To the hundreds of thousands building the new society within the shell of the old.', contents, chapter]);
    expect(markdown).toMatch(/<!-- division: dedication -->\s+(<!-- page \d+ -->\s+)?To the hundreds of thousands/);
  });

  it('does not take a line of the title page itself for one', () => {
    const markdown = repairedInGivenOrder(['# Tiny Book\n\nA. Writer\n\nFor the Test Press, 2020', contents, chapter]);
    expect(markdown).not.toContain('division: dedication');
  });
});

describe('a chapter heading set on two lines', () => {
  it('is one heading when the Contents reads the number and the title as one', () => {
    const markdown = repairedInGivenOrder(['# Tiny Book\n\nA. Writer', contents, '# Chapter One\n\n## The Test\n\nThe whole argument of this little book fits on one page, and it ends here.']);
    expect(markdown).toMatch(/^## Chapter One: The Test$/m);
    expect(markdown).not.toMatch(/^#+ The Test$/m);
  });

  it('joins a bare number to its title with a full stop', () => {
    const numbered = '# Contents\n\n<b>1. The Test</b>\t<b>4</b>';
    const markdown = repairedInGivenOrder(['# Tiny Book\n\nA. Writer', numbered, '# 1\n\n# The Test\n\nThe whole argument of this little book fits on one page, and it ends here.']);
    expect(markdown).toMatch(/^## 1\. The Test$/m);
  });
});
