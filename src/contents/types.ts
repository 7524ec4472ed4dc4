/** Level of a Contents entry: part > chapter > section. Front and back matter divisions are chapter level. */
export type ContentsLevel = 'part' | 'chapter' | 'section';
/** Which matter an entry belongs to. */
export type ContentsRole = 'front' | 'body' | 'back';

export interface ContentsEntry {
  /** Repaired title: markup stripped, extraction hyphen breaks joined, whitespace normalised. */
  title: string;
  /** Printed page number (roman labels converted). */
  page: number;
  /** The page number as printed (`14`, `vii`); empty when the Contents printed none for this entry. */
  pageLabel: string;
  /**
   * The page numbering `page` counts in: 0 (from the title page), or 1 for the body's arabic pages
   * where the body counts its own (front matter numbered in roman, `Preface ix`, `Chapter One 1`;
   * or unlisted, the first entry on page 1). How many pages lie between two entries of different
   * numberings, or between the title page and an entry of the body's, the Contents does not say.
   */
  numbering: number;
  level: ContentsLevel;
  role: ContentsRole;
  /** 1-based line in the raw file where the entry starts. */
  line: number;
  children: ContentsEntry[];
}

export interface Contents {
  /** Flat, in book order (by page across the scattered chunks; stable for equal pages). */
  entries: ContentsEntry[];
  /** Nested: parts > chapters > sections; front and back matter at top level. */
  tree: ContentsEntry[];
  /** Every 1-based raw line that belongs to the Contents (its heading included). */
  lines: number[];
}

/** A candidate heading in the body: the raw text as it appears (with `#`s or `**`) and its 1-based line. */
export interface BodyHeading {
  text: string;
  line: number;
  /**
   * Set by the matcher when a bare number heading (`# Chapter 3`) and the title heading right after it
   * were read as one: the title's line. `text` then holds both raw lines joined by a newline.
   */
  endLine?: number;
}

export interface HeadingMatch {
  entry: ContentsEntry;
  heading: BodyHeading | null;
  /** Title similarity in [0, 1] of entry and heading; 0 when unmatched. */
  score: number;
}
