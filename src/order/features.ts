import { type Fragment, HIGHEST_NOTE_NUMBER, type RawBlock } from '../model/page.js';
import { isFolio } from '../ingest/debris.js';
import { WordPairs } from './word-pairs.js';
import { codePointSize, letterAt, lowercaseAt, wordsIn } from '../text/words.js';
import { ENTRY, isCitation } from '../text/citation.js';
import { endsInName, endsInOpenProseItem, endsMidPhrase, endsOpen, noteEndsOpen, endsWithCut, endsWithLeadIn, endsWithPageCitation, isProse, opensExcerptSentence, opensWithAddress, opensWithSentenceOpener, opensWithAlwaysCapital, startsContinuation } from '../text/sentence.js';

/** A Contents heading found inside a fragment. */
export interface AnchorAt {
  /** Index of the entry in the Contents, in book order. */
  entry: number;
  /** Index of the heading block in the fragment's body. */
  block: number;
  /** Whether the entry opens a chapter-level division (footnote numbers restart after it). */
  restartsNotes: boolean;
  /** The printed page the Contents gives the heading. */
  page: number;
  /** The page numbering `page` counts in (see ContentsEntry.numbering); absent: 0. */
  numbering?: number;
}

/** What a fragment shows at its two edges, and what places it in the book. */
export interface FragmentFeatures {
  id: number;
  startsOpen: boolean;
  /** The body opens with a name the book always capitalises (`Parliament`): it may carry on a sentence. */
  startsWithName: boolean;
  /** The body opens with a capital that may finish a name (not `This`, `In`, a heading); and with one that stands anywhere in a sentence (`CAD/CAM`, `I`). */
  startsCapital: boolean;
  startsAlwaysCapital: boolean;
  /** The body stops inside a name being written (`… the German`): a capital may carry it on. */
  endsInName: boolean;
  /** The body stops on a colon after running prose: a lowercase quotation may carry the sentence on. */
  endsOnColon: boolean;
  /** The body stops on a comma: a lead-in to a quotation may follow with a capital. */
  endsOnComma: boolean;
  /** The body stops on a word that cannot end a sentence (`the`, `of`, `outside`). */
  endsMidPhrase: boolean;
  endsOpen: boolean;
  /** The word cut by a hyphen at the very end of the body (`coopta-`), if any. */
  endCut: string | null;
  /** The body's first words, for judging a hyphen join. */
  opening: string;
  /** The last word of the body and the first (lowercased), for judging a sentence carried across pages. */
  lastWord: string | null;
  firstWord: string | null;
  hasTail: boolean;
  /** The last footnote stops mid-sentence, so its tail opens the next page's footnote area. */
  lastNoteOpen: boolean;
  /** Footnote numbers (references and definitions) before the first notes restart, and after the last. */
  firstNote: number | null;
  lastNote: number | null;
  anchors: AnchorAt[];
  /** For pages of an alphabetical list (a bibliography): sort keys of the first and last entries. */
  firstKey: string | null;
  lastKey: string | null;
  /** The median key of the page's entries: where the page falls in its list, whatever one odd entry says. */
  listKey: string | null;
  /**
   * The key of the first entry of a page that holds nothing but entries: a list page's first key,
   * and that of a page with too few entries to call it a list page (one entry cut at the page end,
   * its note below). Where the page falls in a list, if it strays from one.
   */
  entryKey: string | null;
  /**
   * Where the page's first and last entries fall among all the entries of the book's lists: how
   * many sort before the first, and how many at or before the last. Two pages that meet in a list
   * leave no entry of the book between them (see {@link FeatureCorpus.listEntries}).
   */
  entriesBefore: number | null;
  entriesThrough: number | null;
  /** Words of the path of the web address the page opens with (`…/how-communist-mayor-defeating-privatisation-chile/`), if it does. */
  addressWords: string[] | null;
  /** Words of the end of the page's last paragraph: the title an address at the next page's top may repeat. */
  closingWords: ReadonlySet<string> | null;
  /** The first words of the body's first paragraph that tell its content (see {@link echoKey}), if it opens with one. */
  openingKey: string | null;
  /**
   * How the book, somewhere else, goes on after the words this page ends with (the keys of the
   * words that follow them there): a passage quoted twice, a work cited in a note and listed in
   * the bibliography. A page that opens with one of them carries on this page's text.
   */
  echoes: ReadonlySet<string> | null;
  /** Characters of text, for page-count estimates. */
  size: number;
  /** Sparse unit vector of term weights (term id → weight), sorted by term id. */
  terms: Float64Array;
  termIds: Uint32Array;
}

