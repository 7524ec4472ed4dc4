import type { Root, RootContent } from 'mdast';
import { parseManuscript } from './from-markdown.js';
import { DIVISION_LINE, LINK_DEFINITION, NOTE_DEFINITION, endOf, lineCount, shift } from './reparse.js';
import { stringifyFlow } from './to-markdown.js';

/**
 * Parses the second part of a manuscript (from a division line on) somewhere else, another
 * thread: its top-level nodes, positions counted from the part's own start as a parse of the part
 * alone gives them; null when it cannot (the caller then parses the part itself).
 */
export type TailParser = {
  /** Starts parsing `tail`; called before the caller parses the first part itself. */
  start(tail: string): void;
  /** The nodes of the part given to `start` (waiting for them), or null. */
  finish(): RootContent[] | null;
  /**
   * Starts writing the canonical text of the nodes `finish` gave, as stringifyFlow writes them
   * (the other thread kept its own copy); false when it cannot.
   */
  startWriting?(): boolean;
  /** That text (waiting for it), or null. */
  finishWriting?(): string | null;
};

/** Trees parseInTwo made: how many top-level nodes the first part gave, and who parsed the second. */
const madeInTwo = new WeakMap<Root, { head: number; tail: TailParser }>();

/** Below this many characters a manuscript is parsed in one piece: handing half of it over would cost more than it saves. */
export const MIN_SPLIT_LENGTH = 200_000;

/**
 * Where the cut is sought, as a share of the text: the second part's parser (the worker thread) is
 * slower than this one, its copy of micromark not yet compiled by V8 and the compiler's threads
 * sharing its CPU, so it gets the smaller part; near 60 % both parts were done at about the same
 * time on the default book.
 */
const HEAD_SHARE = 0.6;

/** A footnote label as micromark compares them. */
const labelKey = (label: string): string => label.toLowerCase().toUpperCase();

/** Every `[^label]` (definition or reference), wherever it stands: more than the notes a parse finds, never fewer. */
const ANY_NOTE_LABEL = /\[\^([^\]\s]+)\]/g;

/**
 * Where to cut `source` so that each part parses alone as it does in the whole: at the start of a
 * division line near HEAD_SHARE of the text, after a blank line (so that no block before it runs
 * on into it), where no note a part refers to is defined only in the other part, in a text without
 * link definitions (which work across the whole text). Null when there is no such place, or the text is
 * too short to be worth it.
 */
export function splitPoint(source: string, minLength = MIN_SPLIT_LENGTH): number | null {
  if (source.length < minLength || LINK_DEFINITION.test(source)) return null;
  const middle = source.length * HEAD_SHARE;
  const cuts = [...source.matchAll(DIVISION_LINE)]
    .map((m) => m.index)
    .filter((at) => at >= 2 && source[at - 1] === '\n' && source[at - 2] === '\n')
    .sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle))
    .slice(0, 5);
  if (!cuts.length) return null;
  // Definitions a part surely has (at a line's start) and every label it names anywhere.
  const defined = [...source.matchAll(NOTE_DEFINITION)].map((m) => ({ at: m.index, key: labelKey(m[1]!) }));
  const named = [...source.matchAll(ANY_NOTE_LABEL)].map((m) => ({ at: m.index, key: labelKey(m[1]!) }));
  for (const cut of cuts) {
    const surely = [new Set<string>(), new Set<string>()];
    const anyhow = [new Set<string>(), new Set<string>()];
    for (const d of defined) surely[d.at < cut ? 0 : 1]!.add(d.key);
    for (const n of named) anyhow[n.at < cut ? 0 : 1]!.add(n.key);
    // A label a part names but does not surely define, which the other part may define, could be
    // read as a note in the whole and as text in the part.
    const crosses = [0, 1].some((side) => [...anyhow[side]!].some((key) => !surely[side]!.has(key) && anyhow[1 - side]!.has(key)));
    if (!crosses) return cut;
  }
  return null;
}

/**
 * The tree `parseManuscript(source)` gives, positions and all, with the second part of a long
 * manuscript parsed meanwhile by `tail` (another thread): the parse is the longest step of the
 * manuscript stage, and the PDF thread waits for its tree while the second CPU is otherwise idle.
 * Parts are cut only where they parse alone as in the whole (see {@link splitPoint}); anything
 * else, or a tail parser that cannot, gets a parse of the whole text here.
 */
export function parseInTwo(source: string, tail: TailParser, minLength = MIN_SPLIT_LENGTH): Root {
  const cut = splitPoint(source, minLength);
  if (cut === null) return parseManuscript(source);
  tail.start(source.slice(cut));
  const head = source.slice(0, cut);
  const headTree = parseManuscript(head);
  const tailNodes = tail.finish();
  // A block the head leaves open (a fence, an html block) runs to its end, where in the whole it would run on.
  const last = headTree.children[headTree.children.length - 1];
  const lastEnd = last?.position?.end.offset;
  if (!tailNodes || tailNodes[0]?.type !== 'html' || lastEnd === undefined || lastEnd > head.length - 2) return parseManuscript(source);
  const lines = lineCount(head);
  for (const node of tailNodes) shift(node, lines, cut);
  const tree: Root = { type: 'root', children: [...headTree.children, ...tailNodes], position: { start: { line: 1, column: 1, offset: 0 }, end: endOf(source) } };
  if (tail.startWriting && tail.finishWriting) madeInTwo.set(tree, { head: headTree.children.length, tail });
  return tree;
}

/**
 * The canonical text of a tree parseInTwo made, as stringifyManuscript writes it, the second part
 * written meanwhile by the thread that parsed it (writing is the manuscript stage's next longest
 * step): the writer joins top-level nodes by a blank line before a division line whatever comes
 * before it, so the two parts' texts make the whole's. The tree must be as parseInTwo made it (the
 * other thread writes its own copy of the second part): the build writes it at once. Null for any
 * other tree (give it to stringifyManuscript), or when the other thread cannot.
 */
export function writeInTwo(tree: Root): string | null {
  const made = madeInTwo.get(tree);
  madeInTwo.delete(tree);
  if (!made || !made.tail.startWriting!()) return null;
  const head = stringifyFlow(tree.children.slice(0, made.head));
  const tail = made.tail.finishWriting!();
  if (head === null || tail === null) return null;
  // (as the writer ends a whole text: with one line ending, unless it has one)
  return `${head}\n\n${tail}${/[\r\n]$/.test(tail) ? '' : '\n'}`;
}
