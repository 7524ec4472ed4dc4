import type { Nodes, Root } from 'mdast';
import type { XmlDocument, XmlElement } from 'libxml2-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEpubInProcess } from '../../src/check/epub.js';
import { EPUB_CODES } from '../../src/epub/index.js';
import { bookStructure, noteNumber, pageMarker, type TocEntry } from '../../src/manuscript/divisions.js';
import { DIVISION_SEMANTICS } from '../../src/epub/semantics.js';
import { fromMarkdown } from '../../src/manuscript/from-markdown.js';
import { attr, build, buildBook, contentDocuments, NS, parseXml, sampleMarkdown, SOURCE_DATE, syntheticMarkdown, unzip, type Built } from './helpers.js';

/** Generous time limits: the tests share a small machine with other builds. */
const LOADED = 120_000;

function collect(node: Nodes, test: (n: Nodes) => boolean, into: Nodes[] = []): Nodes[] {
  if (test(node)) into.push(node);
  if ('children' in node) for (const child of node.children as Nodes[]) collect(child, test, into);
  return into;
}

/** Footnote references of the text in reading order (the test books have none inside notes). */
function references(tree: Root): string[] {
  return collect(tree, (n) => n.type === 'footnoteReference').map((n) => (n.type === 'footnoteReference' ? noteNumber(n.label ?? n.identifier) : ''));
}

function pageLabels(tree: Root): string[] {
  const labels: string[] = [];
  for (const n of collect(tree, (x) => x.type === 'html')) {
    if (n.type !== 'html') continue;
    // A marker may share a raw-html node with other text (editor input); count each comment.
    for (const piece of n.value.match(/<!--[\s\S]*?-->/g) ?? []) {
      const label = pageMarker({ type: 'html', value: piece });
      if (label !== null) labels.push(label);
    }
  }
  return labels;
}

interface Unpacked {
  built: Built;
  files: Map<string, string>;
  docs: Map<string, XmlDocument>;
  opf: XmlDocument;
  nav: XmlDocument;
  /** Content documents in spine order. */
  spine: string[];
}

async function unpack(built: Built): Promise<Unpacked> {
  const files = await unzip(built.bytes);
  const docs = contentDocuments(files);
  const opf = parseXml(files.get('OEBPS/content.opf')!);
  const idToHref = new Map(opf.find('//opf:manifest/opf:item', NS).map((i) => [attr(i, 'id')!, attr(i, 'href')!]));
  const spine = opf.find('//opf:spine/opf:itemref', NS).map((r) => idToHref.get(attr(r, 'idref')!)!);
  const navHref = attr(opf.get('//opf:item[@properties="nav"]', NS)!, 'href')!;
  return { built, files, docs, opf, nav: docs.get(navHref)!, spine };
}

/** Resolves `file#id` (or `#id` within `from`) to the element it names, or null. */
function resolve(u: Unpacked, href: string, from: string): XmlElement | null {
  const [file, id] = href.includes('#') ? [href.slice(0, href.indexOf('#')) || from, href.slice(href.indexOf('#') + 1)] : [href, ''];
  const doc = u.docs.get(file);
  if (!doc) return null;
  if (!id) return doc.root;
  return (doc.get(`//*[@id="${id}"]`) as XmlElement | null) ?? null;
}

function tocShape(entries: TocEntry[]): unknown[] {
  return entries.map((e) => ({ title: e.title, id: e.id, children: tocShape(e.children) }));
}

function navShape(ol: XmlElement): unknown[] {
  return ol.find('./x:li', NS).map((li) => {
    const a = li.get('./x:a', NS)!;
    const nested = li.get('./x:ol', NS) as XmlElement | null;
    const href = attr(a, 'href')!;
    return { title: a.content, id: href.slice(href.indexOf('#') + 1), children: nested ? navShape(nested) : [] };
  });
}

