import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conservationProblems } from '../../src/ingest/index.js';
import { parseManuscript } from '../../src/manuscript/from-markdown.js';
import { stringifyManuscript } from '../../src/manuscript/to-markdown.js';
import { endsOpen } from '../../src/text/sentence.js';
import { EXODUS_RAW, exodusBuild } from '../helpers/exodus.js';

describe('the real book, Exodus', () => {
  const built = exodusBuild();
  const raw = readFileSync(EXODUS_RAW, 'utf8');

  it('puts every non-blank character of the raw file in exactly one page record', () => {
    const problems = conservationProblems(raw, built.ingested);
    expect(problems.lost.map((k) => raw.slice(k - 20, k + 20))).toEqual([]);
    expect(problems.repeated.length).toBe(0);
  });

  it('keeps every fragment: ordered, or reported as a repeat', () => {
    expect(built.ordered.fragments.length - built.ordered.splits + built.ordered.duplicates.length).toBe(built.ingested.fragments.length);
    expect(new Set(built.ordered.fragments.map((f) => f.span.start)).size).toBe(built.ordered.fragments.length);
  });

  it('reads every Contents entry with its page and matches each to one body heading', () => {
    expect(built.ingested.contents.entries.length).toBe(56);
    const unmatched = built.ingested.matches.filter((m) => !m.heading).map((m) => m.entry.title);
    expect(unmatched).toEqual([]);
  });

  it('gives the manuscript every Contents heading, in Contents order, at the rank the Contents gives', () => {
    const headings = [...built.manuscript.matchAll(/^(#{1,3}) (.*)$/gm)].map((m) => ({ depth: m[1]!.length, text: m[2]! }));
    const entries = built.ingested.contents.entries;
    let at = 0;
    for (const entry of entries) {
      const found = headings.findIndex((h, i) => i >= at && h.text.replace(/\*/g, '').toLowerCase().includes(entry.title.toLowerCase().slice(0, 12)));
      expect(found, `heading for “${entry.title}”`).toBeGreaterThanOrEqual(0);
      const expectedDepth = entry.level === 'section' ? 3 : entry.level === 'part' || entry.role !== 'body' ? (entry.level === 'part' ? 1 : 2) : 2;
      expect(headings[found]!.depth, entry.title).toBe(expectedDepth);
      at = found + 1;
    }
  });

  it('puts no page in a chapter whose note numbers that chapter already has', () => {
    expect(built.report.diagnostics.filter((d) => d.code === 'R-022').map((d) => `${d.place?.line}: ${d.message}`)).toEqual([]);
  });

  it('recovers a reading order in which every chapter’s notes run 1, 2, 3 … with no gap or inversion', () => {
    const defined = new Set([...built.manuscript.matchAll(/^\[\^([^\]]+)\]:/gm)].map((m) => m[1]!));
    const sequences = new Map<string, number[]>();
    // References in reading order; one the text has but no note answers (R-020, reported) is left out.
    for (const m of built.manuscript.matchAll(/\[\^(([a-z]+\d*)-(\d+))\](?!:)/g)) {
      if (!defined.has(m[1]!)) continue;
      const numbers = sequences.get(m[2]!) ?? [];
      if (numbers[numbers.length - 1] !== Number(m[3])) numbers.push(Number(m[3]));
      sequences.set(m[2]!, numbers);
    }
    expect(sequences.size).toBeGreaterThanOrEqual(12);
    for (const [division, numbers] of sequences) expect(numbers, division).toEqual(numbers.map((_, i) => i + 1));
  });

  it('does not copy the raw Contents page into the body', () => {
    expect(built.manuscript).not.toMatch(/^#+ Contents$/m);
    expect(built.manuscript).not.toContain('. . . . .');
  });

  it('writes a manuscript that parsing and writing again leaves unchanged', () => {
    expect(stringifyManuscript(parseManuscript(built.manuscript))).toBe(built.manuscript);
  });

  it('splits the sheet side that held two bibliography pages, so the entry cut at the page end is whole again', () => {
    // The raw file gives `…commons in Naples.”` (the rest of an entry whose start ends another page)
    // after a finished entry, inside one fragment: the order splits it there (O-040).
    const line = raw.split('\n').findIndex((text) => text.startsWith('commons in Naples.')) + 1;
    expect(built.report.byCode('O-040').some((d) => d.message.includes(`the text from line ${line} on`))).toBe(true);
    expect(built.manuscript).toMatch(/direct management' of urban emerging(?:<!-- page \d+ -->)? commons in Naples/);
  });

  it('sets the quotation a lead-in without its colon introduces after it, as a block quote, not in the bibliography', () => {
    // `To quote Guy Standing` ends a page; the quotation is a short fragment whose `par-` the next
    // page's `ents trapped` finishes.
    expect(built.manuscript).toMatch(/To quote Guy Standing\n\n> Put bluntly, [^\n]*They saw their parents(?:<!-- page \d+ -->)? trapped/);
  });

  it('takes prose pages that cite years for prose, not for bibliography pages', () => {
    // The page about Chávez's communes names 1999 in most paragraphs; read as a list page, it was set
    // among the bibliography's H entries.
    expect(built.manuscript).toMatch(/has been weakened by the(?:<!-- page \d+ -->)? fact that the social sector/);
  });

  it('keeps a list on the page of the sentence that announces it', () => {
    expect(built.manuscript).toMatch(/urban economies with components like\n\n- Creative Commons Licensing/);
  });

  it('keeps a sentence left on a comma with the quotation it introduces', () => {
    expect(built.manuscript).toMatch(/community assembly in the London area,\n\n(?:> )?People wonder if a universal basic income/);
    expect(built.manuscript).toMatch(/Martin Buber writes,\n\n(?:> )?\\\[Proudhon\] divined the tragedy/);
  });

  it('keeps a list that runs over a page as one list (its page marker inside it, not between two lists)', () => {
    const item = /^(?:[-*+]|\d+[.)]) /;
    const blocks = built.manuscript.split('\n\n');
    const between = blocks.filter((block, k) => /^<!-- page \d+ -->$/.test(block.trim()) && item.test(blocks[k - 1]?.split('\n').pop() ?? '') && item.test(blocks[k + 1] ?? ''));
    expect(between).toEqual([]);
    expect(built.manuscript).toMatch(/market solutions<!-- page \d+ -->\n- Institute a citizens basic income/);
  });

  it('keeps the dated line that closes each chapter (the last paragraph before its notes), and names none as a footer', () => {
    const dated = raw.split('\n').filter((text) => /^\[(?:Last [Ee]dited )?\w+ \d+, 2020\]$/.test(text));
    expect(dated.length).toBe(12);
    expect(built.report.byCode('I-020')).toEqual([]);
    // each the last paragraph of its chapter: the chapter's notes, or the next division, follow it
    const blocks = built.manuscript.split('\n\n');
    const closing = blocks.flatMap((block, k) => (/^\\\[(?:Last [Ee]dited )?\w+ \d+, 2020\]$/.test(block) ? [k] : []));
    expect(closing.length).toBe(12);
    for (const k of closing) expect(blocks[k + 1]).toMatch(/^\[\^|^<!-- division|^#/);
  });

  it('cuts a page where a chapter\'s dated closing line shows two pages meet, and ends chapter 7 on its own last page', () => {
    // The sheet side ran chapter 7's last page (`all-out counter-assault…`, then its dated closing
    // line) into a page of chapter 8: a division's closing line ends its page, and ingest cuts there
    // (the order split the page before, O-040).
    const closing = raw.split('\n').findIndex((text) => text === '[October 7, 2020]') + 1;
    expect(built.ingested.fragments.some((f) => f.cutReason === `the closing line on line ${closing} ends its division's page`)).toBe(true);
    expect(built.manuscript).toMatch(/one-time threat to make an(?:<!-- page \d+ -->)? all-out counter-assault/);
  });

  it('ends every part, chapter and section on a finished sentence', () => {
    // Three chapters' last words stood in pages of other chapters (`Our organizations` ‖ `are
    // focused, not on storming…`, in a page of chapter 1; `…with the European` ‖ `Central Bank).`,
    // at the top of its own page): a mixed sheet's text the order brings back (O-040).
    const blocks = built.manuscript.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n\n');
    const from = blocks.findIndex((block) => /^# Part One/.test(block));
    const unfinished = blocks.flatMap((block, k) => {
      if (k <= from || !/^#{1,6} /.test(block)) return [];
      // (the text since the heading before: a part title followed at once by its first chapter has none)
      const since = blocks.slice(0, k).findLastIndex((b) => /^#{1,6} /.test(b)) + 1;
      // (a chapter's dated closing line, `\[October 9, 2020]`, is no sentence: the one before it)
      // (nor is a note's, its later paragraphs indented under it)
      const before = blocks.slice(since, k).findLast((b) => !/^ {4}/.test(b) && !/^\[\^|^<!--|^\\\[[^\]]*\]$/.test(b.trim()));
      return before && endsOpen(before.replace(/<!-- page \d+ -->/g, '')) ? [`${before.slice(-60)} ‖ ${block}`] : [];
    });
    expect(unfinished).toEqual([]);
    // (`…with the European` ‖ `Central Bank).` is no longer the order's: ingest cuts at the dated closing line after it)
    expect(built.report.byCode('O-040').filter((d) => d.message.includes('leaves unfinished before a heading'))).toHaveLength(2);
  });

  it('sets no text between a part title and a chapter the Contents puts on the next page', () => {
    // The sheet side of `Part One` (p. 13) held p. 68 too, whose text ran on round the title to its
    // notes: it belongs to chapter 1, not under the part title.
    const entries = built.ingested.contents.entries;
    const parts = entries.filter((entry, k) => entry.level === 'part' && entries[k + 1] !== undefined && entries[k + 1]!.page === entry.page + 1);
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) {
      const after = built.manuscript.split(/^# /m).find((chunk) => chunk.startsWith(part.title.slice(0, 12)));
      expect(after, part.title).toBeDefined();
      const between = after!.split('\n').slice(1).join('\n').split(/^#{1,3} /m)[0]!;
      expect(between.replace(/<!--[^>]*-->/g, '').trim(), part.title).toBe('');
    }
    expect(built.manuscript).toMatch(/\*Political capitalism\*[^\n]*\n\nIn the ensuing decades/);
  });

  it('sets a page of chapter 11 where the book’s other quotation of its passage says it goes, not in chapter 1', () => {
    // `…infrastructures, such as` ‖ `Open Coops…`: a capital after `such as` reads as a new sentence;
    // the same passage, quoted whole in chapter 4, says it is not (before, the page stood after
    // `…totally subsuming` in chapter 1, whose next page carries that sentence on).
    expect(built.manuscript).toMatch(/totally subsuming(?:<!-- page \d+ -->)? the will and actions of the human subject/);
    expect(built.manuscript.match(/infrastructures, such as(?:<!-- page \d+ -->)? Open Coops/g)).toHaveLength(2);
    expect(built.report.byCode('R-010').map((d) => d.place?.line)).not.toContain(raw.split('\n').findIndex((text) => text.startsWith('At its highest level, the concept')) + 1);
  });

  it('joins bibliography entries cut at a page break where a note cites the work across the cut', () => {
    const bibliography = built.manuscript.split('<!-- division: bibliography -->')[1]!.split('<!-- division: about-the-author -->')[0]!;
    const entries = bibliography.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.replace(/<!-- page \d+ -->/g, ''));
    expect(entries.find((entry) => entry.includes('Miles Hadfield'))).toMatch(/November 22, 2019 <<https:\/\/www\.thenews\.coop\/144241\/.*>>\.$/);
    expect(entries.find((entry) => entry.includes('Kropotkin, Self-valorization'))).toMatch(/Published in \*Anarchist Studies\*, edited by Thomas V\. Cahill/);
    expect(entries.find((entry) => entry.includes('Theses on Secular Crisis'))).toMatch(/Socialism and Strategies for Social Change\* \(Westport/);
    expect(entries.find((entry) => entry.includes('Mayo Fuster Morell'))).toMatch(/with a focus on Barcelona\* \(Barcelona/);
    expect(entries.find((entry) => entry.includes('A Comment on the Zapatista Netwar'))).toMatch(/\*In Athena's Camp: Preparing for Conflict in the Information Age\* \(Santa Monica/);
    expect(entries.filter((entry) => /^- (<<https:\/\/www\.thenews|Studies|gies for|Translated by|\*Barcelona\*)/.test(entry))).toEqual([]);
    // A page of L entries that the order set in chapter 12 (a mixed sheet's) is back in the list,
    // its first line the rest of an entry of the K page before it.
    const body = built.manuscript.split('<!-- division: bibliography -->')[0]!.replace(/^\[\^.*$/gm, '');
    expect(body).not.toMatch(/^(?:V\. ?I\. Lenin|B\. H\. Liddell-Hart|Rosa Luxemburg)\. /m);
    expect(entries.find((entry) => entry.startsWith('- "Latin America: End of a golden age?'))).toMatch(/\*Life on the Left\*, February 14, 2018 <<https:\/\/lifeonleft\.blogspot\.com\/.*>>\.$/);
    expect(entries.filter((entry) => /^- (?:V\. ?I\. Lenin|B\. H\. Liddell-Hart|Rosa Luxemburg)\. /.test(entry))).toHaveLength(5);
  });

  it('sets the Bauwens entry, whole, in the bibliography with its note and the letter the note quotes', () => {
    const [, afterList] = built.manuscript.split('<!-- division: bibliography -->');
    const [bibliography, backMatter] = afterList!.split('<!-- division: about-the-author -->');
    // (cut mid-title at its page end, its rest opening with a name on another page; the page with
    // its note had been left after About the Author)
    expect(backMatter).not.toMatch(/\[\^/);
    const entry = bibliography!.split('\n').find((line) => line.startsWith('- Michel Bauwens.[^'))!.replace(/<!-- page \d+ -->/g, '');
    expect(entry).toMatch(/Andrew Gryf Paterson and Joanna Saad-Sulonen , eds\., \*Towards Peer Production in Public Services/);
    const label = /\[\^([^\]]+)\]/.exec(entry)![1]!;
    const note = built.manuscript.split(`[^${label}]: `)[1]!.split(/\n(?!\n? {4}|\n<!-- page)/)[0]!;
    expect(note).toMatch(/^Despite the value of his contributions/);
    expect(note).toMatch(/From our consistent observations over several years/);
    expect(note).toMatch(/As a result, P2P Foundation’s Facebook groups/);
    // and chapter 12's last note ends on its own address
    expect(built.manuscript).toMatch(/^\[\^c12-42\]: .*2017\/10\/16>>$/m);
  });

  it('marks each print page once, in rising order', () => {
    const pages = [...built.manuscript.matchAll(/<!-- page (\d+) -->/g)].map((m) => Number(m[1]));
    expect(pages.length).toBeGreaterThan(780);
    expect(pages.filter((page, k) => k > 0 && page <= pages[k - 1]!)).toEqual([]);
  });

  it('leaves no word cut by a hyphen at a paragraph end', () => {
    const body = built.manuscript.replace(/^---\n[\s\S]*?\n---\n/, '');
    const cut = body.split('\n\n').filter((p) => /\p{Ll}-$/u.test(p.trim()) && !/^\[\^/.test(p));
    expect(cut).toEqual([]);
  });

  it('leaves no word cut by a hyphen inside a paragraph either, but for a suspended hyphen', () => {
    // (`ser- - opening…` where the rest of the word, `vant…`, stood on a page of its own elsewhere)
    const text = built.manuscript.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/<!-- page \d+ -->/g, '');
    const cut = [...text.matchAll(/\p{L}- (?!(?:and|or|nor|to|as|but)\b|&)\S+/gu)].map((m) => text.slice(Math.max(0, m.index - 30), m.index + 30));
    expect(cut).toEqual([]);
  });
});

describe('the real book as an EPUB', () => {
  it('passes W3C EPUBCheck with no fatal, error or warning', async () => {
    const { mkdtempSync, readFileSync: read, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { toEpub } = await import('../../src/epub/index.js');
    const { runEpubcheck } = await import('../../src/check/epub.js');
    const { Report } = await import('../../src/diagnostics/diagnostic.js');
    const built = exodusBuild();
    const stylesheet = read(new URL('../../templates/epub.css', import.meta.url), 'utf8');
    const bytes = await toEpub(built.book, { report: new Report(), sourceDate: new Date('2026-11-26T00:00:00Z'), sourceFile: 'exodus.md' }, { stylesheet });
    const file = join(mkdtempSync(join(tmpdir(), 'exodus-epub-')), 'exodus.epub');
    writeFileSync(file, bytes);
    const result = await runEpubcheck(file);
    expect(result.messages.filter((m) => m.severity !== 'INFO' && m.severity !== 'USAGE').map((m) => `${m.id} ${m.message}`)).toEqual([]);
    expect([result.fatal, result.error, result.warning]).toEqual([0, 0, 0]);
  });
});
