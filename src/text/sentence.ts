/**
 * Sentence-boundary evidence for a block of markdown-ish text: does it stop mid-sentence, does it carry on
 * from a previous block, does it end with a word cut by a hyphen. Pure string functions.
 */
import { codePointSizeBefore, countWords, endsInCapitalisedRun, letterBefore } from './words.js';

/** Trailing things that are not sentence text: spaces, footnote references, emphasis marks, inline HTML closers. */
const TRAILING_NOISE = [
  /\s+$/u,
  /<sup>\s*[^<]{0,12}<\/sup>$/u,
  /\[\^[^\]\s]+\]$/u,
  /<\/?(?:em|i|b|strong|span|small|cite)\b[^>]*>$/iu,
  /(?<!\*)\*{1,3}$|(?<!_)_{1,3}$/u,
  /\\$/u,
];

/**
 * The last character each of TRAILING_NOISE needs to match (a test, in its order): every noise is
 * anchored at the end, and most text ends with a letter or a full stop, where none can match; a
 * search from every position of a long paragraph is skipped then.
 */
const WHITESPACE = /\s/u;
const TRAILING_NOISE_LAST: ReadonlyArray<(last: string) => boolean> = [
  (last) => WHITESPACE.test(last),
  (last) => last === '>',
  (last) => last === ']',
  (last) => last === '>',
  (last) => last === '*' || last === '_',
  (last) => last === '\\',
];

function stripTrailing(text: string): string {
  let t = text;
  for (;;) {
    const before = t;
    for (let k = 0; k < TRAILING_NOISE.length; k++) if (t.length && TRAILING_NOISE_LAST[k]!(t.charAt(t.length - 1))) t = t.replace(TRAILING_NOISE[k]!, '');
    if (t === before) return t;
  }
}

function lastLine(text: string): string {
  const i = text.lastIndexOf('\n');
  return i < 0 ? text : text.slice(i + 1);
}

