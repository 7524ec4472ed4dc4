import { describe, expect, it } from 'vitest';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { toManuscript } from '../../src/manuscript/to-markdown.js';
import { buildManuscript, correctManuscript } from '../../src/pipeline.js';
import { buildBase, proofBuild } from '../../src/proof/build.js';
import { tinyMetadata, tinyRaw } from '../helpers/tiny-book.js';

/** The proof view and the build apply corrections with one step, `correctManuscript`. */
describe('the corrections step shared by the build and the proof view', () => {
  const raw = tinyRaw(['The council kept a ledger of every cart. The cooptation of leaders is old.', 'A new paragraph opens the second page.']);
  const base = buildBase(raw, tinyMetadata, 'tiny.raw.md');
  const corrections = [
    { find: 'ledger of every cart', replace: 'ledger of every cart and coin', why: 'fuller', line: 2 },
    { find: 'not in this book', replace: 'x', why: 'stale', line: 5 },
    { find: 'title: Tiny Book', replace: 'title: Changed', why: 'front matter comes from the metadata', line: 8 },
  ];

  it('applies what matches once, names what does not, and takes the front matter from the metadata', () => {
    const step = correctManuscript(base.manuscript, tinyMetadata, corrections);
    expect(step.applied.map((c) => c.line)).toEqual([2, 8]);
    expect(step.failed.map((f) => [f.correction.line, f.matches])).toEqual([[5, 0]]);
    expect(step.text).toContain('title: Changed');
    expect(step.markdown).toContain('title: Tiny Book');
    expect(step.markdown).not.toContain('title: Changed');
    expect(step.markdown).toContain('ledger of every cart and coin');
    // Normalised as the pipeline writes any manuscript.
    expect(toManuscript(step.markdown.replace(/^---\n[\s\S]*?\n---\n/, ''), tinyMetadata).markdown).toBe(step.markdown);
    // Its tree is the parse of its source, and the source ends with the corrected text's body.
    expect(step.tree.position?.end.offset).toBe(step.source.length);
    expect(step.text.endsWith(step.source.slice(step.source.indexOf('\n---\n') + 5))).toBe(true);
  });

  it('changes nothing, and reuses the tree it is given, when no correction applies', () => {
    const canonical = toManuscript(base.manuscript.replace(/^---\n[\s\S]*?\n---\n/, ''), tinyMetadata);
    const step = correctManuscript(canonical.markdown, tinyMetadata, [corrections[1]!], canonical);
    expect(step.markdown).toBe(canonical.markdown);
    expect(step.tree).toBe(canonical.tree);
    // and says which text that tree's positions point into
    expect(step.source).toBe(canonical.source);
    expect(step.applied).toEqual([]);
  });

  it('gives the proof view and the build the same texts', () => {
    const good = corrections.filter((c) => c.line !== 5);
    const step = correctManuscript(base.manuscript, tinyMetadata, corrections);
    const proof = proofBuild(base, raw, tinyMetadata, corrections, 'tiny.corrections.yaml');
    expect(proof.text).toBe(step.text);
    expect(proof.manuscript).toBe(step.markdown);
    expect(proof.applied).toEqual(step.applied);
    expect(proof.problems.map((p) => p.line)).toEqual(step.failed.map((f) => f.correction.line));
    const built = buildManuscript({ raw, metadata: tinyMetadata, corrections: good, sourceFile: 'tiny.raw.md', sourceDate: new Date('2020-01-01T00:00:00Z') }, new Report());
    expect(built.manuscript).toBe(step.markdown);
    expect(built.appliedCorrections).toEqual(step.applied);
  });
});
