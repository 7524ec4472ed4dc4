import { contentWords as wordsOf, firstWordKey, surnameKey } from '../order/features.js';
import { carryEmphasisOverJoin, endsMidPhrase, isProse } from '../text/sentence.js';

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
 * from its opening (`Studies\*, edited by…`), or with what follows a title (`Translated by…`, a date).
 */
function carriesOn(text: string): boolean {
  return /^[\p{Ll}\d(<[]/u.test(text) || /^[^.*]*?\p{L}\\?\*/u.test(text) || /^(?:Translated|Edited|Published|Hosted|Reprinted|Accessed) /.test(text) || MONTH_FIRST.test(text);
}

/** A note's definition line in the manuscript (`[^c3-12]: …`). */
const NOTE_LINE = /^\[\^[^\]\s]+\]:\s/;

/** An entry that ends in a word cut by a hyphen (`…Socialism and Strate-*`): the word, without hyphen or emphasis. */
const CUT_END = /(\p{L}+)-[*_]{0,3}$/u;

/**
 * The rest of an entry cut at a page break (see carriesOn) joined to the entry it finishes, where
 * the book's notes cite the same work with the words across the join in that order: the entry's
 * last words, then the rest's first (`…Published in *Anarchist*` + `Studies*, edited by…`, and a
 * note has `…Published in *Anarchist Studies*, edited by…`). A mixed sheet can set the rest far
 * from its entry: the notes find it wherever it is. The entry's line takes the rest (its page
 * marker too); the rest's line goes. Each join is described for the report.
 */
function joinCitedRests(lines: string[], start: number, end: number): JoinedRest[] {
  const entries: number[] = [];
  for (let i = start + 1; i < end; i++) if (ENTRY_LINE.test(lines[i]!)) entries.push(i);
  const texts = new Map(entries.map((i) => [i, lines[i]!.replace(PAGE_MARKER, '').replace(ENTRY_LINE, '')]));
  const textOf = (i: number): string => texts.get(i)!;
  const isRest = new Set(entries.filter((i) => carriesOn(textOf(i))));
  // A title with no name before it may be an entry of its own (`*Build the City…*`) or the rest of
  // one left on an open title (`…in Ronfeldt and Arquilla, *In Athena's*` ‖ `*Camp: Preparing…*`).
  const titled = entries.filter((i) => !isRest.has(i) && /^[*_“"]/u.test(textOf(i)));
  // And a name may be the rest of an entry left on a word no entry ends on (`…Andrew Gryf Paterson
  // and` ‖ `Joanna Saad-Sulonen, eds., *Towards Peer Production…*`): any entry that opens with a
  // name, if some entry is left so.
  const leftOpen = entries.filter((i) => !isRest.has(i) && endsMidPhrase(textOf(i)));
  const named = leftOpen.length ? entries.filter((i) => !isRest.has(i) && /^\p{Lu}/u.test(textOf(i))) : [];
  const isNamed = new Set(named);
  const rests = [...isRest, ...titled, ...named];
  if (!rests.length) return [];
  const half = CITED_WORDS / 2;
  // (the notes and the list may set one apostrophe two ways: `Athena’s`, `Athena's`)
  const contentWords = (text: string): string[] => wordsOf(text.replace(/[’‘]/g, "'"));
  // (a note that cites a rest's work has the rest's first word in it, if only inside a word cut
  // there; one that cites an entry left open, that entry's last word)
  const firsts = [...new Set([...isRest, ...titled].flatMap((rest) => contentWords(textOf(rest).slice(0, ENTRY_END)).slice(0, 1)).concat(leftOpen.flatMap((entry) => contentWords(textOf(entry).slice(-ENTRY_END)).slice(-1))))];
  const cited = new Set<string>();
  for (const line of lines) {
    if (!NOTE_LINE.test(line)) continue;
    const lower = line.toLowerCase();
    if (!firsts.some((word) => lower.includes(word))) continue;
    const words = contentWords(line.replace(NOTE_LINE, ''));
    for (let i = 0; i + CITED_WORDS <= words.length; i++) cited.add(words.slice(i, i + CITED_WORDS).join(' '));
  }
  // Each entry's last content words (only its end is read: an entry may be long), and the word a
  // hyphen cut at its end, with the content words before that word.
  const endings = new Map<number, { words: string[]; cut: string | null; beforeCut: string[] }>();
  for (const entry of entries) {
    if (isRest.has(entry)) continue;
    const tail = textOf(entry).slice(-ENTRY_END).trim();
    const cut = CUT_END.exec(tail.slice(-CUT_WORD))?.[1] ?? null;
    endings.set(entry, { words: contentWords(tail).slice(-half), cut, beforeCut: cut ? contentWords(tail.replace(CUT_END, '')).slice(-half) : [] });
  }
  const joined: JoinedRest[] = [];
  const gone = new Set<number>();
  /** Page markers of rests joined to an entry far from them, by the rest's line. */
  const leftBehind = new Map<number, string>();
  for (const rest of rests) {
    const text = textOf(rest);
    const opening = contentWords(text.slice(0, ENTRY_END)).slice(0, half);
    const lowercase = /^\p{Ll}/u.test(text);
    const finished = (isNamed.has(rest) ? leftOpen : entries).filter((entry) => {
      const ending = entry !== rest && !gone.has(entry) ? endings.get(entry) : undefined;
      if (!ending) return false;
      // (a title takes an entry left open only: one that ends on a full stop is whole)
      if (!isRest.has(rest) && FINISHED_ENTRY.test(textOf(entry))) return false;
      // (a word cut at the join is one word in the note: `strate-` + `gies`)
      const across = ending.cut && lowercase ? [...ending.beforeCut, ...contentWords(`${ending.cut}${text.slice(0, ENTRY_END)}`).slice(0, half)] : [...ending.words, ...opening];
      return across.length === CITED_WORDS && cited.has(across.join(' '));
    });
    // Only a rest the notes give to one entry alone.
    if (finished.length !== 1) continue;
    const entry = finished[0]!;
    // (page markers at the end of the entry's line stay at its end; the rest's, after them, if the
    // rest came right after its entry: a page begins inside the entry, as in print. A rest from
    // elsewhere leaves its markers where it stood, so the pages keep their order.)
    const trailing = /(?:<!-- page [^>]+ -->\s*)+$/.exec(lines[entry]!)?.[0] ?? '';
    const restMarkers = lines[rest]!.match(PAGE_MARKER)?.join('') ?? '';
    const nextEntry = entries[entries.indexOf(entry) + 1];
    if (nextEntry !== rest && restMarkers) leftBehind.set(rest, restMarkers);
    const marker = `${trailing.trim()}${nextEntry === rest ? restMarkers : ''}`;
    let before = lines[entry]!.slice(0, lines[entry]!.length - trailing.length).trimEnd();
    let after = text;
    if (endings.get(entry)!.cut && lowercase) {
      // The word whole again, the emphasis the extraction closed after its hyphen carried over it.
      const closer = /[*_]{0,3}$/.exec(before)![0];
      ({ before, after } = carryEmphasisOverJoin(`${before.slice(0, before.length - closer.length - 1)}${closer}`, after));
      lines[entry] = `${before}${marker}${after}`;
    } else {
      ({ before, after } = carryEmphasisOverJoin(before, after));
      lines[entry] = `${before}${marker} ${after}`;
    }
    gone.add(rest);
    // (an entry takes one rest: its end is the rest's now)
    endings.delete(entry);
    joined.push({ rest: text, entry: textOf(entry) });
    texts.set(entry, lines[entry]!.replace(PAGE_MARKER, '').replace(ENTRY_LINE, ''));
  }
  // (the rest's line, and the blank line after it where the list is loose; markers it leaves
  // behind go to the end of the line before it that stays)
  for (const at of [...gone].sort((a, b) => b - a)) {
    const markers = leftBehind.get(at);
    if (markers) {
      let kept = at - 1;
      while (kept > start && (lines[kept] === '' || gone.has(kept))) kept--;
      lines[kept] += markers;
    }
    lines.splice(at, lines[at + 1] === '' && lines[at - 1] === '' ? 2 : 1);
  }
  return joined;
}

const FINISHED_ENTRY = /[.!?][”"’')\]>*_]*\s*$/u;

/** Characters of an entry's end (or a rest's start) read for its content words, and of its end for a cut word. */
const ENTRY_END = 300;
const CUT_WORD = 60;

/** The rest of an entry, and the entry it was joined to (its text before). */
export interface JoinedRest {
  rest: string;
  entry: string;
}

/** Content words across a join that a note must hold in a row: half from each side. */
const CITED_WORDS = 6;

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
 * page that held about as many entries before it). Nothing but the bibliography changes, but for
 * its own entries brought back to it from the back matter (see strandedEntries) or from a chapter
 * (see strandedPage); the rests of entries the notes show whole are joined to them first (see
 * joinCitedRests).
 */
export function alphabetiseBibliography(markdown: string): { markdown: string; entries: number; moved: number; brought: string[]; joined: JoinedRest[] } {
  const lines = markdown.split('\n');
  const listAt = (): number => lines.findIndex((line) => DIVISION_LINE.exec(line)?.[1] === 'bibliography');
  const listEnd = (from: number): number => {
    let end = from + 1;
    while (end < lines.length && !DIVISION_LINE.test(lines[end]!)) end++;
    return end;
  };
  const entryLines = (from: number, to: number): number[] => {
    const found: number[] = [];
    for (let i = from + 1; i < to; i++) if (ENTRY_LINE.test(lines[i]!)) found.push(i);
    return found;
  };
  let start = listAt();
  const listedFirst = start < 0 ? 0 : entryLines(start, listEnd(start)).length;
  if (listedFirst < LEAST_ENTRIES) return { markdown, entries: listedFirst, moved: 0, brought: [], joined: [] };
  // Entries the order left outside the list, in the back matter after it or as a page of them in
  // a chapter before it, come back to it, at its end: the sort below sets them in their places.
  const before = strandedPage(lines, start, entryLines(start, listEnd(start)).map((at) => authorKey(lines[at]!.replace(PAGE_MARKER, '').replace(ENTRY_LINE, ''))));
  const after = strandedEntries(lines, listEnd(start));
  const broughtTexts = [...before, ...after].map((at) => lines[at]!);
  for (const at of [...before, ...after].sort((a, b) => b - a)) lines.splice(at, lines[at + 1] === '' ? 2 : 1);
  start = listAt();
  const listed = entryLines(start, listEnd(start));
  // (as the list sets its entries: a blank line between them, or none)
  const last = listed[listed.length - 1]!;
  const loose = lines[last + 1] === '';
  lines.splice(last + 1, 0, ...broughtTexts.flatMap((text) => (loose ? ['', `- ${text}`] : [`- ${text}`])));
  const joined = joinCitedRests(lines, start, listEnd(start));
  const slots = entryLines(start, listEnd(start));
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
  if (!moved) return { markdown: lines.join('\n'), entries: groups.length, moved: 0, brought: broughtTexts, joined };
  sorted.flatMap((g) => g.texts).forEach((text, k) => {
    // (an entry that stays where it was keeps its line, a page marker inside it too)
    if (text !== texts[k]) lines[slots[k]!] = `- ${text}${markers[k]}`;
  });
  return { markdown: lines.join('\n'), entries: groups.length, moved, brought: broughtTexts, joined };
}

/**
 * Paragraphs after the bibliography (in the back matter before the source's colophon) that are
 * entries of it: an author, a full stop and a title (`Andy Beckett. "The new left economics…"`,
 * `W. Lance Bennett, … and Shawn Walker. "Organization…"`) citing a year, short of a paragraph of
 * prose, with no footnote of their own and no page break inside; and beside one such, a short one
 * of the same shape citing none (`Yochai Benkler. *The Wealth of Networks*`). A page of the list
 * the order set after the next heading leaves them there, among text that is no list (a list page
 * the order can tell as one it brings back itself: order/lists.ts). Line indexes, ascending.
 */
function strandedEntries(lines: readonly string[], from: number): number[] {
  const paragraphs: Array<{ at: number; shaped: boolean; cites: boolean }> = [];
  let division = '';
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    const opened = DIVISION_LINE.exec(line);
    if (opened) division = opened[1]!;
    else if (division !== 'colophon' && lines[i - 1] === '' && line !== '' && !/^<!--[^>]*-->$/.test(line)) {
      const shaped = AUTHOR_AND_TITLE.test(line) && !/\[\^|<!--/.test(line);
      paragraphs.push({ at: i, shaped, cites: shaped && isCitation(line) });
    }
  }
  return paragraphs
    .filter(({ shaped, cites }, k) => cites || (shaped && lines[paragraphs[k]!.at]!.length < SHORT_ENTRY && (!!paragraphs[k - 1]?.cites || !!paragraphs[k + 1]?.cites)))
    .map((p) => p.at);
}

/**
 * A page of the list that the order set in a chapter before it: a run of at least STRANDED_RUN
 * paragraphs that cite works as its entries do (see strandedEntries), nothing but such entries and
 * short citations between them, and the rest of an entry cut at the page before them (`February
 * 14, 2018 <<https://…>>.`); and the list lacks the stretch of the alphabet they cover (a chapter's
 * own reading list names works the list has too). Or one entry alone, with its web address, that
 * opens a page of a chapter (a list page's last entry the extraction ran into the next page of its
 * sheet: `Christel van de Craats and Tomas Diez. "The Fab City movement…" … <<https://…>>`) by an
 * author the list names nowhere. Line indexes, ascending.
 */
function strandedPage(lines: readonly string[], before: number, listed: readonly string[]): number[] {
  const found: number[] = [];
  const alone: number[] = [];
  let run: number[] = [];
  let cited = 0;
  let division = '';
  const close = (): void => {
    if (cited >= STRANDED_RUN) {
      const keys = run.map((at) => lines[at]!.replace(PAGE_MARKER, '')).filter((text) => !carriesOn(text)).map(authorKey).sort((a, b) => a.localeCompare(b));
      const [low, high] = [keys[0]!, keys[keys.length - 1]!];
      if (!listed.some((key) => key.localeCompare(low) > 0 && key.localeCompare(high) < 0)) found.push(...run);
    }
    run = [];
    cited = 0;
  };
  for (let i = 0; i < before; i++) {
    const line = lines[i]!;
    const opened = DIVISION_LINE.exec(line);
    if (opened) {
      close();
      division = opened[1]!;
      continue;
    }
    if (line === '' || lines[i - 1] !== '' || line.startsWith('[^') || (line.startsWith('<!--') && /^<!--[^>]*-->$/.test(line))) continue;
    if (division !== 'chapter' && division !== 'backmatter') continue;
    const text = line.includes('<!--') ? line.replace(PAGE_MARKER, '') : line;
    const entry = AUTHOR_AND_TITLE.test(text) && !/\[\^/.test(text) && isCitation(text);
    // (a rest opens the run only: `February 14, 2018 <<https://…>>.`, an address, lowercase)
    const rest = !run.length && text.length < SHORT_ENTRY && carriesOn(text) && !/\[\^/.test(text);
    // (between them, a short citation, or a short entry that names a work without a year: `Georgy Lukacs. *History and Class Consciousness*`)
    const between = run.length > 0 && ((isCitation(text) && text.length < SHORT_ENTRY * 2) || (AUTHOR_AND_TITLE.test(text) && text.length < SHORT_ENTRY)) && !/\[\^/.test(text) && !/^#/.test(text);
    if (entry || rest || between) {
      run.push(i);
      if (entry) cited++;
    } else close();
    // (an entry with its address alone at the top of a page, the rest of the page the chapter's)
    if (entry && division === 'chapter' && ADDRESS.test(text) && /^<!-- page [^>]+ -->$/.test(lines[i - 2] ?? '') && !listed.includes(authorKey(text))) alone.push(i);
  }
  close();
  return [...new Set([...found, ...alone])].sort((a, b) => a - b);
}

/** Entries in a row that make a page of the list in a chapter. */
const STRANDED_RUN = 4;
const MONTH_FIRST = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/;

/** An entry this short names a work and little else: it need not cite a year. */
const SHORT_ENTRY = 160;
const AUTHOR_AND_TITLE = /^\p{Lu}[^“”"*<>[\]]{0,120}?\.\s+[“"*]/u;
const YEAR = /\b(1[5-9]|20)\d\d\b/;
const ADDRESS = /<{1,2}(?:https?:\/\/|www\.)/;

function isCitation(text: string): boolean {
  if (!YEAR.test(text)) return false;
  const words = text.replace(/<+[^<>\s]+>+|\(?https?:\/\/\S+/g, ' ');
  return words.length < 400 || !isProse(words);
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
