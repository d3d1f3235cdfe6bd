import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../core/index';
import type * as PathsModule from '../paths';
import { pdfInfo, pdfText, squash } from '../services/export/pdf-test-tools';
import { ChromiumWebContents } from './testing/chromium-web-contents';

/**
 * The Electron binary cannot run on these machines, so main.ts runs here against a recording fake
 * of the `electron` module: the real backend, protocol handler, IPC checks and window wiring.
 */
type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    appListeners: new Map<string, Listener[]>(),
    ipcHandlers: new Map<string, Listener>(),
    ipcListeners: new Map<string, Listener[]>(),
    protocolHandler: null as null | ((request: Request) => Promise<Response>),
    privileged: [] as unknown[],
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    windows: [] as FakeWindow[],
    opened: [] as string[],
    /** What the next save dialog answers, and the options it was shown with. */
    saveAnswer: { canceled: true, filePath: '' } as { canceled: boolean; filePath?: string },
    saveDialogs: [] as { parent: unknown; options: Record<string, unknown> }[],
    partitions: [] as string[],
    requestFilter: null as null | ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void),
    /** Calls to the default session's spellchecker settings. */
    spellcheck: [] as string[],
    /** The real Chromium that prints for the fake windows. */
    chromium: null as null | { printToPDF: (url: string, options: Record<string, unknown>) => Promise<Buffer> },
    /** The built renderer main.ts serves on app:// (a folder of this test's own). */
    rendererDir: '',
  };
  class FakeWindow {
    options: { webPreferences: Record<string, unknown> };
    listeners = new Map<string, Listener[]>();
    url = '';
    closed = false;
    mainFrame = { url: 'app://briefing-desk/index.html', parent: null };
    /** Print windows: the HTML of the file they loaded. */
    loadedHtml = '';
    destroyed = false;
    webContents = {
      sent: [] as string[],
      send: (channel: string) => this.webContents.sent.push(channel),
      isDestroyed: () => false,
      isCrashed: () => false,
      // Electron's printToPDF, done by a real Chromium on the page this window loaded (see chromium-web-contents.ts).
      printToPDF: async (options: Record<string, unknown>) => {
        if (!state.chromium) throw new Error('no Chromium started for this test');
        return state.chromium.printToPDF(this.url, options);
      },
    };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.options = options;
      state.windows.push(this);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    async loadURL(url: string) {
      this.url = url;
      if (url.startsWith('file:')) {
        const { readFile } = await import('node:fs/promises');
        const { fileURLToPath } = await import('node:url');
        this.loadedHtml = await readFile(fileURLToPath(url), 'utf8');
      }
    }
    destroy() {
      this.destroyed = true;
    }
    close() {
      this.closed = true;
      this.emit('close', { preventDefault: () => undefined });
    }
    isDestroyed = () => this.destroyed;
    isMinimized = () => false;
    isMaximized = () => false;
    maximize = () => undefined;
    show = () => undefined;
    focus = () => undefined;
    restore = () => undefined;
    getNormalBounds = () => ({ x: 10, y: 10, width: 1200, height: 800 });
    static getAllWindows = () => state.windows;
  }
  const add = (map: Map<string, Listener[]>, key: string, listener: Listener) => map.set(key, [...(map.get(key) ?? []), listener]);
  const electron = {
    app: {
      setPath: (_name: string, path: string) => (state.userData = path),
      getPath: (name: string) => (name === 'home' ? '/home/test' : state.userData),
      getVersion: () => '9.9.9',
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => add(state.appListeners, event, listener),
      whenReady: () => Promise.resolve(),
      quit: () => undefined,
      exit: (code: number) => {
        throw new Error(`app.exit(${code})`);
      },
    },
    BrowserWindow: FakeWindow,
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => undefined },
    dialog: {
      showErrorBox: () => undefined,
      showSaveDialog: async (parent: unknown, options: Record<string, unknown>) => {
        state.saveDialogs.push({ parent, options });
        return state.saveAnswer;
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler),
      on: (channel: string, listener: Listener) => add(state.ipcListeners, channel, listener),
      off: (channel: string, listener: Listener) =>
        state.ipcListeners.set(
          channel,
          (state.ipcListeners.get(channel) ?? []).filter((entry) => entry !== listener),
        ),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => (state.protocolHandler = handler),
    },
    screen: { getDisplayMatching: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }) },
    session: {
      fromPartition: (name: string) => {
        state.partitions.push(name);
        return {
          webRequest: { onBeforeRequest: (listener: typeof state.requestFilter) => (state.requestFilter = listener) },
          setPermissionRequestHandler: () => undefined,
          setPermissionCheckHandler: () => undefined,
        };
      },
      defaultSession: {
        setSpellCheckerEnabled: (enable: boolean) => state.spellcheck.push(`enabled ${enable}`),
        setSpellCheckerDictionaryDownloadURL: (url: string) => state.spellcheck.push(`download ${url}`),
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler),
      },
    },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);
