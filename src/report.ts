import type { ManuscriptBuild } from './pipeline.js';

/** The build report (`report.json`): counts, every diagnostic, every decision, every uncertain join. No timings, so it is reproducible. */
export function buildReport(built: ManuscriptBuild, input: string) {
  const { ingested, ordered, repaired, report } = built;
  const notesPerChapter: Record<string, number> = {};
  for (const def of built.book.tree.children) {
    if (def.type !== 'footnoteDefinition') continue;
    const key = def.identifier.replace(/-[^-]*$/, '');
    notesPerChapter[key] = (notesPerChapter[key] ?? 0) + 1;
  }
  return {
    input,
    ingest: {
      blocks: ingested.blocks.length,
      fragments: ingested.fragments.length,
      fragmentsWithNotes: ingested.fragments.filter((f) => f.notes.length).length,
      noteDefinitions: ingested.blocks.filter((b) => b.kind === 'note').length,
      ambiguousBoundaries: ingested.fragments.filter((f) => f.candidateSplits.length).map((f) => ({ line: f.span.startLine, candidateSplitLines: f.candidateSplits.map((i) => f.body[i]!.span.startLine) })),
      contents: ingested.contents.entries.map((e, i) => ({ title: e.title, level: e.level, role: e.role, page: e.pageLabel, line: e.line, heading: ingested.matches.find((m) => m.entry === e)?.heading?.line ?? null, index: i })),
    },
    order: {
      fragments: ordered.fragments.map((f) => f.span.startLine),
      duplicates: ordered.duplicates.map((d) => ({ line: d.fragment.span.startLine, copyOf: d.copyOf.span.startLine })),
      /** Fragments the order found to hold two pages' text and split (each listed as O-040). */
      splits: ordered.splits,
      uncertainJoins: ordered.joins.flatMap((j, k) => (k > 0 && j.score < 6 ? [{ line: ordered.fragments[k]!.span.startLine, after: ordered.fragments[k - 1]!.span.startLine, score: Number(j.score.toFixed(2)), reasons: j.reasons }] : [])),
    },
    repair: { stats: repaired.stats, notesPerChapter, decisions: repaired.decisions },
    corrections: built.appliedCorrections.map((c) => ({ line: c.line, find: c.find, replace: c.replace, why: c.why })),
    diagnostics: report.diagnostics,
  };
}
