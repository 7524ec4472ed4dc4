/** Where in a source file a diagnostic points (1-based line and column). */
export interface Place {
  file: string;
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** Pipeline stage that raised a diagnostic; also the first letter of its code. */
export type Stage = 'ingest' | 'order' | 'repair' | 'manuscript' | 'epub' | 'pdf' | 'check' | 'cli';

export interface Diagnostic {
  code: string;
  severity: Severity;
  stage: Stage;
  message: string;
  place?: Place;
  actual?: string;
  expected?: string;
  hint?: string;
}

/** Collects diagnostics for one build. Stages receive it through their context; only the CLI prints it. */
export class Report {
  readonly diagnostics: Diagnostic[] = [];

  add(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  error(stage: Stage, code: string, message: string, extra: Partial<Diagnostic> = {}): void {
    this.add({ code, severity: 'error', stage, message, ...extra });
  }

  warn(stage: Stage, code: string, message: string, extra: Partial<Diagnostic> = {}): void {
    this.add({ code, severity: 'warning', stage, message, ...extra });
  }

  info(stage: Stage, code: string, message: string, extra: Partial<Diagnostic> = {}): void {
    this.add({ code, severity: 'info', stage, message, ...extra });
  }

  /** Moves the places in `file` (line and column) by `move`: for diagnostics made before the file was rewritten. */
  movePlaces(file: string, move: (point: { line: number; column: number }) => { line: number; column: number }): void {
    for (const d of this.diagnostics) if (d.place?.file === file) d.place = { ...d.place, ...move(d.place) };
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }

  byCode(code: string): Diagnostic[] {
    return this.diagnostics.filter((d) => d.code === code);
  }
}

/** `file:line:col CODE message` — the one-line form the CLI prints and editors can jump to. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.place ? `${d.place.file}:${d.place.line}:${d.place.column}` : '-';
  const hint = d.hint ? ` (hint: ${d.hint})` : '';
  return `${where} ${d.severity} ${d.code} ${d.message}${hint}`;
}

/** Thrown for input nothing sensible can be built from; the CLI prints it as one line and exits non-zero. */
export class FatalInputError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(formatDiagnostic(diagnostic));
    this.name = 'FatalInputError';
  }
}
