import type { GalleyLine, PageSpec, Segment } from './layout.js';

/**
 * Page breaking in the manner of TeX's page builder (Parts 44–45), simplified to a ragged bottom:
 * body lines fill the page goal; each footnote first referenced on a line is an insertion that
 * shrinks the goal by its height. A note may split, but only the last note on a page, and only
 * after at least `minNoteLines` of it are set there; the rest goes on at the foot of the next page.
 * A page may end only after a line whose `breakAfter` allows it (widows, orphans, headings).
 */

export interface PlacedNote {
  label: string;
  lines: GalleyLine[];
  starts: boolean;
  continues: boolean;
}

export interface Page {
  segment: number | null;
  kind: Segment['kind'] | 'blank' | 'notes';
  opening: boolean;
  /** Body lines with the top of each line, from the text block top. */
  body: { line: GalleyLine; top: number }[];
  notes: PlacedNote[];
  /** Footnote labels first referenced on this page. */
  refs: string[];
  bodyBottom: number;
  /** Top of the first footnote line, from the text block top (null without notes). */
  footTop: number | null;
  full: boolean;
  /** The page had to end where its lines forbade it (no legal break fitted). */
  forced: boolean;
}

interface Carried {
  label: string;
  lines: GalleyLine[];
  started: boolean;
}

export interface PaginateOptions {
  minNoteLines: number;
  /** Body lines kept free on a page whose foot continues a long note. */
  minBodyLines: number;
}

const DEFAULTS: PaginateOptions = { minNoteLines: 2, minBodyLines: 4 };

