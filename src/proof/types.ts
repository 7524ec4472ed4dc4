/** Data shared by the proofing server and the browser page (types only: the page bundles this file). */

export type ItemCategory = 'pages' | 'notes' | 'join' | 'hyphen' | 'block-quote';

/** One raw line as extracted, possibly clipped for display. */
export interface RawLine {
  line: number;
  text: string;
  /** Which end was cut off for display, if any. */
  clipped: 'start' | 'end' | null;
}

/** One way to override a decision: replace the manuscript text between two offsets. */
export interface OverrideOption {
  id: string;
  label: string;
  /** Offsets into the corrected manuscript text the build was made from. */
  start: number;
  end: number;
  replacement: string;
  why: string;
}

/** Something the pipeline was not sure of, as the editor reviews it. */
export interface ProofItem {
  /** Stable across rebuilds of the same raw file (kind + raw line + what). */
  id: string;
  category: ItemCategory;
  /** Decision kind (`page-join`, `hyphen`, …) or diagnostic code (`R-020`, …). */
  kind: string;
  title: string;
  confidence: 'high' | 'medium' | 'low' | null;
  /** Higher is worse; the list is sorted by it. */
  badness: number;
  /** Print page where the manuscript has it, if known. */
  page: string | null;
  /** Raw line the decision is about. */
  line: number;
  /** The raw text as extracted, with its line numbers. */
  raw: RawLine[];
  /** What the pipeline logged as the raw text of the decision (e.g. `tail ‖ head`). */
  rawSummary: string;
  result: string;
  evidence: string;
  /** Where the manuscript now has it (offsets into the corrected manuscript), or null when not found. */
  at: { start: number; end: number } | null;
  /** The manuscript text around `at`. */
  now: { before: string; focus: string; after: string } | null;
  options: OverrideOption[];
}

/** A correction that could not be applied, or a corrections file that could not be read. */
export interface CorrectionProblem {
  file: string;
  line: number;
  find: string | null;
  message: string;
  hint: string | null;
}

export interface BuildView {
  version: number;
  title: string;
  /** True when this build left out failing corrections because no good build existed yet. */
  partial: boolean;
  items: ProofItem[];
  /** Ids of items the editor already accepted or overrode (kept out of the list). */
  resolved: string[];
  /** The reading pane: the clean manuscript as HTML, top-level blocks carrying `data-s`/`data-e` offsets. */
  html: string;
  correctionsFile: string;
  correctionsApplied: number;
  /** Where the last correction's replacement now is, to scroll to after a rebuild. */
  lastChange: { start: number; end: number } | null;
  builtMs: number;
}

export interface Status {
  /** Version of the build the page should show. */
  version: number;
  building: boolean;
  problems: CorrectionProblem[];
  /** A build failure that is not a correction problem. */
  fatal: string | null;
  message: string | null;
}

export interface OverrideRequest {
  version: number;
  itemId: string | null;
  optionId?: string;
  /** A free edit: replace [start, end) of the manuscript text with `replacement`. */
  edit?: { start: number; end: number; replacement: string };
  note?: string;
}

export interface CorrectionPreview {
  find: string;
  replace: string;
  why: string;
}

export interface OverrideResponse {
  ok: boolean;
  error?: string;
  corrections?: CorrectionPreview[];
  /** Lines of the written entries in the corrections file. */
  lines?: number[];
}