const HEADING = /^\s{0,3}#{1,6}(?:\s|$)/u;
const THEMATIC_BREAK = /^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/u;
const LIST_MARKER = /^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+/u;
/** A block that opens with a dash and a capitalised name, as an attribution does (`— Cindy Kohtala`). */
const ATTRIBUTION = /^\s*(?:[—―–]|--)\s*[*_]*\p{Lu}/u;
/** Longer than this, a block opening with a dash is running prose (a line of dialogue), not an attribution. */
const ATTRIBUTION_LENGTH = 250;
const TERMINAL = /[.!?…]/u;
const CLOSERS = /[”’"'»)\]}]/u;
/** Words that cannot end a sentence or a complete list item (articles, prepositions, conjunctions). */
const FUNCTION_WORDS = new Set(
  'a an the of to in on at by for with without within from into onto upon over under between among through against about outside inside toward towards via and or nor but as than that which who whose whom its their our his her my your is are was were be been being has have had this these those such not if when where while because'.split(' '),
);

/**
 * The word cut by a hyphen at the very end of the block (`coopta-`, `self-`, `https://www.ips-`), else null.
 * Leading punctuation (`“dis-` → `dis-`) and an autolink's closing `>` (`<https://www.ips->`) are dropped.
 * Spaced dashes, `--`, em/en dashes and thematic breaks are not cuts.
 */
export function endsWithCut(text: string): string | null {
  let t = stripTrailing(text);
  if (THEMATIC_BREAK.test(lastLine(t))) return null;
  const space = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\n'), t.lastIndexOf('\t'));
  let token = t.slice(space + 1);
  if (token.includes('<') && /->+$/u.test(token)) token = token.replace(/>+$/u, '');
  if (!/[\p{L}\p{N}\p{M}]-$/u.test(token)) return null;
  token = token.replace(/^[<(["“‘'*_]+/u, '');
  return token || null;
}

/**
 * A word cut at a page end inside emphasis (`*P2P Founda-*` ‖ `*tion Blog*`), with the marker that
 * closes the emphasis moved out of the way, so that the cut ends the text: where the next page
 * opens the same emphasis, it runs on over the join; where the emphasis is the cut word's alone, it
 * takes in the word's rest; otherwise it closes before the cut word, which the next page sets
 * roman (`*Quaderni Rossi: cap-*` ‖ `ital colonizes` → `*Quaderni Rossi:* cap-` ‖ `ital colonizes`).
 */
export function carryEmphasisOverCut(before: string, after: string): { before: string; after: string } {
  const closing = /[\p{L}\p{N}]-([*_]{1,3})$/u.exec(before)?.[1];
  if (!closing) return { before, after };
  const open = before.slice(0, -closing.length);
  if (after.startsWith(closing)) return { before: open, after: after.slice(closing.length) };
  const wordStart = Math.max(open.lastIndexOf(' '), open.lastIndexOf('\n')) + 1;
  if (open.startsWith(closing, wordStart)) return { before: open, after: after.replace(/^[\p{L}\p{N}\p{M}'’-]*/u, (rest) => rest + closing) };
  return { before: `${open.slice(0, wordStart).replace(/(\s*)$/u, `${closing}$1`)}${open.slice(wordStart)}`, after };
}

/**
 * Emphasis the extraction closed at a page end and took up again on the next page, as one
 * emphasis over the join: reopened (`…with a focus on*` ‖ `*Barcelona* (Barcelona…` → `…with a
 * focus on` ‖ `Barcelona* (Barcelona…`), or only closed there (`Published in *Anarchist*` ‖
 * `Studies\*, edited by…` → `Published in *Anarchist` ‖ `Studies*, edited by…`).
 */
export function carryEmphasisOverJoin(before: string, after: string): { before: string; after: string } {
  const closing = /[\p{L}\p{N}.,;:!?'’"”)]([*_]{1,3})$/u.exec(before)?.[1];
  if (!closing) return { before, after };
  if (after.startsWith(closing) && !after.startsWith(closing + closing[0])) return { before: before.slice(0, -closing.length), after: after.slice(closing.length) };
  // The first mark of the kind in the rest, if it closes (set right after a word; escaped, if the
  // rest was written as text of its own): the emphasis runs on to it.
  const mark = closing[0]!;
  const at = after.indexOf(mark);
  if (at <= 0 || /\s/u.test(after[at - 1]!) || !after.startsWith(closing, at)) return { before, after };
  const escaped = after[at - 1] === '\\';
  return { before: before.slice(0, -closing.length), after: escaped ? `${after.slice(0, at - 1)}${after.slice(at)}` : after };
}

/** Whether a cut word is the start of a web or e-mail address (`https://www.ips-`, `www.occupy.com/article/symbiosis-`). */
export function isAddressCut(cut: string): boolean {
  return /:\/\/|^www\.|@/.test(cut);
}

/**
 * Whether a block opens with the rest of an address cut at the end of the one before: a host name
 * (`journal.eu/…`), or a path running on to the link's closing `>` (`different-why-…-politics>.`).
 * The extraction sometimes set the carried-over line as a list item (`- journal.eu/…`).
 */
export function continuesAddress(text: string): boolean {
  const token = text.replace(LIST_MARKER, '').split(/\s/, 1)[0] ?? '';
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._~/?#=&%+:-]*(>{1,2}[.,;]?)?$/u.test(token)) return false;
  return /[\p{L}\p{N}/]>/u.test(token) || /^[\p{L}\p{N}-]+(\.[\p{L}]{2,})+(\/|$)/u.test(token);
}

/** The paragraph opens with a run-in head (`**Land Ownership.** The right …`), as entries of a list set as paragraphs do. */
export function opensWithRunInHead(text: string): boolean {
  return /^(?:\*\*|<b>)[^*<\n]{1,80}[.:](?:\*\*|<\/b>)\s+\S/u.test(text);
}

/**
 * A sentence stopped on a word that cannot end it, carried on by a paragraph that opens with a
 * quoted or emphasised title (`…heavily influenced by` + `"Le Droite à la Ville" (*Right to the
 * City*) a book…`): the extraction broke the paragraph at the title.
 */
export function continuesIntoTitle(previous: string, next: string): boolean {
  return endsMidPhrase(previous) && /^(?:[“"‘]|\*{1,2}|_{1,2})\p{Lu}/u.test(next);
}

/**
 * The block opens with a web address (`<<https://…>>.`, `www.…`): no sentence starts so. At a page
 * top it is the rest of an entry or a citation the page before left open.
 */
export function opensWithAddress(text: string): boolean {
  return /^[*_]*(?:<{1,2}|\[)?(?:https?:\/\/|www\.)/u.test(text.trimStart());
}

/**
 * The block ends with a list item that has no closing punctuation (`- … region by decommodifying`,
 * `- … threatened by funding shortages,`): such an item may be finished, or carried on by the page
 * after it; only the next block's opening tells.
 */
export function endsInOpenItem(text: string): boolean {
  const t = stripTrailing(text);
  return LIST_MARKER.test(lastLine(t)) && !/[.!?…:;][”’"')\]]*$/u.test(t) && !/:\/\//.test(lastLine(t));
}

/**
 * The block ends with a quotation's source set after it, a dash or an *ibid.* and a page
 * (`… change *us*. —p. 296`, `… numbers. *Ibid.*, p. 115`): a finished sentence and its page.
 */
export function endsWithPageCitation(text: string): boolean {
  return /[.!?…][”’"')\]]*(?:<sup>\d+<\/sup>|\[\^[^\]\s]+\])*\s*(?:[—–]\s*|[*_]*ibid\.[*_]*,?\s*)pp?\.\s*[\divxlc]+(?:[–-][\divxlc]+)?$/iu.test(stripTrailing(text));
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * The block ends with a lead-in to a quotation: a colon (`Marx writes:`), or a last sentence that
 * only names whom it quotes (`To quote Guy Standing`, the colon lost), after stripping notes and
 * emphasis.
 */
export function endsWithLeadIn(text: string): boolean {
  const stripped = stripTrailing(text);
  return /:[”’"')\]]?$/u.test(stripped) || QUOTING.test(stripped);
}

/**
 * A sentence that goes on as a list: `…with components like` followed by `- Creative Commons
 * Licensing, …` (the list's items open with capitals and end without full stops).
 */
export function leadsIntoList(previous: string, next: string): boolean {
  return LIST_ITEM.test(next) && LIST_LEAD_IN.test(stripTrailing(previous));
}

const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d{1,2}[.)])\s+\S/;
const LIST_LEAD_IN = /(?:^|[^\p{L}])(?:like|including|include|includes|namely|such as|as follows|the following)$/iu;

const QUOTING = /(?:^|[.!?][”’"')\]]*(?:<sup>\d+<\/sup>)*\s+)(?:To quote|Quoting|In the words of)\s+\p{Lu}[^.!?;:,]{0,60}$/u;

/**
 * The block stops mid-sentence: it ends with a cut word, a word, a comma, a semicolon, a dash, or a closing
 * quote/bracket not preceded by terminal punctuation. Footnote references, emphasis and trailing spaces are
 * stripped first. Colon lead-ins return false (see {@link endsWithLeadIn}); headings, thematic breaks and a
 * trailing address (`<<https://…>>`) are closed unless its autolink lost its closing `>`; so are blocks wholly
 * in brackets and blocks ending with a citation in parentheses (`(July 1989)`, `(p. 5)`). A list item is open only when it ends with a cut or with a
 * function word (`the`, `of`, `and` …): items commonly end with a bare word or a comma.
 */
export function endsOpen(text: string): boolean {
  return remembered(openEnds, text, endsOpenUncached);
}

/**
 * Answers for the same block text, asked again and again as page boundaries are weighed (each
 * block is the left side of one boundary and the right of another). The maps are bounded so that a
 * long-lived process (the proof server) does not keep every text it ever saw.
 */
const openEnds = new Map<string, boolean>();
const prose = new Map<string, boolean>();
const REMEMBERED = 20_000;

function remembered(cache: Map<string, boolean>, text: string, answer: (text: string) => boolean): boolean {
  let known = cache.get(text);
  if (known === undefined) {
    if (cache.size >= REMEMBERED) cache.clear();
    known = answer(text);
    cache.set(text, known);
  }
  return known;
}

function endsOpenUncached(text: string): boolean {
  const t = stripTrailing(text);
  if (!t.trim()) return false;
  const line = lastLine(t);
  if (HEADING.test(line) || THEMATIC_BREAK.test(line)) return false;
  if (endsWithCut(t) !== null) return true;
  const lastChunk = t.slice(Math.max(t.lastIndexOf(' '), t.lastIndexOf('\n'), t.lastIndexOf('\t')) + 1);
  if (lastChunk.includes('://')) {
    // A block ending with an address is a reference; one whose `<<` autolink lost a `>` was cut inside the URL.
    return count(lastChunk, '<') > count(lastChunk, '>');
  }
  if (endsWithLeadIn(t)) return false;
  // A quotation's attribution (`— ATHINA KARATZOIANNI / researcher on …, Leicester University`)
  // names and describes; it finishes with its last word, unless that word cannot end anything.
  if (isAttribution(t)) return FUNCTION_WORDS.has(lastLetterRun(t).toLowerCase());
  if (LIST_MARKER.test(line)) {
    const lastWord = /([\p{L}]+)$/u.exec(t)?.[1];
    return lastWord !== undefined && FUNCTION_WORDS.has(lastWord.toLowerCase());
  }
  // A block wholly in brackets (`[Last edited May 5, 2020]`), or ending with a citation (`(July 1989)`, `(p. 5)`).
  if (/^\[[^\]]*\]$|^\([^)]*\)$/u.test(t.trim())) return false;
  const citation = /\(([^()]*)\)$/u.exec(t)?.[1];
  if (citation !== undefined && /(?:^|\D)(?:1[5-9]\d\d|20\d\d)(?:\D|$)|\bpp?\. ?\d|^\d+$/u.test(citation)) return false;
  let i = t.length - 1;
  while (i >= 0 && (CLOSERS.test(t.charAt(i)) || t.charAt(i) === '*' || t.charAt(i) === '_')) i--;
  if (i < 0) return false;
  return !TERMINAL.test(t.charAt(i));
}

/** A quotation's attribution: a short block that opens with a dash and a capitalised name (`— Cindy Kohtala`). */
export function isAttribution(text: string): boolean {
  return ATTRIBUTION.test(text) && text.length <= ATTRIBUTION_LENGTH;
}

/**
 * A short line that ends on a name and has no sentence in it (`researcher on peer production, Aalto
 * University` under a review's attribution, a caption): it has no full stop to leave out.
 */
export function isCredit(text: string): boolean {
  const words = text.match(/\p{L}+/gu) ?? [];
  return words.length < 12 && /^\p{Lu}/u.test(words[words.length - 1] ?? '') && !/[.!?;:]/.test(text);
}

/** Opening quotes/brackets and emphasis that may precede a block's first word. */
const LEADING_NOISE = /^(?:[*_]{1,3}|[“"‘'(\[«]|<(?:em|i|b|strong|span)\b[^>]*>)/iu;
/** Characters that cannot begin a sentence. */
const CONTINUATION_PUNCT = /^[,;:.?!)\]}”’%]/u;

/** Characters from the end that hold a block's last word, its references and closing marks. */
const TAIL = 200;

/** The text stops inside a name being written (`… the German`, `Massimo De`): a capital on the next page may carry it on. */
export function endsInName(text: string): boolean {
  return endsInCapitalisedRun(text.replace(/<sup>\d+<\/sup>/g, '').trim(), "'’-");
}

/** Words that open sentences (articles, pronouns, conjunctions, prepositions): capitalised, they start one, not the rest of a name. */
const SENTENCE_OPENERS = new Set([...FUNCTION_WORDS, ...'it we they he she you there here what how why so yet then thus hence however one some many most all each every both no even only also'.split(' ')]);

/** The text opens with a capitalised word that opens sentences (`This`, `In`, `They`), not one that may finish a name. */
export function opensWithSentenceOpener(text: string): boolean {
  const word = /^[*_“"‘']*(\p{Lu}\p{Ll}*)(?![\p{L}'’-])/u.exec(text)?.[1];
  return word !== undefined && SENTENCE_OPENERS.has(word.toLowerCase());
}

/** A word capitalised wherever it stands (an acronym, `CAD/CAM`; the pronoun `I`) tells nothing of a new sentence. */
export function opensWithAlwaysCapital(text: string): boolean {
  return /^[*_“"‘']*(?:\p{Lu}{2,}(?:[/&-]\p{Lu}+)*(?!\p{Ll})|I(?=[\s’']))/u.test(text);
}

/** A quotation's excerpt that opens a sentence after an ellipsis (`...In Uzbekistan`, `...[T]he`): it carries nothing on. */
export function opensExcerptSentence(text: string): boolean {
  return /^[*_“"‘']*(?:\.\.\.|…)\s*[[(]?\p{Lu}/u.test(text);
}

/** A long list item of running prose left without closing punctuation (`2. … propaganda, and entertainment,`): it runs on. */
export function endsInOpenProseItem(text: string): boolean {
  const line = lastLine(stripTrailing(text));
  return endsInOpenItem(text) && /[\p{Ll},;]$/u.test(line) && (line.match(/\p{L}+/gu) ?? []).length >= 25 && isProse(line);
}

/** A footnote's text stops where the note runs on: URLs and closing brackets end most notes; only a note broken off in a word or after a comma runs on. */
export function noteEndsOpen(text: string): boolean {
  return /[\p{Ll},–-]$/u.test(text.replace(/<sup>\d+<\/sup>/g, '').replace(/[*_]+/g, '').trim());
}

/** The text opens with a capitalised word (`From our…`), not an initial, an acronym, a number or an address. */
export function opensWithCapitalisedWord(text: string): boolean {
  return /^[*_“"‘']*\p{Lu}\p{Ll}/u.test(text);
}

/** The text stops on a word that cannot end a sentence (`the`, `of`, `outside`): what follows must carry it on. */
export function endsMidPhrase(text: string): boolean {
  // Only the end matters: an end-anchored search from every letter of a long paragraph is quadratic.
  return FUNCTION_WORDS.has(lastLetterRun(text.slice(-TAIL).replace(/<sup>\d+<\/sup>/g, '')).toLowerCase());
}

/**
 * The text's last run of letters ('' if it has none): what `/(\p{L}+)[^\p{L}]*$/u` captures, read
 * back from the end instead of tried from every letter (the order stage asks it of every page).
 */
export function lastLetterRun(text: string): string {
  let end = text.length;
  while (end > 0 && !letterBefore(text, end)) end -= codePointSizeBefore(text, end);
  let start = end;
  for (let size = start > 0 ? letterBefore(text, start) : 0; size; size = start > 0 ? letterBefore(text, start) : 0) start -= size;
  return text.slice(start, end);
}

/**
 * The block carries on a sentence from an earlier block: it starts with a lowercase letter (after opening
 * quotes, brackets, emphasis), with an elision (`...`, `…`), with punctuation that cannot start a sentence
 * (`, ; : ) ] ”`), or with a dash followed by a lowercase word (`— the first`; `— Cindy` is an attribution). Headings, list items, block quotes, thematic breaks and note definitions are not continuations.
 */
export function startsContinuation(text: string): boolean {
  let t = text.replace(/^\s+/u, '');
  if (!t) return false;
  const firstLine = t.split('\n', 1)[0] ?? t;
  if (HEADING.test(firstLine) || THEMATIC_BREAK.test(firstLine)) return false;
  if (LIST_MARKER.test(t) || /^>/u.test(t) || /^<sup>/iu.test(t) || /^\[\^[^\]]+\]:/u.test(t)) return false;
  if (/^(?:\.\.\.|…)/u.test(t)) return true;
  if (CONTINUATION_PUNCT.test(t)) return true;
  // A dash carries on a sentence (`— the first of their kind`) but also opens an attribution (`— Cindy Kohtala`).
  if (/^[—–]/u.test(t)) return /^[—–]\s*\p{Ll}/u.test(t);
  for (;;) {
    const before = t;
    t = t.replace(LEADING_NOISE, '');
    if (t === before) break;
  }
  if (/^(?:\.\.\.|…)/u.test(t)) return true;
  return /^\p{Ll}/u.test(t);
}

/**
 * Whether a block reads as running prose rather than a name, a date or a title (`General Idea of the
 * Revolution in the XXI Century`): enough words, and most of them not capitalised. Only prose can
 * leave a sentence unfinished at a page end.
 */
export function isProse(text: string): boolean {
  return remembered(prose, text, isProseUncached);
}

function isProseUncached(text: string): boolean {
  // A table's rows are cells, not sentences: they neither finish nor leave one open.
  if (/^\s*\|/.test(text)) return false;
  const { words, capitalised } = countWords(text.includes('<sup>') ? text.replace(/<sup>\d+<\/sup>/g, '') : text);
  return words >= 6 && capitalised < 0.5 * words;
}

