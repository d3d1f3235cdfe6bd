import type { Result } from './result';
import type { WorkspaceEvent } from './workspace-events';
import { IMPORT_LIMITS } from '../domain/import-limits';

/** Name under which the Electron preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'briefingDesk';

/**
 * What the sandboxed Electron preload exposes to the renderer (contextBridge), and nothing more:
 * typed functions, never ipcRenderer itself. The browser edition has no bridge; the renderer's
 * client then uses HTTP with the launch token.
 */
export interface DesktopBridge {
  /** Runs one contract call in the main process. Input is parsed there; errors come back as data. */
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /** Opens an http(s) URL in the system browser after the main process checks it. */
  openExternal(url: string): Promise<Result<null>>;
  /**
   * Registers the renderer's last-chance save. The main process asks for it when the window is
   * closing and waits (bounded) for it to finish. Returns an unsubscribe function.
   */
  onBeforeClose(listener: () => Promise<void>): () => void;
  /** Stages a file's bytes in the main process for `import:start` ({ uploadId }). */
  upload(fileName: string, data: ArrayBuffer): Promise<Result<{ uploadId: string }>>;
  /**
   * Saves finished export job `jobId`: main takes its file from the backend, asks where to save it
   * (the system save dialog, the export's name suggested) and writes it there, so the bytes never
   * cross IPC. `{ path, fileName }` once written; null when the analyst cancels the dialog.
   */
  saveExport(jobId: string): Promise<Result<{ path: string; fileName: string } | null>>;
  /**
   * Listens to the workspace event channel (`workspace:events`, see workspace-events.ts): main
   * forwards every event of its backend to each window. Returns an unsubscribe function.
   */
  subscribe(listener: (event: WorkspaceEvent) => void): () => void;
  /** The app version, for the About line. */
  readonly appVersion: string;
}

/**
 * Largest file a transport accepts for import (browser upload and Electron's bridge.upload): the
 * import size limit (core/domain/import-limits.ts), so nothing is staged that the import would refuse.
 * The renderer checks it first so a too-large file is never read.
 */
export const MAX_UPLOAD_BYTES = IMPORT_LIMITS.fileBytes;

/** IPC channel names shared by main and preload. */
export const IPC = {
  call: 'bd:call',
  openExternal: 'bd:open-external',
  beforeClose: 'bd:before-close',
  beforeCloseDone: 'bd:before-close-done',
  upload: 'bd:upload',
  saveExport: 'bd:save-export',
  /** window → main (invoke, sender checked): start sending this window the workspace events. */
  workspaceSubscribe: 'bd:workspace-subscribe',
  /** main → window: one workspace event (workspace-events.ts). */
  workspaceEvent: 'bd:workspace-event',
} as const;