const STOP = new Set(
  'that this with from have they which their there were been would will what when them than then into also more such only other some these those about could should your just very much many most over like even because while where after before being between does through under upon each both same said well make made ibid accessed hosted archive http https www html'.split(' '),
);

/** Terms a page's vector keeps. */
const TERMS_KEPT = 40;

const LETTERS = /\p{L}+/gu;

/** Whether the text holds at least `count` runs of letters (counted no further: a page's last paragraph can be long). */
function hasWords(text: string, count: number): boolean {
  LETTERS.lastIndex = 0;
  let found = 0;
  while (found < count && LETTERS.exec(text) !== null) found++;
  return found >= count;
}

function lastBody(fragment: Fragment): RawBlock | undefined {
  return fragment.body.findLast((block) => !isFolio(block));
}


/**
 * A page's entries, in order: its body blocks, each line of a block the extraction set as a list
 * (`- Arvind Dilawar. …` / `- Chris Dillow. …`) an entry of its own.
 */
function entriesOf(fragment: Fragment): readonly string[] {
  let entries = entriesOfFragment.get(fragment);
  if (!entries) {
    entries = fragment.body.filter((b) => b.kind === 'body').flatMap((b) => {
      const lines = b.text.split('\n');
      return lines.length > 1 && lines.every((line) => LIST_LINE.test(line)) ? lines.map((line) => line.replace(LIST_LINE, '')) : [b.text.replace(LIST_LINE, '')];
    });
    entriesOfFragment.set(fragment, entries);
  }
  return entries;
}

// (the list's sort key, its entries, each page's features and the merged pages' breaks all ask of the same fragments)
const entriesOfFragment = new WeakMap<Fragment, string[]>();
const alphabeticalFragment = new WeakMap<Fragment, boolean>();

const LIST_LINE = /^\s{0,3}[-*+]\s+/;

/**
 * Whether a fragment reads as part of an alphabetical list of works: most entries open with a name
 * and cite a year, and read as a citation, not as a paragraph of running prose that names a year.
 */
function alphabetical(fragment: Fragment): boolean {
  let known = alphabeticalFragment.get(fragment);
  if (known === undefined) {
    const entries = entriesOf(fragment);
    // A page with notes is a chapter's page, unless nearly all of it is entries (a list with a note of its own).
    known = entries.length >= 3 && entries.filter(isCitation).length >= (fragment.notes.length ? 0.8 : 0.6) * entries.length;
    alphabeticalFragment.set(fragment, known);
  }
  return known;
}

function keyOf(word: string): string {
  return word.normalize('NFKD').replace(/[^\p{L}]/gu, '').toLowerCase();
}

/** An entry's first word: the key of a list sorted as written (`Hammond, Grant T.`, `P2P Foundation`). */
export function firstWordKey(text: string): string {
  return keyOf(text.replace(/^[^\p{L}]+/u, '').split(/[\s,.]/)[0]!);
}

/**
 * The first author's surname: the word before the comma of an inverted name (`Hammond, Grant T.`),
 * or the last word of a name written in full (`Grant T. Hammond.`, `Guinan and O'Neill.`).
 */
