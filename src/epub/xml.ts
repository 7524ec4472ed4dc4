import type { Nodes as HastNodes, Properties } from 'hast';
import { find, html } from 'property-information';

/**
 * A small hast → XHTML serialiser whose output is well-formed XML whatever the text holds.
 *
 * We do not use hast-util-to-html: it leaves `>` unescaped (so `]]>` in text is ill-formed XML),
 * passes control characters through and writes HTML void syntax. Here every text and attribute
 * value is cleaned of characters XML 1.0 forbids and escaped; void elements are written `<br/>`,
 * every other element with an explicit close tag (never `<span/>`).
 */

// Characters XML 1.0 does not allow, plus C1 controls and non-characters EPUBCheck dislikes.
// With the `u` flag a lone surrogate is one code point in D800–DFFF and is matched too.
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Removes characters that cannot appear in an XML document. */
export function cleanXmlText(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Escapes text for XML character data or a double-quoted attribute value. */
export function escapeXml(text: string): string {
  return cleanXmlText(text).replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function attributes(properties: Properties | undefined): string {
  if (!properties) return '';
  let out = '';
  for (const [key, raw] of Object.entries(properties)) {
    if (raw === undefined || raw === null || raw === false) continue;
    const info = find(html, key);
    const name = info.attribute;
    if (!/^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(name)) continue; // never write an ill-formed attribute name
    let value: string;
    if (raw === true) value = name; // XHTML spelling of a boolean attribute
    else if (Array.isArray(raw)) value = raw.join(info.commaSeparated ? ', ' : ' ');
    else value = String(raw);
    out += ` ${name}="${escapeXml(value)}"`;
  }
  return out;
}

/** Serialises hast (root, elements, text; comments and raw nodes are dropped) as XHTML. */
export function toXml(node: HastNodes | readonly HastNodes[]): string {
  if (isList(node)) return node.map((child) => toXml(child)).join('');
  switch (node.type) {
    case 'root':
      return toXml(node.children);
    case 'text':
      return escapeXml(node.value);
    case 'element': {
      const name = node.tagName;
      const open = `<${name}${attributes(node.properties)}`;
      if (VOID.has(name) && node.children.length === 0) return `${open}/>`;
      return `${open}>${toXml(node.children)}</${name}>`;
    }
    default:
      // comment, doctype, raw: raw HTML is never passed through.
      return '';
  }
}

function isList(node: HastNodes | readonly HastNodes[]): node is readonly HastNodes[] {
  return Array.isArray(node);
}
