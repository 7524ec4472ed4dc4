import { assign } from './assign.js';
import { normaliseTitle, preparedSimilarity, prepareTitle, splitLabel } from './normalise-title.js';
import type { BodyHeading, Contents, ContentsEntry, HeadingMatch } from './types.js';

/** Least title similarity for a heading to be a plausible match of an entry. */
export const MATCH_THRESHOLD = 0.6;
/** Weight of the neighbourhood evidence (the heading just before matches the entry's parent or predecessor). */
const CONTEXT_WEIGHT = 0.1;
/** Neighbouring headings farther apart than this many lines say nothing about each other. */
const CONTEXT_LINES = 40;

/** Lines a title heading may follow its bare number heading by. */
const LABEL_GAP = 3;

function isBareLabel(key: string): boolean {
  return key !== '' && (splitLabel(key).rest === '' || /^[ivxlc]+$/.test(key));
}

/** Joins a bare number heading (`# Chapter 3`, `**III**`) with the title heading right after it. */
function joinLabelHeadings(headings: readonly BodyHeading[]): BodyHeading[] {
  const out: BodyHeading[] = [];
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    if (!h) continue;
    const next = headings[i + 1];
    if (next && next.line - h.line <= LABEL_GAP && isBareLabel(normaliseTitle(h.text)) && !isBareLabel(normaliseTitle(next.text))) {
      out.push({ text: `${h.text}\n${next.text}`, line: h.line, endLine: next.line });
      i += 1;
    } else {
      out.push(h);
    }
  }
  return out;
}

function parents(contents: Contents): Map<ContentsEntry, ContentsEntry> {
  const out = new Map<ContentsEntry, ContentsEntry>();
  const walk = (list: readonly ContentsEntry[]): void => {
    for (const e of list) {
      for (const c of e.children) out.set(c, e);
      walk(e.children);
    }
  };
  walk(contents.tree);
  return out;
}

/**
 * Pairs every Contents entry with at most one body heading (each heading used at most once),
 * maximising total similarity. Duplicate titles (`Introduction` in several chapters) are told apart
 * by their neighbours: the heading just before should be the entry's parent or predecessor.
 */
export function matchHeadings(contents: Contents, headings: readonly BodyHeading[]): HeadingMatch[] {
  const entries = contents.entries;
  const sorted = joinLabelHeadings([...headings].sort((a, b) => a.line - b.line));
  const entryKeys = entries.map((e) => normaliseTitle(e.title));
  const headingKeys = sorted.map((h) => normaliseTitle(h.text));
  const headingTitles = headingKeys.map(prepareTitle);
  const sim = entryKeys.map((ek) => {
    const entryTitle = prepareTitle(ek);
    return headingTitles.map((headingTitle) => preparedSimilarity(entryTitle, headingTitle));
  });
  const index = new Map(entries.map((e, i) => [e, i]));
  const parentOf = parents(contents);

  const at = (e: number | undefined, h: number): number => (e === undefined ? 0 : (sim[e]?.[h] ?? 0));
  const weight = entries.map((entry, e) => sorted.map((heading, h): number | null => {
    const base = at(e, h);
    if (base < MATCH_THRESHOLD) return null;
    let context = 0;
    const prev = sorted[h - 1];
    if (prev && heading.line - prev.line <= CONTEXT_LINES) {
      const parent = parentOf.get(entry);
      context = Math.max(context, at(parent === undefined ? undefined : index.get(parent), h - 1), at(e > 0 ? e - 1 : undefined, h - 1));
    }
    const next = sorted[h + 1];
    if (next && next.line - heading.line <= CONTEXT_LINES) context = Math.max(context, at(e + 1 < entries.length ? e + 1 : undefined, h + 1));
    return base + (context >= MATCH_THRESHOLD ? CONTEXT_WEIGHT * context : 0);
  }));
  const chosen = assign(weight, sorted.length);
  return entries.map((entry, e) => {
    const h = chosen[e];
    const heading = h === null || h === undefined ? null : (sorted[h] ?? null);
    const score = h === null || h === undefined ? 0 : at(e, h);
    return { entry, heading, score };
  });
}
