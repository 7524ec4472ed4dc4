import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bookPaths, startProofServer } from './server.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const USAGE = 'usage: npm run proof -- [--port N] [--host 127.0.0.1] [--input FILE.raw.md] [--meta FILE.meta.yaml] [--corrections FILE.yaml] [--accepted FILE.yaml]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4178' },
      host: { type: 'string', default: '127.0.0.1' },
      input: { type: 'string' },
      meta: { type: 'string' },
      corrections: { type: 'string' },
      accepted: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}\n${USAGE}`);
  const paths = bookPaths(values.input ?? join(ROOT, 'manuscript/exodus.raw.md'), values.meta, values.corrections, values.accepted);
  const proof = await startProofServer({ ...paths, host: values.host, port, log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`proofing ${paths.input}\ncorrections: ${paths.corrections}\nreviewed items: ${paths.accepted}\nbuilding the manuscript; the page shows it when done\nproof view: ${proof.url}\n`);
  const stop = (): void => {
    void proof.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
});