// The renderer is served from a folder this test writes, so the test does not depend on whether dist/ was built.
vi.mock('../paths', async (importOriginal) => {
  const actual = await importOriginal<typeof PathsModule>();
  return { ...actual, resolveAppPaths: (hostDir: string) => ({ ...actual.resolveAppPaths(hostDir), rendererDir: fake.state.rendererDir }) };
});

const { state } = fake;
type Window = (typeof state.windows)[number];
let window: Window;

function trustedEvent(overrides: Record<string, unknown> = {}) {
  return { sender: window.webContents, senderFrame: window.mainFrame, ...overrides };
}

const INDEX_HTML = '<!doctype html><html><head><script type="module" src="./assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';
const INDEX_JS = 'document.getElementById("root").textContent = "Briefing Desk";';

let chromium: ChromiumWebContents;
let root = '';
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bd-main-'));
  process.env.BRIEFING_DESK_USER_DATA = join(root, 'user-data');
  process.env.BRIEFING_DESK_WORKSPACE = join(root, 'workspace');
  state.rendererDir = join(root, 'renderer');
  mkdirSync(join(state.rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(state.rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(state.rendererDir, 'assets', 'index-abc123.js'), INDEX_JS);
  chromium = await ChromiumWebContents.launch();
  state.chromium = chromium;
  await import('./main');
  await vi.waitFor(() => expect(state.windows).toHaveLength(1), { timeout: 10_000 });
  window = state.windows[0]!;
}, 60_000);
afterAll(async () => {
  await chromium.close();
  rmSync(root, { recursive: true, force: true });
});

