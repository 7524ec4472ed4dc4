import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One failed accessibility rule on one file, as DAISY Ace reports it. */
export interface AceViolation {
  file: string;
  rule: string;
  title: string;
  impact: string;
  description: string;
}

export interface AceResult {
  /** Ace's overall EARL outcome: `pass` or `fail`. */
  outcome: string;
  violations: AceViolation[];
  /** Accessibility metadata Ace found missing (informative; not violations). */
  missingMetadata: string[];
}

interface EarlAssertion {
  'earl:test'?: { 'dct:title'?: string; 'earl:impact'?: string; 'dct:description'?: string };
  'earl:result'?: { 'earl:outcome'?: string };
  'earl:testSubject'?: { url?: string };
  assertions?: EarlAssertion[];
}

interface AceReport {
  'earl:result'?: { 'earl:outcome'?: string };
  assertions?: EarlAssertion[];
  'a11y-metadata'?: { missing?: string[] };
}

/**
 * Runs DAISY Ace (`@daisy/ace-cli`, a dev dependency) on an EPUB file and reads its JSON report.
 * Ace drives Chromium through Puppeteer: install with PUPPETEER_SKIP_DOWNLOAD=1 and pass the system
 * browser (default `/usr/bin/chromium`). For tests and release checks, not the build.
 */
export function runAce(epubPath: string, outDir: string, options: { aceBin?: string; chromium?: string; timeoutMs?: number } = {}): Promise<AceResult> {
  const bin = options.aceBin ?? join(process.cwd(), 'node_modules/.bin/ace-cli');
  const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: options.chromium ?? '/usr/bin/chromium', PUPPETEER_SKIP_DOWNLOAD: '1' };
  return new Promise((resolve, reject) => {
    execFile(bin, ['--silent', '--force', '--outdir', outDir, epubPath], { env, timeout: options.timeoutMs ?? 600_000, maxBuffer: 64 * 1024 * 1024 }, async (error, _stdout, stderr) => {
      let report: AceReport;
      try {
        report = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8')) as AceReport;
      } catch {
        reject(new Error(`Ace wrote no report (${error?.message ?? 'no error'}): ${stderr.slice(0, 2000)}`));
        return;
      }
      const violations: AceViolation[] = [];
      for (const file of report.assertions ?? []) {
        for (const a of file.assertions ?? []) {
          if (a['earl:result']?.['earl:outcome'] !== 'fail') continue;
          violations.push({
            file: file['earl:testSubject']?.url ?? '',
            rule: a['earl:test']?.['dct:title'] ?? '',
            title: a['earl:test']?.['dct:title'] ?? '',
            impact: a['earl:test']?.['earl:impact'] ?? '',
            description: a['earl:test']?.['dct:description'] ?? '',
          });
        }
      }
      resolve({ outcome: report['earl:result']?.['earl:outcome'] ?? 'unknown', violations, missingMetadata: report['a11y-metadata']?.missing ?? [] });
    });
  });
}
