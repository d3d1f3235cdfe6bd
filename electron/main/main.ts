import { join } from 'node:path';
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  screen,
  session,
  shell,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { AppError, IPC, isAllowedLinkHref, type ApiError, type Result, type WorkspaceEvent } from '../../core/index';
import { createBackend, type Backend } from '../container';
import { readAppVersion, resolveAppPaths } from '../paths';
import { importWorkerFor } from '../services/library/import-worker-path';
import { MAX_UPLOAD_BYTES, cleanUploadName, stageUpload } from '../server/upload';
import { fileTooLargeMessage } from '../../core/domain/import-limits';
import { APP_URL_PREFIX, handleAppProtocol, isAppUrl, registerAppScheme } from './app-protocol';
import { ElectronPdfPrinter } from './electron-pdf-printer';
import { desktopWorkspaceDir } from './launch-args';
import { createExportSaver } from './export-saver';
import { loadWindowState, placeOnVisibleDisplay, saveWindowState, type WindowState } from './window-state';
import { configureOfflineSpellcheck, spellcheckWithoutDownload } from './spellcheck';

/** How long a closing window waits for the renderer's last save. */
const BEFORE_CLOSE_TIMEOUT_MS = 2000;

// dist/electron/main.cjs (or app.asar/dist/electron/main.cjs when packaged): two levels below the root.
const paths = resolveAppPaths(__dirname);
const preloadPath = join(__dirname, 'preload.cjs');

let backend: Backend | null = null;
let backendReady: Promise<Backend> | null = null;
let mainWindow: BrowserWindow | null = null;
let backendClosed = false;
/** Saves finished exports from here: the renderer names the job, the bytes stay in this process. */
const exportSaver = createExportSaver({
  take: async (jobId) => {
    const current = backend ?? (await backendReady);
    if (!current) throw new AppError('io', 'The workspace is closed.');
    return current.services.exports.takeFile(jobId);
  },
  showSaveDialog: (options) => {
    const parent = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
    return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
  },
  defaultFolder: () => app.getPath('documents'),
});

// Tests (and portable setups) give each run its own profile: window state, caches, the lock.
if (process.env.BRIEFING_DESK_USER_DATA) app.setPath('userData', process.env.BRIEFING_DESK_USER_DATA);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the workspace; it gets focused through 'second-instance'.
  app.quit();
} else {
  registerAppScheme(protocol);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.whenReady().then(onReady, (error: unknown) => fatal('Briefing Desk could not start', error));
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock without windows; elsewhere closing the last window quits.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && backend) createWindow();
  });
  app.on('will-quit', (event) => {
    if (backendClosed || !backend) return;
    // Hold the quit until pending writes are on disk.
    event.preventDefault();
    const closing = backend;
    backend = null;
    closing
      .close()
      .catch((error: unknown) => console.error('Closing the workspace failed:', error))
      .finally(() => {
        backendClosed = true;
        app.quit();
      });
  });
}

async function onReady(): Promise<void> {
  const workspaceDir = desktopWorkspaceDir(process.argv, process.env, app.getPath('userData'), app.getPath('home'));
  backendReady = createBackend({
    workspaceDir,
    builtinTemplatesDir: paths.builtinTemplatesDir,
    appVersion: app.getVersion() || readAppVersion(paths.packageJson),
    // dist/electron/import-worker.cjs next to main.cjs (inside app.asar when packaged).
    importWorker: importWorkerFor(__dirname),
    // PDFs print in a hidden window of this Electron (the browser edition and CLI use the system Chromium).
    pdfPrinter: new ElectronPdfPrinter(),
  });
  const started = await backendReady;
  backend = started;

  handleAppProtocol(protocol, paths.rendererDir);
  denyPermissions();
  // Spellcheck downloads no dictionary: native on macOS, off on Windows and Linux (see spellcheck.ts).
  configureOfflineSpellcheck(session.defaultSession, process.platform, app.getPath('userData'));
  registerIpc();
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));
  createWindow();
  // After the window, not before: fonts and the default citation style load while the analyst opens
  // a note, so the first export does not wait for them. Never rejects.
  void started.warmUp();
}

