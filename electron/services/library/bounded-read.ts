import { open } from 'node:fs/promises';
import { AppError } from '../../../core/index';
import { IMPORT_LIMITS, fileTooLargeMessage } from '../../../core/domain/import-limits';

/**
 * Reads a file for import, refusing it BEFORE reading when it is larger than the import limit
 * (`invalid_input`, the message names its size, the limit and how to split it). The size comes
 * from the open handle and the read stops at the limit, so a file that grows meanwhile or a
 * device (`/dev/zero`) never fills memory. `displayName` is the name the message shows.
 */
export async function readImportFile(path: string, displayName: string, limit: number = IMPORT_LIMITS.fileBytes): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError('invalid_input', `"${displayName}" is not a regular file; only files can be imported.`);
    if (info.size > limit) throw new AppError('invalid_input', fileTooLargeMessage(displayName, info.size, limit));
    // One byte more than the stated size shows a file that grew since stat.
    const buffer = Buffer.allocUnsafe(info.size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > info.size) throw new AppError('io', `"${displayName}" grew while it was read; import it again once it is complete.`);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
  } finally {
    await handle.close();
  }
}
