import type { DesktopBridge, Result } from '../../core/index';
import { BRIDGE_GLOBAL } from '../../core/index';
import type { ExportFile, SavedExport } from './export-store';

/**
 * The part of the Electron bridge that saves a file: the main process shows the save dialog and
 * writes the bytes. Resolves to null when the analyst cancelled the dialog.
 */
export type SaveFileBridge = Pick<DesktopBridge, 'saveFile'>;

/** How long the object URL of a download lives: the browser has taken the bytes well before. */
const REVOKE_AFTER_MS = 30_000;

/** The Electron bridge's saveFile when the preload exposes one, else null (browser edition). */
export function findSaveBridge(win: Window): SaveFileBridge | null {
  const bridge = (win as unknown as Record<string, Partial<SaveFileBridge> | undefined>)[BRIDGE_GLOBAL];
  return bridge && typeof bridge.saveFile === 'function' ? (bridge as SaveFileBridge) : null;
}

/**
 * Browser edition: hands the bytes to the browser as a download through a temporary
 * `<a download>`; the object URL is revoked once the browser has had time to take it.
 */
export function downloadFile(file: ExportFile, doc: Document = document): void {
  const blob = new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mime });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

/** An ArrayBuffer holding exactly the file's bytes (a view may sit inside a larger buffer). */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

/**
 * Saves an exported file the way the shell can: Electron's save dialog through the bridge (with the
 * path it was written to), or a download in the browser edition (no path: the browser decides).
 */
export function createFileSaver(win: Window = window): (file: ExportFile) => Promise<Result<SavedExport | null>> {
  return async (file) => {
    const bridge = findSaveBridge(win);
    if (bridge) {
      try {
        const result = await bridge.saveFile(file.fileName, file.mime, exactBuffer(file.bytes));
        if (!result.ok) return result;
        if (!result.value) return { ok: true, value: null };
        return { ok: true, value: { fileName: baseName(result.value.path) || file.fileName, path: result.value.path } };
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'io', message: `The file could not be handed to the main process to save: ${detail}` } };
      }
    }
    try {
      downloadFile(file, win.document);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'io', message: `The browser refused the download: ${detail}` } };
    }
    return { ok: true, value: { fileName: file.fileName, path: null } };
  };
}

/** The last segment of a Windows or POSIX path: the analyst may have renamed the file in the dialog. */
function baseName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? '';
}
