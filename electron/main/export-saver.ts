import { basename, dirname, join } from 'node:path';
import type { SaveDialogOptions } from 'electron';
import { contract } from '../../core/api/contract';
import { AppError, type ApiError, type Result } from '../../core/api/result';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/domain/export';
import type { TakenExport } from '../services/export/export-service';
import { writeFileAtomic } from '../services/store/atomic-write';

/** What the system save dialog answers (Electron's `SaveDialogReturnValue`, the fields we read). */
export interface SaveDialogAnswer {
  canceled: boolean;
  filePath?: string;
}

/** What saving an export needs; main passes Electron's dialog, tests a fake. */
export interface ExportSaverDeps {
  /** Takes the finished export out of the backend (the job is forgotten); throws AppError when there is none. */
  take(jobId: string): TakenExport | Promise<TakenExport>;
  /** Shows the save dialog (parented to the app window when there is one). */
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogAnswer>;
  /** Where the first dialog opens (the analyst's Documents folder). */
  defaultFolder(): string;
}

/** Where an export was written. */
export interface SavedExportFile {
  path: string;
  /** The name the file got (the analyst may have changed the suggested one in the dialog). */
  fileName: string;
}

/** Saves finished exports from the main process. */
export interface ExportSaver {
  /**
   * Takes job `jobId`'s file, asks where to save it and writes it there atomically: `{ path }` once
   * written, null when the analyst cancels the dialog. The renderer sends only the job id, so the
   * bytes never cross IPC; a cancelled dialog still forgets the job (the dialog offers a new export).
   */
  save(jobId: unknown): Promise<Result<SavedExportFile | null>>;
}

/** The save dialog: the suggested name in `folder`, the format's filter, overwrite confirmed (macOS). */
export function saveDialogOptions(file: { name: string; format: ExportFormat }, folder: string): SaveDialogOptions {
  const format = EXPORT_FORMATS[file.format];
  return {
    title: `Save ${format.label}`,
    defaultPath: join(folder, file.name),
    buttonLabel: 'Save',
    filters: [{ name: format.label, extensions: [format.extension] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

function errorOf(error: unknown): ApiError {
  if (error instanceof AppError) return error.toJSON();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Creates the saver; it remembers the folder of the last save for the next dialog. */
export function createExportSaver(deps: ExportSaverDeps): ExportSaver {
  let lastFolder: string | null = null;
  return {
    async save(jobId) {
      // The same rule as export:take's input: the renderer is untrusted.
      const input = contract['export:take'].input.safeParse({ jobId });
      if (!input.success) return { ok: false, error: { code: 'invalid_input', message: 'Saving an export needs the id of its job.' } };
      let file: TakenExport;
      try {
        file = await deps.take(input.data.jobId);
      } catch (error) {
        return { ok: false, error: errorOf(error) };
      }
      const choice = await deps.showSaveDialog(saveDialogOptions({ name: file.fileName, format: file.format }, lastFolder ?? deps.defaultFolder()));
      if (choice.canceled || !choice.filePath) return { ok: true, value: null };
      try {
        await writeFileAtomic(choice.filePath, file.bytes);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'io', message: `Could not save "${choice.filePath}": ${reason}` } };
      }
      lastFolder = dirname(choice.filePath);
      return { ok: true, value: { path: choice.filePath, fileName: basename(choice.filePath) } };
    },
  };
}