export function surnameKey(text: string): string {
  let surname = '';
  let particle = '';
  // (a note's reference after the name, `Michel Bauwens.<sup>1</sup>` or `[^bibliography-1]`, is no part of it)
  for (const token of text.replace(/<sup>\d+<\/sup>|\[\^[^\]\s]+\]/g, '').replace(/^[^\p{L}]+/u, '').split(/\s+/)) {
    const word = token.replace(/[*_“”"]/g, '');
    // `Massimo De Angelis`, `Alex de Jong`: the particle is sorted with the surname.
    if (PARTICLE.test(word)) {
      particle += word;
      continue;
    }
    if (!/^\p{Lu}/u.test(word)) break;
    if (/^\p{Lu}\.$/u.test(word)) continue; // an initial
    surname = particle + word;
    particle = '';
    if (/[,.]$/.test(word)) break;
  }
  return keyOf(surname) || firstWordKey(text);
}

const PARTICLE = /^(?:[Dd]e|[Dd]el|[Dd]ella|[Dd]i|[Dd]u|[Vv]an|[Vv]on|[Dd]er|[Dd]en|[Dd]os|[Dd]as)$/u;

/**
 * The sort keys of a list page's first and last entry. A page can open with the end of an entry
 * cut at the page before (its address, `<<https://…`): the first block that opens as an entry counts.
 */
function listKeys(fragment: Fragment, sortKey: (text: string) => string): { firstKey: string | null; lastKey: string | null; listKey: string | null; entryKey: string | null } {
  if (!alphabetical(fragment)) return { firstKey: null, lastKey: null, listKey: null, entryKey: entriesOnly(fragment) ? sortKey(fragment.body[0]!.text) : null };
  const keys = entryKeysOf(fragment, sortKey);
  const sorted = [...keys].sort((a, b) => a.localeCompare(b));
  return { firstKey: keys[0]!, lastKey: keys[keys.length - 1]!, listKey: sorted[Math.floor((sorted.length - 1) / 2)]!, entryKey: keys[0]! };
}

/** The sort keys of a list page's entries, in order (a page's opening rest of an entry has none). */
function entryKeysOf(fragment: Fragment, sortKey: (text: string) => string): string[] {
  return entriesOf(fragment).filter((text) => ENTRY.test(text)).map(sortKey);
}

/** The sort keys of the entries of every list page of the book, sorted. */
function listEntriesOf(fragments: readonly Fragment[], sortKey: (text: string) => string): string[] {
  return fragments.flatMap((fragment) => (alphabetical(fragment) ? entryKeysOf(fragment, sortKey) : [])).sort((a, b) => a.localeCompare(b));
}

/** How many of the sorted keys sort before `key` (or, `through`, at or before it). */
function rankOf(sorted: readonly string[], key: string, through: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const order = sorted[middle]!.localeCompare(key);
    if (order < 0 || (through && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Every block of the body opens as an entry does (a name first) and none is running prose. */
function entriesOnly(fragment: Fragment): boolean {
  return fragment.body.length > 0 && fragment.body.every((block) => block.kind === 'body' && ENTRY.test(block.text) && !isProse(block.text));
}

/**
 * Body blocks of a list page before which the list goes back in the alphabet (`… Pinkert.` +
 * `Negri. *The Politics of Subversion*`): on one page a list's entries are in order, so there two
 * pages of the list meet.
 */
export function alphabetBreaks(fragment: Fragment, sortKey: (text: string) => string): Set<number> {
  const breaks = new Set<number>();
  if (!alphabetical(fragment)) return breaks;
  const keysOf = (block: Fragment['body'][number]): string[] => (block.kind === 'body' ? entriesOf({ ...fragment, body: [block] }).filter(isCitation).map(sortKey) : []);
  let before: string | undefined;
  fragment.body.forEach((block, at) => {
    const keys = keysOf(block);
    if (before !== undefined && keys.length && before.localeCompare(keys[0]!) > 0) breaks.add(at);
    if (keys.length) before = keys[keys.length - 1];
  });
  return breaks;
}

/**
 * Body blocks that follow a heading with entries from the middle of the book's alphabetical list
 * (`## Backmatter` + `Katrina Kozarek. …`, where the list starts at `Abrams`): a heading opens its
 * list at the start, so there a heading's page and a page of the list meet.
 */
export function entriesAfterHeading(fragment: Fragment, sortKey: (text: string) => string, listStart: string | null): Set<number> {
  const breaks = new Set<number>();
  if (listStart === null) return breaks;
  fragment.body.forEach((block, at) => {
    if (at === 0 || fragment.body[at - 1]!.kind !== 'heading' || block.kind !== 'body' || !isCitation(block.text)) return;
    if (sortKey(block.text).localeCompare(listStart) > 0) breaks.add(at);
  });
  return breaks;
}

/** Words of an address that name nothing in particular. */
const ADDRESS_NOISE = new Set('http https www com org net edu gov coop html htm php asp aspx pdf blog blogs article articles story stories news content uploads files wp content index node post posts amp utm the and for'.split(' '));

/** The words of the path of the web address a text opens with, or null if it opens with none. */
function openingAddressWords(text: string): string[] | null {
  if (!opensWithAddress(text)) return null;
  const address = /(?:https?:\/\/|www\.)[^\s<>)\]]+/u.exec(text)?.[0] ?? '';
  const path = address.replace(/^(?:https?:\/\/)?[^/]+/u, '');
  return [...new Set(path.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 3 && !ADDRESS_NOISE.has(w)))];
}

/** The lowercased words of the last 300 characters of a block's text (kept: a piece that keeps a page's end shares its last block). */
function closingWordsOf(block: RawBlock): ReadonlySet<string> {
  let found = closingWordsOfBlock.get(block);
  if (!found) closingWordsOfBlock.set(block, (found = new Set(wordsIn(block.text.slice(-300).toLowerCase(), '', 3))));
  return found;
}

const closingWordsOfBlock = new WeakMap<RawBlock, ReadonlySet<string>>();

/**
 * How the book sorts its lists: by first word or by surname, whichever keeps more of the entries
 * that follow each other on one page in order.
 */
function listSortKey(fragments: readonly Fragment[]): (text: string) => string {
  let byFirstWord = 0;
  let bySurname = 0;
  for (const fragment of fragments) {
    if (!alphabetical(fragment)) continue;
    const entries = entriesOf(fragment);
    for (let k = 1; k < entries.length; k++) {
      if (firstWordKey(entries[k - 1]!).localeCompare(firstWordKey(entries[k]!)) <= 0) byFirstWord++;
      if (surnameKey(entries[k - 1]!).localeCompare(surnameKey(entries[k]!)) <= 0) bySurname++;
    }
  }
  return bySurname > byFirstWord ? surnameKey : firstWordKey;
}

/** A text's words for comparing vocabularies: lowercased, longer than three letters, no stop words. */
export function contentWords(text: string): string[] {
  return wordsIn(text.toLowerCase(), "'’", 4).filter((w) => !STOP.has(w));
}

const wordsOfBlock = new WeakMap<RawBlock, string[]>();

/** A block's words for comparing vocabularies, kept for the next time the block is read. */
function words(block: RawBlock): string[] {
  let found = wordsOfBlock.get(block);
  if (!found) {
    found = contentWords(block.text);
    wordsOfBlock.set(block, found);
  }
  return found;
}

/** Note numbers of a fragment in reading order: body references, or failing that the definitions. */
function noteSequence(fragment: Fragment): number[] {
  return referencedNotes(fragment).filter((number) => number <= HIGHEST_NOTE_NUMBER);
}

function referencedNotes(fragment: Fragment): number[] {
  const defined = fragment.notes.flatMap((n) => (n.noteNumber === undefined ? [] : [n.noteNumber]));
  if (!fragment.refs.length) return defined;
  // Two references the extraction ran together (`<sup>8283</sup>`) where the page defines 82 and 83.
  const known = new Set(defined);
  return fragment.refs.flatMap((ref) => {
    if (known.has(ref) || !known.size) return [ref];
    const digits = String(ref);
    for (let cut = 1; cut < digits.length; cut++) {
      const a = Number(digits.slice(0, cut));
      const b = Number(digits.slice(cut));
      if (known.has(a) && known.has(b)) return [a, b];
    }
    return [ref];
  });
}

/**
 * Words the book capitalises inside sentences and never writes in lowercase: names. A page that
 * opens with one may be carrying on the previous page's sentence. Only a block's opening word is
 * ever asked about (a page, or a piece of one, opens with a block), so only those are counted.
 */
function namesOf(fragments: readonly Fragment[]): Set<string> {
  const asked = new Set<string>();
  for (const fragment of fragments) for (const block of fragment.body) asked.add(openingWord(block.text));
  const midCapital = new Map<string, number>();
  const lower = new Set<string>();
  for (const fragment of fragments) {
    for (const block of fragment.body) {
      for (const word of secondWords(block.text)) {
        if (!UPPER_FIRST.test(word)) {
          if (asked.has(word)) lower.add(word);
          continue;
        }
        const key = word.toLowerCase();
        if (asked.has(key)) midCapital.set(key, (midCapital.get(key) ?? 0) + 1);
      }
    }
  }
  return new Set([...midCapital].filter(([word, count]) => count >= 2 && !lower.has(word)).map(([word]) => word));
}

/** A block's opening word, lowercased, past any emphasis or opening quote: what {@link namesOf} is asked about. */
function openingWord(text: string): string {
  return (OPENING_WORD.exec(text)?.[1] ?? '').toLowerCase();
}

const OPENING_WORD = /^[*_“"‘']*(\p{L}+)/u;

const UPPER_FIRST = /^\p{Lu}/u;

/**
 * The second words of what `/(\p{Ll}[\p{L},;]*)\s+(\p{L}+)/gu` matches in the text, found in one pass
 * (the regex tries every lowercase letter of a word that no space follows, and the words of every
 * block of the book are read): a run of letters, commas and semicolons from a lowercase letter on,
 * spaces, then the letters the match takes as its second word; the search goes on after them. A
 * run that no space and letter follow matches from none of its letters.
 */
export function secondWords(text: string): string[] {
  const words: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!lowercaseAt(text, i)) {
      i += codePointSize(text, i);
      continue;
    }
    let end = i;
    for (let size = 1; end < n; end += size) {
      const code = text.charCodeAt(end);
      size = code === 44 || code === 59 ? 1 : letterAt(text, end);
      if (!size) break;
    }
    if (end < n && isSpaceAt(text, end)) {
      let word = end;
      while (word < n && isSpaceAt(text, word)) word++;
      if (word < n && letterAt(text, word)) {
        let wordEnd = word;
        for (let size = letterAt(text, wordEnd); size; size = wordEnd < n ? letterAt(text, wordEnd) : 0) wordEnd += size;
        words.push(text.slice(word, wordEnd));
        i = wordEnd;
        continue;
      }
    }
    i = end;
  }
  return words;
}

