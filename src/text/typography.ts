import type { Nodes, Parent, Root } from 'mdast';

/** Characters after which a quotation mark opens a quotation rather than closing one. */
const OPENS_AFTER = /[\s([{<\u2014\u2013\-/\u201C\u2018]/u;
/** Words that open with an apostrophe standing for left-out letters (`'tis`, `'em`, `rock 'n' roll`). */
const ELISION = /^(?:tis|twas|em|n|til|cause|bout)(?![\p{L}\p{N}])/iu;

/** The typographic form of the straight quotation mark `mark`, from the characters before and after it. */
function curl(mark: '"' | "'", before: string, after: string): string {
  const opens = before === '' || OPENS_AFTER.test(before);
  if (mark === '"') return opens ? '\u201C' : '\u201D';
  // An apostrophe is the closing single quotation mark's glyph: `don't`, `workers'`, `'90s`.
  if (!opens || /\p{N}/u.test(after) || ELISION.test(after)) return '\u2019';
  return '\u2018';
}

/**
 * Sets a manuscript's text as a typesetter would, as pandoc's `smart` extension and Standard
 * Ebooks' typogrify do. Straight quotation marks take their typographic form (`"a 'b'"` →
 * `“a ‘b’”`): a mark opens after the start of a block, a space or an opening bracket or dash, and
 * closes elsewhere; an apostrophe takes the closing single mark's glyph, also where the source
 * typed an opening one before a decade (`‘60s` → `’60s`). Three dots become an ellipsis (`...` →
 * `…`, `....` → `….`). The marks are read in the text of a whole block, across emphasis and
 * links, so `"*Capital*"` closes where it should. Code, raw HTML and the text of a bare address
 * (an autolink) are left as written. Changes the tree in place; returns how many marks it set.
 */
export function setTypography(root: Root): number {
  let count = 0;
  /** The last character of the block's text so far. */
  let before = '';
  const visit = (node: Nodes, blockStart: boolean): void => {
    if (blockStart) before = '';
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
            out += curl(ch, out ? out[out.length - 1]! : before, text.slice(i + 1, i + 6));
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
