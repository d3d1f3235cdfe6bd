import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../core/api/result';
import { pdfInfo, pdfText, squash } from '../services/export/pdf-test-tools';
import type { PrintOptions } from '../services/export/pdf-printer';
import { ChromiumWebContents } from './testing/chromium-web-contents';

/**
 * The Electron binary cannot run here, so the printer runs against a recording fake of the
 * `electron` module: the real temp file, request filter, option mapping, cancellation and clean-up.
 */
type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    windows: [] as FakeWindow[],
    partitions: [] as { name: string; options: unknown }[],
    requestFilter: null as null | ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void),
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    /** What loadURL does; default: read the file (so tests see what was written) and resolve. */
    load: null as null | ((window: FakeWindow, url: string) => Promise<void>),
    printFails: null as null | Error,
    /** The real Chromium that prints for the fake windows. */
    chromium: null as null | { printToPDF: (url: string, options: Record<string, unknown>) => Promise<Buffer> },
  };
  class FakeWindow {
    options: { show?: boolean; webPreferences: Record<string, unknown> };
    url = '';
    html = '';
    destroyed = false;
    printOptions: Record<string, unknown> | null = null;
    private rejectPending: ((error: Error) => void) | null = null;
    webContents = {
      // Electron's printToPDF, done by a real Chromium on the page this window loaded (see chromium-web-contents.ts).
      printToPDF: async (options: Record<string, unknown>) => {
        this.printOptions = options;
        if (state.printFails) throw state.printFails;
        if (!state.chromium) throw new Error('no Chromium started for this test');
        return state.chromium.printToPDF(this.url, options);
      },
    };
    constructor(options: { show?: boolean; webPreferences: Record<string, unknown> }) {
      this.options = options;
      state.windows.push(this);
    }
    async loadURL(url: string) {
      this.url = url;
      const { readFile: read } = await import('node:fs/promises');
      const { fileURLToPath: toPath } = await import('node:url');
      this.html = await read(toPath(url), 'utf8');
      if (!state.load) return;
      await new Promise<void>((resolve, reject) => {
        this.rejectPending = reject;
        state.load!(this, url).then(resolve, reject);
      });
    }
    isDestroyed = () => this.destroyed;
    destroy() {
      this.destroyed = true;
      this.rejectPending?.(new Error('ERR_ABORTED (-3) loading the page: window destroyed'));
    }
  }
  const fakeSession = {
    webRequest: { onBeforeRequest: (listener: typeof state.requestFilter) => (state.requestFilter = listener) },
    setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler),
  };
  const electron = {
    BrowserWindow: FakeWindow,
    session: {
      fromPartition: (name: string, options: unknown) => {
        state.partitions.push({ name, options });
        return fakeSession;
      },
    },
  };
  return { state, electron, fakeSession };
});

vi.mock('electron', () => fake.electron);

const { cssLengthToInches, ElectronPdfPrinter, PRINT_PARTITION, withPrintCsp } = await import('./electron-pdf-printer');
const { state } = fake;

const HTML = '<!doctype html><html lang="en"><head><title>Note</title><style>body{font-family:Inter;margin:0}</style></head><body><h1>Rare earths</h1><img src="https://tracker.example/x.png"></body></html>';

function printOptions(overrides: Partial<PrintOptions> = {}): PrintOptions {
  return {
    paper: 'a4',
    headerTemplate: '<div style="font-size:9px;width:100%;text-align:center">TLP:AMBER</div>',
    footerTemplate: '<div style="font-size:9px">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
    margin: { top: '25.4mm', right: '20mm', bottom: '1in', left: '2cm' },
    ...overrides,
  };
}

/** Where each word of a PDF's first page sits (points from the top left), read by `pdftotext -bbox`. */
async function wordBoxes(file: string): Promise<{ word: string; x: number; y: number }[]> {
  const { stdout } = await promisify(execFile)('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']);
  return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((match) => ({ word: match[3]!, x: Number(match[1]), y: Number(match[2]) }));
}

let chromium: ChromiumWebContents;
let pdfDir = '';
beforeAll(async () => {
  chromium = await ChromiumWebContents.launch();
  state.chromium = chromium;
  pdfDir = mkdtempSync(join(tmpdir(), 'bd-eprint-pdf-'));
}, 60_000);
afterAll(async () => {
  await chromium.close();
  rmSync(pdfDir, { recursive: true, force: true });
});

let tempDir = '';
beforeEach(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'bd-eprint-test-'));
  state.windows.length = 0;
  state.load = null;
  state.printFails = null;
});

describe('cssLengthToInches', () => {
  it.each([
    ['25.4mm', 1],
    ['2.54cm', 1],
    ['0.75in', 0.75],
    ['72pt', 1],
    ['96px', 1],
    ['48', 0.5],
    [' 12.7 mm ', 0.5],
    ['auto', 0.4],
    ['-3mm', 0.4],
  ])('%s is %d in', (length, inches) => {
    expect(cssLengthToInches(length)).toBeCloseTo(inches, 6);
  });
});

