/**
 * A seeded generator of well-formed synthetic books in the raw page-extraction format (see
 * `manuscript/exodus.raw.md`): a title page, a Contents page with the real printed page numbers,
 * optionally a preface, parts and a bibliography, chapters of 1–3 sections, paragraphs of invented
 * words (each chapter with its own topic words), footnotes numbered per chapter (or through the book), pages filled by
 * character capacity and broken mid-paragraph (some mid-word with a hyphen), and long notes running
 * over into the next page's footnote area. Deterministic (own PRNG), no I/O.
 *
 * The book comes back as its pages in reading order plus the ground truth: every block (heading or
 * paragraph, page cuts repaired) in order with the pages it lies on, and every division's notes.
 */
import type { BookMetadata } from '../../src/model/book.js';
import { validateMetadata } from '../../src/model/metadata.js';
import { numberToRoman } from '../../src/contents/index.js';

export type Rng = () => number;

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface SyntheticBookOptions {
  seed: number;
  chapters: number;
  /** Sections per chapter, inclusive range. */
  sections?: [number, number];
  /** Paragraphs per section, inclusive range. */
  paragraphs?: [number, number];
  preface?: boolean;
  bibliography?: boolean;
  /** Group the chapters into this many parts (0: no parts). */
  parts?: number;
  /** Chapters open on odd pages; a blank page (which leaves no text) fills the gap. */
  chaptersOnRecto?: boolean;
  /** Body characters a page holds (a note character takes 0.7 of one). */
  capacity?: number;
  /** Chance that a mid-paragraph break cuts a word with a hyphen. */
  hyphenRate?: number;
  /** Chance that a page's last long note runs over to the next page. */
  runOverRate?: number;
  /** Mean footnote references per paragraph. */
  notesPerParagraph?: number;
  /** Number the notes through the book instead of afresh in each chapter. */
  notesThrough?: boolean;
  /** Whether a paragraph may end on a footnote reference (`…end.<sup>4</sup>`). */
  refAtParagraphEnd?: boolean;
  /** Sentences per paragraph, inclusive range. */
  sentences?: [number, number];
  /** `full`: title, subtitle and author lines; `bare`: the title heading alone. */
  titlePage?: 'full' | 'bare';
  /**
   * How the Contents numbers the pages: `counted` from the title page; or the body's from 1 again
   * (`Chapter One 1`) after front matter numbered in roman (`roman`: `Preface v`) or not listed
   * (`unlisted`), as many printed books do. The pages' `number` stays their place from the title page.
   */
  frontMatterPages?: 'counted' | 'roman' | 'unlisted';
}

export interface SyntheticPage {
  /** Printed page number, the title page being 1. */
  number: number;
  /** The raw text of the page; empty for a blank page. */
  text: string;
  /** Division (index into `divisions`) the page belongs to; -1 for the Contents page. */
  division: number;
}

export type DivisionRole = 'titlepage' | 'preface' | 'part' | 'chapter' | 'bibliography';

export interface SyntheticDivision {
  role: DivisionRole;
  title: string;
  /** Note texts in number order (number = firstNote + index). */
  notes: string[];
  /** The number of its first note: 1, or one more than the notes before it where they are numbered through the book. */
  firstNote: number;
  firstPage: number;
}

export interface TruthBlock {
  kind: 'heading' | 'paragraph';
  /** Text as printed, cuts repaired; references as `<sup>N</sup>`. */
  text: string;
  division: number;
  /** First and last printed page the block lies on. */
  firstPage: number;
  lastPage: number;
}

export interface SyntheticBook {
  options: Required<SyntheticBookOptions>;
  title: string;
  subtitle: string;
  author: string;
  metadata: BookMetadata;
  /** Every page in reading order, blank ones included. */
  pages: SyntheticPage[];
  blocks: TruthBlock[];
  divisions: SyntheticDivision[];
  /** Notes per division that has any, in book order. */
  noteCounts: number[];
  stats: { hyphenCuts: number; compoundCuts: number; midParagraphBreaks: number; paragraphBreaks: number; runOvers: number; notes: number };
}

// ---------------------------------------------------------------------------------------------
// Words

