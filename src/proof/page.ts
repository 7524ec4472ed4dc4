import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface PageAssets {
  html: string;
  css: string;
  js: string;
}

/** The proofing page: its HTML and CSS as written, its TypeScript bundled for the browser (no CDN, offline). */
export async function pageAssets(dir: string): Promise<PageAssets> {
  const result = await build({ entryPoints: [join(dir, 'app.ts')], bundle: true, write: false, format: 'esm', target: 'es2022', platform: 'browser', sourcemap: 'inline', logLevel: 'silent' });
  const js = result.outputFiles[0]?.text;
  if (js === undefined) throw new Error('esbuild produced no bundle for the proofing page');
  return { html: readFileSync(join(dir, 'index.html'), 'utf8'), css: readFileSync(join(dir, 'app.css'), 'utf8'), js };
}
