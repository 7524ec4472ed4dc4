import type { TocEntry } from '../manuscript/divisions.js';
import type { Anchor, PageTarget } from './to-xhtml.js';
import { labelsFor } from '../model/labels.js';
import { xhtmlDocument } from './to-xhtml.js';
import { escapeXml } from './xml.js';

/** A landmark of the nav document: an `epub:type` and where it points. */
export interface Landmark {
  type: string;
  title: string;
  href: string;
}

export interface NavInput {
  lang: string;
  title: string;
  toc: TocEntry[];
  /** File of every heading id. */
  fileOfId: ReadonlyMap<string, string>;
  landmarks: Landmark[];
  pages: PageTarget[];
}

function href(entry: TocEntry, fileOfId: ReadonlyMap<string, string>): string {
  return `${fileOfId.get(entry.id) ?? ''}#${entry.id}`;
}

function tocList(entries: TocEntry[], fileOfId: ReadonlyMap<string, string>, indent: string): string {
  if (!entries.length) return '';
  const items = entries.map((entry) => {
    const link = `<a href="${escapeXml(href(entry, fileOfId))}">${escapeXml(entry.title)}</a>`;
    const nested = entry.children.length ? `\n${tocList(entry.children, fileOfId, `${indent}  `)}\n${indent}` : '';
    return `${indent}<li>${link}${nested}</li>`;
  });
  return `${indent.slice(2)}<ol>\n${items.join('\n')}\n${indent.slice(2)}</ol>`;
}

/** The EPUB 3 navigation document: nested Contents, landmarks and page list. */
export function navDocument(input: NavInput): string {
  const { fileOfId } = input;
  const L = labelsFor(input.lang);
  const parts: string[] = [];
  parts.push(
    `<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">\n<h1 id="toc-title">${L.contents}</h1>\n${tocList(input.toc, fileOfId, '  ')}\n</nav>`,
  );
  if (input.landmarks.length) {
    const items = input.landmarks.map((l) => `  <li><a epub:type="${escapeXml(l.type)}" href="${escapeXml(l.href)}">${escapeXml(l.title)}</a></li>`);
    parts.push(`<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">\n<h2 id="landmarks-title">${L.landmarks}</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</nav>`);
  }
  if (input.pages.length) {
    const items = input.pages.map((p) => `  <li><a href="${escapeXml(`${p.file}#${p.id}`)}">${escapeXml(p.label)}</a></li>`);
    parts.push(`<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-labelledby="page-list-title" hidden="hidden">\n<h2 id="page-list-title">${L.pages}</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</nav>`);
  }
  return xhtmlDocument({ lang: input.lang, title: L.contents, body: parts.join('\n'), stylesheet: 'style.css' });
}

export interface NcxInput {
  identifier: string;
  /** The book's language: the page list's label is in it. */
  lang: string;
  title: string;
  author: string;
  toc: TocEntry[];
  fileOfId: ReadonlyMap<string, string>;
  pages: PageTarget[];
  /** Every linkable id in reading order, for playOrder. */
  readingOrder: Anchor[];
}

function depthOf(entries: TocEntry[]): number {
  return entries.reduce((max, e) => Math.max(max, 1 + depthOf(e.children)), 0);
}

/**
 * The EPUB 2 NCX that epub-gen-memory always includes, kept valid: nested navMap and a pageList.
 * playOrder follows reading order; targets at the same place share a number (NCX rule).
 */
export function ncxDocument(input: NcxInput): string {
  // Rank in reading order of every id some navPoint or pageTarget uses: contiguous from 1 (NCX rule).
  const position = new Map<string, number>();
  for (const anchor of input.readingOrder) {
    const key = `${anchor.file}#${anchor.id}`;
    if (!position.has(key)) position.set(key, position.size);
  }
  const used = new Set<string>(input.pages.map((p) => `${p.file}#${p.id}`));
  const addToc = (entries: TocEntry[]): void => {
    for (const entry of entries) {
      used.add(href(entry, input.fileOfId));
      addToc(entry.children);
    }
  };
  addToc(input.toc);
  const order = new Map<string, number>();
  [...used].sort((a, b) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity)).forEach((target, i) => order.set(target, i + 1));
  const playOrder = (target: string): number => order.get(target) ?? 0;
  let n = 0;
  const points = (entries: TocEntry[], indent: string): string =>
    entries
      .map((entry) => {
        const target = href(entry, input.fileOfId);
        const inner = points(entry.children, `${indent}  `);
        return `${indent}<navPoint id="np-${++n}" playOrder="${playOrder(target)}">\n${indent}  <navLabel><text>${escapeXml(entry.title)}</text></navLabel>\n${indent}  <content src="${escapeXml(target)}"/>\n${inner ? `${inner}\n` : ''}${indent}</navPoint>`;
      })
      .join('\n');
  const numeric = input.pages.map((p) => (/^\d+$/.test(p.label) ? Number(p.label) : 0));
  // NCX: a pageTarget's (type, value) must be unique; a page number seen before gets neither value nor `normal`.
  const seenValues = new Set<number>();
  const pageTargets = input.pages
    .map((p, i) => {
      const target = `${p.file}#${p.id}`;
      const isNumber = /^\d+$/.test(p.label) && !seenValues.has(Number(p.label));
      if (isNumber) seenValues.add(Number(p.label));
      const value = isNumber ? ` value="${Number(p.label)}"` : '';
      const type = isNumber ? 'normal' : /^[ivxlcdm]+$/i.test(p.label) ? 'front' : 'special';
      return `    <pageTarget id="pt-${i + 1}" type="${type}"${value} playOrder="${playOrder(target)}">\n      <navLabel><text>${escapeXml(p.label)}</text></navLabel>\n      <content src="${escapeXml(target)}"/>\n    </pageTarget>`;
    })
    .join('\n');
  const pageList = input.pages.length ? `\n  <pageList>\n    <navLabel><text>${labelsFor(input.lang).pages}</text></navLabel>\n${pageTargets}\n  </pageList>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head>
    <meta name="dtb:uid" content="${escapeXml(input.identifier)}"/>
    <meta name="dtb:depth" content="${Math.max(1, depthOf(input.toc))}"/>
    <meta name="dtb:totalPageCount" content="${input.pages.length}"/>
    <meta name="dtb:maxPageNumber" content="${Math.max(0, ...numeric)}"/>
  </head>
  <docTitle><text>${escapeXml(input.title)}</text></docTitle>
  <docAuthor><text>${escapeXml(input.author)}</text></docAuthor>
  <navMap>
${points(input.toc, '    ')}
  </navMap>${pageList}
</ncx>
`;
}
