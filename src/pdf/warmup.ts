/**
 * A made-up little book the PDF worker typesets, and throws away, while the text stages of a build
 * run on the other thread (src/pdf/worker.ts): by the time the real book arrives, the typesetter's
 * code is compiled by V8's optimising tiers and the fonts' shaping and hyphenation paths have been
 * taken. It leaves no trace in the real PDF (the tests compare bytes): every cache it fills holds
 * what the same input would give anyway.
 */
import type { BlockContent, FootnoteDefinition, Heading, PhrasingContent, Root, RootContent } from 'mdast';
import { Report } from '../diagnostics/diagnostic.js';
import { bookFromTree } from '../manuscript/from-markdown.js';
import { toPdf } from './index.js';

const WORDS = (
  'the of and to in that is was for it with as his on be at by this had not are but from or have an they which one you were her all ' +
  'she there would their we him been has when who will more no if out so said what up its about into than them can only other new ' +
  'some could time these two may then do first any my now such like our over man me even most made after also did many before must ' +
  'through back years where much your way well down should because each just those people how too little state good very make world ' +
  'still own see men work long get here between both life being under never day same another know while last might us great old year ' +
  'production cooperative municipal transition revolutionary organisation capitalism institutions movement government economic ' +
  'technology commons networked platforms horizontal infrastructure communities autonomous property labour monopoly association ' +
  'relationships development strategies contradictions possibilities manufacturing distribution decentralisation counterproductive ' +
  'self-organised peer-to-peer twenty-first ‘quoted’ “double” œuvre naïve café façade Zapatistas Kropotkin Proudhon Bookchin'
).split(' ');

/** Deterministic sentences of the words above (a fixed linear congruential sequence). */
function prose(seed: number, sentences: number): string {
  let x = seed;
  const next = (n: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const length = 8 + next(22);
    const words: string[] = [];
    for (let w = 0; w < length; w++) {
      let word = WORDS[next(WORDS.length)]!;
      if (next(40) === 0) word = `*${word}*`;
      else if (next(90) === 0) word = `**${word}**`;
      words.push(word);
      if (w > 2 && w < length - 2 && next(9) === 0) words[words.length - 1] += next(3) ? ',' : ';';
    }
    const sentence = words.join(' ');
    out.push(`${sentence[0]!.toUpperCase()}${sentence.slice(1)}${next(7) ? '.' : next(2) ? '?' : '!'}`);
  }
  return out.join(' ');
}

const FRONT_MATTER = [
  'title: Warm-up',
  'author: Nobody',
  'language: en',
  'date: 2000-01-01',
  'publisher: Nobody',
  'rights: None',
  'identifier: urn:uuid:00000000-0000-4000-8000-000000000000',
  'edition: 1',
  'changes: []',
];

/** A block of the sample book, its text in the little markdown prose() writes (emphasis, strong, note references, an autolink). */
type SampleBlock =
  | { kind: 'division' }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'note'; label: string; text: string };

/** The sample book: three chapters of justified prose, notes, a quotation, a list, a link. */
function sampleBlocks(): SampleBlock[] {
  const blocks: SampleBlock[] = [];
  let seed = 7;
  for (let c = 1; c <= 3; c++) {
    blocks.push({ kind: 'division' }, { kind: 'heading', text: `Chapter ${c}: ${prose(seed++, 1).slice(0, 40).replace(/[*.?!,;]/g, '')}` });
    for (let p = 1; p <= 14; p++) {
      const note = p % 3 === 0 ? `[^c${c}-${p}]` : '';
      blocks.push({ kind: 'paragraph', text: `${prose(seed++, 4 + (p % 5))}${note} ${prose(seed++, 2)}` });
      if (p === 5) blocks.push({ kind: 'quote', text: prose(seed++, 5) });
      if (p === 9) blocks.push({ kind: 'list', items: [1, 2, 3].map(() => prose(seed++, 1)) });
      if (p === 11) blocks.push({ kind: 'paragraph', text: `${prose(seed++, 2)} See <https://example.org/a-rather-long-address/with/several/parts.html> and ${prose(seed++, 1)}` });
    }
    for (let p = 3; p <= 14; p += 3) blocks.push({ kind: 'note', label: `c${c}-${p}`, text: prose(seed++, 1 + (p % 4)) });
  }
  return blocks;
}

