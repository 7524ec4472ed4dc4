/**
 * Pages the raw file holds twice (a sheet fed to the scanner twice). A repeat is word for word,
 * but it need not come out of ingest as the same fragment: a page without notes runs into the page
 * after it, and the two copies may be cut apart at other paragraphs. So besides whole fragments,
 * a run of paragraphs that opens or closes a fragment and repeats paragraphs met before is a
 * repeat: cut off and left out. A book does not repeat a few hundred characters of its text word
 * for word by chance (the real book repeats no paragraph of its body).
 */
import type { Fragment, RawBlock } from '../model/page.js';
import { cutFragment } from '../ingest/split-oversized.js';
import type { AnchorAt } from './features.js';

/** A run this long at least, in characters, with a paragraph of REPEATED_PARAGRAPH or more, is a repeat. */
const REPEATED_RUN = 200;
const REPEATED_PARAGRAPH = 80;

export interface Repeat {
  /** The repeated text, as a fragment of its own. */
  fragment: Fragment;
  /** The fragment that holds the text first. */
  copyOf: Fragment;
  /** The repeat was cut off a fragment that goes on with text of its own. */
  part: boolean;
}

export interface WithoutRepeats {
  fragments: Fragment[];
  repeats: Repeat[];
  /**
   * Pages whose paragraphs repeat a whole page met before, and whose notes repeat its notes but
   * run on with more text (the extraction took the next page's opening line for the rest of a
   * note): kept, since that text is another page's, and named.
   */
  kept: Array<{ fragment: Fragment; copyOf: Fragment }>;
  /** Fragments that kept text of their own after a repeat was cut off them. */
  cut: number;
  /** Headings of the fragments kept, their blocks counted in what was kept. */
  anchors: Map<number, AnchorAt[]>;
}

const normalOf = new WeakMap<RawBlock, string>();
/** White space that is not one plain space between words: most blocks have none, and replacing every space would copy them all. */
const UNEVEN_SPACE = /^\s|\s$|[^\S ]| \s/;

/** The block's text, its white space as one space (each block is asked for several times). */
function normal(block: RawBlock): string {
  let text = normalOf.get(block);
  if (text === undefined) normalOf.set(block, (text = UNEVEN_SPACE.test(block.text) ? block.text.replace(/\s+/g, ' ').trim() : block.text));
  return text;
}

function fingerprint(fragment: Fragment): string {
  return [...fragment.body, ...fragment.notes].map(normal).join('\n');
}

/** Where `texts` stand, one after another, in the fragment's body, or -1. */
function runAt(fragment: Fragment, texts: readonly string[]): number {
  const body = fragment.body.map(normal);
  for (let k = 0; k + texts.length <= body.length; k++) if (texts.every((text, j) => body[k + j] === text)) return k;
  return -1;
}

/**
 * Sets aside every repeat, in raw order: the first copy of a text is the one kept. A run cut off a
 * fragment must be a page's text again: with the repeats beside it, it gives back a whole fragment
 * met before (else it may be a paragraph the book itself says twice).
 */
