import type { FontStyle } from './fonts.js';

/** What measuring needs from a font: its advance width in 1/1000 em (pdfkit's EmbeddedFont has it). */
export interface MetricFont {
  widthOfString(text: string, size: number): number;
}

/**
 * Glyph-run widths from pdfkit's own font metrics (so measuring and drawing agree, kerning and
 * ligatures included), cached per face and string at 1000 units per em.
 */
export class Measurer {
  private readonly cache: Record<FontStyle, Map<string, number>> = { R: new Map(), I: new Map(), B: new Map(), BI: new Map() };

  constructor(private readonly fonts: Record<FontStyle, MetricFont>) {}

  /** Width of `text` in `style` at `size` points. */
  width(style: FontStyle, text: string, size: number): number {
    const cache = this.cache[style];
    let w = cache.get(text);
    if (w === undefined) {
      w = this.fonts[style].widthOfString(text, 1000);
      cache.set(text, w);
    }
    return (w * size) / 1000;
  }

  get cachedStrings(): number {
    let n = 0;
    for (const m of Object.values(this.cache)) n += m.size;
    return n;
  }
}