const SPACE = /^\s$/u;

/** Whether the code unit at `at` is \s (ASCII answered without a regex). */
function isSpaceAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : SPACE.test(text.charAt(at));
}

/**
 * What every fragment's features are judged against, all from the book's fragments: the names it
 * capitalises, how it sorts its lists, and how often each term occurs (its own pages' tallies kept).
 */
export interface FeatureCorpus {
  names: Set<string>;
  sortKey: (text: string) => string;
  /** A fragment's term tally (terms the book's fragments hold, by id, in the order first met); a piece's blocks are the book's blocks. */
  tallyOf: (fragment: Fragment) => Map<number, number>;
  documentFrequency: readonly number[];
  /** The term tally of each of the book's fragments, in order. */
  counts: readonly Map<number, number>[];
  /** For the words each of the book's pages ends with ({@link echoKey}), the keys of the words that follow them elsewhere in the book. */
  echoes: ReadonlyMap<string, ReadonlySet<string>>;
  /** The sort keys of every entry on the book's list pages, sorted. */
  listEntries: readonly string[];
}

/** Content words (see `words`) a page's edge is matched by: three on each side make a passage that seldom recurs by chance. */
const ECHO_WORDS = 3;

/** The key of a block's first (or last) ECHO_WORDS content words, or null if it has fewer. */
function echoKey(block: RawBlock | undefined, end: boolean): string | null {
  if (!block || block.kind === 'heading') return null;
  const found = words(block);
  if (found.length < ECHO_WORDS) return null;
  return (end ? found.slice(-ECHO_WORDS) : found.slice(0, ECHO_WORDS)).join(' ');
}

