/**
 * The PDF typesetter in a worker thread (see ./parallel.ts). Loading this module loads pdfkit, the
 * fonts' code and the hyphenation patterns, and it then typesets a made-up little book (./warmup.ts),
 * so that a build, which starts the worker first thing, has the typesetter loaded and compiled while
 * the text stages run on the other thread; the book arrives once the manuscript is built.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Report } from '../diagnostics/diagnostic.js';
import type { RootContent } from 'mdast';
import { bookFromTree, parseManuscript } from '../manuscript/from-markdown.js';
import { stringifyFlow } from '../manuscript/to-markdown.js';
import { toPdf } from './index.js';
import { SHARED, type ParseReply, type ParseRequest, type PdfJobResult, type PdfWorkerJob } from './parallel.js';
import { warmUp } from './warmup.js';

/** CPU time of this thread so far, ms (Linux; null elsewhere). */
function threadCpuMs(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

const port = parentPort;
if (!port) throw new Error('src/pdf/worker.ts runs as a worker thread (see src/pdf/parallel.ts)');
// (a failed warm-up only costs time: the real book shows any bug)
const { shared, parsePort } = workerData as { shared: SharedArrayBuffer; parsePort: MessagePort };
const flags = new Int32Array(shared);
const warm = warmUp()
  .catch(() => {})
  // idle until a book comes: the calling thread may hand over part of the manuscript's parse
  .then(() => Atomics.store(flags, SHARED.idle, 1));
/** The nodes of the last part parsed, kept to write its text when asked (see writeInTwo). */
let kept: { id: number; nodes: RootContent[] } | null = null;
parsePort.on('message', (request: ParseRequest) => {
  const reply: ParseReply = { id: request.id };
  try {
    if ('parse' in request) {
      const nodes = parseManuscript(request.parse).children;
      kept = { id: request.id, nodes };
      reply.nodes = nodes;
    } else {
      reply.text = kept?.id === request.write ? stringifyFlow(kept.nodes) : null;
      kept = null;
    }
  } catch {
    // (the calling thread does the work itself)
    kept = null;
    reply.nodes = null;
    reply.text = null;
  }
  parsePort.postMessage(reply);
  Atomics.store(flags, SHARED.parsed, request.id);
  Atomics.notify(flags, SHARED.parsed);
});
// (the port must not keep the thread alive once the calling thread is done)
parsePort.unref();
port.on('message', (job: PdfWorkerJob) => {
  Atomics.store(flags, SHARED.idle, 0);
  // (a part parsed and never asked to be written: the book has come, the nodes are garbage)
  kept = null;
  void (async () => {
    const startCpu = threadCpuMs();
    const start = performance.now();
    try {
      // one book at a time: the typesetter's scratch state is shared
      await warm;
      const report = new Report();
      const book = 'tree' in job ? bookFromTree(job.tree) : job.book;
      const pdf = await toPdf(book, { report, sourceDate: job.sourceDate, sourceFile: job.sourceFile });
      const ms = performance.now() - start;
      const endCpu = threadCpuMs();
      const cpuMs = startCpu !== null && endCpu !== null ? endCpu - startCpu : null;
      // a view of its own buffer is handed over as it is; a view into a pool or a larger buffer is copied
      const own = pdf.bytes.byteOffset === 0 && pdf.bytes.byteLength === pdf.bytes.buffer.byteLength && pdf.bytes.buffer instanceof ArrayBuffer;
      const bytes = own ? pdf.bytes : pdf.bytes.slice();
      const result: PdfJobResult = { ok: true, bytes, pageCount: pdf.pageCount, diagnostics: report.diagnostics, ms, cpuMs };
      port.postMessage(result, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const result: PdfJobResult = { ok: false, error: { name: e.name, message: e.message, stack: e.stack ?? '' } };
      port.postMessage(result);
    }
  })();
});
