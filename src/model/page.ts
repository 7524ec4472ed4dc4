/** A span of the raw file: 1-based lines, 0-based offsets (end exclusive). */
export interface Span {
  startLine: number;
  endLine: number;
  start: number;
  end: number;
}

export type BlockKind = 'heading' | 'rule' | 'note' | 'body' | 'contents';

/** One block of the raw extraction: a run of non-blank lines (a note definition is always its own block). */
export interface RawBlock {
  /** Position in the raw file's block sequence. */
  index: number;
  kind: BlockKind;
  text: string;
  span: Span;
  /** For `note` blocks: the number of the definition. */
  noteNumber?: number;
  /** For `note` blocks marked with a symbol instead (`<sup>*</sup>`, `<sup>†</sup>`): the symbol. */
  noteSymbol?: string;
  /** Footnote numbers referenced in the text (`<sup>N</sup>` not at block start). */
  refs: number[];
  /** For `heading` blocks: the `#` depth the extraction gave (0 for a bold pseudo-heading). */
  headingDepth?: number;
  /**
   * A line the extraction left at a page's edge, a running head or footer (see ingest/debris.ts):
   * the order weighs it where it stands, the clean manuscript leaves it out (the report names it).
   */
  pageEdge?: boolean;
  /**
   * The author's closing line of a division that recurs at the end of pages, each time after a
   * finished sentence (`[Last edited October 7, 2020]`, see ingest/debris.ts): kept in the text; a
   * page ends where it stands.
   */
  closesPage?: boolean;
  /** A line of the source's own colophon (see ingest/colophon.ts): its page closes the book. */
  colophon?: boolean;
}

/**
 * No book numbers a note past this: a longer superscript number (a stray mark, a year, digits the
 * extraction ran together) is no note's definition, and the order leaves it out of the note
 * numbering it counts by number; as a reference to a note that does not exist, the repair stage
 * reports it.
 */
export const HIGHEST_NOTE_NUMBER = 99_999;

/**
 * A piece of the raw text that certainly belongs to one book page, in the order the extraction gave.
 * A book page is one or more fragments; where ingest could not tell whether a page boundary falls
 * inside the fragment, the positions are listed in `candidateSplits` for the ordering stage.
 */
export interface Fragment {
  id: number;
  /** Body blocks, in raw order. */
  body: RawBlock[];
  /** An unnumbered paragraph opening the footnote area: the tail of the previous page's last note. */
  noteTail: RawBlock | null;
  notes: RawBlock[];
  /** Footnote numbers the body references, in order. */
  refs: number[];
  /** Indexes into `body` before which a page boundary is possible but unproven. */
  candidateSplits: number[];
  /** Why ingest cut here rather than continuing the previous fragment (evidence for the report). */
  cutReason: string;
  span: Span;
}
