/**
 * Writes the bad-input corpus: one folder per case under test/bad-input/cases/<case>/ with its input
 * files, built from one small well-formed raw book (the shape of manuscript/exodus.raw.md: a title
 * page, a `# Contents` page of `<b>Title</b>\t<b>page</b>` lines, pages whose footnotes follow a
 * `---` rule). Each case's expected.json is written by hand; this script only (re)writes inputs.
 *
 *   npx tsx test/bad-input/make-corpus.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CASES = join(dirname(fileURLToPath(import.meta.url)), 'cases');

export const META = `title: The Small Book
author: Ann Author
language: en
date: 2020-01-01
publisher: Test Press
rights: Anti-copyright.
identifier: urn:uuid:00000000-0000-4000-8000-000000000007
edition: 1
changes: []
`;

const TITLE = '# The Small Book\n\nAnn Author';
const CONTENTS = '# Contents\n\n<b>Chapter One: Rivers and Roads</b>\t<b>3</b>\n<b>Chapter Two: Mills and Markets</b>\t<b>5</b>';

/** The pages of the template book from page 3 on, in reading order. */
export const PAGES: string[] = [
  `# Chapter One: Rivers and Roads

The river ran past the old town where the millers kept their wheels turning through the long winter months.<sup>1</sup> Every road that led out of the valley crossed it at least once, and the bridges were older than anyone could remember.

Travellers came in spring with carts of wool and salt, and they paid the toll at the eastern gate before they were allowed to trade in the square.<sup>2</sup> The council kept a ledger of every cart and every

---

<sup>1</sup> Parish records, volume two, page nine.

<sup>2</sup> The toll was abolished in the later reform.`,
  `coin, and the ledger survives in the archive to this day, bound in leather and stamped with the seal of the town.

By midsummer the roads were dry and the river low, and the boatmen rested while the carters took their trade.<sup>3</sup> Nobody thought the arrangement strange; it had always been so.

---

<sup>3</sup> On the seasonal trades see the second chapter.`,
  `# Chapter Two: Mills and Markets

The mills stood on the northern bank, each with its own race cut from the river above the weir.<sup>1</sup> Their owners met once a year to settle the water rights, and the meeting often ended in a quarrel.

The market was held every Thursday in the square below the church.<sup>2</sup> Farmers from the hills brought cheese and eggs, and the millers sold flour by the sack to anyone who could pay in coin or in kind.

---

<sup>1</sup> The weir was rebuilt twice in the period.

<sup>2</sup> The charter of the market is lost.`,
  `When the railway came the market shrank, and the mills closed one after another until only the smallest was left grinding for the bakers of the town.<sup>3</sup> It still turns on feast days for visitors.

---

<sup>3</sup> It is now kept by a trust.`,
];

export function rawBook(pages: readonly string[] = PAGES, contents = CONTENTS, title = TITLE): string {
  return [title, contents, ...pages].join('\n\n') + '\n';
}

function edit(page: number, from: string, to: string): string[] {
  return PAGES.map((p, i) => {
    if (i !== page) return p;
    if (!p.includes(from)) throw new Error(`template page ${i + 3} has no \`${from}\``);
    return p.replace(from, to);
  });
}

const LONG_LINE = Array.from({ length: 2500 }, (_, i) => `word${i} of the endless sentence`).join(', ') + '.';