for (const [name, markdown] of [
  ['sample book', sampleMarkdown],
  ['synthetic book', () => syntheticMarkdown()],
] as const) {
  describe(`toEpub: ${name}`, { timeout: LOADED }, () => {
    let u: Unpacked;
    beforeAll(async () => {
      u = await unpack(await build(markdown()));
    }, LOADED);

    it('writes well-formed XML for every file, with mimetype first and stored', () => {
      for (const [path, text] of u.files) {
        if (path === 'mimetype' || path.endsWith('.css')) continue;
        expect(() => parseXml(text), path).not.toThrow();
      }
      const head = new TextDecoder().decode(u.built.bytes.slice(30, 58));
      expect(head).toBe('mimetypeapplication/epub+zip');
    });

    it('has one XHTML file per division, in reading order, with epub:type and role by kind', () => {
      const structure = bookStructure(u.built.book.tree);
      const divisionFiles = u.spine.filter((f) => /^\d+-/.test(f));
      expect(divisionFiles).toHaveLength(structure.divisions.length);
      structure.divisions.forEach((division, i) => {
        const doc = u.docs.get(divisionFiles[i]!)!;
        const section = doc.get('/x:html/x:body/x:section', NS)!;
        const semantics = DIVISION_SEMANTICS[division.kind];
        expect(attr(section, 'type', 'epub'), division.id).toBe(semantics.epubType ?? null);
        expect(attr(section, 'role'), division.id).toBe(semantics.role ?? null);
        expect(attr(doc.get('/x:html/x:body', NS)!, 'type', 'epub')).toBe(`${division.matter}matter`);
        if (division.heading) expect(doc.get(`//*[@id="${division.id}"]`), division.id).not.toBeNull();
      });
    });

    it('makes every footnote reference a working noteref and every note link back to its first reference', () => {
      const expected = references(u.built.book.tree);
      const seen: string[] = [];
      let notes = 0;
      for (const file of u.spine) {
        const doc = u.docs.get(file)!;
        const ids = doc.find('//@id').map((a) => a.content);
        expect(new Set(ids).size, `${file}: ids unique`).toBe(ids.length);
        const firstRef = new Map<string, string>();
        for (const ref of doc.find('//x:a[@epub:type="noteref"]', NS) as XmlElement[]) {
          seen.push(ref.content);
          expect(attr(ref, 'role')).toBe('doc-noteref');
          expect(ref.get('.//x:sup', NS)).toBeNull();
          const href = attr(ref, 'href')!;
          expect(href.startsWith('#'), href).toBe(true);
          const note = doc.get(`//x:aside[@id="${href.slice(1)}"]`, NS) as XmlElement | null;
          expect(note, `${file}${href}`).not.toBeNull();
          expect(attr(note!, 'type', 'epub')).toBe('footnote');
          expect(attr(note!, 'role')).toBe('doc-footnote');
          if (!firstRef.has(href)) firstRef.set(href, attr(ref, 'id')!);
          // The note comes after its reference.
          expect(note!.find(`preceding::x:a[@id="${attr(ref, 'id')}"]`, NS)).toHaveLength(1);
        }
        for (const note of doc.find('//x:aside[@epub:type="footnote"]', NS) as XmlElement[]) {
          notes++;
          const back = note.find('.//x:a[@role="doc-backlink"]', NS) as XmlElement[];
          expect(back).toHaveLength(1);
          // The note begins with its number, which is the back-link.
          expect(note.content.trimStart().startsWith(back[0]!.content)).toBe(true);
          const target = attr(back[0]!, 'href')!;
          expect(target).toBe(`#${firstRef.get(`#${attr(note, 'id')}`)}`);
          const ref = doc.get(`//x:a[@id="${target.slice(1)}"]`, NS)!;
          expect(ref.content).toBe(back[0]!.content);
        }
      }
      expect(seen).toEqual(expected);
      expect(notes).toBe(new Set(collect(u.built.book.tree, (n) => n.type === 'footnoteDefinition')).size);
    });

    it('turns every page marker into an empty pagebreak span listed in the page-list', () => {
      const labels = pageLabels(u.built.book.tree);
      expect(labels.length).toBeGreaterThan(0);
      const spans: string[] = [];
      for (const file of u.spine) {
        const doc = u.docs.get(file)!;
        for (const span of doc.find('//x:span[@epub:type="pagebreak"]', NS) as XmlElement[]) {
          expect(attr(span, 'role')).toBe('doc-pagebreak');
          expect(span.firstChild).toBeNull();
          expect(attr(span, 'id')).toMatch(/^page-/);
          spans.push(attr(span, 'aria-label')!);
        }
        // Explicit close tags, never <span/> (which an HTML parser would read as an open span).
        expect(u.files.get(`OEBPS/${file}`)!).not.toMatch(/<span[^>]*\/>/);
      }
      expect(spans).toEqual(labels);
      const list = u.nav.find('//x:nav[@epub:type="page-list"]//x:a', NS) as XmlElement[];
      expect(list.map((a) => a.content)).toEqual(labels);
      for (const a of list) {
        const target = resolve(u, attr(a, 'href')!, '');
        expect(target, attr(a, 'href')!).not.toBeNull();
        expect(attr(target!, 'aria-label')).toBe(a.content);
      }
    });

    it('never skips a heading level within a file (sub-heads are demoted to depth 4+ in the manuscript)', () => {
      for (const file of u.spine) {
        const levels = u.docs.get(file)!.find('//x:h1|//x:h2|//x:h3|//x:h4|//x:h5|//x:h6', NS).map((h) => Number((h as XmlElement).name.slice(1)));
        levels.forEach((level, i) => {
          if (i > 0) expect(level, `${file}: h${levels[i - 1]} then h${level}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
        });
      }
    });

    it('nests the Contents as the book’s toc, every entry linking to its heading', () => {
      const toc = bookStructure(u.built.book.tree).toc;
      const ol = u.nav.get('//x:nav[@epub:type="toc"]/x:ol', NS) as XmlElement;
      expect(navShape(ol)).toEqual(tocShape(toc));
      for (const a of u.nav.find('//x:nav[@epub:type="toc"]//x:a', NS) as XmlElement[]) {
        const target = resolve(u, attr(a, 'href')!, '');
        expect(target, attr(a, 'href')!).not.toBeNull();
        expect(target!.name).toMatch(/^h[1-6]$/);
      }
    });

    it('lists landmarks: cover, title page, contents, start of body, bibliography', () => {
      const marks = (u.nav.find('//x:nav[@epub:type="landmarks"]//x:a', NS) as XmlElement[]).map((a) => [attr(a, 'type', 'epub'), attr(a, 'href')]);
      expect(marks.map((m) => m[0])).toEqual(['cover', 'titlepage', 'toc', 'bodymatter', 'bibliography']);
      const structure = bookStructure(u.built.book.tree);
      const body = structure.divisions.find((d) => d.matter === 'body')!;
      const bodyHref = marks.find((m) => m[0] === 'bodymatter')![1]!;
      expect(resolve(u, `${bodyHref}#${body.id}`, '')).not.toBeNull();
      for (const [, href] of marks) expect(resolve(u, href!, ''), href!).not.toBeNull();
    });

    it('writes the package metadata from the book, dates from the source date, and accessibility metadata', () => {
      const m = u.built.book.metadata;
      const text = (xpath: string): string[] => u.opf.find(xpath, NS).map((n) => n.content);
      expect(attr(u.opf.root, 'lang', 'xml')).toBe(m.language);
      expect(text('//dc:language')).toEqual([m.language]);
      expect(text('//dc:identifier')).toEqual([m.identifier]);
      expect(text('//dc:title')).toEqual([m.title, m.subtitle]);
      expect(text('//opf:meta[@refines="#subtitle"][@property="title-type"]')).toEqual(['subtitle']);
      expect(text('//opf:meta[@refines="#creator"][@property="file-as"]')).toEqual([m.authorFileAs]);
      expect(text('//dc:creator')).toEqual([m.author]);
      expect(text('//dc:publisher')).toEqual([m.publisher]);
      expect(text('//dc:rights')).toEqual([m.rights]);
      expect(text('//dc:date')).toEqual([m.date]);
      expect(text('//opf:meta[@property="dcterms:modified"]')).toEqual([`${SOURCE_DATE.toISOString().slice(0, 19)}Z`]);
      expect(text('//dc:description')[0]!.trim()).not.toBe('');
      expect(text('//dc:subject')).toEqual(m.subjects ?? []);
      expect(text('//dc:source')).toEqual([m.pageSource]);
      const sourceId = attr(u.opf.get('//dc:source', NS)!, 'id');
      expect(text(`//opf:meta[@refines="#${sourceId}"][@property="source-of"]`)).toEqual(['pagination']);
      expect(text('//opf:meta[@property="schema:accessMode"]')).toEqual(['textual']);
      expect(text('//opf:meta[@property="schema:accessModeSufficient"]')).toEqual(['textual']);
      expect(text('//opf:meta[@property="schema:accessibilityFeature"]')).toEqual(expect.arrayContaining(['structuralNavigation', 'tableOfContents', 'pageNavigation']));
      expect(text('//opf:meta[@property="schema:accessibilityHazard"]')).toEqual(['none']);
      expect(text('//opf:meta[@property="schema:accessibilitySummary"]')[0]!.length).toBeGreaterThan(40);
      expect(text('//opf:meta[@property="dcterms:conformsTo"]')).toEqual(['EPUB Accessibility 1.1 - WCAG 2.1 Level AA']);
      expect(text('//opf:meta[@property="a11y:certifiedBy"]')).toEqual([m.publisher]);
      for (const [file, doc] of u.docs) expect(attr(doc.root, 'lang', 'xml'), file).toBe(m.language);
    });

    it('generates a cover image and page, and a colophon with the edition and the dated changes', () => {
      const m = u.built.book.metadata;
      const coverItem = u.opf.get('//opf:item[@properties="cover-image"]', NS)!;
      expect(attr(coverItem, 'media-type')).toBe('image/svg+xml');
      const svg = parseXml(u.files.get(`OEBPS/${attr(coverItem, 'href')}`)!);
      expect(svg.get('//svg:title', NS)!.content).toContain(m.title);
      expect(u.spine[0]).toBe('cover.xhtml');
      const img = u.docs.get('cover.xhtml')!.get('//x:img', NS)!;
      expect(attr(img, 'alt')).toContain(m.title);
      const colophon = u.docs.get(u.spine[u.spine.length - 1]!)!;
      expect(attr(colophon.get('//x:section', NS)!, 'type', 'epub')).toBe('colophon');
      const text = colophon.root.content;
      expect(text).toContain(`Edition ${m.edition}`);
      expect(m.changes.length).toBeGreaterThan(0);
      for (const change of m.changes) {
        expect(text).toContain(change.date);
        expect(text).toContain(change.note);
      }
    });

    it('is byte-identical when built twice, and dates only from the source date', async () => {
      const again = await build(markdown());
      expect(Buffer.from(again.bytes).equals(Buffer.from(u.built.bytes))).toBe(true);
      const later = await build(markdown(), new Date('2027-02-03T04:05:06Z'));
      expect(Buffer.from(later.bytes).equals(Buffer.from(u.built.bytes))).toBe(false);
      const opf = parseXml((await unzip(later.bytes)).get('OEBPS/content.opf')!);
      expect(opf.get('//opf:meta[@property="dcterms:modified"]', NS)!.content).toBe('2027-02-03T04:05:06Z');
    });

    it('passes the in-process EPUBCheck port with no errors or warnings', async () => {
      expect(await checkEpubInProcess(u.built.bytes)).toEqual([]);
    });
  });
}

describe('toEpub: text that is not what it seems', { timeout: LOADED }, () => {
  let u: Unpacked;
  beforeAll(async () => {
    u = await unpack(await build(syntheticMarkdown({ chapters: 3, parts: 1, notesPerChapter: 5 })));
  }, LOADED);

  it('escapes raw HTML typed by an editor as text and reports it', () => {
    const preface = [...u.docs.entries()].find(([f]) => f.includes('preface'))![1];
    const text = preface.root.content;
    expect(text).toContain('a literal <b>bold</b> tag and <span/> self-closed');
    expect(text).toContain('the sequence ]]> ends CDATA');
    // (the text between the tags is text, its quotation marks set as everywhere)
    expect(text).toContain('<script>alert(“x”)</script>');
    expect(text).toContain('A raw HTML block typed by an editor & left in.');
    for (const doc of u.docs.values()) {
      expect(doc.find('//x:script | //x:b | //x:div[@class="x"] | //x:div[@class="editor"]', NS)).toEqual([]);
    }
    const raw = u.built.report.byCode(EPUB_CODES.rawHtml);
    expect(raw.length).toBeGreaterThan(0);
    expect(raw[0]!.place).toMatchObject({ file: 'test.md' });
    expect(raw[0]!.place!.line).toBeGreaterThan(0);
    // The CLI prints one line per diagnostic: multi-line raw HTML must not break that.
    expect(raw.filter((d) => d.message.includes('\n'))).toEqual([]);
  });

  it('keeps non-ASCII text and drops characters XML cannot hold', () => {
    const all = [...u.files.values()].join('');
    expect(all).toContain('𝔘𝔫𝔦𝔠𝔬𝔡𝔢');
    expect(all).toContain('עברית');
    expect(all).toContain('e\u0301');
    expect(all).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('gives a note referenced twice unique reference ids and a back-link to the first', () => {
    const doc = [...u.docs.entries()].find(([f]) => f.includes('chapter-1-'))![1];
    const refs = doc.find('//x:a[@href="#n-c1-1"]', NS).map((a) => attr(a, 'id'));
    expect(refs).toEqual(['r-c1-1', 'r-c1-1-2']);
    expect(attr(doc.get('//x:aside[@id="n-c1-1"]//x:a[@role="doc-backlink"]', NS)!, 'href')).toBe('#r-c1-1');
  });

  it('starts a note that opens with a block quote with its number paragraph', () => {
    const doc = [...u.docs.entries()].find(([f]) => f.includes('chapter-1-'))![1];
    const first = doc.get('//x:aside[@id="n-c1-3"]/*[1]', NS) as XmlElement;
    expect(first.name).toBe('p');
    expect(first.get('./x:a[@role="doc-backlink"]', NS)!.content).toBe('3');
    expect(doc.get('//x:aside[@id="n-c1-3"]/x:blockquote', NS)).not.toBeNull();
  });

  it('resolves internal links across files and reports broken ones', () => {
    const doc = [...u.docs.entries()].find(([f]) => f.includes('chapter-1-'))![1];
    const link = doc.get('//x:a[.="the bibliography"]', NS)!;
    expect(attr(link, 'href')).toMatch(/^\d+-bibliography\.xhtml#bibliography$/);
    expect(doc.get('//x:a[.="a missing anchor"]', NS)).toBeNull();
    expect(u.built.report.byCode(EPUB_CODES.brokenLink)).toHaveLength(1);
  });
});

describe('toEpub: diagnostics', { timeout: LOADED }, () => {
  const head = `---
title: T
author: A
language: fr
date: 2020-01-01
publisher: P
rights: R
identifier: urn:uuid:00000000-0000-4000-8000-000000000000
---
`;

  it('reports a reference without a note (error) and a note never referenced (warning)', async () => {
    // remark-gfm only makes a reference of `[^x]` when `[^x]:` exists, so a dangling reference
    // can only come from another stage's tree: add one by hand.
    const book = fromMarkdown(`${head}\n<!-- division: chapter -->\n## One\n\nText. More.[^c1-2]\n\n[^c1-2]: Two.\n\n[^c1-9]: Never used.\n`);
    const paragraph = book.tree.children.find((n) => n.type === 'paragraph')!;
    if (paragraph.type !== 'paragraph') throw new Error('no paragraph');
    const text = paragraph.children[0]!;
    paragraph.children.splice(1, 0, { type: 'footnoteReference', identifier: 'c1-1', label: 'c1-1', position: text.position });
    const built = await buildBook(book);
    const missing = built.report.byCode(EPUB_CODES.missingNote);
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'error', place: { file: 'test.md', line: 14 } });
    const unused = built.report.byCode(EPUB_CODES.unusedNote);
    expect(unused).toHaveLength(1);
    expect(unused[0]!.message).toContain('c1-9');
    const u = await unpack(built);
    const doc = u.docs.get(u.spine.find((f) => f.includes('one'))!)!;
    expect(doc.get('//x:p', NS)!.content).toContain('Text. More.[1]2');
    // the note nothing refers to keeps its text, unlinked, after the chapter's notes
    expect(doc.get("//x:div[contains(@class, 'unreferenced')]", NS)!.content).toBe('9 Never used.');
    expect(await checkEpubInProcess(built.bytes)).toEqual([]);
  });

  it('writes table alignment as style, not the obsolete align attribute', async () => {
    // The manuscript dialect has no tables, but another stage's tree may: add one by hand.
    const book = fromMarkdown(`${head}\n<!-- division: chapter -->\n## Tables\n\nText.\n`);
    const cell = (value: string) => ({ type: 'tableCell' as const, children: [{ type: 'text' as const, value }] });
    book.tree.children.push({
      type: 'table',
      align: ['left', 'center'],
      children: [
        { type: 'tableRow', children: [cell('Left'), cell('Centre')] },
        { type: 'tableRow', children: [cell('a & b'), cell('<c>')] },
      ],
    });
    const u = await unpack(await buildBook(book));
    const doc = u.docs.get(u.spine.find((f) => f.includes('tables'))!)!;
    expect(doc.find('//*[@align]')).toEqual([]);
    expect(attr(doc.get('//x:td[2]', NS)!, 'style')).toBe('text-align: center');
    expect(doc.get('//x:td[2]', NS)!.content).toBe('<c>');
  });

  it('gives a book without headings a Contents that links to its divisions', async () => {
    const built = await build(`${head}\nJust text.\n\n<!-- division: chapter -->\nMore text.\n`);
    const u = await unpack(built);
    const links = u.nav.find('//x:nav[@epub:type="toc"]//x:a', NS).map((a) => attr(a, 'href')!);
    expect(links).toHaveLength(2);
    for (const href of links) expect(resolve(u, href, ''), href).not.toBeNull();
    expect(await checkEpubInProcess(built.bytes)).toEqual([]);
  });

  it('finds a note defined inside a block quote', async () => {
    const u = await unpack(await build(`${head}\n<!-- division: chapter -->\n## Q\n\nText.[^c1-1]\n\n> Quoted.\n>\n> [^c1-1]: Nested note.\n`));
    const doc = u.docs.get(u.spine.find((f) => f.includes('-q.xhtml'))!)!;
    expect(u.built.report.diagnostics).toEqual([]);
    expect(doc.get('//x:aside[@id="n-c1-1"]', NS)!.content).toContain('Nested note.');
  });

  it('parts two note references side by side with a comma, so they do not read as one number', async () => {
    const u = await unpack(await build(`${head}\n<!-- division: chapter -->\n## R\n\nText.[^c1-1][^c1-2] More.[^c1-3]\n\n[^c1-1]: One.\n\n[^c1-2]: Two.\n\n[^c1-3]: Three.\n`));
    const doc = u.docs.get(u.spine.find((f) => f.includes('-r.xhtml'))!)!;
    expect(doc.get('//x:p[contains(., "Text.")]', NS)!.content).toBe('Text.1,2 More.3');
    expect(doc.find('//x:span[@class="noteref-separator"]', NS)).toHaveLength(1);
  });

  it('keeps generated note and page ids clear of heading ids', async () => {
    const u = await unpack(await build(`${head}\n<!-- division: chapter -->\n## N C1 1\n\n### Page 3\n\n<!-- page 3 -->\n\nText.[^c1-1]\n\n[^c1-1]: Note.\n`));
    const doc = u.docs.get(u.spine.find((f) => f.includes('n-c1-1'))!)!;
    const ids = doc.find('//@id').map((a) => a.content);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['n-c1-1', 'page-3']));
    const ref = doc.get('//x:a[@role="doc-noteref"]', NS)!;
    expect(doc.get(`//x:aside[@id="${attr(ref, 'href')!.slice(1)}"]`, NS)).not.toBeNull();
  });

  it('takes the language from the metadata, not the library default', async () => {
    const u = await unpack(await build(`${head}\n<!-- division: chapter -->\n## Un\n\nTexte.\n`));
    expect(attr(u.opf.root, 'lang', 'xml')).toBe('fr');
    for (const doc of u.docs.values()) expect(attr(doc.root, 'lang', 'xml')).toBe('fr');
    // No page markers: no page-list, no dc:source, no pageNavigation claim.
    expect(u.nav.get('//x:nav[@epub:type="page-list"]', NS)).toBeNull();
    expect(u.opf.get('//dc:source', NS)).toBeNull();
    expect(u.opf.find('//opf:meta[.="pageNavigation"]', NS)).toEqual([]);
  });
  it('marks a quotation’s attribution and the credit under it, and nothing else', async () => {
    const u = await unpack(await build(`${head}\n<!-- division: chapter -->\n## A\n\n“A bold book.”\n\n— CINDY KOHTALA\n\nresearcher on peer production, Aalto University\n\nAnd the text goes on, as it always does, with a sentence of its own.\n`));
    const doc = u.docs.get(u.spine.find((f) => f.includes('-a.xhtml'))!)!;
    expect(doc.find('//x:p[@class="attribution"]', NS).map((p) => p.content)).toEqual(['— CINDY KOHTALA', 'researcher on peer production, Aalto University']);
  });
});