describe('Electron main process (against a fake electron module)', () => {
  it('registers app:// as a standard, secure scheme', () => {
    expect(state.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('opens one sandboxed, context-isolated window on app://briefing-desk/', () => {
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: process.platform === 'darwin' });
    expect(String(window.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(window.url).toBe('app://briefing-desk/index.html');
  });

  it('dispatches contract calls from our main frame', async () => {
    const handler = state.ipcHandlers.get(IPC.call)!;
    const result = (await handler(trustedEvent(), 'workspace:info', {})) as { ok: boolean; value: { path: string; appVersion: string } };
    expect(result.ok).toBe(true);
    expect(result.value.path).toBe(process.env.BRIEFING_DESK_WORKSPACE);
    expect(result.value.appVersion).toBe('9.9.9');
    const invalid = (await handler(trustedEvent(), 'notes:create', { templateId: 42 })) as { ok: boolean; error: { code: string } };
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it.each([
    ['a subframe', { senderFrame: { url: 'app://briefing-desk/index.html', parent: {} } }],
    ['another origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['an app:// page of another host', { senderFrame: { url: 'app://elsewhere/index.html', parent: null } }],
    ['no frame', { senderFrame: null }],
    ['another webContents', { sender: {} }],
  ])('refuses IPC from %s', async (_label, overrides) => {
    const call = (await state.ipcHandlers.get(IPC.call)!(trustedEvent(overrides), 'workspace:info', {})) as { ok: boolean; error: { code: string } };
    expect(call).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const open = (await state.ipcHandlers.get(IPC.openExternal)!(trustedEvent(overrides), 'https://example.com/')) as { ok: boolean };
    expect(open.ok).toBe(false);
    const upload = (await state.ipcHandlers.get(IPC.upload)!(trustedEvent(overrides), 'a.csv', new ArrayBuffer(4))) as { ok: boolean; error: { code: string } };
    expect(upload).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const dialogs = state.saveDialogs.length;
    const saveExport = await state.ipcHandlers.get(IPC.saveExport)!(trustedEvent(overrides), 'ex-0000000000000000');
    expect(saveExport).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(state.saveDialogs).toHaveLength(dialogs);
  });

  it('saves a finished export from the main process: the renderer sends only the job id', async () => {
    const call = state.ipcHandlers.get(IPC.call)!;
    const created = (await call(trustedEvent(), 'notes:create', { templateId: 'situation-brief', title: 'Saved by main', date: '2025-06-10' })) as { ok: boolean; value: { id: string } };
    const started = (await call(trustedEvent(), 'export:start', { id: created.value.id, format: 'md' })) as { ok: boolean; value: { id: string } };
    await vi.waitFor(async () => {
      const status = (await call(trustedEvent(), 'export:status', { jobId: started.value.id })) as { value: { state: string } };
      expect(status.value.state).toBe('done');
    });
    const folder = mkdtempSync(join(tmpdir(), 'bd-save-export-'));
    const target = join(folder, 'saved.md');
    state.saveAnswer = { canceled: false, filePath: target };
    state.saveDialogs.length = 0;
    const saved = await state.ipcHandlers.get(IPC.saveExport)!(trustedEvent(), started.value.id);
    expect(saved).toEqual({ ok: true, value: { path: target, fileName: 'saved.md' } });
    expect(state.saveDialogs[0]).toMatchObject({ parent: window, options: { filters: [{ name: 'Markdown', extensions: ['md'] }] } });
    expect(String(state.saveDialogs[0]!.options.defaultPath)).toMatch(/2025-06-10 Saved by main\.md$/);
    expect(readFileSync(target, 'utf8')).toContain('Saved by main');
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses uploads without a name, without bytes or over 200 MB', async () => {
    const upload = state.ipcHandlers.get(IPC.upload)!;
    expect(await upload(trustedEvent(), 42, new ArrayBuffer(4))).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('file name') } });
    expect(await upload(trustedEvent(), '../..', new ArrayBuffer(4))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await upload(trustedEvent(), 'a.csv', 'not bytes')).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('ArrayBuffer') } });
    const huge = await upload(trustedEvent(), 'huge.CSV', new ArrayBuffer(200 * 1024 * 1024 + 1));
    expect(huge).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^"huge\.CSV" is 200 MB; Briefing Desk imports files of at most 200 MB .*Split it into smaller files/) } });
  });

  it('stages an upload from our main frame and import:start takes its id', async () => {
    const bytes = new TextEncoder().encode('id,date,summary\n1,2025-06-05,Trump and Xi speak by phone\n');
    const staged = (await state.ipcHandlers.get(IPC.upload)!(trustedEvent(), 'C:\\Users\\me\\calls.csv', bytes.buffer)) as { ok: boolean; value: { uploadId: string } };
    expect(staged).toMatchObject({ ok: true, value: { uploadId: expect.stringMatching(/^[a-z0-9-]{8,64}$/) } });
    const call = state.ipcHandlers.get(IPC.call)!;
    const started = (await call(trustedEvent(), 'import:start', { uploadId: staged.value.uploadId, fileName: 'calls.csv', format: 'csv' })) as { ok: boolean; value: { id: string } };
    expect(started.ok).toBe(true);
    let job = { state: '', failure: null as unknown };
    await vi.waitFor(
      async () => {
        job = ((await call(trustedEvent(), 'import:status', { jobId: started.value.id })) as { value: typeof job }).value;
        expect(['done', 'failed', 'cancelled']).toContain(job.state);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(job).toMatchObject({ state: 'done', failure: null });
  });

  it('refuses import:start with a path from the renderer (forbidden) and imports nothing', async () => {
    const call = state.ipcHandlers.get(IPC.call)!;
    const dir = mkdtempSync(join(tmpdir(), 'bd-ipc-path-'));
    const outside = join(dir, 'outside.csv');
    writeFileSync(outside, 'id,date,summary\n1,2025-06-05,Read from the analyst\'s disk\n');
    const jobs = ((await call(trustedEvent(), 'import:list', {})) as { value: unknown[] }).value.length;
    for (const path of ['/etc/hostname', outside]) {
      const refused = await call(trustedEvent(), 'import:start', { path, fileName: 'outside.csv', format: 'csv' });
      expect(refused, path).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Import button') } });
    }
    expect(((await call(trustedEvent(), 'import:list', {})) as { value: unknown[] }).value).toHaveLength(jobs);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints PDF exports in a hidden window of its own session (the Electron printer)', async () => {
    const call = state.ipcHandlers.get(IPC.call)!;
    const created = (await call(trustedEvent(), 'notes:create', { templateId: 'situation-brief', title: 'Printed in Electron' })) as { ok: boolean; value: { id: string } };
    expect(created.ok).toBe(true);
    // Long enough for several pages, so the page count and the "Page N of N" footers are worth checking.
    const paragraph = 'Beijing widened its export controls on medium and heavy rare earths; licences now take weeks, and magnet makers abroad report stocks for a month or less. '.repeat(3);
    const content = { type: 'doc', content: Array.from({ length: 40 }, (_, index) => ({ type: 'paragraph', content: [{ type: 'text', text: `${index + 1}. ${paragraph}` }] })) };
    expect(await call(trustedEvent(), 'notes:save', { id: created.value.id, content })).toMatchObject({ ok: true });
    const windowsBefore = state.windows.length;
    const started = (await call(trustedEvent(), 'export:start', { id: created.value.id, format: 'pdf', paper: 'letter' })) as { ok: boolean; value: { id: string } };
    expect(started.ok).toBe(true);
    let job = { state: '', pages: null as number | null, failure: null as unknown };
    await vi.waitFor(
      async () => {
        job = ((await call(trustedEvent(), 'export:status', { jobId: started.value.id })) as { value: typeof job }).value;
        expect(['done', 'failed', 'cancelled']).toContain(job.state);
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(job).toMatchObject({ state: 'done', failure: null });
    const printWindow = state.windows[windowsBefore]!;
    expect(printWindow).not.toBe(window);
    expect(printWindow.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, javascript: false });
    expect(printWindow.options.webPreferences.preload).toBeUndefined();
    expect(printWindow.loadedHtml).toContain('Printed in Electron');
    expect(printWindow.destroyed).toBe(true);
    expect(state.partitions).toContain('bd-pdf-print');
    const taken = (await call(trustedEvent(), 'export:take', { jobId: started.value.id })) as { value: { base64: string; mime: string } };
    // What Chromium printed from the Electron printer's options: every page on Letter, the job's page
    // count the one a PDF reader finds, the marking on every page and the footer's "Page N of N".
    const { PDFDocument } = await import('pdf-lib');
    const bytes = Buffer.from(taken.value.base64, 'base64');
    const printed = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(job.pages).toBe(printed.getPageCount());
    expect(job.pages).toBeGreaterThan(1);
    expect(printed.getPages().map((page) => [page.getWidth(), page.getHeight()])).toEqual(Array.from({ length: printed.getPageCount() }, () => [612, 792]));
    expect(printed.getTitle()).toBe('Printed in Electron');
    expect(printed.getCreator()).toMatch(/^Briefing Desk \d/);
    const file = join(root, 'printed.pdf');
    writeFileSync(file, bytes);
    const info = await pdfInfo(file);
    expect(info.pages).toBe(job.pages);
    for (let page = 1; page <= info.pages; page += 1) {
      const text = squash(await pdfText(file, { first: page, last: page }));
      expect(text, `page ${page}`).toContain('TLP:AMBER'); // the situation brief's marking
      expect(text, `page ${page}`).toContain(`Page ${page} of ${info.pages}`);
    }
    expect(squash(await pdfText(file, { first: 1, last: 1 }))).toContain('Printed in Electron');
  });

  it('opens only http, https and mailto links externally', async () => {
    const open = state.ipcHandlers.get(IPC.openExternal)!;
    state.opened.length = 0;
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', '/relative']) {
      expect(await open(trustedEvent(), url)).toMatchObject({ ok: false });
    }
    expect(await open(trustedEvent(), 'https://example.com/a b')).toEqual({ ok: true, value: null });
    expect(await open(trustedEvent(), 'mailto:desk@example.com')).toEqual({ ok: true, value: null });
    expect(state.opened).toEqual(['https://example.com/a%20b', 'mailto:desk@example.com']);
  });

  it('denies new windows, navigation and webviews in every web contents', () => {
    const created = state.appListeners.get('web-contents-created')![0]!;
    const events = new Map<string, Listener>();
    let openHandler: Listener = () => undefined;
    const contents = {
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
      on: (event: string, listener: Listener) => events.set(event, listener),
      getURL: () => 'app://briefing-desk/index.html',
    };
    created({}, contents);
    state.opened.length = 0;
    expect(openHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual(['https://example.com/']);
    for (const event of ['will-navigate', 'will-attach-webview']) {
      const prevent = vi.fn();
      events.get(event)!({ preventDefault: prevent }, 'https://evil.example/');
      expect(prevent, event).toHaveBeenCalled();
    }
  });

  it('spellcheck downloads no dictionary: off on Windows and Linux, dictionaries only from userData', () => {
    expect(state.spellcheck).toEqual([`download ${pathToFileURL(join(state.userData, 'Dictionaries')).href}/`, `enabled ${process.platform === 'darwin'}`]);
  });

  it('denies permission requests', () => {
    const callback = vi.fn();
    state.permissionRequest!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(state.permissionCheck!({}, 'geolocation')).toBe(false);
  });

  it('serves the renderer on app:// with the CSP, and nothing outside it', async () => {
    const handler = state.protocolHandler!;
    for (const url of ['app://briefing-desk/../../package.json', 'app://briefing-desk/%2e%2e/%2e%2e/package.json', 'app://other/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    for (const url of ['app://briefing-desk/index.html', 'app://briefing-desk/']) {
      const index = await handler(new Request(url));
      expect(index.status, url).toBe(200);
      expect(index.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
      expect(index.headers.get('content-security-policy'), url).toContain("script-src 'self'");
      expect(await index.text(), url).toBe(INDEX_HTML);
    }
    const script = await handler(new Request('app://briefing-desk/assets/index-abc123.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(INDEX_JS);
    const missing = await handler(new Request('app://briefing-desk/assets/missing.js'));
    expect(missing.status).toBe(404);
  });

  it('asks the renderer to save before the window closes', async () => {
    let prevented = false;
    window.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(window.webContents.sent).toContain(IPC.beforeClose);
    expect(window.closed).toBe(false);
    // A "done" from another webContents does not count; ours does.
    for (const listener of state.ipcListeners.get(IPC.beforeCloseDone) ?? []) listener({ sender: {} });
    expect(window.closed).toBe(false);
    for (const listener of state.ipcListeners.get(IPC.beforeCloseDone) ?? []) listener({ sender: window.webContents });
    await vi.waitFor(() => expect(window.closed).toBe(true));
  });
});