/** Files of each case; `null`: the file is deliberately absent. */
const cases: Record<string, Record<string, string | Uint8Array | null>> = {
  ok: { 'input.raw.md': rawBook() },
  empty: { 'input.raw.md': '' },
  'blank-lines-only': { 'input.raw.md': '\n\n   \n\t\n' },
  binary: { 'input.raw.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, ...Array.from({ length: 240 }, (_, i) => (i * 37 + 11) % 256)]) },
  'no-contents': { 'input.raw.md': [TITLE, ...PAGES].join('\n\n') + '\n' },
  'contents-without-page-numbers': { 'input.raw.md': rawBook(PAGES, '# Contents\n\n<b>Chapter One: Rivers and Roads</b>\n<b>Chapter Two: Mills and Markets</b>') },
  'contents-decreasing': { 'input.raw.md': rawBook(PAGES, '# Contents\n\n<b>Chapter One: Rivers and Roads</b>\t<b>5</b>\n<b>Chapter Two: Mills and Markets</b>\t<b>3</b>') },
  'note-definition-missing': { 'input.raw.md': rawBook(edit(0, '\n\n<sup>2</sup> The toll was abolished in the later reform.', '')) },
  'note-definition-duplicated': { 'input.raw.md': rawBook(edit(2, '<sup>2</sup> The charter of the market is lost.', '<sup>2</sup> The charter of the market is lost.\n\n<sup>2</sup> A second charter was granted later.')) },
  'note-reference-unknown': { 'input.raw.md': rawBook(edit(1, 'it had always been so.', 'it had always been so.<sup>7</sup>')) },
  // (a number no note reaches: the order counts notes by number, and once asked for an array of that many)
  'note-number-absurd': { 'input.raw.md': rawBook(edit(1, 'it had always been so.', 'it had always been so.\n\n<sup>99999999999</sup>')) },
  'page-duplicated': { 'input.raw.md': rawBook([PAGES[0]!, PAGES[1]!, PAGES[1]!, PAGES[2]!, PAGES[3]!]) },
  'page-missing': { 'input.raw.md': rawBook([PAGES[0]!, PAGES[2]!, PAGES[3]!]) },
  // The file stops in the middle of page 4's first sentence: chapter two is not in it.
  'cut-short': { 'input.raw.md': rawBook([PAGES[0]!, PAGES[1]!.slice(0, PAGES[1]!.indexOf(' stamped'))]) },
  'html-unbalanced': { 'input.raw.md': rawBook(edit(2, 'church.<sup>2</sup>', 'church.<sup>2')) },
  'html-empty-bold': { 'input.raw.md': rawBook(edit(2, 'The market was held every Thursday in the square below the church.<sup>2</sup> Farmers', 'The market was held <b></b> every Thursday in the<b> </b>square below the church.<sup>2</sup>** ** Farmers')) },
  table: { 'input.raw.md': rawBook(edit(1, 'it had always been so.', 'it had always been so.\n\n| Season | Carts | Toll |\n\n|---|---:|---:|\n\n| Spring | 40 | 2d |\n\n| Summer | 12 | 1d |')) },
  'ampersand-and-less-than': { 'input.raw.md': rawBook(edit(1, 'Nobody thought the arrangement strange;', 'Profits & losses were < 5% & the ratio a<b held for R&D at AT&T; nobody thought the arrangement strange;')) },
  // Stray tags after text the canonical manuscript writes otherwise (`\[`, a list spread out), so its lines move.
  'html-stray-tags': {
    'input.raw.md': rawBook(
      edit(1, 'Nobody thought the arrangement strange;', 'The carters listed [in order] three goods:\n\n- wool\n- salt\n\n- iron\n\nNobody [sic] thought the arrangement strange </p> </div>;'),
    ),
  },
  // Windows line ends: every character still on exactly one page (the offsets count the `\r`).
  'crlf-line-ends': { 'input.raw.md': rawBook().replace(/\n/g, '\r\n') },
  'long-line': { 'input.raw.md': rawBook(edit(1, 'Nobody thought the arrangement strange;', `${LONG_LINE} Nobody thought the arrangement strange;`)) },
  'not-utf8': {
    'input.raw.md': (() => {
      const text = Buffer.from(rawBook(edit(3, 'visitors.', 'visitors from Montr\u00e9al.')), 'utf8');
      // The é of Montréal written as one Latin-1 byte (0xE9), as a mis-encoded extraction has it.
      const at = text.indexOf(Buffer.from('Montr\u00e9al', 'utf8')) + 'Montr'.length;
      return Uint8Array.from([...text.subarray(0, at), 0xe9, ...text.subarray(at + 2)]);
    })(),
  },
  // (a whole file saved as Latin-1: too many bytes that are not UTF-8 to read as stray ones)
  'latin1-file': { 'input.raw.md': Uint8Array.from(Buffer.from(rawBook(edit(3, 'visitors.', `visitors ${'from the caf\u00e9s of Montr\u00e9al '.repeat(40)}.`)), 'latin1')) },
  // (saved by a Windows tool as UTF-16, little-endian, with its byte-order mark)
  'utf16-file': { 'input.raw.md': Uint8Array.from(Buffer.from(`\uFEFF${rawBook()}`, 'utf16le')) },
  // (a line of nothing but a zero-width space between two paragraphs: normalised away, no text lost)
  'zero-width-line': { 'input.raw.md': rawBook(edit(1, 'it had always been so.', 'it had always been so.\n\u200B\nThe carters agreed.')) },
  // (U+FFFD written by the extraction for a glyph it could not read: valid UTF-8 text)
  'replacement-character': { 'input.raw.md': rawBook(edit(1, 'it had always been so.', 'it had always been so \uFFFD (sic).')) },
  'missing-input': {},
  'bad-arguments': {},
  'argument-without-value': {},
  'out-is-a-file': { 'input.raw.md': rawBook() },
  'metadata-missing': { 'input.raw.md': rawBook(), 'meta.yaml': null },
  // (no --meta: the file beside the raw one, `input.meta.yaml`, is looked for)
  'metadata-not-beside': { 'input.raw.md': rawBook(), 'meta.yaml': null },
  'bad-metadata': { 'input.raw.md': rawBook(), 'meta.yaml': META.replace('date: 2020-01-01', 'date: last spring') },
  'metadata-not-yaml': { 'input.raw.md': rawBook(), 'meta.yaml': META.replace('title: The Small Book', 'title: [The Small Book') },
  'correction-matches-nothing': {
    'input.raw.md': rawBook(),
    'corrections.yaml': '- find: "the Atlee government"\n  replace: "the Attlee government"\n  why: "spelling"\n',
  },
  // A correction that writes a reference to a note the manuscript does not have.
  'correction-dangling-reference': {
    'input.raw.md': rawBook(),
    'corrections.yaml': '- find: "it had always been so."\n  replace: "it had always been so.[^c1-4]"\n  why: "a note to come"\n',
  },
  // Text copied from an edition: the clean manuscript marks the page break inside it (`every<!-- page 4 --> coin`).
  'correction-across-page-break': {
    'input.raw.md': rawBook(),
    'corrections.yaml': '- find: "a ledger of every cart and every coin"\n  replace: "a ledger of each cart and each coin"\n  why: "house style"\n',
  },
  'correction-matches-twice': {
    'input.raw.md': rawBook(),
    'corrections.yaml': '- find: "the river low"\n  replace: "the river lower"\n  why: "unique, it is not"\n- find: "the market"\n  replace: "the fair"\n  why: "matches twice"\n',
  },
};

function writeCorpus(): void {
  for (const [name, files] of Object.entries(cases)) {
    const dir = join(CASES, name);
    mkdirSync(dir, { recursive: true });
    const all = { ...files };
    if (all['input.raw.md'] !== undefined && all['meta.yaml'] === undefined) all['meta.yaml'] = META;
    for (const [file, content] of Object.entries(all)) if (content !== null) writeFileSync(join(dir, file), content);
  }
  process.stdout.write(`wrote ${Object.keys(cases).length} cases to ${CASES}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeCorpus();
