import type { ApiClient, DesktopBridge, ExportJob, Result } from '../../core/index';
import { BRIDGE_GLOBAL } from '../../core/index';
import type { ExportFile, SavedExport } from './export-store';

/**
 * The part of the Electron bridge that saves an export: the main process takes the job's file from
 * the backend, shows the save dialog and writes it. Resolves to null when the analyst cancelled.
 */
export type SaveExportBridge = Pick<DesktopBridge, 'saveExport'>;

/** How long the object URL of a download lives: the browser has taken the bytes well before. */
const REVOKE_AFTER_MS = 30_000;

/** The Electron bridge's saveExport when the preload exposes one, else null (browser edition). */
export function findSaveBridge(win: Window): SaveExportBridge | null {
  const bridge = (win as unknown as Record<string, Partial<SaveExportBridge> | undefined>)[BRIDGE_GLOBAL];
  return bridge && typeof bridge.saveExport === 'function' ? (bridge as SaveExportBridge) : null;
}

/** Decodes export:take's base64 into bytes. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
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

/**
 * Saves a finished export the way the shell can. Electron: the renderer names the job and the main
 * process saves it after its dialog (the bytes never come to the renderer; `{ path }` where it was
 * written). Browser edition: `export:take` brings the bytes and the browser downloads them (no path:
 * the browser decides). Null when the analyst cancelled the save dialog.
 */
export function createExportSaver(client: Pick<ApiClient, 'call'>, win: Window = window): (job: ExportJob) => Promise<Result<SavedExport | null>> {
  return async (job) => {
    const bridge = findSaveBridge(win);
    if (bridge) {
      try {
        return await bridge.saveExport(job.id);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'io', message: `The main process could not be asked to save the file: ${detail}` } };
      }
    }
    const taken = await client.call('export:take', { jobId: job.id });
    if (!taken.ok) return taken;
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(taken.value.base64);
    } catch {
      return { ok: false, error: { code: 'internal', message: 'The exported file arrived damaged (not valid base64). Try again.' } };
    }
    try {
      downloadFile({ fileName: taken.value.fileName, mime: taken.value.mime, bytes }, win.document);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'io', message: `The browser refused the download: ${detail}` } };
    }
    return { ok: true, value: { fileName: taken.value.fileName, path: null } };
  };
}
