/**
 * The PDF typesetter on a second thread: start it first thing (it loads its code while the text
 * stages run), give it the book when the manuscript is built (or the manuscript's tree as soon as
 * it is parsed, to make the book of there), build the EPUB meanwhile, then take
 * the PDF. The book or tree crosses by structured clone (without the source positions the typesetter does
 * not read), the PDF's bytes come back transferred, and the
 * diagnostics the typesetter made come back as a list for the caller to add to its report where a
 * build in one thread would have added them (after the EPUB's and its check's), so the report's
 * order does not depend on which thread finished first. While it waits for the book, the worker
 * can parse part of the manuscript for the calling thread (see tailParser).
 */
import { readFileSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Root, RootContent } from 'mdast';
import type { TailParser } from '../manuscript/split-parse.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Book } from '../model/book.js';

export interface PdfJob {
  book: Book;
  sourceDate: Date;
  /** The clean manuscript's path, which the PDF's diagnostics point into. */
  sourceFile: string;
}

/**
 * A job whose book the worker makes itself, with `bookFromTree`, of the manuscript tree as parsed
 * (front matter first): so that the book can go as soon as the tree is parsed, before the calling
 * thread writes the manuscript's text from it (see BuildInput.onTree in src/pipeline.ts).
 */
export interface PdfTreeJob {
  tree: Root;
  sourceDate: Date;
  sourceFile: string;
}

/** What the worker is sent: a book, or the tree to make one of. */
export type PdfWorkerJob = PdfJob | PdfTreeJob;

/**
 * What the worker is asked on its parse port (see TailParser): to parse a part of a manuscript
 * (keeping the nodes), or to write the canonical text of the nodes of an earlier parse.
 */
export type ParseRequest = { id: number; parse: string } | { id: number; write: number };

/** The answer to a ParseRequest: the part's top-level nodes, or the text written; null when that failed. */
export interface ParseReply {
  id: number;
  nodes?: RootContent[] | null;
  text?: string | null;
}

/** Slots of the shared Int32Array between the threads (see newWorker). */
export const SHARED = {
  /** The worker's kernel thread id. */
  tid: 0,
  /** 1 while the worker is idle and can take a parse (after its warm-up, before a book). */
  idle: 1,
  /** The id of the last parse the worker answered. */
  parsed: 2,
} as const;

export type PdfJobResult =
  | { ok: true; bytes: Uint8Array; pageCount: number; diagnostics: Diagnostic[]; ms: number; cpuMs: number | null }
  | { ok: false; error: { name: string; message: string; stack: string } };

export interface PdfDone {
  bytes: Uint8Array;
  pageCount: number;
  /** What toPdf added to its report, in order. */
  diagnostics: Diagnostic[];
  /** Wall time of the typesetting in the worker (from the arrival of the book, or of the tree it is made of), ms. */
  ms: number;
  /** CPU time of the worker thread while typesetting, ms (null where the platform does not tell). */
  cpuMs: number | null;
}

/**
 * The worker thread. It first notes its kernel thread id in `tid` (so that the parent can read its CPU
 * clock, see {@link PdfWorker.cpuMs}), then loads its module: the bundle `pdf-worker.mjs` beside the
 * bundle this module was built into (see scripts/launch.mjs), or, run from the sources (tsx,
 * vitest), src/pdf/worker.ts with tsx's loader registered in the thread first (a worker does not
 * inherit its parent's loader hooks).
 */