/**
 * Where the words a page ends with stand elsewhere in the book (any block, notes too), the words
 * that follow them there. Looked up by the last word first: most positions end no page's words.
 * Words the book has more often than a few times (a phrase, not a passage) say nothing.
 */
function echoesOf(fragments: readonly Fragment[]): Map<string, Set<string>> {
  const endings = new Map<string, Array<{ words: string[]; key: string }>>();
  for (const fragment of fragments) {
    const key = echoKey(lastBody(fragment), true);
    if (!key) continue;
    const ending = { words: key.split(' '), key };
    const same = endings.get(ending.words[ECHO_WORDS - 1]!);
    if (same) same.push(ending);
    else endings.set(ending.words[ECHO_WORDS - 1]!, [ending]);
  }
  const echoes = new Map<string, Set<string>>();
  const seen = new Map<string, number>();
  for (const fragment of fragments) {
    for (const block of [...fragment.body, ...fragment.notes]) {
      const found = words(block);
      for (let i = ECHO_WORDS - 1; i + ECHO_WORDS < found.length; i++) {
        for (const { words: ending, key } of endings.get(found[i]!) ?? []) {
          let matches = true;
          for (let k = 1; k < ECHO_WORDS && matches; k++) matches = found[i - k] === ending[ECHO_WORDS - 1 - k];
          if (!matches) continue;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          let following = echoes.get(key);
          if (!following) echoes.set(key, (following = new Set()));
          following.add(found.slice(i + 1, i + 1 + ECHO_WORDS).join(' '));
        }
      }
    }
  }
  for (const [key, count] of seen) if (count > MAX_ECHOES) echoes.delete(key);
  return echoes;
}

