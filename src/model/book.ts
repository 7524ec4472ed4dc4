import type { Root } from 'mdast';

export interface ChangeEntry {
  date: string;
  note: string;
}

/** Metadata of one book, as a publisher edits it in `manuscript/<book>.meta.yaml`. */
export interface BookMetadata {
  title: string;
  subtitle?: string;
  author: string;
  authorFileAs?: string;
  language: string;
  /** Publication date of the source edition, ISO `YYYY-MM-DD`. */
  date: string;
  publisher: string;
  rights: string;
  /** Stable identifier, e.g. `urn:uuid:…`; never generated per build. */
  identifier: string;
  edition: number;
  changes: ChangeEntry[];
  description?: string;
  subjects?: string[];
  /** PDF trim size in points. */
  trim?: { width: number; height: number };
  chaptersOnRecto?: boolean;
  /** What the print page numbers in the manuscript refer to (EPUB `dc:source`). */
  pageSource?: string;
}

/** Semantic role of a division of the book (front, body or back matter). */
export const DIVISION_KINDS = [
  'titlepage', 'dedication', 'epigraph', 'reviews', 'abstract', 'preface', 'foreword', 'introduction',
  'part', 'chapter', 'backmatter', 'bibliography', 'afterword', 'appendix', 'colophon', 'about-the-author',
  'frontmatter', 'bodymatter',
] as const;
export type DivisionKind = (typeof DIVISION_KINDS)[number];

const FRONT: ReadonlySet<DivisionKind> = new Set(['titlepage', 'dedication', 'epigraph', 'reviews', 'abstract', 'preface', 'foreword', 'frontmatter']);
const BACK: ReadonlySet<DivisionKind> = new Set(['backmatter', 'bibliography', 'afterword', 'appendix', 'colophon', 'about-the-author']);

export function matterOf(kind: DivisionKind): 'front' | 'body' | 'back' {
  if (FRONT.has(kind)) return 'front';
  if (BACK.has(kind)) return 'back';
  return 'body';
}

/** The clean manuscript as the emitters see it: metadata plus the mdast of the body. */
export interface Book {
  metadata: BookMetadata;
  tree: Root;
}