/** The sample book's clean manuscript (what {@link warmUpTree} is the parse of). */
export function warmUpManuscript(): string {
  const parts = ['---', ...FRONT_MATTER, '---', ''];
  for (const block of sampleBlocks()) {
    if (block.kind === 'division') parts.push('<!-- division: chapter -->', '');
    else if (block.kind === 'heading') parts.push(`# ${block.text}`, '');
    else if (block.kind === 'paragraph') parts.push(block.text, '');
    else if (block.kind === 'quote') parts.push(`> ${block.text}`, '');
    else if (block.kind === 'list') parts.push(...block.items.map((item, i) => `${i + 1}. ${item}`), '');
    else parts.push(`[^${block.label}]: ${block.text}`, '');
  }
  return parts.join('\n');
}

/** One of prose()'s marks: strong, emphasis, a note reference or an autolink. */
const INLINE = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[\^([^\]]+)\]|<([^>]+)>/g;

/** The phrasing nodes a parse gives for prose()'s text (which holds nothing else markdown reads). */
function phrasing(text: string): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) nodes.push({ type: 'text', value: text.slice(at, m.index) });
    if (m[1] !== undefined) nodes.push({ type: 'strong', children: [{ type: 'text', value: m[1] }] });
    else if (m[2] !== undefined) nodes.push({ type: 'emphasis', children: [{ type: 'text', value: m[2] }] });
    else if (m[3] !== undefined) nodes.push({ type: 'footnoteReference', identifier: m[3], label: m[3] });
    else nodes.push({ type: 'link', title: null, url: m[4]!, children: [{ type: 'text', value: m[4]! }] });
    at = m.index + m[0].length;
  }
  if (at < text.length) nodes.push({ type: 'text', value: text.slice(at) });
  return nodes;
}

/**
 * The sample book's tree, made directly rather than parsed: the worker then parses no markdown
 * (a parse there cost as much as the typesetting, and compiled a second copy of the parser that
 * the real book, which arrives parsed, never runs). Its nodes are those a parse of
 * {@link warmUpManuscript} gives, keys in the same order, and as the calling thread sends a tree
 * (src/pdf/parallel.ts): without positions but for the notes', so that the typesetter's compiled code
 * has seen the objects the real book brings.
 */
export function warmUpTree(): Root {
  const children: RootContent[] = [{ type: 'yaml', value: FRONT_MATTER.join('\n') }];
  const paragraph = (text: string): BlockContent => ({ type: 'paragraph', children: phrasing(text) });
  for (const block of sampleBlocks()) {
    if (block.kind === 'division') children.push({ type: 'html', value: '<!-- division: chapter -->' });
    else if (block.kind === 'heading') children.push({ type: 'heading', depth: 1, children: phrasing(block.text.trimEnd()) } satisfies Heading);
    else if (block.kind === 'paragraph') children.push(paragraph(block.text));
    else if (block.kind === 'quote') children.push({ type: 'blockquote', children: [paragraph(block.text)] });
    else if (block.kind === 'list') {
      children.push({ type: 'list', ordered: true, start: 1, spread: false, children: block.items.map((item) => ({ type: 'listItem', spread: false, checked: null, children: [paragraph(item)] })) });
    } else {
      const point = { line: 1, column: 1, offset: 0 };
      const note: FootnoteDefinition = { type: 'footnoteDefinition', identifier: block.label, label: block.label, children: [paragraph(block.text)], position: { start: point, end: point } };
      children.push(note);
    }
  }
  return { type: 'root', children };
}

/** Typesets the sample book and drops the result. */
export async function warmUp(): Promise<void> {
  await toPdf(bookFromTree(warmUpTree()), { report: new Report(), sourceDate: new Date(0), sourceFile: 'warm-up.md' });
}
