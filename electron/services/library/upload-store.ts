import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../core/index';
import { checkId } from '../store/safe-id';
import { IMPORT_LIMITS, fileTooLargeMessage } from '../../../core/domain/import-limits';
import { readImportFile } from './bounded-read';

/** How long a staged file waits for its import. */
export const UPLOAD_TTL_MS = 60 * 60 * 1000;

/**
 * Files the transport received (browser upload, Electron drop) waiting for `import:start`:
 * `WORKSPACE/.uploads/<id>.bin` with `<id>.json` holding the original name. Removed after their
 * import, or after an hour when no import came.
 */
export class UploadStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores the bytes; returns the id for `import:start { uploadId }`. */
  async stage(fileName: string, bytes: Uint8Array): Promise<string> {
    if (bytes.byteLength > IMPORT_LIMITS.fileBytes) throw new AppError('invalid_input', fileTooLargeMessage(fileName, bytes.byteLength));
    await mkdir(this.dir, { recursive: true });
    await this.sweep();
    const id = `up-${randomBytes(12).toString('hex')}`;
    await writeFile(this.fileOf(id, 'bin'), bytes);
    await writeFile(this.fileOf(id, 'json'), JSON.stringify({ fileName, stagedAt: this.now().toISOString() }));
    return id;
  }

  /** The staged file; AppError('not_found') when it expired or was used. */
  async read(id: string): Promise<{ fileName: string; bytes: Uint8Array }> {
    const gone = new AppError('not_found', `The uploaded file ${id} is no longer waiting (uploads are kept for an hour and removed after their import). Choose the file again.`);
    try {
      const meta = JSON.parse(await readFile(this.fileOf(id, 'json'), 'utf8')) as { fileName?: unknown };
      const fileName = typeof meta.fileName === 'string' ? meta.fileName : id;
      // Staging refuses bigger files already; this holds for anything else that put one here.
      return { fileName, bytes: await readImportFile(this.fileOf(id, 'bin'), fileName) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw gone;
      throw error;
    }
  }

  /** Removes a staged file (after its import). */
  async remove(id: string): Promise<void> {
    const bin = this.fileOf(id, 'bin');
    const meta = this.fileOf(id, 'json');
    await rm(bin, { force: true });
    await rm(meta, { force: true });
  }

  /** A staged file's path; AppError('invalid_input') for anything but an upload id (no `../`). */
  private fileOf(id: string, extension: 'bin' | 'json'): string {
    return join(this.dir, `${checkId('upload', id)}.${extension}`);
  }

  /** Removes uploads older than an hour. */
  async sweep(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const limit = this.now().getTime() - UPLOAD_TTL_MS;
    for (const name of names) {
      const info = await stat(join(this.dir, name)).catch(() => null);
      if (info && info.mtimeMs < limit) await rm(join(this.dir, name), { force: true });
    }
  }
}
