import { unescapeMarkdown } from './normalise-title.js';
import { romanToNumber } from './roman.js';

/** How a Contents line separates its title from the page number. */
export type TocSeparator = 'tab' | 'leaders' | 'spaces' | 'space' | 'table';

/** One raw line read as a Contents entry: title text (still raw), page, look. */
export interface TocLine {
  title: string;
  pageLabel: string;
  page: number;
  roman: boolean;
  bold: boolean;
  indent: number;
  separator: TocSeparator;
}

/** Front matter rarely runs past c; larger "numerals" are words (`mix`, `did`). */
const MAX_ROMAN_PAGE = 100;
const TAGS = /<\/?(?:b|strong|i|em|span|u|small)(?:\s[^>]*)?>/gi;
const BOLD_START = /^\s*(?:<b>|<strong>|\*\*|__)/i;
const CONTENTS_HEADING = /^\s{0,3}(?:#{1,6}\s*)?(?:<b>|<strong>|\*\*|__)?\s*(?:table\s+of\s+)?contents?\s*(?:<\/b>|<\/strong>|\*\*|__)?\s*$/i;
/** `Preface 7`, `Foreword vii`: a single space before an arabic or lower-case roman page (weakest evidence). */
const SPACE_LINE = /^(.*?\p{L}[^.,;:!?"”'’(\-–—\s])[ \u00a0](\d{1,4}|[ivxlc]{1,8})$/u;
/** Title words allowed before a single-space page number; longer lines are prose. */
const MAX_SPACE_TITLE_WORDS = 15;
const LINE = /^(.*?\S)(\t+|(?:\s*[.·•…‥_])+\s*\t+|\s*(?:[.·•…‥_]\s*){3,}|\s{2,})\s*(\d{1,4}|[ivxlcdm]{1,8})$/i;

/** A character of a page number, arabic or roman (LINE reads roman numerals in either case). */
const PAGE_CHAR = /[0-9ivxlcdmIVXLCDM]/;
/** What LINE and SPACE_LINE let stand just before the page number: a separator's space, tab or leader. */
const BEFORE_PAGE = /[\s.·•…‥_]/u;

/**
 * Whether LINE or SPACE_LINE may match: both end in a page number of at most 8 characters right
 * after a space, tab or leader, which is then the whole run of page-number characters the text
 * ends with. Most lines of a book end otherwise, and this spares them the two patterns, whose lazy
 * title group is retried at every position of a long line.
 */
function mayEndInPage(body: string): boolean {
  let start = body.length;
  while (start > 0 && body.length - start <= 8 && PAGE_CHAR.test(body[start - 1]!)) start--;
  const run = body.length - start;
  return run >= 1 && run <= 8 && start > 0 && BEFORE_PAGE.test(body[start - 1]!);
}

/** True for a Contents heading line: `# Contents`, `Table of Contents`, `**CONTENTS**`. */
export function isContentsHeading(text: string): boolean {
  return CONTENTS_HEADING.test(text);
}

function indentOf(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (ch === ' ' || ch === '\u00a0') n += 1;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

function pageOf(label: string): { page: number; roman: boolean } | null {
  if (/^\d+$/.test(label)) return { page: Number(label), roman: false };
  const n = romanToNumber(label);
  return n === null || n > MAX_ROMAN_PAGE ? null : { page: n, roman: true };
}

/** Reads one raw line as a Contents entry (title, separator, page number at the end), or null. */
export function readTocLine(text: string): TocLine | null {
  if (/^\s{0,3}#/.test(text)) return null;
  const indent = indentOf(text);
  const bold = BOLD_START.test(text.replace(/^\s*(?:[-+*]\s+(?!\*))?/, ''));
  let body = unescapeMarkdown(text).replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(TAGS, '').replace(/\*\*|__/g, '').trimEnd();
  if (/^\s*\|.*\|$/.test(body)) {
    const cells = body.trim().slice(1, -1).split('|').map((c) => c.trim()).filter((c) => c !== '' && !/^:?-+:?$/.test(c));
    const last = cells[cells.length - 1];
    const p = last === undefined ? null : pageOf(last);
    if (!p || cells.length < 2 || last === undefined) return null;
    const title = cells.slice(0, -1).join(' ');
    if (!/\p{L}/u.test(title)) return null;
    return { title, pageLabel: last, ...p, bold, indent, separator: 'table' };
  }
  body = body.replace(/^\s*[-+*]\s+/, '').trimStart();
  if (!mayEndInPage(body)) return null;
  const m = LINE.exec(body);
  if (!m) {
    const s = SPACE_LINE.exec(body);
    const [, t = '', label = ''] = s ?? [];
    const p = s ? pageOf(label) : null;
    if (!p || t.split(/\s+/).length > MAX_SPACE_TITLE_WORDS || /<sup>|\[\^/.test(text)) return null;
    return { title: t.trim(), pageLabel: label, ...p, bold, indent, separator: 'space' };
  }
  const [, rawTitle = '', sep = '', label = ''] = m;
  const p = pageOf(label);
  if (!p || !/\p{L}/u.test(rawTitle)) return null;
  const separator: TocSeparator = sep.includes('\t') && !/[.·•…‥_]{1}\s*[.·•…‥_]\s*[.·•…‥_]/.test(sep)
    ? 'tab'
    : /[.·•…‥_]/.test(sep) ? 'leaders' : 'spaces';
  const title = rawTitle.replace(/(?:\s*[.·•…‥_])+\s*$/u, '').trim();
  if (!/\p{L}/u.test(title)) return null;
  return { title, pageLabel: label, ...p, bold, indent, separator };
}
