const SUP = /<sup>([^<]*)<\/sup>/g;

/**
 * Raw inline markup → clean-manuscript markdown: numbered `<sup>` references become GFM footnote
 * references through `label`, other superscripts (`20<sup>th</sup>`) become plain text, `<b>` bold.
 * `label` returns null for a number the page cannot resolve; the reference then stays visible.
 */
export function convertInline(text: string, label: (n: number) => string[] | null): string {
  return text
    .replace(SUP, (whole, inner: string) => {
      if (!/^\d+$/.test(inner)) return inner;
      const labels = label(Number(inner));
      return labels ? labels.map((l) => `[^${l}]`).join('') : `[${inner}]`;
    })
    .replace(/<b>([^<]*)<\/b>/g, '**$1**')
    .replace(/<\/?(?:sup|sub|b|i|em|strong|span)\b[^>\n]*>/g, '');
}

/** The note numbers a raw block references, in order. */
export function referencedNumbers(text: string): number[] {
  return [...text.matchAll(/<sup>(\d+)<\/sup>/g)].map((m) => Number(m[1]));
}
