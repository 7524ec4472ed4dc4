import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, OUT_DIR, ROOT, sampleMarkdown, unzip } from './helpers.js';

// A reading-system test: epub.js (from node_modules, nothing from a CDN) in headless Chromium,
// served from 127.0.0.1; every request elsewhere is aborted.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.opf': 'application/oebps-package+xml; charset=utf-8',
  '.ncx': 'application/x-dtbncx+xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const READER = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>reader</title>
<style>body{margin:0} #viewer{width:800px;height:600px;margin:20px;border:1px solid #888}</style>
<script src="/jszip.min.js"></script><script src="/epub.min.js"></script></head>
<body><div id="viewer"></div>
<script>
  window.book = ePub('/book/');
  window.rendition = book.renderTo('viewer', { width: 800, height: 600, spread: 'none' });
  window.ready = rendition.display().then(() => book.loaded.navigation).then(() => true);
</script></body></html>`;

interface Visible {
  visible: boolean;
  text: string;
}

describe('reading system (epub.js in headless Chromium)', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const files = await unzip((await build(sampleMarkdown())).bytes);
    const statics = new Map<string, string | Buffer>([
      ['/reader.html', READER],
      ['/epub.min.js', readFileSync(join(ROOT, 'node_modules/epubjs/dist/epub.min.js'))],
      ['/jszip.min.js', readFileSync(join(ROOT, 'node_modules/jszip/dist/jszip.min.js'))],
    ]);
    for (const [path, text] of files) statics.set(`/book/${path}`, text);
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const body = statics.get(path);
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 840, height: 640 } });
    await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    await page.goto(`${base}/reader.html`);
    await page.evaluate(() => (window as unknown as { ready: Promise<boolean> }).ready);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => server?.close(ok));
  });

  /** The frame epub.js shows the current section in. */
  async function contentFrame(): Promise<Frame> {
    for (let i = 0; i < 50; i++) {
      const frame = page.frames().find((f) => f !== page.mainFrame() && f.url() !== 'about:blank' && !f.isDetached());
      // epub.js replaces the section's frame when it navigates: one detached mid-question is asked again.
      const ready = frame ? await frame.evaluate(() => document.readyState).catch(() => null) : null;
      if (frame && ready === 'complete') return frame;
      await page.waitForTimeout(100);
    }
    throw new Error('no content frame');
  }

  /** Whether the element with this id lies inside the viewer box (epub.js pages by scrolling a wide iframe). */
  async function visibleInViewer(id: string): Promise<Visible> {
    const frame = await contentFrame();
    const box = await frame.evaluate((elementId) => {
      const el = document.getElementById(elementId);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + Math.min(r.height, 10) / 2, text: el.textContent ?? '' };
    }, id);
    if (!box) return { visible: false, text: '' };
    const frameBox = await (await frame.frameElement()).boundingBox();
    const viewer = await page.locator('#viewer').boundingBox();
    const x = frameBox!.x + box.x;
    const y = frameBox!.y + box.y;
    return { visible: x >= viewer!.x && x <= viewer!.x + viewer!.width && y >= viewer!.y && y <= viewer!.y + viewer!.height, text: box.text };
  }

  async function waitVisible(id: string): Promise<Visible> {
    let last: Visible = { visible: false, text: '' };
    for (let i = 0; i < 150; i++) {
      // A frame epub.js swaps out while it is being read counts as not yet showing the element.
      last = await visibleInViewer(id).catch(() => ({ visible: false, text: '' }));
      if (last.visible) return last;
      await page.waitForTimeout(100);
    }
    return last;
  }

  it('opens the book, jumps to a chapter from the nav, follows a note and its back-link', async () => {
    // 1. The nav (Contents) as the reading system reads it: nested, with the chapter under its part.
    const toc = await page.evaluate(() => {
      type Item = { label: string; href: string; subitems: Item[] };
      const nav = (window as unknown as { book: { navigation: { toc: Item[] } } }).book.navigation.toc;
      const flat = (items: Item[], depth: number): { label: string; href: string; depth: number }[] =>
        items.flatMap((i) => [{ label: i.label.trim(), href: i.href, depth }, ...flat(i.subitems ?? [], depth + 1)]);
      return flat(nav, 0);
    });
    const chapter = toc.find((t) => t.label === 'Chapter One: The First');
    expect(chapter).toMatchObject({ depth: 1 });

    // 2. Jump there from the Contents page (the nav document, which is in the spine): click its link.
    await page.evaluate((href) => (window as unknown as { rendition: { display(h: string): Promise<void> } }).rendition.display(href), 'toc.xhtml');
    expect((await waitVisible('toc-title')).visible).toBe(true);
    const link = (await contentFrame()).locator('nav#toc a', { hasText: 'Chapter One: The First' });
    expect(await link.getAttribute('href')).toBe(chapter!.href);
    await link.click();
    expect((await waitVisible('chapter-one-the-first')).visible).toBe(true);

    // 3. Follow the first note reference of the chapter: the note's text comes into view.
    const frame = await contentFrame();
    const where = await page.evaluate(() => (window as unknown as { rendition: { currentLocation(): { start: { href: string } } } }).rendition.currentLocation().start.href);
    expect(where).toContain('05-chapter-one-the-first.xhtml');
    expect((await visibleInViewer('n-c1-1')).visible).toBe(false);
    await frame.locator('#r-c1-1').click();
    const note = await waitVisible('n-c1-1');
    expect(note.visible).toBe(true);
    expect(note.text).toContain('The first note of chapter one.');
    mkdirSync(OUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUT_DIR, 'reader-note.png') });

    // 4. Its back-link leads back to the reference.
    expect((await visibleInViewer('r-c1-1')).visible).toBe(false);
    await (await contentFrame()).locator('#n-c1-1 a[role="doc-backlink"]').click();
    expect((await waitVisible('r-c1-1')).visible).toBe(true);
    await page.screenshot({ path: join(OUT_DIR, 'reader-back.png') });
  }, 180_000);
});
