import type { BookMetadata } from '../model/book.js';
import { labelsFor } from '../model/labels.js';
import { escapeXml } from './xml.js';

/**
 * The generated colophon (copyright page): title, author, edition number, publisher, rights,
 * identifier, the print edition the page numbers refer to, and the dated change list.
 * The PDF prints the same facts; both editions must show edition and changes.
 */
export function colophonSection(m: BookMetadata, hasPages: boolean): string {
  const x = escapeXml;
  const L = labelsFor(m.language);
  const lines: string[] = [];
  lines.push(`<h2 id="colophon-title">${L.colophon}</h2>`);
  const title = `<cite>${x(m.title)}${m.subtitle ? `: ${x(m.subtitle)}` : ''}</cite>`;
  lines.push(`<p class="colophon-title">${title}<br/>${L.by} ${x(m.author)}</p>`);
  lines.push(`<p class="colophon-edition">${L.edition} ${m.edition}.</p>`);
  lines.push(`<p>${L.publishedBy} ${x(m.publisher)}, <time datetime="${x(m.date)}">${x(m.date)}</time>.</p>`);
  lines.push(`<p class="colophon-rights">${x(m.rights)}</p>`);
  lines.push(`<p>${L.identifier}: ${x(m.identifier)}</p>`);
  if (hasPages && m.pageSource) lines.push(`<p>${L.pagination}: ${x(m.pageSource)}.</p>`);
  if (m.changes.length) {
    lines.push(`<h3 id="colophon-changes">${L.changes}</h3>`);
    const items = m.changes.map((c) => `<li><time datetime="${x(c.date)}">${x(c.date)}</time>: ${x(c.note)}</li>`);
    lines.push(`<ul class="changes">\n${items.join('\n')}\n</ul>`);
  }
  return `<section epub:type="colophon" role="doc-colophon" aria-labelledby="colophon-title" class="division colophon generated">\n${lines.join('\n')}\n</section>`;
}