/** Places elsewhere in the book that a page's last words may stand in and still be a passage of their own. */
const MAX_ECHOES = 3;

export function featureCorpus(fragments: readonly Fragment[]): FeatureCorpus {
  const termIndex = new Map<string, number>();
  const documentFrequency: number[] = [];
  // A block's words are read once, however many pieces share the block: as term ids, word by word.
  const blockTerms = new Map<RawBlock, Int32Array>();
  let grow = true;
  const termsOf = (block: RawBlock): Int32Array => {
    let ids = blockTerms.get(block);
    if (!ids) {
      const found: number[] = [];
      for (const word of words(block)) {
        let id = termIndex.get(word);
        if (id === undefined) {
          if (!grow) continue;
          id = termIndex.size;
          termIndex.set(word, id);
          documentFrequency.push(0);
        }
        found.push(id);
      }
      blockTerms.set(block, (ids = Int32Array.from(found)));
    }
    return ids;
  };
  // (counted in a flat array, a page's terms put in a Map once: a Map per block, merged, cost more)
  let scratch = new Int32Array(1024);
  const tallyOf = (fragment: Fragment): Map<number, number> => {
    const firstMet: number[] = [];
    // Notes count too: the works a chapter cites (author names, titles) are its fingerprint.
    for (const blocks of [fragment.body, fragment.notes]) {
      for (const block of blocks) {
        const ids = termsOf(block);
        if (termIndex.size > scratch.length) {
          const grown = new Int32Array(Math.max(termIndex.size, scratch.length * 2));
          grown.set(scratch);
          scratch = grown;
        }
        for (let k = 0; k < ids.length; k++) if (scratch[ids[k]!]!++ === 0) firstMet.push(ids[k]!);
      }
    }
    const tally = new Map<number, number>();
    for (const id of firstMet) {
      tally.set(id, scratch[id]!);
      scratch[id] = 0;
    }
    return tally;
  };
  const counts = fragments.map((fragment) => {
    const tally = tallyOf(fragment);
    for (const id of tally.keys()) documentFrequency[id]!++;
    return tally;
  });
  // Once the book is counted, a block met later (a piece's) holds only the book's terms.
  grow = false;
  const sortKey = listSortKey(fragments);
  return { names: namesOf(fragments), sortKey, tallyOf, documentFrequency, counts, echoes: echoesOf(fragments), listEntries: listEntriesOf(fragments, sortKey) };
}

