import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBodyHeadings, matchHeadings, parseContents, type Contents } from '../../src/contents/index.js';

const RAW = readFileSync(new URL('../../manuscript/exodus.raw.md', import.meta.url), 'utf8').split(/\r?\n/);

function must(c: Contents | null): Contents {
  if (!c) throw new Error('no Contents recognised in exodus.raw.md');
  return c;
}

describe('the Contents of exodus.raw.md', () => {
  const contents = must(parseContents(RAW));

  it('reads every entry with its printed page, in page order across the scattered chunks', () => {
    expect(contents.entries).toHaveLength(56);
    const pages = contents.entries.map((e) => e.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    for (const e of contents.entries) {
      expect(e.pageLabel).toBe(String(e.page));
      expect(e.title).not.toMatch(/[<>*]|\.\s*\.|\p{L}- \p{Ll}/u);
    }
    expect(contents.entries.map((e) => e.title)).toContain('III. The 1968 Movements and the Transition to Horizontalist Praxis');
    expect(contents.entries.map((e) => e.title)).toContain('II. Technology and the Declining Relevance of Proletarianism');
  });

  it('reads the same Contents when its chunks are moved elsewhere in the file', () => {
    const runs: number[][] = [];
    for (const l of contents.lines) {
      const run = runs.at(-1);
      if (run && run.at(-1) === l - 1) run.push(l);
      else runs.push([l]);
    }
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const moved = runs.at(-1) ?? [];
    const rest = RAW.filter((_, i) => !moved.includes(i + 1));
    const middle = Math.floor(rest.length / 2);
    const block = ['', ...moved.map((l) => RAW[l - 1] ?? ''), ''];
    for (const scrambled of [[...block, ...rest], [...rest.slice(0, middle), ...block, ...rest.slice(middle)], [...rest, ...block]]) {
      const again = must(parseContents(scrambled));
      expect(again.entries.map((e) => `${e.page} ${e.level} ${e.role} ${e.title}`)).toEqual(contents.entries.map((e) => `${e.page} ${e.level} ${e.role} ${e.title}`));
    }
  });

  it('keeps every Contents line, heading included, out of the body', () => {
    const heading = RAW.findIndex((l) => /^#+\s*contents\s*$/i.test(l)) + 1;
    expect(contents.lines).toContain(heading);
    for (const e of contents.entries) expect(contents.lines).toContain(e.line);
    const bodyHeadings = findBodyHeadings(RAW, contents);
    expect(bodyHeadings.some((h) => h.line === heading)).toBe(false);
  });

  it('nests parts > chapters > sections with front and back matter at the top', () => {
    const roles = contents.tree.map((e) => `${e.role}:${e.level}`);
    expect(roles).toEqual([
      'front:chapter', 'front:chapter', 'front:chapter',
      'body:part', 'body:part', 'body:part',
      'back:chapter', 'back:chapter', 'back:chapter',
    ]);
    const parts = contents.tree.filter((e) => e.level === 'part');
    expect(parts.map((p) => p.children.length)).toEqual([2, 6, 4]);
    for (const part of parts) {
      for (const chapter of part.children) {
        expect(chapter.level).toBe('chapter');
        expect(/^Chapter\b/.test(chapter.title)).toBe(true);
        for (const section of chapter.children) {
          expect(section.level).toBe('section');
          expect(section.children).toEqual([]);
        }
      }
    }
    const sections = parts.flatMap((p) => p.children).map((ch) => ch.children.length);
    expect(sections).toEqual([4, 5, 5, 4, 3, 5, 2, 0, 3, 2, 0, 2]);
    for (const e of contents.tree) if (e.role !== 'body') expect(e.children).toEqual([]);
  });

  it('matches every entry to exactly one distinct body heading', () => {
    const matches = matchHeadings(contents, findBodyHeadings(RAW, contents));
    expect(matches).toHaveLength(contents.entries.length);
    const unmatched = matches.filter((m) => m.heading === null).map((m) => `line ${m.entry.line} p.${m.entry.pageLabel} ${m.entry.title}`);
    expect(unmatched, `unmatched entries:\n${unmatched.join('\n')}`).toEqual([]);
    const lines = matches.map((m) => m.heading?.line);
    expect(new Set(lines).size).toBe(lines.length);
    for (const m of matches) expect(m.score).toBeGreaterThanOrEqual(0.9);
  });

  it('tells entries with the same title apart: each follows its own chapter heading', () => {
    const headings = findBodyHeadings(RAW, contents);
    const matches = matchHeadings(contents, headings);
    const byEntry = new Map(matches.map((m) => [m.entry, m.heading]));
    const count = new Map<string, number>();
    for (const e of contents.entries) count.set(e.title, (count.get(e.title) ?? 0) + 1);
    const chapters = contents.tree.flatMap((p) => (p.level === 'part' ? p.children : [p]));
    let checked = 0;
    for (const chapter of chapters) {
      for (const section of chapter.children) {
        if ((count.get(section.title) ?? 0) < 2) continue;
        const heading = byEntry.get(section);
        const before = headings.filter((h) => heading && h.line < heading.line).at(-1);
        expect(before?.line, `${section.title} under ${chapter.title}`).toBe(byEntry.get(chapter)?.line);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});
