import { EPub, type Chapter, type Options } from 'epub-gen-memory';
import type { Heading } from 'mdast';
import { bookStructure, type Division, type TocEntry } from '../manuscript/divisions.js';
import type { Book } from '../model/book.js';
import type { StageContext } from '../model/context.js';
import { colophonSection } from './colophon.js';
import { coverPage, coverSvg } from './cover.js';
import { navDocument, ncxDocument, type Landmark } from './nav.js';
import { description, packageDocument, type ManifestItem } from './opf.js';
import { labelsFor } from '../model/labels.js';
import { XhtmlWriter, xhtmlDocument, type Anchor, type PageTarget } from './to-xhtml.js';

export { EPUB_CODES } from './to-xhtml.js';

export interface EpubOptions {
  /** The stylesheet (templates/epub.css, read by the CLI), stored as `style.css`. */
  stylesheet: string;
}

// Names epub-gen-memory gives the files it writes itself (under OEBPS/).
const NAV_FILE = 'toc.xhtml';
const NCX_FILE = 'toc.ncx';
const CSS_FILE = 'style.css';
const COVER_IMAGE = 'cover.svg';
const COVER_PAGE = 'cover.xhtml';
const COLOPHON_FILE = 'colophon.xhtml';

/** Division kinds read before the Contents page; the Contents goes before the first other division. */
const BEFORE_CONTENTS = new Set(['titlepage', 'dedication', 'epigraph', 'reviews', 'frontmatter']);

/** Zip entries cannot date before 1980 (DOS time). */
const DOS_EPOCH = Date.UTC(1980, 0, 1, 12);

/**
 * epub-gen-memory with its nondeterminism removed — the small post-processing step:
 * - the package uuid is the book's identifier, not `Math.random()`;
 * - extra files it cannot express (the SVG cover image) are added to its zip before zipping;
 * - every zip entry gets the build's source date instead of the clock.
 * Everything else (mimetype first and stored, container.xml, OEBPS layout, deflate) is the library's.
 */
class DeterministicEPub extends EPub {
  constructor(
    options: Options,
    content: Chapter[],
    identifier: string,
    private readonly extraFiles: ReadonlyArray<readonly [string, string]>,
    private readonly zipDate: Date,
  ) {
    super(options, content);
    this.uuid = identifier;
  }

  protected override async generateTemplateFiles(): Promise<void> {
    await super.generateTemplateFiles();
    for (const [path, text] of this.extraFiles) this.zip.file(path, text);
  }

  override generateAsync: EPub['generateAsync'] = (options) => {
    for (const file of Object.values(this.zip.files)) file.date = this.zipDate;
    return this.zip.generateAsync(options);
  };
}

interface FilePlan {
  division: Division;
  file: string;
}

function headingsOf(division: Division): Heading[] {
  return division.blocks.filter((b): b is Heading => b.type === 'heading');
}

/** ejs reads `<%` as code: any rendered document we hand over as a "template" must not contain it. */
function literalTemplate(text: string): string {
  if (text.includes('<%')) throw new Error('internal: a generated EPUB document contains `<%`');
  return text;
}

/**
 * Builds the EPUB 3 edition of a book. Pure: reads no files and no clock (dates come from
 * `ctx.sourceDate`); the same book and context always give the same bytes.
 * Problems with the manuscript are reported to `ctx.report` (codes `E-…`).
 */
