import { isDictionaryWord, normalizeWord, type Vocabulary } from './vocabulary.js';

export type HyphenDecision = {
  action: 'join' | 'keep-hyphen' | 'keep-space';
  /** The repaired text for `left` + the head of `right` (`cooptation`, `self-activity`, `desktop- and`). */
  result: string;
  confidence: 'high' | 'medium' | 'low';
  /** Which evidence decided, naming the counts used. */
  evidence: string;
  /** Letters at the start of the next word that repeat the cut word's last (`expect-` + `tation`), left out when joined. */
  repeated?: number;
};

/** The cut word and the next page's first word as a decision sets them (`coopta-` + `tion,` → `cooptation,`). */
export function glue(cut: string, word: string, decision: HyphenDecision): string {
  if (decision.action === 'join') return cut.slice(0, -1) + word.slice(decision.repeated ?? 0);
  return decision.action === 'keep-hyphen' ? cut + word : `${cut} ${word}`;
}

export type InlineCutDecision = HyphenDecision & {
  /** Offset of `original` in the input text. */
  offset: number;
  /** The text replaced by `result` (`Hori- zontalist`). */
  original: string;
};

/** Words that may follow a suspended hyphen (`desktop- and laptop-based`, `1960- to 1970-era`). */
const LINKERS = new Set(['and', 'or', 'to', 'nor', '&']);
/** Prefixes that English commonly keeps hyphenated before a full word (used only when the book and dictionary are silent). */
const HYPHEN_PREFIXES = new Set([
  'self', 'ex', 'quasi', 'pseudo', 'neo', 'post', 'pre', 'anti', 'non', 'proto', 'semi', 'multi', 'co', 'counter', 'ultra', 'mega', 'meta', 'inter', 'intra', 'extra', 'trans', 'sub', 'eco', 'cyber', 'socio', 'geo', 'bio', 'pan', 'mid',
]);

