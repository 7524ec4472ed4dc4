import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCorrections } from '../../src/manuscript/corrections.js';
import type { BuildView, ProofItem, Status } from '../../src/proof/types.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const DIST = join(ROOT, 'dist');

/** The proof server on a copy of the manuscript folder, so the real corrections file is never touched. */
let dir: string;
let server: ChildProcess;
let url: string;
let browser: Browser;
let page: Page;
let output = '';

async function api<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, url));
  return (await res.json()) as T;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; server said:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'proof-'));
  cpSync(join(ROOT, 'manuscript'), dir, { recursive: true });
  // The view starts from a book without corrections: the editor's own are the only ones it writes.
  const corrections = join(dir, 'exodus.corrections.yaml');
  writeFileSync(corrections, `${readFileSync(corrections, 'utf8').split('\n').filter((line) => line.startsWith('#')).join('\n')}\n[]\n`);
  server = spawn(process.execPath, ['--import', 'tsx', 'src/proof/cli.ts', '--port', '0', '--input', join(dir, 'exodus.raw.md'), '--meta', join(dir, 'exodus.meta.yaml'), '--corrections', join(dir, 'exodus.corrections.yaml')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  server.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  url = await until('the URL', async () => /proof view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1], 60_000);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  mkdirSync(DIST, { recursive: true });
  await until('the first build', async () => (await api<Status>('/api/status')).version >= 1, 120_000);
});

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('proof view in Chromium', () => {
  let joined: { find: string; replace: string; why: string } | null = null;

  it('steps to an unsure page break, overrides it, writes exactly that correction and shows the rebuilt text', async () => {
    const correctionsFile = join(dir, 'exodus.corrections.yaml');
    const before = readFileSync(correctionsFile, 'utf8');
    await page.goto(url);
    await page.waitForSelector('#list .item');
    await page.screenshot({ path: join(DIST, 'proof-1-list.png') });

    // Step with j to the first page break the pipeline kept that can be joined.
    const build = await api<BuildView>('/api/build');
    const target = build.items.findIndex((i: ProofItem) => i.kind === 'page-break-kept' && i.options.some((o) => o.id === 'join'));
    expect(target).toBeGreaterThan(0);
    const item = build.items[target]!;
    for (let i = 0; i < target; i++) await page.keyboard.press('j');
    await expect.poll(() => page.getAttribute('#detail', 'data-id')).toBe(item.id);
    expect(await page.textContent('#detail .raw')).toContain(String(item.line));
    const scrolled = await page.evaluate(() => {
      const focus = document.querySelector('#reader .focus');
      const reader = document.getElementById('reader')!.getBoundingClientRect();
      const box = focus?.getBoundingClientRect();
      return !!box && box.bottom > reader.top && box.top < reader.bottom;
    });
    expect(scrolled).toBe(true);

    // e: the block's manuscript text in an editor; a changed word previews as a correction (not written).
    await page.keyboard.press('e');
    await page.waitForSelector('#editor');
    const block = await page.inputValue('#editor');
    const manuscriptBefore = await (await fetch(new URL('/api/manuscript', url))).text();
    expect(block.length).toBeGreaterThan(10);
    expect(manuscriptBefore).toContain(block);
    await page.fill('#editor', `${block} Proofed.`);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('#preview .change');
    expect(await page.textContent('#preview .change .ins')).toContain('Proofed.');
    await page.screenshot({ path: join(DIST, 'proof-2a-edit.png') });
    await page.keyboard.press('Escape');
    expect(await page.locator('#editor').count()).toBe(0);

    await page.keyboard.press('o');
    const number = item.options.findIndex((o) => o.id === 'join') + 1;
    await page.keyboard.press(String(number));
    await page.waitForSelector('#preview .change');
    await page.screenshot({ path: join(DIST, 'proof-2-override.png') });
    const find = (await page.textContent('#preview .find'))!;
    const replace = (await page.textContent('#preview .replace'))!;
    const why = (await page.textContent('#preview .why'))!;
    const breaks = (s: string) => s.split('\n\n').length - 1;
    expect(breaks(replace)).toBeLessThan(breaks(find));
    await page.keyboard.press('Enter');

    // Exactly that correction was appended; the header comment and what was there stay.
    const entries = await until('the correction', async () => {
      const list = parseCorrections(readFileSync(correctionsFile, 'utf8'));
      return list.length ? list : null;
    }, 10_000);
    const after = readFileSync(correctionsFile, 'utf8');
    expect(after.startsWith(before.replace(/\[\]\s*$/, ''))).toBe(true);
    expect(entries.map(({ find: f, replace: r, why: w }) => ({ find: f, replace: r, why: w }))).toEqual([{ find, replace, why }]);
    joined = { find, replace, why };

    // The server rebuilds; the page shows the new build with the two paragraphs as one.
    await page.waitForSelector('#reader[data-version="2"]', { timeout: 90_000 });
    const manuscript = await (await fetch(new URL('/api/manuscript', url))).text();
    expect(manuscript).toContain(replace);
    expect(manuscript).not.toContain(find);
    // The words on both sides of the paragraph break that went away.
    let a = 0;
    while (find[a] === replace[a]) a++;
    let b = 0;
    while (find[find.length - 1 - b] === replace[replace.length - 1 - b]) b++;
    // Compared as words (letters and digits): the markdown and the rendered text differ in markup.
    const words = (s: string) => s.replace(/<!--[^>]*-->/g, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
    const lastWords = words(find.slice(0, a)).slice(-2).join(' ');
    const firstWords = words(find.slice(find.length - b)).slice(0, 2).join(' ');
    const paragraphs = await page.$$eval('#reader p', (ps) => ps.map((p) => p.textContent ?? ''));
    const oneParagraph = paragraphs.map((p) => words(p).join(' ')).filter((p) => p.includes(lastWords) && p.includes(firstWords));
    expect(oneParagraph, `one paragraph with “${lastWords}” and “${firstWords}”`).toHaveLength(1);
    // The reading pane shows where the change went in.
    const changed = words((await page.textContent('#reader .changed')) ?? '').join(' ');
    expect(changed).toContain(lastWords);
    expect(changed).toContain(firstWords);
    expect(await page.locator(`#list .item[data-id="${item.id}"]`).count()).toBe(0);
    expect(readFileSync(join(dir, 'exodus.proof-accepted.yaml'), 'utf8')).toContain(item.id);
    await page.screenshot({ path: join(DIST, 'proof-3-rebuilt.png') });
  });

  it('accepts a decision with a: it leaves the list and is recorded in the sidecar', async () => {
    const id = (await page.getAttribute('#detail', 'data-id'))!;
    expect(await page.locator(`#list .item[data-id="${id}"]`).count()).toBe(1);
    await page.keyboard.press('a');
    await expect.poll(() => page.locator(`#list .item[data-id="${id}"]`).count()).toBe(0);
    expect(await page.getAttribute('#detail', 'data-id')).not.toBe(id);
    const sidecar = readFileSync(join(dir, 'exodus.proof-accepted.yaml'), 'utf8');
    expect(sidecar).toMatch(new RegExp(`id: ${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+action: accepted`));
  });

  it('shows a correction that no longer matches, naming it and its line, and keeps the last good build', async () => {
    expect(joined).not.toBeNull();
    const correctionsFile = join(dir, 'exodus.corrections.yaml');
    const text = readFileSync(correctionsFile, 'utf8');
    const stale = 'the Atlee government of 1945';
    writeFileSync(correctionsFile, `${text}- find: "${stale}"\n  replace: "the Attlee government of 1945"\n  why: "spelling"\n`);
    const line = parseCorrections(readFileSync(correctionsFile, 'utf8')).at(-1)!.line;

    await page.waitForSelector('#problems li.problem', { timeout: 90_000 });
    const problem = (await page.textContent('#problems'))!;
    expect(problem).toContain(`line ${line}`);
    expect(problem).toContain(stale);
    expect(problem).toMatch(/matches no place/);
    expect(await page.isVisible('#problems')).toBe(true);
    // Still the last good build, the join in it; overrides are off until the entry is fixed.
    expect(await page.getAttribute('#reader', 'data-version')).toBe('2');
    expect(await (await fetch(new URL('/api/manuscript', url))).text()).toContain(joined!.replace);
    expect(await page.isDisabled('#override')).toBe(true);
    await page.screenshot({ path: join(DIST, 'proof-4-stale-correction.png') });
  });
});