const FUNCTION_WORDS = (
  'the the the the of of of and and and to to in in a a is that that it as for with was on by this are be from or which not but at an its their these have has its into than also can only such more one upon those'
).split(' ');
const COMPOUNDS = ['self-activity', 'post-capitalist', 'co-operative', 'well-being', 'counter-power', 'non-state', 'self-management', 'long-term', 'mutual-aid', 'cross-border'];
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'pr', 'tr', 'st', 'br', 'gr', 'pl', 'cl', 'th', 'sh', 'ch', 'w', 'h', 'k'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io', 'e', 'a', 'o'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'm', 't', 'nd', 'st', 'ct', 'rt'];
const SUFFIXES = ['', '', '', '', 'tion', 'ism', 'ity', 'ive', 'ment', 'ance', 'al', 'ous', 'ing', 'ed'];
const CITIES = ['London', 'New York', 'Chicago', 'Oxford', 'Boston', 'Paris', 'Berlin', 'Toronto', 'Edinburgh', 'Oakland'];
const NUMBER_WORDS = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

function invent(rng: Rng): string {
  const syllables = randInt(rng, 2, 3);
  let word = '';
  for (let s = 0; s < syllables; s++) word += pick(rng, ONSETS) + pick(rng, VOWELS) + (s === syllables - 1 ? pick(rng, CODAS) : '');
  return word + pick(rng, SUFFIXES);
}

