import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { parseCorrections } from '../../src/manuscript/corrections.js';
import { buildManuscript } from '../../src/pipeline.js';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { appendCorrections, makeCorrection, occurrences } from '../../src/proof/corrections-file.js';
import { buildBase, proofBuild } from '../../src/proof/build.js';
import { ManuscriptIndex } from '../../src/proof/locate.js';
import { renderManuscript } from '../../src/proof/render.js';
import { runBuild } from '../../src/proof/worker.js';
import { tinyMetadata, tinyRaw } from '../helpers/tiny-book.js';

const HEADER = '# Corrections to the clean manuscript.\n# Each entry: find, replace, why.\n';

describe('proof: building a correction', () => {
  const text = 'The cat sat. The cat sat on the mat. The dog sat on the mat too.';

  it('widens the find text until it occurs exactly once, and keeps the change in the replacement', () => {
    const start = text.indexOf('dog');
    const c = makeCorrection(text, start, start + 3, 'fox', 'a fox, not a dog');
    expect(occurrences(text, c.find)).toBe(1);
    expect(c.find).toContain('dog');
    expect(text.replace(c.find, c.replace)).toBe(text.replace('dog', 'fox'));
  });

  it('makes an ambiguous spot unique with context', () => {
    const second = text.indexOf('cat', text.indexOf('cat') + 1);
    const c = makeCorrection(text, second, second + 3, 'kitten', 'kitten');
    expect(occurrences(text, c.find)).toBe(1);
    expect(text.replace(c.find, c.replace)).toBe('The cat sat. The kitten sat on the mat. The dog sat on the mat too.');
  });

  it('starts and ends the find text on whole words, not on the blank lines around a paragraph', () => {
    const md = 'First paragraph ends here.\n\nSecond one starts here and goes on.\n\nThird.';
    const at = md.indexOf('\n\nSecond');
    const c = makeCorrection(md, at, at + 2, ' ', 'join');
    expect(c.find).toBe(c.find.trim());
    expect(c.find).toMatch(/here\.\n\nSecond/);
    expect(md.replace(c.find, c.replace)).toBe('First paragraph ends here. Second one starts here and goes on.\n\nThird.');
  });

  it('refuses an override that changes nothing', () => {
    expect(() => makeCorrection(text, 4, 7, 'cat', 'nothing')).toThrow(/changes nothing/);
  });
});

describe('proof: writing the corrections file', () => {
  const entry = { find: 'the Atlee government', replace: 'the Attlee government', why: 'spelling' };

  it('turns an empty `[]` list into a block list, keeping the header comment', () => {
    const { text, lines } = appendCorrections(`${HEADER}[]\n`, [entry]);
    expect(text.startsWith(HEADER)).toBe(true);
    expect(text).not.toContain('[]');
    expect(parseCorrections(text).map(({ find, replace, why }) => ({ find, replace, why }))).toEqual([entry]);
    expect(lines).toEqual([3]);
  });

  it('appends after existing entries without touching them, multi-line text included', () => {
    const first = `${HEADER}- find: "a"\n  replace: "b"   # kept as written\n  why: "x"\n`;
    const para = { find: 'end of one.\n\n<!-- page 9 -->\n\nStart of two', replace: 'end of one.<!-- page 9 --> Start of two', why: 'proof: one paragraph' };
    const { text, lines } = appendCorrections(first, [para]);
    expect(text.startsWith(first)).toBe(true);
    const read = parseCorrections(text);
    expect(read).toHaveLength(2);
    expect(read[1]).toMatchObject(para);
    expect(lines).toEqual([read[1]!.line]);
  });
});

describe('proof: the reading pane', () => {
  it('escapes raw HTML, shows page markers as badges and marks block offsets', () => {
    const md = '---\ntitle: T\n---\n\nOne<!-- page 4 --> two.\n\n<!-- page 5 -->\n\n<script>alert(1)</script>\n\nA ref.[^c1-3]\n\n[^c1-3]: The note.\n';
    const { html, blocks } = renderManuscript(md);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#x3C;script>');
    expect(html).toMatch(/<span class="page-badge"[^>]*>p\. 4<\/span>/);
    expect(html).toMatch(/<div class="page-badge"[^>]*>p\. 5<\/div>/);
    expect(html).toMatch(/<aside class="fn" id="fn-c1-3"/);
    const para = blocks.find((b) => b.type === 'paragraph')!;
    expect(md.slice(para.start, para.end)).toBe('One<!-- page 4 --> two.');
    expect(html).toContain(`data-s="${para.start}"`);
  });
});

describe('proof: locating raw text in the manuscript', () => {
  it('finds a raw block despite footnote markup and a glued hyphen cut', () => {
    const md = '---\ntitle: T\n---\n\nWe saw cooptation<!-- page 3 --> of the leaders,[^c1-2] as before.\n';
    const index = new ManuscriptIndex(md);
    const at = index.locate('tion of the leaders,<sup>2</sup> as before.');
    expect(at).not.toBeNull();
    expect(md.slice(at!.start, at!.end)).toBe('cooptation<!-- page 3 --> of the leaders,[^c1-2] as before');
  });
});

