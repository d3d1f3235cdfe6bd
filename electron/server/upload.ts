import { basename } from 'node:path';
import { MAX_UPLOAD_BYTES } from '../../core/api/bridge';
import { AppError, type Result } from '../../core/index';

export { MAX_UPLOAD_BYTES };

/** The longest file name `import:start` accepts (its `fileName` field). */
const MAX_NAME_LENGTH = 300;

/** What the transports need from the backend to stage an upload: the library's upload service. */
export interface UploadStager {
  /** Keeps the bytes under a fresh upload id that `import:start` takes. */
  stage(fileName: string, bytes: Uint8Array): Promise<string>;
}

/** A backend that may have the upload service (the real Backend has it at `services.uploads`). */
export interface UploadCapableBackend {
  services?: { uploads?: UploadStager };
}

/** The upload service of `backend`, or null when this backend has none. */
export function uploadStagerOf(backend: UploadCapableBackend): UploadStager | null {
  return backend.services?.uploads ?? null;
}

/**
 * The file's name as the import report will show it: the last path segment only (a browser or a
 * hostile page could send "../../x"), without control characters, at most 300 characters.
 * Null when nothing usable is left.
 */
export function cleanUploadName(raw: string): string | null {
  // Both separators: a Windows path can arrive from any client.
  const last = basename(raw.replace(/\\/g, '/'));
  const cleaned = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return cleaned.length > MAX_NAME_LENGTH ? cleaned.slice(cleaned.length - MAX_NAME_LENGTH) : cleaned;
}

/** "200 MB", "512 bytes": limits in messages a person reads. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`;
}

/**
 * Stages `bytes` through the backend's upload service; errors come back as data like every other
 * call (an AppError keeps its code, anything else is an `io` failure with its reason).
 */
export async function stageUpload(backend: UploadCapableBackend, fileName: string, bytes: Uint8Array): Promise<Result<{ uploadId: string }>> {
  const stager = uploadStagerOf(backend);
  if (!stager) return { ok: false, error: { code: 'internal', message: 'This Briefing Desk cannot take uploads (the library is not available).' } };
  try {
    return { ok: true, value: { uploadId: await stager.stage(fileName, bytes) } };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'io', message: `The file "${fileName}" could not be kept for import: ${reason}` } };
  }
}
