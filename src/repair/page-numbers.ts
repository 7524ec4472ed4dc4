import { numberToRoman, type Contents } from '../contents/index.js';
import type { Fragment } from '../model/page.js';
import type { FragmentFeatures } from '../order/features.js';

/** A print page that starts inside a fragment: before body block `block` (0 = at the fragment's start). */
export interface PageStart {
  block: number;
  /** The page's place counted from the title page as 1. */
  page: number;
  /** Its number as printed: `ix` in front matter the book numbers in roman, `12` after. */
  label: string;
}

export interface PageNumbering {
  /** Page starts per fragment, by position in reading order. */
  starts: PageStart[][];
  /** Anchors whose printed page contradicted an earlier one and were not used. */
  ignoredAnchors: Array<{ fragment: number; entry: number; page: number }>;
}

function sizeOf(fragment: Fragment): number {
  return fragment.body.reduce((s, b) => s + b.text.length, 0) + 0.8 * fragment.notes.reduce((s, b) => s + b.text.length, 0) + 1;
}

/**
 * Pages before the body's page 1, where the Contents counts the body's pages apart (front matter
 * numbered in roman, `Preface ix`, `Chapter One 1`, or not listed): the page the body's first
 * heading falls on, counted from the title page as 1, less its printed number. The front matter is
 * taken to run on one page per fragment after its last heading, or the title page (its last page is
 * as likely blank as not). 0 when the book numbers all its pages alike.
 */
function frontMatterPages(fragments: readonly Fragment[], features: readonly FragmentFeatures[], contents: Contents): number {
  if (!contents.entries.some((e) => e.numbering === 1)) return 0;
  let lastRoman = { k: 0, page: 1 };
  for (let k = 0; k < fragments.length; k++) {
    const anchor = features[fragments[k]!.id]!.anchors[0];
    if (!anchor) continue;
    const entry = contents.entries[anchor.entry]!;
    if (entry.numbering === 0) lastRoman = { k, page: entry.page };
    else return Math.max(0, lastRoman.page + (k - lastRoman.k) - entry.page);
  }
  return 0;
}

/**
 * Gives every fragment in reading order its printed page, counting from the title page as 1.
 * The Contents anchors fix the page of each heading; between two anchors the pages are shared out
 * by the amount of text, since blank pages leave nothing and two short pages can share a fragment.
 * Front matter the book numbers in roman keeps its roman labels, and the body its own count.
 */
export function numberPages(fragments: readonly Fragment[], features: readonly FragmentFeatures[], contents: Contents): PageNumbering {
  const front = frontMatterPages(fragments, features, contents);
  const placeOf = (entry: number): number => contents.entries[entry]!.page + (contents.entries[entry]!.numbering === 1 ? front : 0);
  const startAt = (block: number, page: number): PageStart => ({ block, page, label: page <= front ? numberToRoman(page) : String(page - front) });
  const known: Array<{ k: number; page: number }> = [{ k: 0, page: 1 }];
  /** Fragments that continue the page of the fragment before them. */
  const continuations = new Set<number>();
  const ignoredAnchors: PageNumbering['ignoredAnchors'] = [];
  fragments.forEach((fragment, k) => {
    const anchor = features[fragment.id]!.anchors[0];
    if (!anchor) return;
    const page = placeOf(anchor.entry);
    const last = known[known.length - 1]!;
    if (k === last.k) {
      if (k === 0 && page >= 1) last.page = page;
      return;
    }
    if (page - last.page >= k - last.k || (page > last.page && k > last.k)) known.push({ k, page });
    // The very next fragment on the same page: one page the extraction gave as two pieces.
    else if (page === last.page && k === last.k + 1) continuations.add(k);
    else ignoredAnchors.push({ fragment: fragment.id, entry: anchor.entry, page });
  });

  const starts: PageStart[][] = fragments.map(() => []);
  for (let a = 0; a < known.length; a++) {
    const from = known[a]!;
    const to = known[a + 1];
    const end = to ? to.k : fragments.length;
    const span = fragments.slice(from.k, end);
    if (!to) {
      span.forEach((_, i) => starts[from.k + i]!.push(startAt(0, from.page + i)));
      continue;
    }
    const pages = to.page - from.page;
    const sizes = span.map(sizeOf);
    const total = sizes.reduce((s, x) => s + x, 0);
    let before = 0;
    let lastPage = from.page - 1;
    // More fragments than pages between the two headings (pages the extraction gave in pieces): the
    // smallest pieces run on the page before them, and each of the others starts the next page, so
    // that every page between the headings is numbered once.
    const runOn = new Set(span.length > pages ? span.map((_, i) => i).slice(1).sort((x, y) => sizes[x]! - sizes[y]! || x - y).slice(0, span.length - pages) : []);
    span.forEach((fragment, i) => {
      const k = from.k + i;
      if (runOn.size) {
        if (!runOn.has(i)) starts[k]!.push(startAt(0, (lastPage += 1)));
        return;
      }
      const page = Math.max(lastPage + 1, Math.min(from.page + Math.floor((pages * before) / total), to.page - (span.length - i)));
      const startPage = i === 0 ? from.page : page;
      starts[k]!.push(startAt(0, startPage));
      lastPage = startPage;
      // A fragment that holds the text of several pages gets its extra page starts at the block
      // boundaries where a page could end, nearest the proportional positions.
      const next = i + 1 < span.length ? Math.max(startPage + 1, Math.min(from.page + Math.floor((pages * (before + sizes[i]!)) / total), to.page - (span.length - i - 1))) : to.page;
      const extra = next - startPage - 1;
      if (extra > 0 && fragment.candidateSplits.length) {
        const used = new Set<number>();
        for (let e = 1; e <= extra; e++) {
          const target = (e / (extra + 1)) * fragment.body.length;
          let best = -1;
          for (const c of fragment.candidateSplits) if (!used.has(c) && (best < 0 || Math.abs(c - target) < Math.abs(best - target))) best = c;
          if (best < 0) break;
          used.add(best);
        }
        [...used].sort((x, y) => x - y).forEach((block, e) => starts[k]!.push(startAt(block, startPage + e + 1)));
        lastPage = startPage + used.size;
      }
      before += sizes[i]!;
    });
  }
  for (const k of continuations) starts[k] = starts[k]!.filter((start) => start.block !== 0);
  return { starts, ignoredAnchors };
}