/** Words that do not form the second part of a compound. */
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'is', 'are', 'was', 'were', 'that', 'this', 'which', 'who', 'but', 'as', 'it', 'its', 'their', 'his', 'her', 'we', 'they', 'he', 'she', 'be']);
const WORD_HEAD = /^[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*(?:-[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*)*/u;
const URL_HEAD = /^[^\s<>"“”]+/u;
const LEADING_MARKUP = /^[^\p{L}\p{N}]*/u;
const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;

type Decided = HyphenDecision & { headLength: number };

/** Whether `left`/`right` around the cut are parts of a URL or an e-mail address. */
function addressShape(core: string, rightToken: string): 'URL' | 'e-mail' | null {
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)/i.test(core) || /:\/\//.test(core)) return 'URL';
  if (core.includes('@') || /^[^\s@]+@[^\s@]+\.[a-z]{2,}/i.test(rightToken)) return 'e-mail';
  // `ips-` + `journal.eu/…`: the right side is a host name or a path.
  if (/^[\w-]+(?:\.[a-z]{2,})+(?:[/:?#]|$)/i.test(rightToken.replace(/[.,;:!?)\]]+$/u, '')) && /[/.]/.test(core)) return 'URL';
  if (/^[\w-]*\.(?:[a-z]{2,})\/\S/i.test(rightToken)) return 'URL';
  return null;
}

/** Whether `word` counts as a word: the general dictionary, or seen whole at least twice in the book. */
function isWord(word: string, vocab: Vocabulary): boolean {
  return isDictionaryWord(word) || vocab.count(word) >= 2;
}

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

function decide(left: string, right: string, vocab: Vocabulary): Decided {
  const lead = LEADING_MARKUP.exec(left)?.[0] ?? '';
  const core = left.slice(lead.length).replace(/-$/u, '');
  const trimmedRight = right.replace(/^[ \t]+/u, '');
  const gap = right.length - trimmedRight.length;
  const rightToken = URL_HEAD.exec(trimmedRight)?.[0] ?? '';

  const shape = addressShape(core, rightToken);
  if (shape) {
    const head = rightToken.replace(/[.,;:!?)\]]+$/u, '');
    return {
      action: 'keep-hyphen',
      result: `${left.endsWith('-') ? left : `${left}-`}${head}`,
      confidence: 'high',
      evidence: `${shape} shape: a hyphen inside an address is kept exactly`,
      headLength: gap + head.length,
    };
  }

  const head = WORD_HEAD.exec(trimmedRight)?.[0] ?? '';
  const headLength = gap + head.length;
  const keepSpace = (): string => (gap ? `${left}${right.slice(0, headLength)}` : `${left} ${head}`);
  const joined = `${lead}${core}${head}`;
  const hyphenated = `${lead}${core}-${head}`;
  const make = (action: HyphenDecision['action'], confidence: HyphenDecision['confidence'], evidence: string): Decided => ({
    action,
    result: action === 'join' ? joined : action === 'keep-hyphen' ? hyphenated : keepSpace(),
    confidence,
    evidence,
    headLength,
  });

  if (!core || !head) {
    return { ...make('keep-space', 'low', 'no word on one side of the hyphen'), result: left, headLength: 0 };
  }

  const segments = core.split('-');
  const lastL = segments[segments.length - 1] ?? core;
  const firstR = head.split('-')[0] ?? head;

  // Numbers: `1960-` + `70`, `10-` + `day`, `COVID-` + `19`.
  if (/\p{N}$/u.test(lastL) || /^\p{N}/u.test(firstR)) {
    return make('keep-hyphen', 'high', `number on one side ('${lastL}', '${firstR}'): hyphen kept`);
  }

  const linker = firstR.toLowerCase();
  const joinedKey = normalizeWord(lastL + firstR);

  // Suspended hyphen: `desktop- and laptop-based`, `under- and unemployed`.
  if (LINKERS.has(linker)) {
    const after = trimmedRight.slice(head.length, head.length + 120);
    const laterCompound = /^\s+(?:\S+\s+){0,2}?[\p{L}\p{N}]+-[\p{L}\p{N}]/u.test(after);
    const joinedKnown = vocab.count(joinedKey) > 0 || isDictionaryWord(joinedKey);
    const leftWord = isWord(lastL, vocab) || HYPHEN_PREFIXES.has(lastL.toLowerCase());
    if (laterCompound && !joinedKnown) {
      return make('keep-space', leftWord ? 'high' : 'medium', `suspended hyphen: '${head}' then a hyphenated word; '${joinedKey}' unknown`);
    }
    if (!joinedKnown && leftWord) {
      return make('keep-space', laterCompound ? 'high' : 'medium', `suspended hyphen: '${lastL}' is a word, '${joinedKey}' unknown, '${head}' follows`);
    }
    if (laterCompound && leftWord) {
      return make('keep-space', 'medium', `suspended hyphen: '${head}' then a hyphenated word (though '${joinedKey}' is known)`);
    }
  }

  // A capitalised second part of a lowercase (or mixed) word: `anti-` + `Semitic`, `Marx-` + `Engels`.
  const allCaps = !HAS_LOWER.test(core) && !HAS_LOWER.test(head);
  if (UPPER_START.test(firstR) && !allCaps) {
    return make('keep-hyphen', 'high', `capitalised second part '${firstR}': hyphen kept`);
  }

  // The book's own usage.
  let jc = vocab.segmentCount(joinedKey);
  let hc = vocab.hyphenatedCount(lastL, firstR);
  let jName = joinedKey;
  let hName = `${lastL.toLowerCase()}-${firstR.toLowerCase()}`;
  if (jc === 0 && hc === 0) {
    // Inflected forms: `co-` + `operatives` vs book's `co-operative`.
    const stem = firstR.toLowerCase().replace(/(?:'s|’s|ies|es|s|ed|ing|ly)$/u, '');
    if (stem.length >= 3 && stem !== firstR.toLowerCase()) {
      jc = vocab.segmentCount(lastL.toLowerCase() + stem);
      hc = vocab.hyphenatedCount(lastL, stem);
      jName = lastL.toLowerCase() + stem;
      hName = `${lastL.toLowerCase()}-${stem}`;
    }
  }
  const dictJoined = isDictionaryWord(joinedKey);
  const bookEvidence = `book has '${jName}' ×${jc}, '${hName}' ×${hc}; dictionary: '${joinedKey}' ${yesNo(dictJoined)}`;
  if (jc !== hc) {
    const [action, winner, loser] = jc > hc ? (['join', jc, hc] as const) : (['keep-hyphen', hc, jc] as const);
    const confidence = loser === 0 ? (winner >= 2 ? 'high' : 'medium') : winner >= 2 * loser ? 'medium' : 'low';
    return make(action, confidence, `${bookEvidence}${loser > 0 ? ' (book majority)' : ''}`);
  }

  const leftIsWord = isWord(lastL, vocab);
  const rightIsWord = isWord(head.includes('-') ? firstR : head, vocab);
  const dictEvidence = `${bookEvidence}; '${lastL}' ${yesNo(leftIsWord)}, '${firstR}' ${yesNo(rightIsWord)}`;

  // The book's house style for this prefix (`post-war`, `post-modern` … → `post-capitalist`).
  if (rightIsWord && lastL.length <= 8 && vocab.hyphenatedAfter(lastL) >= HOUSE_STYLE_MIN) {
    const style = vocab.prefixStyle(lastL);
    if (style.closed * 2 < style.hyphenated) {
      return make('keep-hyphen', dictJoined ? 'low' : 'medium', `${dictEvidence}; book writes '${lastL.toLowerCase()}-' compounds ×${style.hyphenated}, closed ×${style.closed}`);
    }
  }

  // General dictionary.
  if (dictJoined) return make('join', 'medium', dictEvidence);
  if (leftIsWord && FUNCTION_WORDS.has(firstR.toLowerCase()) && !head.includes('-')) {
    // `the state- the market`: a stray dash before a function word, not a compound; leave it for review.
    return make('keep-space', 'low', `${dictEvidence}; '${firstR}' is a function word, no compound known`);
  }
  if (leftIsWord && rightIsWord) return make('keep-hyphen', 'medium', dictEvidence);

  // A letter set on both sides of the cut (`expect-` + `tation`): the word with it once, if known.
  const once = normalizeWord(lastL + firstR.slice(1));
  if (firstR.length > 1 && lastL.slice(-1).toLowerCase() === firstR.charAt(0).toLowerCase()) {
    const onceCount = vocab.segmentCount(once);
    if (onceCount > 0 || isDictionaryWord(once)) {
      return { action: 'join', result: `${lead}${core}${head.slice(1)}`, confidence: 'medium', evidence: `${dictEvidence}; the cut sets '${firstR.charAt(0)}' twice: book has '${once}' ×${onceCount}, dictionary: ${yesNo(isDictionaryWord(once))}`, repeated: 1, headLength };
    }
  }

  // Shape only.
  if (rightIsWord && HYPHEN_PREFIXES.has(lastL.toLowerCase())) {
    return make('keep-hyphen', 'low', `${dictEvidence}; '${lastL}-' is a common hyphenated prefix`);
  }
  return make('join', 'low', `${dictEvidence}; neither form known, treated as a word cut at a line end`);
}

/**
 * Decide what an extraction cut `left` + `right` was.
 * `left` is the token before the cut including its trailing `-` (`coopta-`, `www.ips-`, `desktop-`);
 * `right` is the text after the cut (`tion of the`, `and laptop-based`, `journal.eu/…`).
 * `result` rewrites `left` plus the first word of `right` (for addresses, the rest of the address).
 */
export function decideCut(left: string, right: string, vocab: Vocabulary): HyphenDecision {
  const { headLength: _headLength, ...decision } = decide(left, right, vocab);
  return decision;
}

/**
 * What {@link decide} reads of a page-end cut that is one plain word (`coopta-`, no markup, digits
 * or inner hyphen), whatever follows it. The ordering stage asks about every cut against every
 * page opening, tens of thousands of pairs, nearly all of them nonsense: {@link plainCutDecision}
 * decides those from this and {@link PlainOpening} with a few look-ups instead of the full decision.
 */
export interface PlainCut {
  /** The word before the hyphen (`lastL` of decide). */
  word: string;
  isWord: boolean;
  commonPrefix: boolean;
}

/** The cut as a {@link PlainCut}, or null if it is not one plain word and a hyphen. */
export function plainCut(left: string, vocab: Vocabulary): PlainCut | null {
  if (!PLAIN_CUT.test(left)) return null;
  const word = left.slice(0, -1);
  return { word, isWord: isWord(word, vocab), commonPrefix: HYPHEN_PREFIXES.has(word.toLowerCase()) };
}

/** What {@link decide} reads of the text after a cut that opens with a plain lowercase word (`tion of the`). */
export interface PlainOpening {
  /** The opening word (`head` and `firstR` of decide: it holds no hyphen), or '' if none opens the text. */
  head: string;
  isWord: boolean;
  functionWord: boolean;
  /** The word less an inflection (`operatives` → `operativ`), where decide looks that up too. */
  stem: string | null;
}

/**
 * The opening as a {@link PlainOpening}, or null where decide reads more of it: an address, a
 * word that suspends a hyphen (`and laptop-based`), a capital, a digit, an inner hyphen or apostrophe
 * in the first word.
 */
export function plainOpening(right: string, vocab: Vocabulary): PlainOpening | null {
  const trimmedRight = right.replace(/^[ \t]+/u, '');
  // With a plain word before the cut, only the opening can make an address of the two (see addressShape).
  if (addressShape('', URL_HEAD.exec(trimmedRight)?.[0] ?? '') !== null) return null;
  const head = WORD_HEAD.exec(trimmedRight)?.[0] ?? '';
  // No word opens it (`“capital`, `<<https://…`): decide leaves the space, unsure.
  if (head === '') return { head, isWord: false, functionWord: false, stem: null };
  if (!PLAIN_HEAD.test(head)) return null;
  const lower = head.toLowerCase();
  if (LINKERS.has(lower)) return null;
  const stem = lower.replace(/(?:'s|’s|ies|es|s|ed|ing|ly)$/u, '');
  return { head, isWord: isWord(head, vocab), functionWord: FUNCTION_WORDS.has(lower), stem: stem.length >= 3 && stem !== lower ? stem : null };
}

/**
 * {@link decideCut}'s confidence (and, when not low, its result) for a plain cut before a plain
 * opening, or null where the book or the dictionary knows a compound of the two, or the book's
 * house style for the prefix speaks: there decideCut decides. Follows decide step by step: a plain
 * pair is no address, number, suspended hyphen or capitalised part, so only the book's usage, the
 * dictionary and the shapes of the two words are left to tell.
 */
export function plainCutDecision(cut: PlainCut, opening: PlainOpening, vocab: Vocabulary): { confidence: 'low' } | { confidence: 'medium'; result: string } | null {
  const { word: lastL } = cut;
  const { head } = opening;
  if (head === '') return { confidence: 'low' };
  const joinedKey = normalizeWord(lastL + head);
  if (vocab.segmentCount(joinedKey) !== 0 || vocab.hyphenatedCount(lastL, head) !== 0) return null;
  if (opening.stem !== null && (vocab.segmentCount(lastL.toLowerCase() + opening.stem) !== 0 || vocab.hyphenatedCount(lastL, opening.stem) !== 0)) return null;
  if (opening.isWord && lastL.length <= 8 && vocab.hyphenatedAfter(lastL) >= HOUSE_STYLE_MIN) {
    const style = vocab.prefixStyle(lastL);
    if (style.closed * 2 < style.hyphenated) return null;
  }
  if (isDictionaryWord(joinedKey)) return null;
  if (cut.isWord && opening.functionWord) return { confidence: 'low' };
  if (cut.isWord && opening.isWord) return { confidence: 'medium', result: `${lastL}-${head}` };
  if (head.length > 1 && lastL.slice(-1).toLowerCase() === head.charAt(0).toLowerCase()) {
    const once = normalizeWord(lastL + head.slice(1));
    if (vocab.segmentCount(once) > 0 || isDictionaryWord(once)) return null;
  }
  return { confidence: 'low' };
}

/** `prefix-` compounds the book must write before its house style for the prefix speaks. */
const HOUSE_STYLE_MIN = 3;

const PLAIN_CUT = /^\p{L}+-$/u;
const PLAIN_HEAD = /^\p{Ll}\p{L}*$/u;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const LOWER = /\p{Ll}/u;

/**
 * Finds mid-line extraction cuts (`Hori- zontalist`) and repairs each with {@link decideCut}.
 * Suspended hyphens (`desktop- and laptop-based`) stay; spaced dashes (`x - y`, `x — y`) are never matched.
 */
export function repairInlineCuts(text: string, vocab: Vocabulary): { text: string; decisions: InlineCutDecision[] } {
  const decisions: InlineCutDecision[] = [];
  let out = '';
  let copied = 0;
  // `word- word`: word character, hyphen, one space, lowercase letter.
  for (let hyphenAt = text.indexOf('- '); hyphenAt >= 0; hyphenAt = text.indexOf('- ', hyphenAt + 2)) {
    if (hyphenAt === 0 || hyphenAt < copied) continue;
    if (!WORD_CHAR.test(text.charAt(hyphenAt - 1)) || !LOWER.test(text.charAt(hyphenAt + 2))) continue;
    let start = hyphenAt;
    while (start > copied && !/\s/u.test(text.charAt(start - 1))) start--;
    const left = text.slice(start, hyphenAt + 1);
    let lineEnd = text.indexOf('\n', hyphenAt + 1);
    if (lineEnd < 0 || lineEnd > hyphenAt + 400) lineEnd = Math.min(text.length, hyphenAt + 400);
    const right = text.slice(hyphenAt + 1, lineEnd);
    const decided = decide(left, right, vocab);
    const originalEnd = hyphenAt + 1 + decided.headLength;
    const original = text.slice(start, originalEnd);
    const { headLength: _headLength, ...decision } = decided;
    decisions.push({ ...decision, offset: start, original });
    if (decision.action === 'keep-space') continue;
    out += text.slice(copied, start) + decision.result;
    copied = originalEnd;
  }
  if (copied === 0) return { text, decisions };
  return { text: out + text.slice(copied), decisions };
}
