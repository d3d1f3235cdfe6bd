import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC, type DesktopBridge } from '../../core/api/bridge';
import type { Result } from '../../core/api/result';
import type { WorkspaceEvent } from '../../core/api/workspace-events';

/**
 * The sandboxed preload: exposes typed functions on `window.briefingDesk` and nothing else — never
 * ipcRenderer, never a generic send. Bundled to dist/electron/preload.cjs with everything but
 * 'electron' inlined, because a sandboxed preload cannot require other modules.
 */
const listeners = new Set<() => Promise<void>>();

ipcRenderer.on(IPC.beforeClose, () => {
  // Every registered last-chance save runs; one failing must not keep the window open (the main
  // process also stops waiting after ~2 s).
  void Promise.allSettled([...listeners].map((listener) => listener())).then(() => ipcRenderer.send(IPC.beforeCloseDone));
});

const eventListeners = new Set<(event: WorkspaceEvent) => void>();
let subscribed = false;

// Events come from main only (ipcRenderer.on never hears other windows); the renderer's client
// checks each against the contract's schema before anyone sees it.
ipcRenderer.on(IPC.workspaceEvent, (_event, payload: unknown) => {
  for (const listener of [...eventListeners]) listener(payload as WorkspaceEvent);
});

const versionArg = process.argv.find((arg) => arg.startsWith('--briefing-desk-version='));

const bridge: DesktopBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC.call, String(name), input) as Promise<Result<unknown>>,
  openExternal: (url) => ipcRenderer.invoke(IPC.openExternal, String(url)) as Promise<Result<null>>,
  onBeforeClose(listener) {
    if (typeof listener !== 'function') return () => undefined;
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  // The ArrayBuffer goes over IPC as one structured-clone message; the main process checks the
  // sender, the name and the size (the renderer's client already refuses files over the limit).
  upload: (fileName, data) => ipcRenderer.invoke(IPC.upload, String(fileName), data) as Promise<Result<{ uploadId: string }>>,
  // Only the job id crosses: main takes the file from the backend and writes it after its dialog.
  saveExport: (jobId) => ipcRenderer.invoke(IPC.saveExport, String(jobId)) as Promise<Result<{ path: string; fileName: string } | null>>,
  subscribe(listener) {
    if (typeof listener !== 'function') return () => undefined;
    eventListeners.add(listener);
    // Once per page: main checks the sender and sends `connected`, then every workspace event.
    if (!subscribed) {
      subscribed = true;
      void ipcRenderer.invoke(IPC.workspaceSubscribe);
    }
    return () => {
      eventListeners.delete(listener);
    };
  },
  appVersion: versionArg ? versionArg.slice('--briefing-desk-version='.length) : '',
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
