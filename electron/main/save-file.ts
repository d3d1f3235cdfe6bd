import { join } from 'node:path';
import type { SaveDialogOptions } from 'electron';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/domain/export';
import { safeFileName } from '../../core/export/file-name';
import type { Result } from '../../core/api/result';
import { cleanUploadName, formatBytes } from '../server/upload';

/** Largest file the renderer may hand to main for saving (a 20-page PDF is about 1 MB). */
export const MAX_SAVE_BYTES = 200 * 1024 * 1024;

/** A save request that passed the checks. */
export interface SaveRequest {
  /** The suggested file name, without folders, characters Windows refuses, control or bidirectional characters, with the format's extension. */
  name: string;
  format: ExportFormat;
  bytes: Uint8Array;
}

/**
 * Checks what the renderer sent for `bd:save-file`: a file name, one of the export formats' media
 * types (so the renderer cannot ask main to write arbitrary file types) and bytes under the limit.
 */
export function checkSaveRequest(fileName: unknown, mime: unknown, data: unknown): Result<SaveRequest> {
  // The renderer's name goes through the same rule as every export name (core/export/file-name.ts):
  // no folders, no characters Windows refuses, no control or bidirectional characters.
  const cleaned = typeof fileName === 'string' ? cleanUploadName(fileName) : null;
  const dot = cleaned === null ? -1 : cleaned.lastIndexOf('.');
  const base = cleaned === null ? '' : dot > 0 ? [safeFileName(cleaned.slice(0, dot)), safeFileName(cleaned.slice(dot + 1))].filter(Boolean).join('.') : safeFileName(cleaned);
  if (!base) return { ok: false, error: { code: 'invalid_input', message: 'Saving needs a file name.' } };
  const format = typeof mime === 'string' ? formatOfMime(mime) : null;
  if (!format) return { ok: false, error: { code: 'invalid_input', message: 'Briefing Desk saves only PDF, Word (DOCX), Markdown and HTML exports.' } };
  const bytes = asBytes(data);
  if (!bytes) return { ok: false, error: { code: 'invalid_input', message: "Saving needs the file's bytes (an ArrayBuffer)." } };
  if (bytes.byteLength > MAX_SAVE_BYTES) {
    return { ok: false, error: { code: 'invalid_input', message: `"${base}" is larger than ${formatBytes(MAX_SAVE_BYTES)}, the most Briefing Desk saves at once.` } };
  }
  const extension = `.${EXPORT_FORMATS[format].extension}`;
  const name = base.toLowerCase().endsWith(extension) ? base : `${base}${extension}`;
  return { ok: true, value: { name, format, bytes } };
}

/** The export format of a media type ("text/markdown; charset=utf-8" and "text/markdown" alike). */
export function formatOfMime(mime: string): ExportFormat | null {
  const essence = (value: string): string => value.split(';')[0]!.trim().toLowerCase();
  const wanted = essence(mime);
  const found = (Object.keys(EXPORT_FORMATS) as ExportFormat[]).find((format) => essence(EXPORT_FORMATS[format].mime) === wanted);
  return found ?? null;
}

/** The save dialog: the suggested name in `folder`, the format's filter, overwrite confirmed (macOS). */
export function saveDialogOptions(request: Pick<SaveRequest, 'name' | 'format'>, folder: string): SaveDialogOptions {
  const format = EXPORT_FORMATS[request.format];
  return {
    title: `Save ${format.label}`,
    defaultPath: join(folder, request.name),
    buttonLabel: 'Save',
    filters: [{ name: format.label, extensions: [format.extension] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** IPC's structured clone delivers an ArrayBuffer (or a typed array / Buffer); anything else is refused. */
export function asBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}