describe('withPrintCsp', () => {
  it.each([
    ['<html><head><title>x</title></head></html>', /^<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*"><title>/],
    ['<HTML><HEAD lang="en"><title>x</title></HEAD></HTML>', /^<HTML><HEAD lang="en"><meta http-equiv="Content-Security-Policy"/],
    ['<p>no head</p>', /^<meta http-equiv="Content-Security-Policy"[^>]*><p>no head<\/p>$/],
  ])('puts the policy first in the head of %s', (html, expected) => {
    expect(withPrintCsp(html)).toMatch(expected);
  });
});

describe('ElectronPdfPrinter (against a fake electron module)', () => {
  it.each([
    // Electron's A4 is 8.27 × 11.7 in; Letter 8.5 × 11 in.
    { paper: 'a4' as const, pageSize: 'A4', points: [595.44, 842.4] },
    { paper: 'letter' as const, pageSize: 'Letter', points: [612, 792] },
  ])('prints $paper in a hidden, locked-down window and cleans up', async ({ paper, pageSize, points }) => {
    const printer = new ElectronPdfPrinter({ tempDir });
    const options = printOptions({ paper });
    const bytes = await printer.print(HTML, options);

    // What Chromium printed from those options: the paper, the marking in the header, the page
    // numbers in the footer, and the body inside the margins (2 cm left, 25.4 mm top).
    const file = join(pdfDir, `${paper}.pdf`);
    await writeFile(file, bytes);
    const info = await pdfInfo(file);
    expect(info.pages).toBe(1);
    expect(info.width).toBeCloseTo(points[0]!, 0);
    expect(info.height).toBeCloseTo(points[1]!, 0);
    const text = squash(await pdfText(file));
    expect(text).toContain('TLP:AMBER');
    expect(text).toContain('Rare earths');
    expect(text).toContain('Page 1 of 1');
    const heading = (await wordBoxes(file)).find((box) => box.word === 'Rare');
    expect(heading?.x).toBeCloseTo((2 / 2.54) * 72, -0.5);
    expect(heading?.y).toBeGreaterThanOrEqual(72);
    expect(heading?.y).toBeLessThan(72 + 40);

    expect(state.windows).toHaveLength(1);
    const window = state.windows[0]!;
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, session: fake.fakeSession });
    expect(window.options.webPreferences.preload).toBeUndefined();
    expect(state.partitions.at(-1)).toMatchObject({ name: PRINT_PARTITION });
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);

    // The page came from a temp file holding the HTML behind a CSP.
    expect(window.url).toMatch(/^file:\/\//);
    expect(window.html).toContain('<h1>Rare earths</h1>');
    expect(window.html).toMatch(/<head><meta http-equiv="Content-Security-Policy" content="default-src 'none';/);

    expect(window.printOptions).toEqual({
      pageSize,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: options.headerTemplate,
      footerTemplate: options.footerTemplate,
      margins: { top: expect.closeTo(1, 6), right: expect.closeTo(20 / 25.4, 6), bottom: 1, left: expect.closeTo(2 / 2.54, 6) },
      preferCSSPageSize: false,
      generateDocumentOutline: true,
      generateTaggedPDF: true,
    });
    expect(window.destroyed).toBe(true);
    expect(existsSync(fileURLToPath(window.url))).toBe(false);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('lets through only data: URLs and the page being printed, and denies permissions', async () => {
    const printer = new ElectronPdfPrinter({ tempDir });
    const verdicts: Record<string, boolean | undefined> = {};
    const ask = (url: string): boolean | undefined => {
      let cancel: boolean | undefined;
      state.requestFilter!({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    state.load = async (window, url) => {
      verdicts.page = ask(url);
      verdicts.font = ask('data:font/woff2;base64,AAAA');
      verdicts.remote = ask('https://tracker.example/x.png');
      verdicts.plain = ask('http://example.com/');
      verdicts.sibling = ask(url.replace('export.html', 'secret.txt'));
      verdicts.passwd = ask('file:///etc/passwd');
      void window;
    };
    await printer.print(HTML, printOptions());
    expect(verdicts).toEqual({ page: false, font: false, remote: true, plain: true, sibling: true, passwd: true });
    // Once printed, the page's own file is refused too.
    expect(ask(state.windows[0]!.url)).toBe(true);
    const callback = vi.fn();
    state.permissionRequest!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(state.permissionCheck!({}, 'clipboard-read')).toBe(false);
  });

  it('refuses to start when already cancelled, without opening a window', async () => {
    const controller = new AbortController();
    controller.abort();
    const printer = new ElectronPdfPrinter({ tempDir });
    await expect(printer.print(HTML, printOptions({ signal: controller.signal }))).rejects.toMatchObject({ code: 'cancelled' });
    expect(state.windows).toHaveLength(0);
  });

  it('stops a print in flight when cancelled: the window goes, the temp file too', async () => {
    const controller = new AbortController();
    state.load = () => new Promise<void>(() => undefined); // never finishes on its own
    const printer = new ElectronPdfPrinter({ tempDir });
    const printing = printer.print(HTML, printOptions({ signal: controller.signal }));
    await vi.waitFor(() => expect(state.windows[0]?.url).toMatch(/^file:/));
    controller.abort();
    await expect(printing).rejects.toMatchObject({ code: 'cancelled' });
    expect(state.windows[0]!.destroyed).toBe(true);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it.each([
    { name: 'a page that never loads', setup: () => (state.load = () => new Promise<void>(() => undefined)), message: /did not finish loading for printing within/ },
    { name: 'a failing printToPDF', setup: () => (state.printFails = new Error('Printing failed\nstack…')), message: /could not print the PDF: Printing failed$/ },
  ])('turns $name into an error a person can read', async ({ setup, message }) => {
    setup();
    const printer = new ElectronPdfPrinter({ tempDir, loadTimeoutMs: 50 });
    const failure = await printer.print(HTML, printOptions()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'internal', message: expect.stringMatching(message) });
    expect(state.windows[0]!.destroyed).toBe(true);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('close() destroys windows of prints in flight', async () => {
    state.load = () => new Promise<void>(() => undefined);
    const printer = new ElectronPdfPrinter({ tempDir });
    const printing = printer.print(HTML, printOptions()).catch((error: unknown) => error);
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    await printer.close();
    expect(state.windows[0]!.destroyed).toBe(true);
    expect(await printing).toMatchObject({ code: 'internal' });
    // The file written for it is gone as well.
    expect(readdirSync(tempDir)).toEqual([]);
  });
});