function createWindow(): void {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const remembered = placeOnVisibleDisplay(loadWindowState(stateFile), (bounds) => screen.getDisplayMatching(bounds).workArea);
  const window = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK -- hardenWebContents denies every new window (setWindowOpenHandler) and navigation, so a middle click opens nothing
    ...boundsOf(remembered),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Briefing Desk',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK -- sandboxed preload, contextIsolation on; its calls (and the workspace-event subscription) are checked by sender in main (isTrustedSender)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Only where it needs no dictionary download (macOS's own checker; see spellcheck.ts).
      spellcheck: spellcheckWithoutDownload(process.platform),
      // The sandboxed preload cannot read package.json; it gets the version on its command line.
      additionalArguments: [`--briefing-desk-version=${app.getVersion()}`],
    },
  });
  mainWindow = window;
  if (remembered.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const remember = (): void => saveWindowState(stateFile, currentState(window));
  let rememberTimer: NodeJS.Timeout | undefined;
  const rememberSoon = (): void => {
    clearTimeout(rememberTimer);
    rememberTimer = setTimeout(remember, 500);
  };
  window.on('resize', rememberSoon);
  window.on('move', rememberSoon);

  let closeConfirmed = false;
  window.on('close', (event) => {
    clearTimeout(rememberTimer);
    remember();
    if (closeConfirmed) return;
    // Let the renderer save what is still in the editor, then close for real.
    event.preventDefault();
    void askRendererToSave(window).finally(() => {
      closeConfirmed = true;
      if (!window.isDestroyed()) window.close();
    });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  void window.loadURL(`${APP_URL_PREFIX}index.html`);
}

/** Sends IPC.beforeClose and waits for IPC.beforeCloseDone from that window, at most ~2 s. */
function askRendererToSave(window: BrowserWindow): Promise<void> {
  if (window.webContents.isDestroyed() || window.webContents.isCrashed()) return Promise.resolve();
  return new Promise<void>((resolveSave) => {
    const done = (event: IpcMainEvent): void => {
      if (event.sender !== window.webContents) return;
      finish();
    };
    const timer = setTimeout(finish, BEFORE_CLOSE_TIMEOUT_MS);
    function finish(): void {
      clearTimeout(timer);
      ipcMain.off(IPC.beforeCloseDone, done);
      resolveSave();
    }
    ipcMain.on(IPC.beforeCloseDone, done);
    window.webContents.send(IPC.beforeClose);
  });
}

function boundsOf(state: WindowState): { x?: number; y?: number; width: number; height: number } {
  return state.x !== undefined && state.y !== undefined
    ? { x: state.x, y: state.y, width: state.width, height: state.height }
    : { width: state.width, height: state.height };
}

function currentState(window: BrowserWindow): WindowState {
  // Remember the normal (unmaximized) bounds, so un-maximizing next time gives a sensible size.
  const bounds = window.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
}

/**
 * Only our window's top frame, showing our renderer, may call the backend. Subframes, other
 * windows and pages that somehow navigated elsewhere are refused.
 */
function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || mainWindow.isDestroyed()) return false;
  if (event.sender !== mainWindow.webContents) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** IPC's structured clone delivers an ArrayBuffer (or a typed array / Buffer); anything else is refused. */
function asBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

const FORBIDDEN: ApiError = { code: 'forbidden', message: 'This window is not allowed to call Briefing Desk.' };

/** Windows listening to the workspace events, by webContents id: a reload subscribes again and replaces its entry. */
const eventSubscriptions = new Map<number, () => void>();

/**
 * Forwards the backend's workspace events to a window that asked (IPC.workspaceSubscribe, sender
 * checked), for as long as it shows our app: a page that navigated elsewhere gets nothing.
 */
function subscribeWindow(contents: WebContents, current: Backend): void {
  eventSubscriptions.get(contents.id)?.();
  const send = (event: WorkspaceEvent): void => {
    if (contents.isDestroyed() || !isAppUrl(contents.mainFrame.url)) return;
    contents.send(IPC.workspaceEvent, event);
  };
  const first = !eventSubscriptions.has(contents.id);
  eventSubscriptions.set(contents.id, current.services.events.subscribe(send));
  // Once per window (a reload replaces the subscription above, not this clean-up).
  if (first) {
    const id = contents.id;
    contents.once('destroyed', () => {
      eventSubscriptions.get(id)?.();
      eventSubscriptions.delete(id);
    });
  }
  // After the watcher has its baseline: a change made from here on is an event.
  void current.services.events.ready().then(() => send({ type: 'connected' }));
}

function registerIpc(): void {
  ipcMain.handle(IPC.workspaceSubscribe, async (event): Promise<Result<null>> => {
    if (!isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
    const current = backend ?? (await backendReady);
    if (!current) return { ok: false, error: { code: 'io', message: 'The workspace is closed.' } };
    subscribeWindow(event.sender, current);
    return { ok: true, value: null };
  });
  ipcMain.handle(IPC.call, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
    if (typeof name !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'The call name must be a string.' } };
    const current = backend ?? (await backendReady);
    if (!current) return { ok: false, error: { code: 'io', message: 'The workspace is closed.' } };
    // The renderer is an untrusted caller: it imports through IPC.upload, never by naming a path.
    return current.dispatch(name, input);
  });
  ipcMain.handle(IPC.openExternal, async (event, url: unknown): Promise<Result<null>> => {
    if (!isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
    if (typeof url !== 'string' || !isAllowedLinkHref(url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Only http, https and mailto links can be opened.' } };
    }
    await shell.openExternal(new URL(url).href); // eng-disable OPEN_EXTERNAL_JS_CHECK -- only http, https and mailto reach here (isAllowedLinkHref above)
    return { ok: true, value: null };
  });
  ipcMain.handle(IPC.upload, async (event, fileName: unknown, data: unknown): Promise<Result<{ uploadId: string }>> => {
    if (!isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
    const name = typeof fileName === 'string' ? cleanUploadName(fileName) : null;
    if (name === null) return { ok: false, error: { code: 'invalid_input', message: 'The upload needs a file name.' } };
    const bytes = asBytes(data);
    if (!bytes) return { ok: false, error: { code: 'invalid_input', message: 'The upload must carry the file\'s bytes (an ArrayBuffer).' } };
    if (bytes.byteLength > MAX_UPLOAD_BYTES) {
      return { ok: false, error: { code: 'invalid_input', message: fileTooLargeMessage(name, bytes.byteLength, MAX_UPLOAD_BYTES) } };
    }
    const current = backend ?? (await backendReady);
    if (!current) return { ok: false, error: { code: 'io', message: 'The workspace is closed.' } };
    return stageUpload(current, name, bytes);
  });
  ipcMain.handle(IPC.saveExport, async (event, jobId: unknown): Promise<Result<{ path: string; fileName: string } | null>> => {
    if (!isTrustedSender(event)) return { ok: false, error: FORBIDDEN };
    return exportSaver.save(jobId);
  });
}

/** Every web contents: no new windows, no navigation away, no <webview>. Links go to the system browser. */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (url === contents.getURL()) return;
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openExternally(url: string): void {
  if (!isAllowedLinkHref(url)) return;
  void shell.openExternal(new URL(url).href).catch(() => undefined); // eng-disable OPEN_EXTERNAL_JS_CHECK -- only http, https and mailto reach here (isAllowedLinkHref above)
}

/** The app asks for no permission (camera, notifications, geolocation…); deny them all. */
function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Copying to the clipboard from a user gesture is the one capability the editor uses.
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write');
}

function menuTemplate(): MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin';
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(app.isPackaged ? [] : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
    ],
  };
  return [
    ...(isMac ? ([{ role: 'appMenu' }] as MenuItemConstructorOptions[]) : []),
    { role: 'fileMenu' },
    // The standard Edit items make Cmd+Z/C/V/A work in the editor on macOS, where shortcuts live in menus.
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    view,
    { role: 'windowMenu' },
  ];
}

function fatal(message: string, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`${message}: ${detail}`);
  dialog.showErrorBox(message, detail);
  app.exit(1);
}
