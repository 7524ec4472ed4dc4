import { EditMap } from 'micromark-util-edit-map';
import type { Event } from 'micromark-util-types';
import { describe, expect, it } from 'vitest';
import { fastConsume, originalConsume } from '../../src/manuscript/edit-map.js';
import { parseManuscript } from '../../src/manuscript/from-markdown.js';
import { mulberry32 } from '../helpers/synthetic-book.js';
import { syntheticManuscript } from '../epub/synthetic.js';

const fakeEvents = (n: number, tag: string): Event[] => Array.from({ length: n }, (_, i) => [`${tag}${i}`] as unknown as Event);

/** Applies the same random edits with the library's consume and ours. */
function both(random: () => number): { original: Event[]; fast: Event[] } {
  const length = Math.floor(random() * 60);
  const base = fakeEvents(length, 'e');
  const edits: [number, number, Event[], boolean][] = [];
  for (let k = Math.floor(random() * 5); k > 0; k--) {
    const at = Math.floor(random() * (length + 3)); // sometimes past the end
    const remove = random() < 0.5 ? 0 : Math.floor(random() * 6);
    edits.push([at, remove, fakeEvents(Math.floor(random() * 4), `a${k}-`), random() < 0.3]);
  }
  const run = (consume: (this: EditMap, events: Event[]) => undefined): Event[] => {
    const map = new EditMap();
    for (const [at, remove, add, before] of edits) (before ? map.addBefore : map.add).call(map, at, remove, [...add]);
    const events = [...base];
    consume.call(map, events);
    expect(map.map).toHaveLength(0);
    return events;
  };
  return { original: run(originalConsume), fast: run(fastConsume) };
}

describe('micromark EditMap.consume replacement', () => {
  it('is installed where micromark looks for it', () => {
    expect(EditMap.prototype.consume).toBe(fastConsume);
    let calls = 0;
    EditMap.prototype.consume = function (this: EditMap, events: Event[]) {
      calls++;
      return fastConsume.call(this, events);
    };
    try {
      parseManuscript('> a quote\n\nText[^n].\n\n[^n]: A note.\n\nMore text.\n');
    } finally {
      EditMap.prototype.consume = fastConsume;
    }
    expect(calls).toBeGreaterThan(0);
  });

  it('gives the same events as the library for random edits, overlapping ones and ones past the end included', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 5000; i++) {
      const { original, fast } = both(random);
      expect(fast).toEqual(original);
    }
  });

  it('parses a manuscript full of footnotes and block quotes to the same tree, positions included', () => {
    const { markdown } = syntheticManuscript({ chapters: 12, parts: 3, notesPerChapter: 10 });
    const quoted = markdown.replace(/\n\n([A-Z][^\n]{20,}\n)\n/g, '\n\n> $1lazy continuation line\n\n');
    for (const text of [markdown, quoted, '> a\nb\n\n[^x]: note\nlazy\n\n> c\n\n    code\n\nText[^x].\n']) {
      const fast = parseManuscript(text);
      EditMap.prototype.consume = originalConsume;
      try {
        expect(fast).toEqual(parseManuscript(text));
      } finally {
        EditMap.prototype.consume = fastConsume;
      }
    }
  });
});