describe('proof: builds on a small book', () => {
  const pages = [
    'The first page ends with a whole sentence.<sup>1</sup>\n\n---\n\n<sup>1</sup> A note.',
    'a new paragraph opens the second page in lowercase.',
    'The cooptation of leaders is old. Their vulnerability to coopta-',
    'tion was known to all.<sup>7</sup>',
  ];
  const raw = tinyRaw(pages);
  const base = buildBase(raw, tinyMetadata, 'tiny.raw.md');

  it('gives the same clean manuscript as buildManuscript for the same corrections', () => {
    const find = 'vulnerability to cooptation';
    const corrections = [{ find, replace: 'vulnerability to co-optation', why: 'house style', line: 5 }];
    const proof = proofBuild(base, raw, tinyMetadata, corrections, 'tiny.corrections.yaml');
    const pipeline = buildManuscript({ raw, metadata: tinyMetadata, corrections, sourceFile: 'tiny.raw.md', sourceDate: new Date('2020-01-01T00:00:00Z') }, new Report());
    expect(proof.problems).toEqual([]);
    expect(proof.manuscript).toBe(pipeline.manuscript);
    expect(proof.manuscript).toContain('co-optation');
  });

  it('names a correction that no longer matches by its line, and still builds with the others', () => {
    const corrections = [
      { find: 'not in this book', replace: 'x', why: 'stale', line: 5 },
      { find: 'known to all', replace: 'known to everyone', why: 'fine', line: 8 },
    ];
    const proof = proofBuild(base, raw, tinyMetadata, corrections, 'tiny.corrections.yaml');
    expect(proof.problems).toHaveLength(1);
    expect(proof.problems[0]!.line).toBe(5);
    expect(proof.problems[0]!.message).toMatch(/line 5 .*not in this book.*matches no place/);
    expect(proof.problems[0]!.file).toBe('tiny.corrections.yaml');
    expect(proof.manuscript).toContain('known to everyone');
  });

  it('lists the unsure decisions worst first, each located in the manuscript with its raw line', () => {
    const proof = proofBuild(base, raw, tinyMetadata, [], 'tiny.corrections.yaml');
    expect(proof.items.length).toBeGreaterThan(0);
    const badness = proof.items.map((i) => i.badness);
    expect(badness).toEqual([...badness].sort((a, b) => b - a));
    const kinds = proof.items.map((i) => i.kind);
    expect(kinds).toContain('R-020');
    const ref = proof.items.find((i) => i.kind === 'R-020')!;
    expect(raw.split('\n')[ref.line - 1]).toContain('<sup>7</sup>');
    expect(ref.now?.focus).toMatch(/^\[\^[\w-]+-7\]$/);
    const removal = ref.options.find((o) => o.id === 'remove-reference')!;
    expect(proof.text.slice(removal.start, removal.end)).toBe(ref.now?.focus);
    for (const item of proof.items) if (item.at) expect(item.at.start).toBeLessThanOrEqual(item.at.end);
  });
});

describe('proof: the build worker', () => {
  const pages = ['The first page ends with a whole sentence.', 'The cooptation of leaders is old. Their vulnerability to coopta-', 'tion was known to all.'];
  const dir = mkdtempSync(join(tmpdir(), 'proof-worker-'));
  const files = { input: join(dir, 'tiny.raw.md'), meta: join(dir, 'tiny.meta.yaml'), corrections: join(dir, 'tiny.corrections.yaml') };
  writeFileSync(files.input, tinyRaw(pages));
  writeFileSync(files.meta, stringifyYaml(tinyMetadata));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a corrections file that is not YAML at its line, without building', () => {
    writeFileSync(files.corrections, '# header\n- find: "a"\n  replace: [unclosed\n');
    const reply = runBuild({ id: 1, ...files, haveGoodBuild: false });
    expect(reply.ok).toBe(false);
    expect(reply.problems[0]!.line).toBeGreaterThan(1);
    expect(reply.problems[0]!.message).toContain(files.corrections);
  });

  it('builds with good corrections; with a stale one and a good build to keep, only names it', () => {
    writeFileSync(files.corrections, '# header\n- find: "known to all"\n  replace: "known to everyone"\n  why: "test"\n');
    const good = runBuild({ id: 2, ...files, haveGoodBuild: false });
    expect(good.ok && good.build.manuscript).toContain('known to everyone');
    expect(good.ok && good.build.lastChange && good.build.text.slice(good.build.lastChange.start, good.build.lastChange.end)).toBe('everyone');
    writeFileSync(files.corrections, '# header\n- find: "known to all"\n  replace: "known to everyone"\n  why: "test"\n- find: "not in the book"\n  replace: "x"\n  why: "stale"\n');
    const stale = runBuild({ id: 3, ...files, haveGoodBuild: true });
    expect(stale.ok).toBe(false);
    expect(stale.problems.map((p) => p.line)).toEqual([5]);
    const partial = runBuild({ id: 4, ...files, haveGoodBuild: false });
    expect(partial.ok && partial.build.manuscript).toContain('known to everyone');
    expect(partial.problems.map((p) => p.line)).toEqual([5]);
  });
});
