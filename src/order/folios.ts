import { isFolio } from '../ingest/debris.js';
import type { Fragment } from '../model/page.js';

/** Below this share of pages with a printed number, the numbers are too few to order the book by. */
const FOLIATED_SHARE = 0.3;

/**
 * The page number printed on a fragment's page, where the extraction kept it (a bare number at the
 * page's edge, which ingest marked and reported, I-020), or null. A fragment holding two pages'
 * text has two: the first is where it starts.
 */
export function folioOf(fragment: Fragment): number | null {
  const numbers = fragment.body.filter(isFolio).map((block) => Number(block.text.trim()));
  return numbers.length ? Math.min(...numbers) : null;
}

/**
 * An order in which the pages that carry their printed numbers come in the order of those numbers.
 * Each such page keeps the pages the order set after it that carry none (a chapter's opening page,
 * printed without a number; a piece of a page), and the pages before the first numbered one (title
 * page, front matter) stay first. The numbers are the book's own and outweigh any join: where the
 * extraction kept them on enough pages (`used`), they decide. `moved` counts the runs of pages that moved.
 */
export function inFolioOrder(order: readonly number[], fragments: readonly Fragment[]): { order: number[]; used: boolean; foliated: number; moved: number } {
  const runs: Array<{ folio: number; members: number[] }> = [];
  const head: number[] = [];
  for (const index of order) {
    const folio = folioOf(fragments[index]!);
    if (folio !== null) runs.push({ folio, members: [index] });
    else (runs.length ? runs[runs.length - 1]!.members : head).push(index);
  }
  if (runs.length < 3 || runs.length < FOLIATED_SHARE * order.length) return { order: [...order], used: false, foliated: runs.length, moved: 0 };
  const sorted = runs.map((run, at) => ({ ...run, at })).sort((a, b) => a.folio - b.folio || a.at - b.at);
  const moved = sorted.filter((run, k) => run.at !== k).length;
  return { order: [...head, ...sorted.flatMap((run) => run.members)], used: true, foliated: runs.length, moved };
}
