import type { BookMetadata } from '../model/book.js';
import { labelsFor } from '../model/labels.js';
import { xhtmlDocument } from './to-xhtml.js';
import { escapeXml } from './xml.js';

/** Greedy word wrap by character count: good enough for a cover set in one generic serif. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const W = 1600;
const H = 2560;

function textBlock(lines: string[], y: number, size: number, extra = ''): { svg: string; bottom: number } {
  const step = Math.round(size * 1.25);
  const svg = lines
    .map((line, i) => `  <text x="${W / 2}" y="${y + i * step}" font-size="${size}"${extra}>${escapeXml(line)}</text>`)
    .join('\n');
  return { svg, bottom: y + (lines.length - 1) * step };
}

/**
 * A typographic cover image (SVG: title, subtitle, author) for books whose metadata names no cover.
 * Plain SVG 1.1 with a `<title>`; text is sized in user units relative to the 1600×2560 canvas.
 */
export function coverSvg(m: BookMetadata): string {
  const title = wrapWords(m.title, 14);
  const titleSize = title.length > 3 ? 120 : 150;
  const t = textBlock(title, 800, titleSize, ' font-weight="bold"');
  const sub = m.subtitle ? textBlock(wrapWords(m.subtitle, 30), t.bottom + 200, 72, ' font-style="italic"') : undefined;
  const author = textBlock(wrapWords(m.author, 24), H - 520, 96);
  const label = `${m.title}${m.subtitle ? `: ${m.subtitle}` : ''} — ${m.author}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xml:lang="${escapeXml(m.language)}">
  <title>${escapeXml(label)}</title>
  <rect x="0" y="0" width="${W}" height="${H}" fill="#f4efe4"/>
  <rect x="80" y="80" width="${W - 160}" height="${H - 160}" fill="none" stroke="#5a1d1d" stroke-width="12"/>
  <g fill="#1d1d1d" font-family="serif" text-anchor="middle">
${t.svg}
${sub ? `${sub.svg}\n` : ''}${author.svg}
  </g>
  <line x1="${W / 2 - 200}" y1="${t.bottom + 90}" x2="${W / 2 + 200}" y2="${t.bottom + 90}" stroke="#5a1d1d" stroke-width="6"/>
</svg>
`;
}

/** The cover page that shows the cover image, with the title and author as its text alternative. */
export function coverPage(m: BookMetadata, image: string): string {
  const L = labelsFor(m.language);
  const alt = `${L.cover}: ${m.title}${m.subtitle ? `: ${m.subtitle}` : ''}, ${L.by} ${m.author}`;
  const body = `<section epub:type="cover" class="cover">\n<img src="${escapeXml(image)}" alt="${escapeXml(alt)}" role="doc-cover"/>\n</section>`;
  return xhtmlDocument({ lang: m.language, title: L.cover, bodyType: 'frontmatter', body, stylesheet: 'style.css' });
}
