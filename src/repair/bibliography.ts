import { firstWordKey, surnameKey } from '../order/features.js';

const DIVISION_LINE = /^<!-- division: ([a-z-]+) -->$/;
const ENTRY_LINE = /^- /;
const PAGE_MARKER = /<!-- page [^>]+ -->/g;

/**
 * The key of a list sorted by author (the order stage's surnameKey), and by title where a work has
 * no author (`“Building a Solidarity Economy…”`, `*Build the City*`); initials before a surname
 * are passed over (`J.K. Gibson-Graham`).
 */
function authorKey(text: string): string {
  return /^[“"*_]/u.test(text) ? firstWordKey(text) : surnameKey(text.replace(/^(?:\p{Lu}\.)+\s+/u, ''));
}

/**
 * The rest of an entry cut at a page break, not an entry: it opens in lowercase, with a number, an
 * address or a bracket (`<<https://…>>`, `by Louis Proyect…`), with a title's closing mark cut off
 * from its opening (`Studies\*, edited by…`), or with what follows a title (`Translated by…`).
 */
function carriesOn(text: string): boolean {
  return /^[\p{Ll}\d(<[]/u.test(text) || /^[^.]*?\\\*/.test(text) || /^(?:Translated|Edited|Published|Hosted|Reprinted|Accessed) /.test(text);
}

/** Fewer entries than this are no list to put in order. */
const LEAST_ENTRIES = 10;

/**
 * The bibliography's entries in alphabetical order, as a bibliography prints them. Where the
 * extraction ran the text of two pages of a sheet into one list (`Bookchin … Goodman`, then `Finley
 * … García-Guadilla`, then `Boyd … Brodwin`), reading the pages in the right order cannot mend it;
 * the entries' own order can. An entry keeps the lines that follow it without opening as an entry
 * (the rest of one cut at a page break: `- <<https://…>>`, `- by Louis Proyect, and hosted…`); the
 * list is sorted by the key the book's own entries follow more often (the first author's surname,
 * or the first word), and entries with equal keys keep their order. The print page markers stay
 * with the entry positions they marked, so the page list still runs in order (each now marks the
 * page that held about as many entries before it). Nothing but the bibliography changes.
 */
export function alphabetiseBibliography(markdown: string): { markdown: string; entries: number; moved: number } {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => DIVISION_LINE.exec(line)?.[1] === 'bibliography');
  if (start < 0) return { markdown, entries: 0, moved: 0 };
  let end = start + 1;
  while (end < lines.length && !DIVISION_LINE.test(lines[end]!)) end++;
  const slots: number[] = [];
  for (let i = start + 1; i < end; i++) if (ENTRY_LINE.test(lines[i]!)) slots.push(i);
  if (slots.length < LEAST_ENTRIES) return { markdown, entries: slots.length, moved: 0 };
  const markers = slots.map((i) => lines[i]!.match(PAGE_MARKER)?.join('') ?? '');
  const texts = slots.map((i) => lines[i]!.replace(PAGE_MARKER, '').replace(ENTRY_LINE, ''));
  // An entry and the lines that carry it on.
  const groups: { texts: string[]; at: number }[] = [];
  texts.forEach((text) => {
    if (!carriesOn(text) || !groups.length) groups.push({ texts: [text], at: groups.length });
    else groups[groups.length - 1]!.texts.push(text);
  });
  const heads = groups.map((g) => g.texts[0]!);
  // (pairs in strict order: a key the same for every entry would follow any order)
  const follows = (key: (text: string) => string): number => heads.reduce((count, text, k) => count + (k > 0 && key(heads[k - 1]!).localeCompare(key(text)) < 0 ? 1 : 0), 0);
  const key = follows(authorKey) >= follows(firstWordKey) ? authorKey : firstWordKey;
  const keys = heads.map(key);
  const sorted = [...groups].sort((a, b) => keys[a.at]!.localeCompare(keys[b.at]!) || a.at - b.at);
  // The entries that had to move: all but the longest run already in order.
  const moved = groups.length - longestIncreasing(sorted.map((g) => g.at));
  if (!moved) return { markdown, entries: groups.length, moved: 0 };
  sorted.flatMap((g) => g.texts).forEach((text, k) => {
    // (an entry that stays where it was keeps its line, a page marker inside it too)
    if (text !== texts[k]) lines[slots[k]!] = `- ${text}${markers[k]}`;
  });
  return { markdown: lines.join('\n'), entries: groups.length, moved };
}

/** The length of the longest increasing subsequence (patience sorting). */
function longestIncreasing(values: readonly number[]): number {
  const tails: number[] = [];
  for (const value of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = value;
  }
  return tails.length;
}
