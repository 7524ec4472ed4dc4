import type { Nodes, Parent, Root } from 'mdast';

/** A language's quotation marks: the outer pair, and the pair for a quotation inside a quotation. */
export interface QuotationMarks {
  open: string;
  close: string;
  openInner: string;
  closeInner: string;
}

export const ENGLISH_QUOTES: QuotationMarks = { open: '\u201C', close: '\u201D', openInner: '\u2018', closeInner: '\u2019' };

/** Characters after which a quotation mark opens a quotation rather than closing one (any language's opening marks among them). */
const OPENS_AFTER = /[\s([{<\u2014\u2013\-/\u201C\u2018\u201E\u201A\u00AB\u2039]/u;
/** Words that open with an apostrophe standing for left-out letters (`'tis`, `'em`, `rock 'n' roll`). */
const ELISION = /^(?:tis|twas|em|n|til|cause|bout)(?![\p{L}\p{N}])/iu;
const LETTER = /\p{L}/u;

/**
 * The typographic form of the straight quotation mark `mark`, from the characters before and after
 * it and whether an inner quotation is open. An apostrophe is the closing single quotation mark's
 * glyph in English (`don't`, `workers'`, `'90s`); where a language closes an inner quotation
 * otherwise, a single mark closes one only where one is open (`geht's`, `l'homme`, `Hans'`).
 */
function curl(mark: '"' | "'", before: string, after: string, quotes: QuotationMarks, innerOpen: boolean): string {
  const opens = before === '' || OPENS_AFTER.test(before);
  if (mark === '"') return opens ? quotes.open : quotes.close;
  if (/\p{N}/u.test(after) || ELISION.test(after) || (LETTER.test(before) && LETTER.test(after.charAt(0)))) return '\u2019';
  if (opens) return quotes.openInner;
  return innerOpen ? quotes.closeInner : '\u2019';
}

/**
 * Sets a manuscript's text as a typesetter would, as pandoc's `smart` extension and Standard
 * Ebooks' typogrify do. Straight quotation marks take their typographic form in the book's
 * language (`"a 'b'"` → `“a ‘b’”`, in German `„a ‚b‘“`, in French `«\u202Fa “b”\u202F»`): a
 * mark opens after the start of a block, a space or an opening bracket or dash, and closes elsewhere; an apostrophe takes the closing single mark's glyph, also where the source
 * typed an opening one before a decade (`‘60s` → `’60s`). Three dots become an ellipsis (`...` →
 * `…`, `....` → `….`). The marks are read in the text of a whole block, across emphasis and
 * links, so `"*Capital*"` closes where it should. Code, raw HTML and the text of a bare address
 * (an autolink) are left as written. Changes the tree in place; returns how many marks it set.
 */
export function setTypography(root: Root, quotes: QuotationMarks = ENGLISH_QUOTES): number {
  let count = 0;
  /** The last character of the block's text so far. */
  let before = '';
  /** Inner quotations opened in the block and not yet closed. */
  let innerOpen = 0;
  const visit = (node: Nodes, blockStart: boolean): void => {
    if (blockStart) {
      before = '';
      innerOpen = 0;
    }
    switch (node.type) {
      case 'text': {
        const text = node.value;
        if (!/["'‘]|\.\./.test(text)) {
          if (text) before = text[text.length - 1]!;
          return;
        }
        let out = '';
        for (let i = 0; i < text.length; i++) {
          const ch = text[i]!;
          if (ch === '"' || ch === "'") {
            const glyph = curl(ch, out ? out[out.length - 1]! : before, text.slice(i + 1, i + 6), quotes, innerOpen > 0);
            if (ch === "'" && glyph === quotes.openInner) innerOpen++;
            else if (ch === "'" && glyph === quotes.closeInner && innerOpen > 0) innerOpen--;
            out += glyph;
            count++;
          } else if (ch === '‘' && /^\d\ds\b/.test(text.slice(i + 1, i + 5))) {
            // a decade's apostrophe the source typed as an opening mark (`the ‘60s`)
            out += '’';
            count++;
          } else if (ch === '.' && text[i + 1] === '.') {
            let dots = 2;
            while (text[i + dots] === '.') dots++;
            // three dots are an ellipsis, a fourth a full stop after it; other runs stay as typed
            out += dots === 3 ? '…' : dots === 4 ? '….' : '.'.repeat(dots);
            if (dots === 3 || dots === 4) count++;
            i += dots - 1;
          } else out += ch;
        }
        node.value = out;
        before = out[out.length - 1] ?? before;
        return;
      }
      case 'inlineCode':
      case 'html':
        before = node.value[node.value.length - 1] ?? before;
        return;
      case 'break':
        before = ' ';
        return;
      case 'footnoteReference':
        // a reference reads as the end of the word it follows
        before = 'a';
        return;
      case 'link':
        if (node.children.length === 1 && node.children[0]!.type === 'text' && node.children[0]!.value === node.url) {
          before = node.url[node.url.length - 1] ?? before;
          return;
        }
        break;
      case 'code':
      case 'yaml':
        return;
      default:
        break;
    }
    if (!('children' in node)) return;
    // Each block below a container (a paragraph, a heading, a list item's paragraph) starts afresh.
    const phrasing = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' || node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'link' || node.type === 'linkReference';
    for (const child of (node as Parent).children) visit(child, !phrasing);
  };
  visit(root, true);
  return count;
}
