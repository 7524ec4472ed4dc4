/** Reads back a PDF with pdf.js (legacy build, runs in Node) for the tests: text per page, links, outline. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  str: string;
  /** Left edge and baseline, measured from the page's top-left corner. */
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface LinkAnnotation {
  dest: string | null;
  url: string | null;
  rect: [number, number, number, number];
}

export interface ReadPage {
  index: number;
  height: number;
  items: TextItem[];
  links: LinkAnnotation[];
}

export interface OutlineItem {
  title: string;
  dest: unknown;
  items: OutlineItem[];
  /** Resolved page index of the item's destination. */
  pageIndex?: number;
}

export interface ReadPdf {
  pages: ReadPage[];
  labels: string[] | null;
  outline: OutlineItem[];
  /** Page index of each named destination. */
  destPage: Map<string, number>;
  info: Record<string, unknown>;
}

interface PdfjsTextItem {
  str?: string;
  transform?: number[];
  width?: number;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: ReadPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , , height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const raw of content.items as PdfjsTextItem[]) {
      if (typeof raw.str !== 'string' || !raw.transform) continue;
      const t = raw.transform;
      items.push({ str: raw.str, x: t[4]!, y: height - t[5]!, width: raw.width ?? 0, size: Math.hypot(t[2]!, t[3]!) });
    }
    const annotations = (await page.getAnnotations()) as { subtype: string; dest?: unknown; url?: string; rect: number[] }[];
    const links: LinkAnnotation[] = annotations
      .filter((a) => a.subtype === 'Link')
      .map((a) => ({
        dest: typeof a.dest === 'string' ? a.dest : null,
        url: a.url ?? null,
        rect: [a.rect[0]!, height - a.rect[3]!, a.rect[2]!, height - a.rect[1]!],
      }));
    pages.push({ index: i - 1, height, items, links });
    page.cleanup();
  }
  const labels = await doc.getPageLabels();
  const outline = ((await doc.getOutline()) ?? []) as unknown as OutlineItem[];
  const dests = (await doc.getDestinations()) as Record<string, unknown[]>;
  const destPage = new Map<string, number>();
  for (const [name, dest] of Object.entries(dests)) {
    const ref = dest[0] as { num: number; gen: number };
    destPage.set(name, await doc.getPageIndex(ref));
  }
  const resolveOutline = async (items: OutlineItem[]): Promise<void> => {
    for (const item of items) {
      const dest = typeof item.dest === 'string' ? dests[item.dest] : item.dest;
      if (Array.isArray(dest)) item.pageIndex = await doc.getPageIndex(dest[0] as { num: number; gen: number });
      await resolveOutline(item.items);
    }
  };
  await resolveOutline(outline);
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, labels, outline, destPage, info: meta.info as Record<string, unknown> };
}

/** Letters and digits only: the comparison ignores spacing, punctuation, hyphenation and list bullets. */
export function normalise(text: string): string {
  return text.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Where two normalised texts first differ, with some context; null when equal. */
export function firstDifference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  return `differs at ${i} of ${expected.length}: got …${actual.slice(Math.max(0, i - 60), i + 60)}… expected …${expected.slice(Math.max(0, i - 60), i + 60)}…`;
}
