const SUP = /<sup>([^<]*)<\/sup>/g;
const ITALIC = /<(i|em)>([^<]*)<\/\1>/gi;
const BOLD = /<(b|strong)>([^<]*)<\/\1>/gi;
/** Where an empty emphasis or strong was taken out; resolved to one space or none by `settleEmpties`. */
const EMPTY = '\u0000';

/**
 * `mark`-delimited markdown for the inner text of a bold or italic element. Spaces just inside the
 * tags go outside the marks (`<b> word </b>` → ` **word** `: CommonMark reads no strong whose
 * delimiter touches a space); an element holding nothing but spaces becomes EMPTY, followed by a
 * space if it held one.
 */
function delimit(inner: string, mark: string): string {
  if (inner.trim() === '') return inner === '' ? EMPTY : `${EMPTY} `;
  const lead = /^\s*/.exec(inner)![0];
  const trail = /\s*$/.exec(inner)![0];
  return `${lead}${mark}${inner.trim()}${mark}${trail}`;
}

/**
 * Empty markdown strong the extraction left in the text: `****` standing apart from words, and
 * `** **` where the first `**` opens (an even number of strong delimiters before it in the block),
 * so the space between two strong words (`**One** **Two**`) is not taken for one. Underscores are
 * left alone: `____` is as likely a blank to fill in.
 */
function dropEmptyStrong(text: string): string {
  if (!text.includes('**')) return text;
  const runs = [...text.matchAll(/\*+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  let out = '';
  let at = 0;
  let delimiters = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    const length = run.end - run.start;
    const next = runs[r + 1];
    let empty: { end: number; value: string } | null = null;
    // `****` glued to a letter or digit is a word starred out (`f****`), not an empty strong.
    if (length === 4 && !/[\p{L}\p{N}]/u.test(text.charAt(run.start - 1)) && !/[\p{L}\p{N}]/u.test(text.charAt(run.end))) empty = { end: run.end, value: EMPTY };
    else if (length === 2 && delimiters % 2 === 0 && next && next.end - next.start === 2 && /^[ \t]+$/.test(text.slice(run.end, next.start))) {
      empty = { end: next.end, value: `${EMPTY} ` };
      r++;
    } else if (length === 2 || length === 3) delimiters++;
    if (!empty) continue;
    out += text.slice(at, run.start) + empty.value;
    at = empty.end;
  }
  return out + text.slice(at);
}

/**
 * Where emphasis was taken out, what was around it decides: one space if there was a space on either
 * side or inside it, none if it sat inside a word, before closing punctuation, or at the start or
 * end of a line.
 */
function settleEmpties(text: string): string {
  if (!text.includes(EMPTY)) return text;
  return text.replace(/[ \t]*(?:\u0000[ \t]*)+/g, (run, at: number, whole: string) => {
    const after = whole.charAt(at + run.length);
    const atEdge = at === 0 || whole[at - 1] === '\n' || after === '' || after === '\n';
    // No space before punctuation that closes (`word <b></b>.` → `word.`).
    return !atEdge && !/[,.;:!?)\]}”’]/u.test(after) && /[ \t]/.test(run) ? ' ' : '';
  });
}

/**
 * Some extractions escape an underscore twice (`71\\_04\\_12`, which a reader sees as `71\_04\_12`),
 * always inside a run of text with no space, such as a URL; a printed book shows `_` there. A `\\_`
 * after a space, or after a third backslash, is left as it is.
 */
const DOUBLE_ESCAPED_UNDERSCORE = /(?<=[^\s\\])\\\\(?=_)/g;

/** The text with each twice-escaped underscore escaped once, and how many there were. */
export function undoDoubleEscapes(text: string): { text: string; count: number } {
  let count = 0;
  const undone = text.replace(DOUBLE_ESCAPED_UNDERSCORE, () => {
    count++;
    return '\\';
  });
  return { text: undone, count };
}

/**
 * Raw inline markup → clean-manuscript markdown: numbered `<sup>` references become GFM footnote
 * references through `label`, other superscripts (`20<sup>th</sup>`) become plain text, `<b>` and
 * `<strong>` strong, `<i>` and `<em>` emphasis. Empty ones (`<b></b>`, and `****` or `** **` typed in
 * the raw text) vanish instead of showing as asterisks; other tags are dropped, their text kept.
 * `label` returns null for a number the page cannot resolve; the reference then stays visible.
 * `symbolLabel` gives the label of a note the page marks with a symbol, or null.
 */
export function convertInline(text: string, label: (n: number) => string[] | null, symbolLabel: (mark: string) => string | null = () => null): string {
  const converted = text
    .replace(SUP, (_whole, inner: string, at: number, whole: string) => {
      if (!/^\d+$/.test(inner)) {
        // A note marked with a symbol or letter its page defines (`*`, `†`, `a`) is a reference like
        // a numbered one; a letter raised after a number is an ordinal (`2<sup>e</sup>`).
        const ordinal = /^\p{L}+$/u.test(inner) && /\p{N}$/u.test(whole.slice(0, at));
        const symbol = ordinal ? null : symbolLabel(inner);
        if (symbol) return `[^${symbol}]`;
        // Any other raised mark is text: a bare `*` would read as emphasis or a list marker.
        return inner.replace(/[*_]/g, '\\$&');
      }
      const labels = label(Number(inner));
      return labels ? labels.map((l) => `[^${l}]`).join('') : `[${inner}]`;
    })
    .replace(ITALIC, (_whole, _tag: string, inner: string) => delimit(inner, '*'))
    .replace(BOLD, (_whole, _tag: string, inner: string) => delimit(inner, '**'))
    .replace(/<\/?(?:sup|sub|b|i|em|strong|span)\b[^>\n]*>/gi, '');
  return escapeBlockMarks(settleEmpties(dropEmptyStrong(converted)));
}

/**
 * A line of nothing but `#` marks (an empty heading: a heading holds text), or of nothing but `=`
 * or `-` (the underline that makes the line before it a heading), which ingest read as text and
 * markdown would not: a stray mark. (One in a damaged raw file made an empty heading, listed
 * without a title in the EPUB's table of contents, which EPUBCheck rejects.)
 */
const BLOCK_MARK_LINE = /^([ \t]*)(#{1,6}|=+|-+)([ \t]*)$/gm;

/** The text with each line that is nothing but block marks (see BLOCK_MARK_LINE) escaped, so that it stays text. */
export function escapeBlockMarks(text: string): string {
  return text.replace(BLOCK_MARK_LINE, (_whole, lead: string, marks: string, trail: string) => `${lead}\\${marks}${trail}`);
}
