/** The pages of an alphabetical list (a bibliography), put in the order of their entries. */
import type { SolverFeatures } from './chains.js';

/**
 * Pages of an alphabetical list (a bibliography) in the order of their entries: inside a list the
 * alphabet orders the pages where nothing else does, and no join score weighs it across the whole
 * list. Between two Contents headings, where most pages are list pages, the pages are sorted by the
 * median key of their entries (a page of one entry by its key); list pages the order left after
 * the next heading (a back-matter page that is no list) come back into the list first. A page
 * without entries of its own (the rest of an entry, or no list page) stays after the page before it.
 */
export function listsInOrder(order: readonly number[], features: readonly SolverFeatures[], { fromChapters }: { fromChapters?: (page: number) => boolean } = {}): number[] {
  const spans = spansOf(order, features);
  const isList = (span: readonly number[]): boolean => isListSpan(span, features);
  // A list starts on its heading's page: list pages after a heading whose own page is no list page
  // (`About the Author`) are the list's before it, however many of them the order left there.
  const opensList = (span: readonly number[]): boolean => isList(span) && features[span[0]!]!.listKey !== null;
  for (let s = 1; s < spans.length; s++) {
    if (!isList(spans[s - 1]!) || opensList(spans[s]!)) continue;
    const [head, ...rest] = spans[s]!;
    // (a page of one entry, cut at its end, strays too: nothing ties it to the heading it follows)
    const strays = rest.filter((i) => features[i]!.entryKey !== null);
    if (!strays.length) continue;
    spans[s - 1]!.push(...strays);
    spans[s] = [head!, ...rest.filter((i) => features[i]!.entryKey === null)];
  }
  // Nor does a list page come before the first heading the Contents names, where nothing but the
  // joins placed it, nor among a chapter's pages where `fromChapters` lets it leave: it goes back to
  // the list whose entries it continues. A list is a division whose pages are mostly list pages,
  // or (with `fromChapters`, past the book's opening) whose heading's own page opens the list,
  // however few of its pages the joins left there.
  const headsList = (span: readonly number[]): boolean => features[span[0]!]!.anchors.length > 0 && features[span[0]!]!.listKey !== null;
  const lists = spans.map((span, s) => (s > 0 && (isList(span) || (fromChapters !== undefined && headsList(span))) ? s : -1)).filter((s) => s >= 0);
  const strayed = new Set<number>();
  if (lists.length) {
    spans.forEach((span, s) => {
      const chapter = s > 0 || features[span[0]!]!.anchors.length > 0;
      if (lists.includes(s) || isList(span) || (chapter && !fromChapters)) return;
      // (the book's first page stays first; a heading's own page stays with its heading)
      for (const i of span.slice(1)) {
        const key = features[i]!.listKey;
        if (key === null || features[i]!.firstNote !== null || (chapter && !fromChapters!(i))) continue;
        // the first list with a page whose entries come at or after it, else the last list
        const home = lists.find((l) => spans[l]!.some((j) => features[j]!.listKey !== null && key.localeCompare(features[j]!.listKey!) <= 0)) ?? lists[lists.length - 1]!;
        spans[home]!.push(i);
        strayed.add(i);
      }
    });
  }
  return spans.flatMap((span, s) => (isList(span) || lists.includes(s) ? sortedList(span, features) : span.filter((i) => !strayed.has(i))));
}

/** A list's pages sorted by their entries, the heading's page first. */
function sortedList(span: readonly number[], features: readonly SolverFeatures[]): number[] {
  const runs: Array<{ key: string | null; members: number[] }> = [{ key: null, members: [span[0]!] }];
  for (let k = 1; k < span.length; k++) {
    const f = features[span[k]!]!;
    // A page that holds entries goes where they sort, a page of one entry too (cut at the page end,
    // its note below), even if it opens on the rest of an entry: the page the order set before it
    // may be another page whose last entry is cut.
    const key = f.listKey ?? f.entryKey;
    if (key === null) runs[runs.length - 1]!.members.push(span[k]!);
    else runs.push({ key, members: [span[k]!] });
  }
  const [head, ...rest] = runs;
  // Between pages whose entries sort alike (one author's works over two pages), a page whose
  // footnote area opens with a note's rest follows the page with notes.
  const hasNotes = (run: { members: number[] }): boolean => features[run.members[run.members.length - 1]!]!.lastNote !== null;
  const opensWithTail = (run: { members: number[] }): boolean => features[run.members[0]!]!.hasTail;
  const tailAfterNotes = (a: { members: number[] }, b: { members: number[] }): number => (hasNotes(a) && opensWithTail(b) ? -1 : hasNotes(b) && opensWithTail(a) ? 1 : 0);
  rest.sort((a, b) => a.key!.localeCompare(b.key!) || tailAfterNotes(a, b));
  return [...head!.members, ...rest.flatMap((r) => r.members)];
}

/** What telling a list's pages asks of a page: whether a Contents heading anchors it, and its entries' key. */
interface ListFeatures {
  anchors: readonly unknown[];
  listKey: string | null;
}

/** The order cut before each fragment a Contents heading anchors. */
function spansOf(order: readonly number[], features: readonly ListFeatures[]): number[][] {
  const spans: number[][] = [];
  for (const index of order) {
    if (!spans.length || features[index]!.anchors.length) spans.push([]);
    spans[spans.length - 1]!.push(index);
  }
  return spans;
}

/** Whether the pages between two headings are a list's: most of them (and at least four) hold its entries. */
function isListSpan(span: readonly number[], features: readonly ListFeatures[]): boolean {
  const listed = span.filter((i) => features[i]!.listKey !== null).length;
  return listed >= 4 && listed >= 0.6 * span.length;
}

/** For each place in the order, whether it lies between two headings whose pages are a list's (as listsInOrder reads them). */
export function inLists(order: readonly number[], features: readonly ListFeatures[]): boolean[] {
  return spansOf(order, features).flatMap((span) => span.map(() => isListSpan(span, features)));
}
