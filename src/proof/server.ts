import { readFileSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { addResolved, appendCorrections, applyOne, makeCorrection, occurrences, readResolved } from './corrections-file.js';
import { pageAssets, type PageAssets } from './page.js';
import type { BuildReply, BuildRequest, BuildSuccess } from './worker.js';
import type { BuildView, CorrectionPreview, CorrectionProblem, OverrideRequest, OverrideResponse, Status } from './types.js';

export interface ProofOptions {
  input: string;
  meta: string;
  corrections: string;
  /** The sidecar of reviewed items. */
  accepted: string;
  host: string;
  port: number;
  /** Called with each build's outcome (the CLI prints it). */
  log?: (line: string) => void;
}

export interface ProofServer {
  url: string;
  server: Server;
  /** Resolves when the first build is done (good or not). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const HERE = dirname(new URL(import.meta.url).pathname);

/** A worker thread running TypeScript through tsx, as the CLI itself runs. */
function startWorker(): Worker {
  const url = new URL('./worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`, { eval: true, workerData: { proofWorker: true } });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

export async function startProofServer(options: ProofOptions): Promise<ProofServer> {
  const log = options.log ?? (() => {});
  const assets: PageAssets = await pageAssets(resolve(HERE, '../../templates/proof'));
  const worker = startWorker();
  let requestId = 0;
  let building = false;
  let pending = false;
  let shown: BuildSuccess | null = null;
  let partial = false;
  let version = 0;
  let problems: CorrectionProblem[] = [];
  let fatal: string | null = null;
  let message: string | null = null;
  let firstDone: () => void = () => {};
  const ready = new Promise<void>((r) => { firstDone = r; });

  const rebuild = (): void => {
    if (building) {
      pending = true;
      return;
    }
    building = true;
    const request: BuildRequest = { id: ++requestId, input: options.input, meta: options.meta, corrections: options.corrections, haveGoodBuild: !!shown && !partial };
    worker.postMessage(request);
  };

  worker.on('message', (reply: BuildReply) => {
    building = false;
    problems = reply.problems;
    if (reply.ok) {
      fatal = null;
      if (!reply.problems.length || !shown || partial) {
        shown = reply.build;
        partial = reply.problems.length > 0;
        version++;
      }
      log(`build ${version}: ${reply.build.items.length} items, ${reply.build.correctionsApplied} corrections applied, ${Math.round(reply.build.ms)} ms (${Object.entries(reply.build.timings).map(([k, v]) => `${k} ${v}`).join(', ')})${reply.problems.length ? `; ${reply.problems.length} corrections do not apply` : ''}`);
    } else {
      fatal = reply.fatal;
      log(`build failed: ${reply.fatal ?? reply.problems.map((p) => p.message).join('; ')}`);
    }
    for (const p of reply.problems) log(`  ${p.message}`);
    firstDone();
    if (pending) {
      pending = false;
      rebuild();
    }
  });
  worker.on('error', (error) => {
    building = false;
    fatal = `the build worker stopped: ${error.message}`;
    log(fatal);
    firstDone();
  });

  // Hand edits of the corrections file (or the raw file, or the metadata) rebuild the page.
  const watched = [options.corrections, options.input, options.meta];
  let lastSeen = watched.map((f) => readOr(f, ''));
  for (const file of watched) {
    watchFile(file, { interval: 500 }, () => {
      const now = watched.map((f) => readOr(f, ''));
      if (now.every((t, i) => t === lastSeen[i])) return;
      lastSeen = now;
      message = `${file} changed; rebuilding`;
      rebuild();
    });
  }

  const status = (): Status => ({ version, building, problems, fatal, message });

  const view = (): BuildView | null => {
    if (!shown) return null;
    return {
      version,
      title: shown.title,
      partial,
      items: shown.items,
      resolved: readResolved(options.accepted).map((e) => e.id),
      html: shown.html,
      correctionsFile: options.corrections,
      correctionsApplied: shown.correctionsApplied,
      lastChange: shown.lastChange,
      builtMs: shown.ms,
    };
  };

  /** The corrections an override request stands for, checked against the text of the shown build. */
  const prepare = (request: OverrideRequest): { corrections: CorrectionPreview[]; what: string } => {
    if (!shown) throw new Error('no build yet');
    if (request.version !== version) throw new Error('the page is out of date; it reloads');
    if (building) throw new Error('a rebuild is running; wait for it to finish');
    if (problems.length || partial) throw new Error('fix the corrections that do not apply first (see the red box); overrides are written only on top of a good build');
    const item = request.itemId ? shown.items.find((i) => i.id === request.itemId) : undefined;
    if (request.itemId && !item) throw new Error(`no item ${request.itemId} in this build`);
    const note = request.note?.trim() ? ` Editor: ${request.note.trim()}` : '';
    let c: CorrectionPreview;
    let what: string;
    if (request.edit) {
      const { start, end, replacement } = request.edit;
      what = `edited in place${item ? ` (${item.title.toLowerCase()}, raw line ${item.line})` : ''}`;
      c = makeCorrection(shown.text, start, end, replacement, `proof: ${what}.${note}`);
    } else {
      const option = item?.options.find((o) => o.id === request.optionId);
      if (!item || !option) throw new Error(`item ${request.itemId ?? '?'} has no override ${request.optionId ?? '?'}`);
      what = option.label;
      c = makeCorrection(shown.text, option.start, option.end, option.replacement, `${option.why}.${note}`);
    }
    if (occurrences(shown.text, c.find) !== 1) throw new Error('the find text is not unique in the manuscript');
    applyOne(shown.text, c);
    return { corrections: [c], what };
  };

  const override = (request: OverrideRequest, write: boolean): OverrideResponse => {
    try {
      const { corrections, what } = prepare(request);
      if (!write) return { ok: true, corrections };
      const current = readOr(options.corrections, '');
      if (current !== shown!.correctionsText) throw new Error('the corrections file changed on disk since this build; it is rebuilding, try again after');
      const { text, lines } = appendCorrections(current, corrections);
      writeFileSync(options.corrections, text);
      lastSeen = watched.map((f) => readOr(f, ''));
      if (request.itemId) addResolved(options.accepted, { id: request.itemId, action: 'overridden', what: `${what} (corrections file line ${lines.join(', ')})`, date: new Date().toISOString().slice(0, 10) });
      message = `correction written at line ${lines.join(', ')} of ${options.corrections}; rebuilding`;
      log(message);
      rebuild();
      return { ok: true, corrections, lines };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    void (async () => {
      try {
        switch (route) {
          case 'GET /':
          case 'GET /index.html':
            return send(res, 200, 'text/html; charset=utf-8', assets.html);
          case 'GET /app.js':
            return send(res, 200, 'text/javascript; charset=utf-8', assets.js);
          case 'GET /app.css':
            return send(res, 200, 'text/css; charset=utf-8', assets.css);
          case 'GET /api/status':
            return json(res, 200, status());
          case 'GET /api/build': {
            const v = view();
            return v ? json(res, 200, v) : json(res, 503, { error: 'building' });
          }
          case 'GET /api/text': {
            if (!shown) return json(res, 503, { error: 'building' });
            const start = Math.max(0, Number(url.searchParams.get('start')) || 0);
            const end = Math.min(shown.text.length, start + 50_000, Number(url.searchParams.get('end')) || 0);
            return send(res, 200, 'text/plain; charset=utf-8', shown.text.slice(start, Math.max(start, end)));
          }
          case 'GET /api/manuscript':
            return shown ? send(res, 200, 'text/markdown; charset=utf-8', shown.manuscript) : json(res, 503, { error: 'building' });
          case 'POST /api/preview':
            return json(res, 200, override((await body(req)) as OverrideRequest, false));
          case 'POST /api/override':
            return json(res, 200, override((await body(req)) as OverrideRequest, true));
          case 'POST /api/accept': {
            const { itemId } = (await body(req)) as { itemId?: string };
            const item = shown?.items.find((i) => i.id === itemId);
            if (!item) return json(res, 200, { ok: false, error: `no item ${itemId ?? '?'}` });
            addResolved(options.accepted, { id: item.id, action: 'accepted', what: `${item.title} (raw line ${item.line}): ${item.result}`, date: new Date().toISOString().slice(0, 10) });
            return json(res, 200, { ok: true });
          }
          case 'POST /api/rebuild':
            message = 'rebuilding on request';
            rebuild();
            return json(res, 200, status());
          default:
            return send(res, 404, 'text/plain; charset=utf-8', 'not found');
        }
      } catch (error) {
        return json(res, 500, { ok: false, error: (error as Error).message });
      }
    })();
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  rebuild();
  return {
    url: `http://${options.host}:${port}/`,
    server,
    ready,
    async close() {
      for (const file of watched) unwatchFile(file);
      await new Promise<void>((r) => server.close(() => r()));
      await worker.terminate();
    },
  };
}

/** Paths of a book's files, as `npm run build` finds them. */
export function bookPaths(input: string, meta?: string, corrections?: string, accepted?: string): { input: string; meta: string; corrections: string; accepted: string } {
  const raw = resolve(input);
  const stem = raw.replace(/^.*\//, '').replace(/(\.raw)?\.(md|txt|markdown)$/i, '');
  const dir = dirname(raw);
  const correctionsFile = resolve(corrections ?? join(dir, `${stem}.corrections.yaml`));
  const correctionsStem = correctionsFile.replace(/^.*\//, '').replace(/(\.corrections)?\.ya?ml$/i, '');
  return {
    input: raw,
    meta: resolve(meta ?? join(dir, `${stem}.meta.yaml`)),
    corrections: correctionsFile,
    accepted: resolve(accepted ?? join(dirname(correctionsFile), `${correctionsStem}.proof-accepted.yaml`)),
  };
}

