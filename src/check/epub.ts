import { execFile } from 'node:child_process';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';

/** Diagnostic codes of the EPUB validators (stage `check`). */
export const CHECK_EPUB_CODES = {
  /** A message of the in-process EPUBCheck port (@likecoin/epubcheck-ts). */
  epubcheckTs: 'C-101',
  /** A message of W3C EPUBCheck (Java). */
  epubcheck: 'C-102',
} as const;

function place(path: string | undefined, line: number | undefined, column: number | undefined): Diagnostic['place'] {
  return path ? { file: path, line: line ?? 0, column: column ?? 0 } : undefined;
}

/**
 * Validates an EPUB in process with @likecoin/epubcheck-ts (EPUB 3.3 rules; no XHTML schema check —
 * run W3C EPUBCheck for that). Fatal and error messages become errors, which fail the build;
 * warnings stay warnings; info and usage messages are left out.
 */
export async function checkEpubInProcess(bytes: Uint8Array): Promise<Diagnostic[]> {
  const result = await EpubCheck.validate(bytes, { includeUsage: false, includeInfo: false });
  const diagnostics: Diagnostic[] = [];
  for (const m of result.messages) {
    let severity: Severity;
    if (m.severity === 'fatal' || m.severity === 'error') severity = 'error';
    else if (m.severity === 'warning') severity = 'warning';
    else continue;
    diagnostics.push({
      code: CHECK_EPUB_CODES.epubcheckTs,
      severity,
      stage: 'check',
      message: `EPUBCheck ${m.id}: ${m.message}`,
      place: place(m.location?.path, m.location?.line, m.location?.column),
      actual: m.id,
      ...(m.suggestion ? { hint: m.suggestion } : {}),
    });
  }
  return diagnostics;
}

export interface EpubcheckMessage {
  id: string;
  severity: 'FATAL' | 'ERROR' | 'WARNING' | 'INFO' | 'USAGE' | string;
  message: string;
  locations: { path: string; line: number; column: number }[];
}

export interface EpubcheckResult {
  fatal: number;
  error: number;
  warning: number;
  messages: EpubcheckMessage[];
}

interface EpubcheckJson {
  messages?: { ID: string; severity: string; message: string; locations?: { path: string; line: number; column: number }[] }[];
  checker?: { nFatal?: number; nError?: number; nWarning?: number };
}

/** Where Debian's epubcheck package puts the jar (`/usr/bin/epubcheck` does not run here). */
export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

/**
 * Runs W3C EPUBCheck (Java, 4.2.6 from Debian) on an EPUB file and returns its counts and messages.
 * For tests and release checks, not the build: it takes several seconds and half a gigabyte.
 */
export function runEpubcheck(path: string, jar: string = EPUBCHECK_JAR): Promise<EpubcheckResult> {
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', jar, '--json', '-', path], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      // EPUBCheck exits non-zero when it finds errors; the JSON on stdout is still the report.
      const start = stdout.indexOf('{');
      if (start < 0) {
        reject(new Error(`epubcheck gave no JSON report (${error?.message ?? 'no error'}): ${stderr.slice(0, 2000)}`));
        return;
      }
      let json: EpubcheckJson;
      try {
        json = JSON.parse(stdout.slice(start)) as EpubcheckJson;
      } catch (e) {
        reject(new Error(`epubcheck JSON unreadable: ${(e as Error).message}: ${stderr.slice(0, 2000)}`));
        return;
      }
      const messages: EpubcheckMessage[] = (json.messages ?? []).map((m) => ({
        id: m.ID,
        severity: m.severity,
        message: m.message,
        locations: m.locations ?? [],
      }));
      const count = (s: string): number => messages.filter((m) => m.severity === s).length;
      resolve({
        fatal: json.checker?.nFatal ?? count('FATAL'),
        error: json.checker?.nError ?? count('ERROR'),
        warning: json.checker?.nWarning ?? count('WARNING'),
        messages,
      });
    });
  });
}

/** EPUBCheck messages as diagnostics (errors fail, warnings warn), for callers that want one list. */
export function epubcheckDiagnostics(result: EpubcheckResult): Diagnostic[] {
  return result.messages
    .filter((m) => m.severity === 'FATAL' || m.severity === 'ERROR' || m.severity === 'WARNING')
    .map((m) => {
      const loc = m.locations[0];
      return {
        code: CHECK_EPUB_CODES.epubcheck,
        severity: m.severity === 'WARNING' ? 'warning' : 'error',
        stage: 'check',
        message: `EPUBCheck ${m.id}: ${m.message}`,
        place: place(loc?.path, loc?.line, loc?.column),
        actual: m.id,
      } satisfies Diagnostic;
    });
}