function newWorker(shared: SharedArrayBuffer, parsePort: MessagePort): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = JSON.stringify(new URL(fromSources ? './worker.ts' : './pdf-worker.mjs', import.meta.url).href);
  const load = fromSources ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.register()).then(() => import(${entry}))` : `import(${entry})`;
  const code = [
    "const { workerData } = require('node:worker_threads');",
    `try { Atomics.store(new Int32Array(workerData.shared), ${SHARED.tid}, Number(require('node:fs').readFileSync('/proc/thread-self/stat', 'latin1').split(' ')[0])); } catch {}`,
    // (whole stacks that point into the sources, as scripts/launch.mjs gives the main thread)
    'if (process.env.PIPELINE_DEBUG) process.setSourceMapsEnabled(true);',
    `${load};`,
  ].join('\n');
  return new Worker(code, { eval: true, workerData: { shared, parsePort }, transferList: [parsePort] });
}

/**
 * Text beyond the scripts the print face covers (Latin, Greek, Cyrillic, general punctuation): the
 * typesetter may find no glyph for it and report the place (P-003).
 */
const MAY_LACK_GLYPHS = /[^\u0000-\u052F\u1E00-\u206F]/u;

/**
 * A copy of an mdast tree without the source positions the typesetter does not read: it reads only
 * a footnote definition's (for P-002) and those of text it may have no glyphs for (P-003), and the
 * others are most of the tree's objects, so the copy crosses to the worker in about a third of the
 * time (serialising here, rebuilding there). Keys keep their order. (test/pdf/parallel.test.ts
 * compares the worker's PDF and diagnostics with the calling thread's: a typesetter that starts
 * reading other positions must keep them here.)
 */
function withoutPositions<T extends object>(node: T, keeps: (value: string) => boolean = (value) => MAY_LACK_GLYPHS.test(value)): T {
  const out: Record<string, unknown> = {};
  const from = node as Record<string, unknown>;
  const keepsPosition = from.type === 'footnoteDefinition' || (typeof from.value === 'string' && keeps(from.value));
  for (const key in from) {
    if (key === 'position' && !keepsPosition) continue;
    const value = from[key];
    out[key] = key === 'children' && Array.isArray(value) ? value.map((child: object) => withoutPositions(child, keeps)) : value;
  }
  return out as T;
}

/**
 * Text of a tree not yet made a book whose position the typesetter may read once it is: the book's
 * typography sets only marks the face has (‘’“”…), but a reference to a missing note becomes
 * superscript digits (`[^c11-166]` → `¹⁶⁶`), some beyond the face's ranges. (A position more than
 * the typesetter reads changes nothing.)
 */
const mayLackGlyphsInBook = (value: string): boolean => MAY_LACK_GLYPHS.test(value) || value.includes('[^');

/** How long a parse on the worker may take before the caller gives up on it (it only guards against a worker that stopped). */
const PARSE_TIMEOUT_MS = 60_000;

export class PdfWorker {
  private readonly worker: Worker;
  private pending: { done: (r: PdfDone) => void; fail: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  /** Shared with the worker thread: see SHARED (its kernel thread id is 0 until it has started, or off Linux). */
  private readonly shared = new Int32Array(new SharedArrayBuffer(4 * 3));
  /** This end of the channel parses go by (read synchronously: the manuscript stage does not yield). */
  private readonly parsePort: MessagePort;
  private lastParse = 0;

  private constructor() {
    const { port1, port2 } = new MessageChannel();
    this.parsePort = port1;
    this.worker = newWorker(this.shared.buffer as SharedArrayBuffer, port2);
    // idle, the worker does not keep the process alive; with a job in hand it does
    this.worker.unref();
    this.worker.on('message', (message: PdfJobResult) => {
      const pending = this.pending;
      this.pending = null;
      this.worker.unref();
      if (!pending) return;
      if (message.ok) pending.done({ bytes: message.bytes, pageCount: message.pageCount, diagnostics: message.diagnostics, ms: message.ms, cpuMs: message.cpuMs });
      else {
        const e = new Error(message.error.message);
        e.name = message.error.name;
        e.stack = message.error.stack;
        pending.fail(e);
      }
    });
    const broken = (error: Error): void => {
      this.failure ??= error;
      const pending = this.pending;
      this.pending = null;
      pending?.fail(this.failure);
    };
    this.worker.on('error', broken);
    this.worker.on('exit', (code) => broken(new Error(`the PDF worker stopped (exit code ${code})`)));
  }

  /** Starts the worker thread; it loads the typesetter's code at once. */
  static start(): PdfWorker {
    return new PdfWorker();
  }

  /** Typesets the book in the worker; one job at a time. */
  typeset(job: PdfJob): Promise<PdfDone> {
    return this.send(() => ({ ...job, book: { metadata: job.book.metadata, tree: withoutPositions(job.book.tree) } }));
  }

  /**
   * Typesets the book of a manuscript tree as parsed (the worker makes the book of it, as
   * `bookFromTree` would here): the tree is copied at once, so the caller may go on to change it.
   */
  typesetTree(job: PdfTreeJob): Promise<PdfDone> {
    return this.send(() => ({ ...job, tree: withoutPositions(job.tree, mayLackGlyphsInBook) }));
  }

  /**
   * A TailParser that parses (and then writes) on the worker's thread, for parseInTwo and
   * writeInTwo; it declines (the caller does the work itself) while the worker is still warming up
   * or has a book, or has failed.
   */
  tailParser(): TailParser {
    let parsed = 0;
    let writing = 0;
    return {
      start: (tail) => {
        if (!this.canTakePart()) return;
        parsed = this.ask((id) => ({ id, parse: tail }));
      },
      finish: () => (parsed ? (this.answer(parsed)?.nodes ?? null) : null),
      startWriting: () => {
        if (!parsed || !this.canTakePart()) return false;
        writing = this.ask((id) => ({ id, write: parsed }));
        return true;
      },
      finishWriting: () => (writing ? (this.answer(writing)?.text ?? null) : null),
    };
  }

  /** Whether the worker's thread is idle: warmed up, no book in hand, not failed. */
  private canTakePart(): boolean {
    return !this.failure && !this.pending && Atomics.load(this.shared, SHARED.idle) === 1;
  }

  /** Sends a request on the parse port; returns its id. */
  private ask(request: (id: number) => ParseRequest): number {
    const id = ++this.lastParse;
    this.parsePort.postMessage(request(id));
    return id;
  }

  /**
   * Waits for the answer to request `id` (the worker's thread is idle, so it comes when the work is
   * done; a worker that stopped meanwhile never answers, hence the limit); null without one.
   */
  private answer(id: number): ParseReply | null {
    const deadline = performance.now() + PARSE_TIMEOUT_MS;
    for (;;) {
      const answered = Atomics.load(this.shared, SHARED.parsed);
      if (answered >= id) break;
      const left = deadline - performance.now();
      if (left <= 0 || this.failure) return null;
      Atomics.wait(this.shared, SHARED.parsed, answered, Math.min(left, 50));
    }
    for (let message = receiveMessageOnPort(this.parsePort); message; message = receiveMessageOnPort(this.parsePort)) {
      const reply = message.message as ParseReply;
      if (reply.id === id) return reply;
    }
    return null;
  }

  /** Sends the message `message()` makes (made only when the worker can take it; a failure rejects). */
  private send(message: () => PdfWorkerJob): Promise<PdfDone> {
    if (this.pending) return Promise.reject(new Error('the PDF worker is busy'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<PdfDone>((done, fail) => {
      this.pending = { done, fail };
      this.worker.ref();
      this.worker.postMessage(message());
    });
  }

  /**
   * CPU time of the worker thread so far, ms (from /proc: 0 before the thread has started, or where
   * there is no /proc). A process's CPU time less this is the CPU time of its other threads.
   */
  cpuMs(): number {
    const tid = Atomics.load(this.shared, SHARED.tid);
    if (!tid) return 0;
    try {
      return Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1').split(' ')[0]) / 1e6;
    } catch {
      return 0;
    }
  }

  /** Ends the worker thread. */
  stop(): Promise<number> {
    return this.worker.terminate();
  }
}