export function setAsideRepeats(fragments: readonly Fragment[], anchors: ReadonlyMap<number, AnchorAt[]>): WithoutRepeats {
  const firstSeen = new Map<string, Fragment>();
  const paragraphSeen = new Map<string, Fragment>();
  const noteSeen = new Set<string>();
  const keptRepeats: WithoutRepeats['kept'] = [];
  const kept: Fragment[] = [];
  const repeats: Repeat[] = [];
  const keptAnchors = new Map(anchors);
  let cut = 0;
  const remember = (fragment: Fragment): void => {
    for (const block of fragment.body) if (!paragraphSeen.has(normal(block))) paragraphSeen.set(normal(block), fragment);
    for (const note of fragment.notes) noteSeen.add(normal(note));
  };
  /** The fragment the run of blocks repeats, and where in it the run stands, if it is long enough to be no chance (REPEATED_RUN). */
  const repeatOf = (blocks: readonly RawBlock[]): { copyOf: Fragment; at: number } | null => {
    const texts = blocks.map(normal);
    if (texts.reduce((sum, text) => sum + text.length, 0) < REPEATED_RUN || !texts.some((text) => text.length >= REPEATED_PARAGRAPH)) return null;
    const copyOf = paragraphSeen.get(texts[0]!);
    const at = copyOf ? runAt(copyOf, texts) : -1;
    return copyOf && at >= 0 ? { copyOf, at } : null;
  };
  /** The last fragment set aside whole, if it was the one just before. */
  let previousRepeat: { copyOf: Fragment; endsAt: number } | null = null;
  fragments.forEach((fragment, index) => {
    const key = fingerprint(fragment);
    const exact = key.length > 40 ? firstSeen.get(key) : undefined;
    const seen = fragment.body.map((block) => paragraphSeen.has(normal(block)));
    const leading = seen.includes(false) ? seen.indexOf(false) : seen.length;
    const notesSeen = fragment.notes.every((note) => noteSeen.has(normal(note))) && !fragment.noteTail;
    const whole = exact ? { copyOf: exact, at: 0 } : leading === seen.length && notesSeen ? repeatOf(fragment.body) : null;
    const before = previousRepeat;
    previousRepeat = null;
    if (whole) {
      repeats.push({ fragment, copyOf: whole.copyOf, part: false });
      previousRepeat = { copyOf: whole.copyOf, endsAt: whole.at + fragment.body.length };
      return;
    }
    const ownAnchors = anchors.get(fragment.id) ?? [];
    const runsOn = leading === seen.length && !notesSeen ? notesRunOn(fragment, repeatOf(fragment.body)) : null;
    if (runsOn) keptRepeats.push({ fragment, copyOf: runsOn });
    let rest = fragment;
    // A run opening the fragment: the rest of the page a repeat just before began, or a whole page.
    // (it must take no heading with it, and leave text: a fragment all of whose paragraphs repeat,
    // but not its notes, is kept whole)
    const headRun = fragment.body.slice(0, leading);
    // (the rest of a repeat just before is a repeat however short)
    const goesOn = before !== null && runAt(before.copyOf, headRun.map(normal)) === before.endsAt ? { copyOf: before.copyOf, at: before.endsAt } : null;
    const head = leading > 0 && leading < seen.length && ownAnchors.every((a) => a.block >= leading) ? (goesOn ?? repeatOf(headRun)) : null;
    const headFinishes = head && head.at + leading === head.copyOf.body.length && (head.at === 0 || head === goesOn);
    // A run closing a fragment without notes (they would be the text's before it): a whole page,
    // or the start of one the next fragment repeats on.
    const trailing = seen.includes(false) ? seen.length - 1 - seen.lastIndexOf(false) : 0;
    const tailAt = seen.length - trailing;
    const tail = !headFinishes && trailing > 0 && fragment.notes.length === 0 && !fragment.noteTail && ownAnchors.every((a) => a.block < tailAt) ? repeatOf(fragment.body.slice(tailAt)) : null;
    const pageGoesOn = tail?.copyOf.body[trailing];
    const next = fragments[index + 1]?.body[0];
    const tailStarts = tail && tail.at === 0 && (pageGoesOn === undefined || (next !== undefined && normal(next) === normal(pageGoesOn)));
    if (head && headFinishes) {
      const [repeated, after] = cutFragment(fragment, leading, 'the text before repeats a page met before');
      repeats.push({ fragment: repeated, copyOf: head.copyOf, part: true });
      rest = after;
      if (ownAnchors.length) keptAnchors.set(fragment.id, ownAnchors.map((a) => ({ ...a, block: a.block - leading })));
      cut++;
    } else if (tail && tailStarts) {
      const [own, repeated] = cutFragment(fragment, tailAt, 'the text from here repeats a page met before');
      repeats.push({ fragment: repeated, copyOf: tail.copyOf, part: true });
      rest = own;
      cut++;
    }
    firstSeen.set(key, fragment);
    remember(rest);
    kept.push(rest);
  });
  return { fragments: kept, repeats, cut, anchors: keptAnchors, kept: keptRepeats };
}

/**
 * The page met before whose paragraphs, all of them, the fragment repeats, if the fragment's notes
 * are that page's notes, the last of them running on with more text; else null.
 */
function notesRunOn(fragment: Fragment, repeat: { copyOf: Fragment; at: number } | null): Fragment | null {
  if (!repeat || repeat.at !== 0 || repeat.copyOf.body.length !== fragment.body.length || fragment.noteTail) return null;
  const theirs = repeat.copyOf.notes.map(normal);
  const ours = fragment.notes.map(normal);
  if (ours.length !== theirs.length || !ours.length) return null;
  const last = ours.length - 1;
  return ours.every((text, k) => (k < last ? text === theirs[k] : text.startsWith(theirs[k]!) && text.length > theirs[k]!.length)) ? repeat.copyOf : null;
}
