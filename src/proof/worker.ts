import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { YAMLError } from 'yaml';
import { FatalInputError, formatDiagnostic } from '../diagnostics/diagnostic.js';
import { CorrectionError, parseCorrections, type Correction } from '../manuscript/corrections.js';
import { MetadataError, parseMetadataYaml } from '../model/metadata.js';
import type { ManuscriptBuild } from '../pipeline.js';
import { buildBase, failingCorrections, proofBuild } from './build.js';
import type { CorrectionProblem, ProofItem } from './types.js';

/** What the server asks for: a build from the files as they are now. */
export interface BuildRequest {
  id: number;
  input: string;
  meta: string;
  corrections: string;
  /** The page has a good build to fall back on: when a correction fails, report it without building. */
  haveGoodBuild: boolean;
}

export interface BuildSuccess {
  title: string;
  text: string;
  manuscript: string;
  html: string;
  items: ProofItem[];
  correctionsText: string;
  correctionsApplied: number;
  lastChange: { start: number; end: number } | null;
  ms: number;
  timings: Record<string, number>;
}

export type BuildReply =
  | { id: number; ok: true; build: BuildSuccess; problems: CorrectionProblem[] }
  | { id: number; ok: false; fatal: string | null; problems: CorrectionProblem[]; correctionsText: string; ms: number };

let cache: { key: string; base: ManuscriptBuild } | null = null;

function read(file: string): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(readFileSync(file));
}

/** Runs one build. Exported for tests; the worker thread calls it for each request. */
export function runBuild(request: BuildRequest): BuildReply {
  const start = performance.now();
  let correctionsText = '';
  try {
    const raw = read(request.input);
    const metaText = read(request.meta);
    const metadata = parseMetadataYaml(metaText);
    try {
      correctionsText = read(request.corrections);
    } catch {
      correctionsText = '';
    }
    let corrections: Correction[];
    try {
      corrections = correctionsText.trim() ? parseCorrections(correctionsText) : [];
    } catch (error) {
      const line = error instanceof CorrectionError ? error.line : error instanceof YAMLError ? (error.linePos?.[0].line ?? 1) : 1;
      const message = (error as Error).message.split('\n')[0]!;
      return { id: request.id, ok: false, fatal: null, correctionsText, ms: performance.now() - start, problems: [{ file: request.corrections, line, find: null, message: `${request.corrections}:${line}: ${message}`, hint: 'fix the corrections file by hand; the page rebuilds when it is saved' }] };
    }
    const key = createHash('sha256').update(raw).update('\0').update(metaText).update('\0').update(request.input).digest('hex');
    if (cache?.key !== key) cache = { key, base: buildBase(raw, metadata, request.input) };
    if (request.haveGoodBuild) {
      const failing = failingCorrections(cache.base, corrections, request.corrections);
      if (failing.length) return { id: request.id, ok: false, fatal: null, problems: failing, correctionsText, ms: performance.now() - start };
    }
    const built = proofBuild(cache.base, raw, metadata, corrections, request.corrections);
    const last = built.applied.at(-1);
    let lastChange: BuildSuccess['lastChange'] = null;
    if (last && last.replace) {
      // The part of the replacement that differs from the find text (the rest is context).
      const at = built.text.indexOf(last.replace);
      let a = 0;
      while (a < last.find.length && a < last.replace.length && last.find[a] === last.replace[a]) a++;
      let b = 0;
      while (b < last.find.length - a && b < last.replace.length - a && last.find[last.find.length - 1 - b] === last.replace[last.replace.length - 1 - b]) b++;
      if (at >= 0) lastChange = { start: at + a, end: at + Math.max(a, last.replace.length - b) };
    }
    return {
      id: request.id,
      ok: true,
      problems: built.problems,
      build: { title: metadata.title, text: built.text, manuscript: built.manuscript, html: built.html, items: built.items, correctionsText, correctionsApplied: built.applied.length, lastChange, ms: performance.now() - start, timings: built.timings },
    };
  } catch (error) {
    let fatal: string;
    if (error instanceof FatalInputError) fatal = formatDiagnostic(error.diagnostic);
    else if (error instanceof MetadataError) fatal = `${request.meta}: ${error.message}`;
    else fatal = `build failed: ${(error as Error).stack ?? String(error)}`;
    return { id: request.id, ok: false, fatal, problems: [], correctionsText, ms: performance.now() - start };
  }
}

// Only in the proof server's worker thread (not when a test imports this module inside some other worker).
if (parentPort && (workerData as { proofWorker?: boolean } | null)?.proofWorker) {
  const port = parentPort;
  port.on('message', (request: BuildRequest) => port.postMessage(runBuild(request)));
}