export async function toEpub(book: Book, ctx: StageContext, options: EpubOptions): Promise<Uint8Array> {
  const { metadata } = book;
  const lang = metadata.language;
  const L = labelsFor(lang);
  const structure = bookStructure(book.tree);
  const width = String(structure.divisions.length).length;

  const plan: FilePlan[] = structure.divisions.map((division, i) => ({
    division,
    file: `${String(i + 1).padStart(Math.max(2, width), '0')}-${division.id}.xhtml`,
  }));
  const fileOfId = new Map<string, string>();
  for (const { division, file } of plan) {
    fileOfId.set(division.id, file);
    for (const heading of headingsOf(division)) {
      const id = structure.headingIds.get(heading);
      if (id) fileOfId.set(id, file);
    }
  }

  const writer = new XhtmlWriter(structure, ctx, fileOfId);
  const pages: PageTarget[] = [];
  const readingOrder: Anchor[] = [];
  const chapters: Chapter[] = [];
  const items: ManifestItem[] = [
    { id: 'ncx', href: NCX_FILE, mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: CSS_FILE, mediaType: 'text/css' },
    { id: 'cover-image', href: COVER_IMAGE, mediaType: 'image/svg+xml', properties: 'cover-image' },
  ];
  const addChapter = (id: string, file: string, title: string, xhtml: string): void => {
    chapters.push({ title, filename: file, content: '', excludeFromToc: true, xhtml } as Chapter);
    items.push({ id, href: file, mediaType: 'application/xhtml+xml', spine: true });
  };

  addChapter('cover', COVER_PAGE, L.cover, coverPage(metadata, COVER_IMAGE));

  const navItem: ManifestItem = { id: 'nav', href: NAV_FILE, mediaType: 'application/xhtml+xml', properties: 'nav', spine: true };
  let navPlaced = false;
  plan.forEach(({ division, file }, i) => {
    if (!navPlaced && !BEFORE_CONTENTS.has(division.kind)) {
      items.push(navItem);
      navPlaced = true;
    }
    const rendered = writer.renderDivision(division, file);
    pages.push(...rendered.pages);
    readingOrder.push(...rendered.anchors);
    const title = division.heading ? division.title : metadata.title;
    const xhtml = xhtmlDocument({ lang, title, bodyType: `${division.matter}matter`, body: rendered.section, stylesheet: CSS_FILE });
    addChapter(`d${i + 1}`, file, title, xhtml);
  });
  if (!navPlaced) items.push(navItem);
  writer.reportUnusedNotes();

  const hasPages = pages.length > 0;
  addChapter(
    'colophon',
    COLOPHON_FILE,
    L.colophon,
    xhtmlDocument({ lang, title: L.colophon, bodyType: 'backmatter', body: colophonSection(metadata, hasPages), stylesheet: CSS_FILE }),
  );

  // The Contents: the book's own, or (a book without headings) one entry per division.
  const toc: TocEntry[] = structure.toc.length
    ? structure.toc
    : plan.map(({ division }, i) => ({ id: division.id, title: division.title, depth: 1, division: i, children: [] }));

  const landmarks: Landmark[] = [{ type: 'cover', title: L.cover, href: COVER_PAGE }];
  const firstOf = (pred: (d: Division) => boolean): FilePlan | undefined => plan.find((p) => pred(p.division));
  const titlepage = firstOf((d) => d.kind === 'titlepage');
  if (titlepage) landmarks.push({ type: 'titlepage', title: titlepage.division.title, href: titlepage.file });
  landmarks.push({ type: 'toc', title: L.contents, href: `${NAV_FILE}#toc` });
  const body = firstOf((d) => d.matter === 'body');
  if (body) landmarks.push({ type: 'bodymatter', title: L.startOfContent, href: body.file });
  const bibliography = firstOf((d) => d.kind === 'bibliography');
  if (bibliography) landmarks.push({ type: 'bibliography', title: bibliography.division.title, href: bibliography.file });

  const nav = navDocument({ lang, title: metadata.title, toc, fileOfId, landmarks, pages });
  const ncx = ncxDocument({ identifier: metadata.identifier, lang, title: metadata.title, author: metadata.author, toc, fileOfId, pages, readingOrder });
  const opf = packageDocument({ metadata, modified: ctx.sourceDate, items, hasPages });

  const epubOptions: Options = {
    title: metadata.title,
    author: metadata.author,
    publisher: metadata.publisher,
    description: description(metadata),
    date: metadata.date,
    lang,
    css: options.stylesheet,
    version: 3,
    verbose: false,
    prependChapterTitles: false,
    // Our documents are complete; the library's templates would hard-code `en`, the clock and a flat nav.
    chapterXHTML: '<%- xhtml %>',
    contentOPF: literalTemplate(opf),
    tocXHTML: literalTemplate(nav),
    tocNCX: literalTemplate(ncx),
  };
  const zipDate = new Date(Math.max(DOS_EPOCH, ctx.sourceDate.getTime()));
  const epub = new DeterministicEPub(epubOptions, chapters, metadata.identifier, [[`OEBPS/${COVER_IMAGE}`, coverSvg(metadata)]], zipDate);
  const bytes = await epub.genEpub();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
