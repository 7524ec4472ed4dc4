import { FatalInputError, formatDiagnostic, Report } from '../diagnostics/diagnostic.js';
import { applyCorrections, pageBreakHint, type Correction, type CorrectionFailure } from '../manuscript/corrections.js';
import type { BookMetadata } from '../model/book.js';
import { buildDate } from '../model/metadata.js';
import { buildManuscript, correctManuscript, type ManuscriptBuild } from '../pipeline.js';
import { collectItems } from './items.js';
import { ManuscriptIndex } from './locate.js';
import { renderManuscript } from './render.js';
import type { CorrectionProblem, ProofItem } from './types.js';

/** The build date, as the CLI computes it (SOURCE_DATE_EPOCH, else the newest date of the metadata). */
export function sourceDate(metadata: BookMetadata): Date {
  return buildDate(metadata, process.env.SOURCE_DATE_EPOCH);
}

/**
 * The expensive part, done once per raw file and metadata: buildManuscript without corrections.
 * Its `manuscript` is the canonical text every correction is applied to.
 */
export function buildBase(raw: string, metadata: BookMetadata, sourceFile: string): ManuscriptBuild {
  return buildManuscript({ raw, metadata, corrections: [], sourceFile, sourceDate: sourceDate(metadata) }, new Report());
}

/** The M-001 problem the pipeline reports for a correction that does not match exactly once. */
export function correctionProblem({ correction, matches, acrossPageBreak }: CorrectionFailure, file: string): CorrectionProblem {
  return {
    file,
    line: correction.line,
    find: correction.find,
    message: `the correction at line ${correction.line} (find “${correction.find.length > 80 ? `${correction.find.slice(0, 80)}…` : correction.find}”) matches ${matches === 0 ? 'no place' : 'more than one place'} in the clean manuscript; it must match exactly once`,
    hint: acrossPageBreak !== undefined ? pageBreakHint(acrossPageBreak) : matches === 0 ? 'the text may already be fixed, or the find text has a typo: edit or remove this entry in the corrections file' : 'add surrounding words to the find text until it is unique',
  };
}

/** A FatalInputError's M-001 diagnostic as a problem (when a caller ran the whole pipeline). */
export function problemFromFatal(error: FatalInputError, fallbackFile: string): CorrectionProblem | null {
  const d = error.diagnostic;
  if (d.code !== 'M-001') return null;
  return { file: d.place?.file ?? fallbackFile, line: d.place?.line ?? 1, find: null, message: formatDiagnostic(d), hint: d.hint ?? null };
}

export interface ProofBuild {
  /** The corrected text: what the next correction will be applied to; item offsets point into it. */
  text: string;
  /** The clean manuscript the pipeline writes for these corrections (dist/<book>.md). */
  manuscript: string;
  html: string;
  items: ProofItem[];
  applied: Correction[];
  problems: CorrectionProblem[];
  /** Milliseconds per step. */
  timings: Record<string, number>;
}

/**
 * The manuscript stage of buildManuscript, on a base build: corrections applied to the canonical
 * text by the pipeline's own step (`correctManuscript`), then the review items located in it.
 * Unlike the pipeline it does not stop at the first failing correction: all are reported, the others applied.
 */
export function proofBuild(base: ManuscriptBuild, rawText: string, metadata: BookMetadata, corrections: readonly Correction[], correctionsFile: string): ProofBuild {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  // No canonical tree: the reading pane marks the nodes of the tree it renders, so it gets a fresh parse.
  const result = correctManuscript(base.manuscript, metadata, corrections);
  const problems = result.failed.map((f) => correctionProblem(f, correctionsFile));
  const { text, source, tree, markdown: manuscript } = result;
  lap('corrections');
  // `text` and `source` share their body; only the front matter may differ in length.
  const shift = text.length - source.length;
  const { html, blocks } = renderManuscript(source, shift, tree);
  lap('render');
  const items = collectItems({ build: base, rawLines: rawText.split('\n'), view: { text, index: new ManuscriptIndex(text), blocks } });
  lap('items');
  return { text, manuscript, html, items, applied: result.applied, problems, timings };
}

/** Only the corrections that would not apply (cheap: no parsing), for when the page keeps its last good build anyway. */
export function failingCorrections(base: ManuscriptBuild, corrections: readonly Correction[], correctionsFile: string): CorrectionProblem[] {
  return applyCorrections(base.manuscript, corrections).failed.map((f) => correctionProblem(f, correctionsFile));
}
