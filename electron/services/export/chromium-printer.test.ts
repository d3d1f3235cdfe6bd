import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../core/api/result';
import { ChromiumPrinter, findChromium } from './chromium-printer';
import { loadExportFontCss } from './fonts';
import { pdfFonts, pdfInfo, pdfText } from './pdf-test-tools';
import type { PrintOptions } from './pdf-printer';

/** The real system Chromium through playwright-core; one printer (one browser launch) for most tests. */
const MARGIN = { top: '20mm', right: '20mm', bottom: '20mm', left: '20mm' };
const OPTIONS: PrintOptions = {
  paper: 'a4',
  headerTemplate: '<div style="font-size:9px;width:100%;text-align:center">HEADER-MARK</div>',
  footerTemplate: '<div style="font-size:9px;width:100%;text-align:center">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
  margin: MARGIN,
};

let dir: string;
let printer: ChromiumPrinter;
let server: Server;
let hits: string[];
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bd-printer-'));
  printer = new ChromiumPrinter();
  hits = [];
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await printer.close();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function saved(bytes: Uint8Array, name: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}

describe('ChromiumPrinter', () => {
  it('prints with the embedded fonts, on A4 and Letter, with the templates on every page, keeping one browser warm', async () => {
    const css = await loadExportFontCss();
    const paragraphs = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i + 1}: Łódź, Ærøskøbing and “quotes” — the talks in London.</p>`).join('');
    const html = `<!doctype html><html><head><style>${css} body { font-family: 'Source Serif 4'; font-size: 14pt } h1 { font-family: Inter }</style></head><body><h1>Printed title</h1>${paragraphs}</body></html>`;
    const a4 = await saved(await printer.print(html, OPTIONS), 'a4.pdf');
    const letter = await saved(await printer.print(html, { ...OPTIONS, paper: 'letter' }), 'letter.pdf');
    expect(printer.launches).toBe(1);

    const a4Info = await pdfInfo(a4);
    // Chromium rounds the page to whole CSS pixels: A4 comes out as 595.92 × 842.88 pt.
    expect(a4Info.width).toBeCloseTo(595.3, -0.5);
    expect(a4Info.height).toBeCloseTo(841.9, -0.5);
    const letterInfo = await pdfInfo(letter);
    expect(letterInfo.width).toBeCloseTo(612, -0.5);
    expect(letterInfo.height).toBeCloseTo(792, -0.5);
    expect(a4Info.pages).toBeGreaterThan(1);
    for (let page = 1; page <= a4Info.pages; page += 1) {
      const text = await pdfText(a4, { first: page, last: page });
      expect(text).toContain('HEADER-MARK');
      expect(text).toContain(`Page ${page} of ${a4Info.pages}`);
    }
    expect(await pdfText(a4)).toContain('Paragraph 60: Łódź, Ærøskøbing and “quotes” — the talks in London.');
    const fonts = await pdfFonts(a4);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(expect.arrayContaining(['Inter-Bold', 'SourceSerif4-Regular']));
    expect(fonts.every((font) => font.embedded)).toBe(true);
  });

  it('fetches nothing: remote images, styles, fonts and frames are refused', async () => {
    const html = `<!doctype html><html><head><link rel="stylesheet" href="${origin}/style.css"><style>@import url(${origin}/import.css); @font-face { font-family: X; src: url(${origin}/font.woff2) } body { font-family: X; background: url(${origin}/bg.png) }</style></head>
      <body><p>Offline</p><img src="${origin}/image.png"><iframe src="${origin}/frame.html"></iframe><object data="${origin}/object.pdf"></object></body></html>`;
    const file = await saved(await printer.print(html, OPTIONS), 'offline.pdf');
    expect(await pdfText(file)).toContain('Offline');
    expect(hits).toEqual([]);
  });

  it('stops a print when the signal aborts and prints again afterwards', async () => {
    const controller = new AbortController();
    const big = `<!doctype html><html><body>${'<p>Long text to keep the printer busy for a moment.</p>'.repeat(20_000)}</body></html>`;
    const printing = printer.print(big, { ...OPTIONS, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(printing).rejects.toMatchObject({ code: 'cancelled' });
    const before = new AbortController();
    before.abort();
    await expect(printer.print('<p>never</p>', { ...OPTIONS, signal: before.signal })).rejects.toBeInstanceOf(AppError);
    const file = await saved(await printer.print('<p>Still works</p>', OPTIONS), 'after-cancel.pdf');
    expect(await pdfText(file)).toContain('Still works');
    expect(printer.launches).toBe(1);
  });

  it('closes an idle browser and starts a new one for the next print', async () => {
    const idle = new ChromiumPrinter({ idleCloseMs: 50 });
    try {
      await idle.print('<p>one</p>', OPTIONS);
      expect(idle.isWarm).toBe(true);
      // Wait for the idle timer to close the browser (not a guessed delay: on a loaded machine closing takes its time).
      await vi.waitFor(() => expect(idle.isWarm).toBe(false), { timeout: 15_000, interval: 20 });
      await idle.print('<p>two</p>', OPTIONS);
      expect(idle.launches).toBe(2);
    } finally {
      await idle.close();
    }
  });
});

describe('ChromiumPrinter.warm', () => {
  it('starts the browser before the first print, which then launches none of its own', { timeout: 60_000 }, async () => {
    const fresh = new ChromiumPrinter();
    try {
      expect(fresh.isWarm).toBe(false);
      await fresh.warm();
      expect(fresh.isWarm).toBe(true);
      expect(fresh.launches).toBe(1);
      // A second warm-up (the export dialog opening) has nothing left to do.
      await fresh.warm();
      const file = await saved(await fresh.print('<p>After the warm-up</p>', OPTIONS), 'warm.pdf');
      expect(await pdfText(file)).toContain('After the warm-up');
      expect(fresh.launches).toBe(1);
    } finally {
      await fresh.close();
    }
    expect(fresh.isWarm).toBe(false);
  });

  it('closed while warming up, it leaves no browser running', { timeout: 60_000 }, async () => {
    const fresh = new ChromiumPrinter();
    const warming = fresh.warm();
    await fresh.close();
    await warming;
    expect(fresh.isWarm).toBe(false);
  });

  it('says nothing without a Chromium; the print then says how to install one', async () => {
    const missing = new ChromiumPrinter({ env: { CHROMIUM_PATH: '/nowhere/chromium' } });
    await expect(missing.warm()).resolves.toBeUndefined();
    expect(missing.isWarm).toBe(false);
    await expect(missing.print('<p>x</p>', OPTIONS)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/CHROMIUM_PATH names "\/nowhere\/chromium"/) });
    expect(missing.launches).toBe(0);
  });
});

describe('findChromium', () => {
  it('takes CHROMIUM_PATH, else the system Chromium', async () => {
    expect(await findChromium({ CHROMIUM_PATH: '/usr/bin/chromium' })).toBe('/usr/bin/chromium');
    expect(await findChromium({ CHROMIUM_PATH: join(tmpdir(), 'no-such-chromium') })).toBeNull();
    expect(await findChromium({})).toBe('/usr/bin/chromium');
  });

  it('says how to install one when there is none', async () => {
    const missing = new ChromiumPrinter({ env: { CHROMIUM_PATH: '/nowhere/chromium' } });
    const failure = await missing.print('<p>x</p>', OPTIONS).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/CHROMIUM_PATH names "\/nowhere\/chromium".*apt install chromium.*npx playwright install chromium.*CHROMIUM_PATH/) });
    expect(missing.launches).toBe(0);
  });
});