/**
 * Features of the fragments, and of `extra` fragments (pieces of them) judged against the same book:
 * the book's names, list order and term frequencies come from `fragments` alone (`corpus`, if it
 * was made of them already). `known`: the fragments' own features, computed before with the same
 * anchors, are taken as they are.
 */
export function fragmentFeatures(fragments: readonly Fragment[], anchorsByFragment: ReadonlyMap<number, AnchorAt[]>, extra: readonly Fragment[] = [], known?: readonly FragmentFeatures[], corpus = featureCorpus(fragments)): FragmentFeatures[] {
  const { names, sortKey, documentFrequency, echoes, listEntries } = corpus;
  const counts = [...corpus.counts, ...extra.map(corpus.tallyOf)];
  const n = fragments.length;
  const idf = Float64Array.from(documentFrequency, (frequency) => Math.log(n / frequency));

  return [...fragments, ...extra].map((fragment, i) => {
    if (known && i < n) return known[i]!;
    const first = fragment.body.find((block) => !isFolio(block));
    const last = lastBody(fragment);
    const sequence = noteSequence(fragment);
    const anchors = anchorsByFragment.get(fragment.id) ?? [];
    const firstIsHeading = first?.kind === 'heading';
    const { termIds, terms } = termVector(counts[i]!, idf, documentFrequency);
    const lastNote = fragment.notes[fragment.notes.length - 1];
    const keys = listKeys(fragment, sortKey);
    return {
      id: fragment.id,
      // An extraction sometimes puts a list marker before a page's carried-over words (`- journal.eu/…`).
      // A list page that opens with an address carries on the entry the page before left open (in a
      // chapter, an address at the page top is more often a note's rest set among the body).
      startsOpen: !!first && !firstIsHeading && !opensExcerptSentence(first.text) && (startsContinuation(first.text) || /^[-*] \p{Ll}/u.test(first.text) || (keys.listKey !== null && opensWithAddress(first.text))),
      startsCapital: !!first && !firstIsHeading && first.kind === 'body' && /^[*_“"‘']*\p{Lu}/u.test(first.text) && !opensWithSentenceOpener(first.text),
      startsAlwaysCapital: !!first && !firstIsHeading && first.kind === 'body' && opensWithAlwaysCapital(first.text),
      endsInName: !!last && last.kind !== 'heading' && endsInName(last.text),
      endsOnColon: !!last && last.kind !== 'heading' && isProse(last.text) && /:[”"’']?$/.test(last.text.trim()),
      endsOnComma: !!last && last.kind !== 'heading' && /,[”"’']?$/.test(last.text.replace(/<sup>\d+<\/sup>/g, '').trim()),
      endsMidPhrase: !!last && last.kind !== 'heading' && endsMidPhrase(last.text),
      startsWithName: !!first && !firstIsHeading && names.has(openingWord(first.text)),
      // Names, dates and titles end without a full stop too; only running prose is left unfinished.
      // A quotation's page after its sentence (`… numbers. *Ibid.*, p. 115`) is finished; a long prose list item left on a comma is not.
      endsOpen: !!last && last.kind !== 'heading' && hasWords(last.text, 6) && ((endsOpen(last.text) && !endsWithLeadIn(last.text) && !endsWithPageCitation(last.text)) || endsInOpenProseItem(last.text)),
      endCut: last && last.kind !== 'heading' ? endsWithCut(last.text) : null,
      opening: first ? first.text.slice(0, 80) : '',
      lastWord: last && last.kind !== 'heading' ? WordPairs.lastWord(last.text) : null,
      firstWord: first && !firstIsHeading ? WordPairs.firstWord(first.text) : null,
      hasTail: fragment.noteTail !== null,
      lastNoteOpen: lastNote ? noteEndsOpen(lastNote.text) : false,
      firstNote: sequence.length ? sequence[0]! : null,
      lastNote: sequence.length ? sequence[sequence.length - 1]! : null,
      anchors,
      ...keys,
      entriesBefore: keys.firstKey === null ? null : rankOf(listEntries, keys.firstKey, false),
      entriesThrough: keys.lastKey === null ? null : rankOf(listEntries, keys.lastKey, true),
      addressWords: first && !firstIsHeading ? openingAddressWords(first.text) : null,
      closingWords: last && last.kind !== 'heading' ? closingWordsOf(last) : null,
      openingKey: echoKey(first, false),
      echoes: echoes.get(echoKey(last, true) ?? '') ?? null,
      size: fragment.body.reduce((sum, b) => sum + b.text.length, 0) + fragment.notes.reduce((sum, b) => sum + b.text.length, 0) * 0.8,
      termIds,
      terms,
    };
  });
}

/**
 * A page's term vector: weighted, truncated to the strongest terms (enough to tell topics apart,
 * cheap to compare), as a unit vector sorted by term id. The strongest are those of highest
 * weight, the first counted first among equals (as a stable sort by weight would leave them).
 */
export function termVector(counts: ReadonlyMap<number, number>, idf: Float64Array, documentFrequency: readonly number[]): { termIds: Uint32Array; terms: Float64Array } {
  const ids: number[] = [];
  const weights: number[] = [];
  for (const [id, tf] of counts) {
    // A word on this page alone can match no other page: it would only dilute the rest.
    if (documentFrequency[id]! <= 1) continue;
    const w = (1 + Math.log(tf)) * idf[id]!;
    if (w > 0) {
      ids.push(id);
      weights.push(w);
    }
  }
  // (a page has hundreds of terms and the book hundreds of pages: the weakest kept is found by a
  // numeric sort, and the kept put in term order by another, instead of sorts that call back)
  let take = ids.length;
  let threshold = -Infinity;
  let ties = 0;
  if (take > TERMS_KEPT) {
    threshold = new Float64Array(weights).sort()[ids.length - TERMS_KEPT]!;
    ties = TERMS_KEPT - weights.filter((w) => w > threshold).length;
    take = TERMS_KEPT;
  }
  // Term id and place in `ids`, packed in one number (exactly: both are below a few million).
  const places = ids.length;
  const packed = new Float64Array(take);
  let kept = 0;
  for (let k = 0; k < ids.length && kept < take; k++) {
    const w = weights[k]!;
    if (w > threshold || (w === threshold && ties-- > 0)) packed[kept++] = ids[k]! * places + k;
  }
  packed.sort();
  const termIds = new Uint32Array(take);
  const inOrder = new Array<number>(take);
  for (let j = 0; j < take; j++) {
    termIds[j] = Math.floor(packed[j]! / places);
    inOrder[j] = weights[packed[j]! % places]!;
  }
  const norm = Math.hypot(...inOrder) || 1;
  const terms = new Float64Array(take);
  for (let j = 0; j < take; j++) terms[j] = inOrder[j]! / norm;
  return { termIds, terms };
}

export function cosine(a: Pick<FragmentFeatures, 'termIds' | 'terms'>, b: Pick<FragmentFeatures, 'termIds' | 'terms'>): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.termIds.length && j < b.termIds.length) {
    const x = a.termIds[i]!;
    const y = b.termIds[j]!;
    if (x === y) sum += a.terms[i++]! * b.terms[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}
