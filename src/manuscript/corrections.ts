import { parse as parseYaml } from 'yaml';

/** One editor's correction: exact text to find in the clean manuscript, its replacement, and why. */
export interface Correction {
  find: string;
  replace: string;
  why: string;
  /** 1-based line of the entry in the corrections file. */
  line: number;
}

export class CorrectionError extends Error {
  constructor(readonly line: number, problem: string) {
    super(problem);
    this.name = 'CorrectionError';
  }
}

/** Reads `corrections.yaml`: a list of `{ find, replace, why }`. */
export function parseCorrections(text: string): Correction[] {
  const doc = parseYaml(text, { keepSourceTokens: false }) as unknown;
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) throw new CorrectionError(1, 'the corrections file must be a list of { find, replace, why }');
  // Line of each list entry, for messages: entries start with "- " at the left margin.
  const entryLines = text.split('\n').flatMap((l, i) => (/^-\s/.test(l) ? [i + 1] : []));
  return doc.map((entry: unknown, i) => {
    const line = entryLines[i] ?? 1;
    if (typeof entry !== 'object' || entry === null) throw new CorrectionError(line, `correction ${i + 1} must be { find, replace, why }`);
    const e = entry as Record<string, unknown>;
    if (typeof e.find !== 'string' || e.find === '') throw new CorrectionError(line, `correction ${i + 1} needs a non-empty \`find\` text`);
    if (typeof e.replace !== 'string') throw new CorrectionError(line, `correction ${i + 1} needs a \`replace\` text (may be empty)`);
    return { find: e.find, replace: e.replace, why: typeof e.why === 'string' ? e.why : '', line };
  });
}

export interface CorrectionFailure {
  correction: Correction;
  matches: number;
}

/** Applies each correction that matches exactly once; the others are returned, untouched. */
export function applyCorrections(markdown: string, corrections: readonly Correction[]): { markdown: string; applied: Correction[]; failed: CorrectionFailure[] } {
  let text = markdown;
  const applied: Correction[] = [];
  const failed: CorrectionFailure[] = [];
  for (const correction of corrections) {
    let matches = 0;
    for (let at = text.indexOf(correction.find); at >= 0 && matches < 2; at = text.indexOf(correction.find, at + 1)) matches++;
    if (matches !== 1) {
      failed.push({ correction, matches });
      continue;
    }
    text = text.replace(correction.find, () => correction.replace);
    applied.push(correction);
  }
  return { markdown: text, applied, failed };
}