function lexicon(rng: Rng, size: number, avoid: ReadonlySet<string>): string[] {
  const words = new Set<string>();
  let guard = 0;
  while (words.size < size && guard++ < size * 20) {
    const w = invent(rng);
    if (w.length >= 4 && w.length <= 14 && !avoid.has(w)) words.add(w);
  }
  return [...words];
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function titleCase(words: readonly string[]): string {
  return words.map((w, i) => (i > 0 && (w === 'of' || w === 'and' || w === 'the') ? w : capitalise(w))).join(' ');
}

interface Word {
  text: string;
  /** Note number (within the division) referenced right after this word. */
  note?: number;
}

interface Work {
  surname: string;
  first: string;
  title: string;
  city: string;
  press: string;
  year: number;
}

// ---------------------------------------------------------------------------------------------
// Generation

interface DraftBlock {
  kind: 'heading' | 'paragraph';
  /** Raw heading line (with its `#`s) or paragraph words. */
  heading?: string;
  headingText?: string;
  words?: Word[];
  /** Bibliography entries never break across pages. */
  whole?: boolean;
}

interface DraftDivision {
  role: DivisionRole;
  title: string;
  contentsTitle: string | null;
  blocks: DraftBlock[];
  notes: string[];
  /** Notes numbered before this division's first (0 unless they are numbered through the book). */
  noteBase?: number;
  sections: Array<{ title: string; block: number }>;
}

const DEFAULTS: Omit<Required<SyntheticBookOptions>, 'seed' | 'chapters'> = {
  sections: [1, 3],
  paragraphs: [3, 6],
  preface: true,
  bibliography: true,
  parts: 0,
  chaptersOnRecto: false,
  capacity: 1600,
  hyphenRate: 0.35,
  runOverRate: 0.3,
  notesPerParagraph: 0.8,
  notesThrough: false,
  refAtParagraphEnd: true,
  titlePage: 'full',
  frontMatterPages: 'counted',
  sentences: [3, 8],
};

export function syntheticBook(input: SyntheticBookOptions): SyntheticBook {
  const options: Required<SyntheticBookOptions> = { ...DEFAULTS, ...input };
  const rng = mulberry32(options.seed);
  const avoid = new Set([...FUNCTION_WORDS, ...COMPOUNDS]);
  const general = lexicon(rng, 2500, avoid);
  const used = new Set(general);
  const topics: string[][] = [];
  for (let c = 0; c <= options.chapters + 1; c++) {
    const t = lexicon(rng, 60, new Set([...avoid, ...used]));
    t.forEach((w) => used.add(w));
    topics.push(t);
  }
  // Words a passage dwells on for a page or two and then leaves: what makes neighbouring pages share words.
  const rare = lexicon(rng, 3000, new Set([...avoid, ...used]));
  rare.forEach((w) => used.add(w));
  let rareNext = 0;
  const freshWord = (): string => rare[rareNext++ % rare.length]!;
  const focus: string[] = [];
  const driftFocus = (): void => {
    while (focus.length < 6) focus.push(freshWord());
    for (let k = 0; k < 2; k++) focus[randInt(rng, 0, focus.length - 1)] = freshWord();
  };
  const names = lexicon(rng, 60, new Set([...avoid, ...used])).map(capitalise);
  const works: Work[] = names.slice(0, 30).map((surname, i) => ({
    surname,
    first: names[30 + i]!,
    title: titleCase([pick(rng, general), 'and', pick(rng, general), pick(rng, general)]),
    city: pick(rng, CITIES),
    press: `${capitalise(pick(rng, general))} Press`,
    year: randInt(rng, 1890, 2020),
  }));
  const title = titleCase([pick(rng, general), pick(rng, general)]);
  const subtitle = titleCase(['the', pick(rng, general), 'of', pick(rng, general), pick(rng, general)]);
  const author = `${pick(rng, names)} ${pick(rng, names)}`;

  const generalWord = (): string => general[Math.floor(general.length * rng() ** 2.2)]!;
  const sentence = (topic: readonly string[], division: DraftDivision, cited: Work[]): Word[] => {
    const length = randInt(rng, 8, 24);
    const words: Word[] = [];
    for (let k = 0; k < length; k++) {
      const r = rng();
      let w = r < 0.42 ? pick(rng, FUNCTION_WORDS) : r < 0.64 ? generalWord() : r < 0.82 ? topic[Math.floor(topic.length * rng() ** 1.5)]! : r < 0.97 ? pick(rng, focus) : pick(rng, COMPOUNDS);
      if (k > 2 && k < length - 2 && rng() < 0.08) w += ',';
      words.push({ text: w });
    }
    words[0]!.text = capitalise(words[0]!.text);
    const last = words[length - 1]!;
    last.text = last.text.replace(/,$/, '') + '.';
    if (rng() < options.notesPerParagraph / 5) {
      // A reference after the full stop, or after a word inside the sentence.
      const at = rng() < 0.7 ? length - 1 : randInt(rng, 2, length - 2);
      words[at]!.note = addNote(division, cited, topic);
    }
    return words;
  };
  const addNote = (division: DraftDivision, cited: Work[], topic: readonly string[]): number => {
    const previous = cited[cited.length - 1];
    const work = pick(rng, works);
    const page = randInt(rng, 3, 400);
    let text: string;
    if (previous && rng() < 0.2) {
      text = `*Ibid.*, p. ${page}.`;
    } else if (cited.includes(work) && rng() < 0.5) {
      text = `${work.surname}, p. ${page}.`;
      cited.push(work);
    } else {
      text = `${work.first} ${work.surname}, *${work.title}* (${work.city}: ${work.press}, ${work.year}), p. ${page}.`;
      cited.push(work);
    }
    if (rng() < 0.4) {
      const n = randInt(rng, 12, 40);
      const more: string[] = [];
      for (let k = 0; k < n; k++) {
        let w = rng() < 0.4 ? pick(rng, FUNCTION_WORDS) : rng() < 0.7 ? generalWord() : pick(rng, topic);
        if (k > 2 && k < n - 2 && rng() < 0.1) w += ',';
        more.push(w);
      }
      text += ` ${capitalise(more.join(' ').replace(/,$/, ''))}.`;
    }
    division.notes.push(text);
    return (division.noteBase ?? 0) + division.notes.length;
  };
  const paragraph = (topic: readonly string[], division: DraftDivision, cited: Work[]): DraftBlock => {
    const words: Word[] = [];
    driftFocus();
    const sentences = randInt(rng, options.sentences[0], options.sentences[1]);
    for (let s = 0; s < sentences; s++) words.push(...sentence(topic, division, cited));
    const last = words[words.length - 1]!;
    if (!options.refAtParagraphEnd && last.note !== undefined) {
      // Move the reference inside the last sentence, after a lowercase word.
      let k = words.length - 2;
      while (k > 0 && (words[k]!.note !== undefined || !/^[a-z]+$/.test(words[k]!.text))) k--;
      words[k]!.note = last.note;
      delete last.note;
    }
    return { kind: 'paragraph', words };
  };
  const plainParagraph = (text: string): DraftBlock => ({ kind: 'paragraph', words: text.split(' ').map((w) => ({ text: w })), whole: true });

  const divisions: DraftDivision[] = [];
  const titleBlocks: DraftBlock[] = [{ kind: 'heading', heading: `# ${title}`, headingText: title }];
  if (options.titlePage === 'full') titleBlocks.push(plainParagraph(subtitle), plainParagraph(author));
  divisions.push({ role: 'titlepage', title, contentsTitle: null, blocks: titleBlocks, notes: [], sections: [] });
  const notesBefore = (): number => (options.notesThrough ? divisions.reduce((sum, d) => sum + d.notes.length, 0) : 0);
  if (options.preface) {
    const d: DraftDivision = { role: 'preface', title: 'Preface', contentsTitle: 'Preface', blocks: [{ kind: 'heading', heading: '## Preface', headingText: 'Preface' }], notes: [], noteBase: notesBefore(), sections: [] };
    const cited: Work[] = [];
    for (let p = randInt(rng, 2, 4); p > 0; p--) d.blocks.push(paragraph(topics[0]!, d, cited));
    divisions.push(d);
  }
  const chaptersPerPart = options.parts > 0 ? Math.ceil(options.chapters / options.parts) : Infinity;
  const usedSectionTitles = new Set<string>();
  for (let c = 0; c < options.chapters; c++) {
    if (options.parts > 0 && c % chaptersPerPart === 0) {
      const p = c / chaptersPerPart;
      const partTitle = `Part ${NUMBER_WORDS[p]}: ${titleCase([pick(rng, general), 'and', pick(rng, general)])}`;
      divisions.push({ role: 'part', title: partTitle, contentsTitle: partTitle, blocks: [{ kind: 'heading', heading: `${pick(rng, ['#', '##'])} ${partTitle}`, headingText: partTitle }], notes: [], sections: [] });
    }
    const topic = topics[c + 1]!;
    const chapterTitle = `Chapter ${NUMBER_WORDS[c]}: ${titleCase(['the', pick(rng, topic), 'of', pick(rng, topic)])}`;
    const d: DraftDivision = { role: 'chapter', title: chapterTitle, contentsTitle: chapterTitle, blocks: [{ kind: 'heading', heading: `${pick(rng, ['#', '##'])} ${chapterTitle}`, headingText: chapterTitle }], notes: [], noteBase: notesBefore(), sections: [] };
    const cited: Work[] = [];
    const sections = randInt(rng, options.sections[0], options.sections[1]);
    for (let s = 0; s < sections; s++) {
      let sectionTitle = '';
      do sectionTitle = `${ROMAN[s]}. ${titleCase([pick(rng, topic), 'and', pick(rng, topic), pick(rng, general)])}`;
      while (usedSectionTitles.has(sectionTitle));
      usedSectionTitles.add(sectionTitle);
      d.sections.push({ title: sectionTitle, block: d.blocks.length });
      d.blocks.push({ kind: 'heading', heading: `${pick(rng, ['#', '##', '##', '###', '####'])} ${sectionTitle}`, headingText: sectionTitle });
      for (let p = randInt(rng, options.paragraphs[0], options.paragraphs[1]); p > 0; p--) d.blocks.push(paragraph(topic, d, cited));
    }
    divisions.push(d);
  }
  if (options.bibliography) {
    const d: DraftDivision = { role: 'bibliography', title: 'Bibliography', contentsTitle: 'Bibliography', blocks: [{ kind: 'heading', heading: '## Bibliography', headingText: 'Bibliography' }], notes: [], sections: [] };
    for (const w of [...works].sort((a, b) => a.surname.localeCompare(b.surname))) {
      d.blocks.push(plainParagraph(`${w.surname}, ${w.first}. *${w.title}*. ${w.city}: ${w.press}, ${w.year}.`));
    }
    divisions.push(d);
  }

  // Whole-word counts: a hyphen cut only splits a word the book also prints whole elsewhere.
  const tally = new Map<string, number>();
  for (const d of divisions) for (const b of d.blocks) for (const w of b.words ?? []) {
    const key = w.text.replace(/[.,]$/, '').toLowerCase();
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return paginate(options, { title, subtitle, author }, divisions, tally, rng);
}

// ---------------------------------------------------------------------------------------------
// Pagination

interface OpenPage {
  number: number;
  division: number;
  body: string[];
  notes: string[];
  tail: string | null;
  used: number;
}

const NOTE_WEIGHT = 0.7;
/** Characters of a printed line. */
const LINE = 60;

function renderWords(words: readonly Word[]): string {
  return words.map((w) => (w.note !== undefined ? `${w.text}<sup>${w.note}</sup>` : w.text)).join(' ');
}

function pageText(page: OpenPage): string {
  const parts = [...page.body];
  if (page.tail !== null || page.notes.length) {
    parts.push('---');
    if (page.tail !== null) parts.push(page.tail);
    parts.push(...page.notes);
  }
  return parts.join('\n\n');
}

/** Spaces in a note where it may run over: the head ends in a lowercase letter or comma, the tail starts lowercase. */
function noteSplits(note: string): number[] {
  const out: number[] = [];
  for (let i = Math.floor(note.length * 0.3); i < note.length * 0.8; i++) {
    if (note[i] !== ' ' || !/[a-z,]/.test(note[i - 1] ?? '') || !/[a-z]/.test(note[i + 1] ?? '')) continue;
    // Not inside the parenthesised imprint, nor inside emphasis.
    const head = note.slice(0, i);
    if ((head.match(/\(/g) ?? []).length !== (head.match(/\)/g) ?? []).length || (head.match(/\*/g) ?? []).length % 2) continue;
    out.push(i);
  }
  return out;
}

function paginate(
  options: Required<SyntheticBookOptions>,
  names: { title: string; subtitle: string; author: string },
  drafts: DraftDivision[],
  tally: ReadonlyMap<string, number>,
  rng: Rng,
): SyntheticBook {
  const pages: OpenPage[] = [];
  const blocks: TruthBlock[] = [];
  const stats = { hyphenCuts: 0, compoundCuts: 0, midParagraphBreaks: 0, paragraphBreaks: 0, runOvers: 0, notes: 0 };
  const cap = options.capacity;
  let page: OpenPage | null = null;
  let nextNumber = 1;

  const open = (division: number, tail: string | null = null): OpenPage => {
    const p: OpenPage = { number: nextNumber++, division, body: [], notes: [], tail, used: tail ? NOTE_WEIGHT * tail.length : 0 };
    pages.push(p);
    return p;
  };
  /** Ends the page because it is full: the last long note may run over into the next page's footnote area. */
  const overflow = (division: number): OpenPage => {
    const full = page!;
    let tail: string | null = null;
    const last = full.notes[full.notes.length - 1];
    if (last && last.length > 140 && rng() < options.runOverRate) {
      const splits = noteSplits(last);
      if (splits.length) {
        const at = pick(rng, splits);
        full.notes[full.notes.length - 1] = last.slice(0, at);
        tail = last.slice(at + 1);
        stats.runOvers++;
      }
    }
    return open(division, tail);
  };

  drafts.forEach((d, di) => {
    // Every division opens a page; the Contents page follows the title page.
    if (di === 1) {
      pages.push({ number: nextNumber++, division: -1, body: [], notes: [], tail: null, used: 0 });
    }
    if (options.chaptersOnRecto && d.role === 'chapter' && nextNumber % 2 === 0) {
      pages.push({ number: nextNumber++, division: di, body: [], notes: [], tail: null, used: 0 });
    }
    page = open(di);
    d.blocks.forEach((block, bi) => {
      if (block.kind === 'heading') {
        const text = block.heading!;
        if (bi > 0 && page!.used + 500 > cap) {
          stats.paragraphBreaks++;
          page = overflow(di);
        }
        page!.body.push(text);
        page!.used += 80;
        blocks.push({ kind: 'heading', text: block.headingText!, division: di, firstPage: page!.number, lastPage: page!.number });
        return;
      }
      const words = block.words!.map((w) => ({ ...w }));
      const truth: TruthBlock = { kind: 'paragraph', text: renderWords(block.words!), division: di, firstPage: page!.number, lastPage: page!.number };
      let start = 0;
      const emit = (end: number, cut: string | null): void => {
        const piece = words.slice(start, end);
        let text = renderWords(piece);
        if (cut !== null) text += `${text ? ' ' : ''}${cut}`;
        page!.body.push(text);
        for (const w of piece) if (w.note !== undefined) page!.notes.push(`<sup>${w.note}</sup> ${d.notes[w.note - 1 - (d.noteBase ?? 0)]!}`);
      };
      const cost = (w: Word): number => w.text.length + 1 + (w.note !== undefined ? NOTE_WEIGHT * (d.notes[w.note - 1 - (d.noteBase ?? 0)]!.length + 12) : 0);
      let i = 0;
      if (block.whole) {
        const size = words.reduce((s, w) => s + cost(w), 0);
        if (page!.body.length && page!.used + size > cap) {
          stats.paragraphBreaks++;
          page = overflow(di);
          truth.firstPage = page.number;
        }
        page!.used += size;
        i = words.length;
      }
      while (i < words.length) {
        const w = words[i]!;
        const c = cost(w);
        if (page!.used + c <= cap || (i === start && page!.body.length === 0)) {
          page!.used += c;
          i++;
          continue;
        }
        // The page is full before word i.
        if (i === start) {
          // Nothing of this paragraph fits: it opens the next page.
          stats.paragraphBreaks++;
          page = overflow(di);
          truth.firstPage = page.number;
          continue;
        }
        const bare = w.text.replace(/,$/, '');
        const whole = (tally.get(bare) ?? 0) >= 3;
        const hyphenable = w.note === undefined && whole && /^[a-z]{7,}$/.test(bare);
        const compound = w.note === undefined && whole && /^[a-z]+-[a-z]+$/.test(bare);
        // A page ends on a whole line: a paragraph's piece at the foot of a page is at least a line long.
        const pieceLength = (end: number): number => renderWords(words.slice(start, end)).length;
        if ((hyphenable || compound) && pieceLength(i) >= LINE && rng() < options.hyphenRate) {
          const at = compound ? bare.indexOf('-') : randInt(rng, 3, bare.length - 4);
          const head = compound ? bare.slice(0, at + 1) : `${bare.slice(0, at)}-`;
          const tail = w.text.slice(compound ? at + 1 : at);
          emit(i, head);
          words[i] = { text: tail };
          start = i;
          if (compound) stats.compoundCuts++;
          else stats.hyphenCuts++;
          stats.midParagraphBreaks++;
          page = overflow(di);
          continue;
        }
        // Break before the nearest earlier lowercase word (a sentence runs on onto the next page).
        let b = i;
        while (b > start && (!/^[a-z]/.test(words[b]!.text) || pieceLength(b) < LINE)) b--;
        if (b === start) {
          if (page!.body.length) {
            stats.paragraphBreaks++;
            page = overflow(di);
            truth.firstPage = page.number;
            i = start;
            continue;
          }
          b = i + 1;
          while (b < words.length && !/^[a-z]/.test(words[b]!.text)) b++;
          if (b >= words.length) {
            i = words.length;
            break;
          }
        }
        emit(b, null);
        start = b;
        i = b;
        stats.midParagraphBreaks++;
        page = overflow(di);
      }
      emit(words.length, null);
      truth.lastPage = page!.number;
      blocks.push(truth);
    });
  });

  const divisions: SyntheticDivision[] = drafts.map((d, di) => ({ role: d.role, title: d.title, notes: d.notes, firstNote: (d.noteBase ?? 0) + 1, firstPage: pages.find((p) => p.division === di && (p.body.length > 0))!.number }));
  stats.notes = drafts.reduce((s, d) => s + d.notes.length, 0);

  // The Contents page, now that the printed page numbers are known.
  const contentsPage = pages.find((p) => p.division === -1)!;
  const bodyStart = options.frontMatterPages === 'counted' ? 1 : divisions.find((d) => d.role === 'part' || d.role === 'chapter')!.firstPage;
  const label = (page: number): string => (page < bodyStart ? numberToRoman(page) : String(page - bodyStart + 1));
  const lines = ['# Contents', ''];
  drafts.forEach((d, di) => {
    if (!d.contentsTitle) return;
    const division = divisions[di]!;
    if (options.frontMatterPages === 'unlisted' && division.firstPage < bodyStart) return;
    lines.push(`<b>${d.contentsTitle}</b>\t<b>${label(division.firstPage)}</b>`);
    for (const s of d.sections) {
      const block = blocks.find((b) => b.division === di && b.kind === 'heading' && b.text === s.title)!;
      lines.push(`${s.title} . . . . .\t${label(block.firstPage)}`);
    }
  });
  contentsPage.body.push(lines.join('\n'));

  const metadata = validateMetadata({
    title: names.title,
    subtitle: names.subtitle,
    author: names.author,
    language: 'en',
    date: '2020-01-01',
    publisher: 'Synthetic Press',
    rights: 'Public domain.',
    identifier: `urn:synthetic:${options.seed}`,
    edition: 1,
    changes: [],
  });
  return {
    options,
    ...names,
    metadata,
    pages: pages.map((p) => ({ number: p.number, text: pageText(p), division: p.division })),
    blocks,
    divisions,
    noteCounts: divisions.filter((d) => d.notes.length).map((d) => d.notes.length),
    stats,
  };
}