export function paginate(segments: Segment[], notes: Map<string, GalleyLine[]>, spec: PageSpec, options: PaginateOptions = DEFAULTS): Page[] {
  const H = spec.bodyHeight;
  const noteLead = spec.noteLead;
  const pages: Page[] = [];
  const placed = new Set<string>();
  let carried: Carried[] = [];

  const noteHeight = (label: string): number => (notes.get(label)?.length ?? 0) * noteLead;

  /** Sets one page from `lines[start…]`; returns the index of the first line left over. */
  const fillPage = (segIndex: number | null, kind: Page['kind'], lines: GalleyLine[], start: number, opening: boolean): number => {
    // carried note lines come first at the foot
    const carriedLines = carried.reduce((n, c) => n + c.lines.length, 0);
    const maxCarried = Math.max(1, Math.floor((H - options.minBodyLines * spec.bodyLead - spec.noteSkip) / noteLead));
    let carriedTake = lines.length > start ? Math.min(carriedLines, maxCarried) : Math.min(carriedLines, Math.floor((H - spec.noteSkip) / noteLead));
    const locked = carriedTake < carriedLines;
    // A page whose foot is taken by a long carried note admits no new note, except that when its
    // very first line has a reference the carried share shrinks so the new note fits whole.
    const first = lines[start];
    if (locked && first) {
      const fresh = first.notes.filter((l) => notes.has(l) && !placed.has(l));
      if (fresh.length) {
        const need = fresh.reduce((n, l) => n + (notes.get(l)?.length ?? 0), 0);
        const firstTop = first.keepSpace ? first.spaceBefore : 0;
        const room = Math.floor((H - firstTop - first.lead - spec.noteSkip + 0.001) / noteLead);
        if (room - need >= 1) carriedTake = Math.min(carriedTake, room - need);
      }
    }
    const carriedH = carriedTake * noteLead;

    let y = 0;
    const pageNotes: string[] = [];
    let sumFull = 0; // full heights of pageNotes
    let lastLegal = -1;
    let j = start;
    let overflow = false;
    const footNeed = (notesFull: number, lastLabel: string | undefined): number => {
      if (!lastLabel) return carriedH > 0 ? spec.noteSkip + carriedH : 0;
      const lastFull = noteHeight(lastLabel);
      const lastMin = Math.min(lastFull, options.minNoteLines * noteLead);
      return spec.noteSkip + carriedH + (notesFull - lastFull) + lastMin;
    };
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      const sb = j === start && !line.keepSpace ? 0 : line.spaceBefore;
      const newY = y + sb + line.lead;
      const fresh = line.notes.filter((l) => notes.has(l) && !placed.has(l) && !pageNotes.includes(l));
      if (fresh.length && locked && j > start) {
        overflow = true;
        break;
      }
      let full = sumFull;
      for (const l of fresh) full += noteHeight(l);
      const lastLabel = fresh.length ? fresh[fresh.length - 1] : pageNotes[pageNotes.length - 1];
      if (newY + footNeed(full, lastLabel) > H + 0.001 && j > start) {
        overflow = true;
        break;
      }
      y = newY;
      sumFull = full;
      pageNotes.push(...fresh);
      if (line.breakAfter) lastLegal = j;
    }
    let end = j;
    if (overflow && lastLegal >= start && lastLegal < j - 1) end = lastLegal + 1;
    // the page's content: lines start…end-1
    const body: { line: GalleyLine; top: number }[] = [];
    const refs: string[] = [];
    y = 0;
    for (let k = start; k < end; k++) {
      const line = lines[k]!;
      y += k === start && !line.keepSpace ? 0 : line.spaceBefore;
      body.push({ line, top: y });
      y += line.lead;
      for (const l of line.notes) if (notes.has(l) && !placed.has(l) && !refs.includes(l)) refs.push(l);
    }
    // set the foot: carried lines, then this page's notes, splitting the last that does not fit
    const queue: Carried[] = [...carried, ...refs.map((label) => ({ label, lines: notes.get(label)!, started: false }))];
    for (const l of refs) placed.add(l);
    const placedNotes: PlacedNote[] = [];
    const hasFoot = queue.length > 0;
    let room = hasFoot ? Math.floor((H - y - spec.noteSkip + 0.001) / noteLead) : 0;
    const rest: Carried[] = [];
    let footLines = 0;
    // a locked page sets only its share of the carried note; what is left of it goes on next page
    // (all the room the page's own notes leave, so a page ended early still fills its foot)
    const ownNeed = refs.reduce((n, l) => n + (notes.get(l)?.length ?? 0), 0);
    let carriedRoom = locked ? Math.max(carriedTake, room - ownNeed) : Infinity;
    for (const item of queue) {
      const isCarried = item.started || carried.includes(item);
      if ((rest.length && !(locked && !isCarried)) || room <= 0) {
        rest.push(item);
        continue;
      }
      const take = Math.min(room, item.lines.length, isCarried ? carriedRoom : Infinity);
      if (isCarried) carriedRoom -= take;
      placedNotes.push({ label: item.label, lines: item.lines.slice(0, take), starts: !item.started, continues: take < item.lines.length });
      room -= take;
      footLines += take;
      if (take < item.lines.length) rest.push({ label: item.label, lines: item.lines.slice(take), started: true });
    }
    carried = rest;
    const footTop = footLines ? H - footLines * noteLead : null;
    const nextLine = lines[end];
    // full: not one more note line would fit between the body and the foot
    const fullPage = footTop !== null ? footTop - y - spec.noteSkip < noteLead - 0.001 : nextLine !== undefined && overflow;
    pages.push({
      segment: segIndex,
      kind: body.length === 0 && placedNotes.length === 0 ? 'blank' : body.length === 0 ? 'notes' : kind,
      opening,
      body,
      notes: placedNotes,
      refs,
      bodyBottom: y,
      footTop,
      full: fullPage,
      forced: overflow && end < lines.length && !lines[end - 1]!.breakAfter,
    });
    return end;
  };

  segments.forEach((segment, index) => {
    if (segment.recto && pages.length % 2 === 1) fillPage(null, 'blank', [], 0, false);
    let start = 0;
    let opening = true;
    do {
      start = fillPage(index, segment.kind, segment.lines, start, opening);
      opening = false;
    } while (start < segment.lines.length);
  });
  while (carried.length) fillPage(null, 'notes', [], 0, false);
  return pages;
}
