import { randomBytes } from 'node:crypto';
import { type FileHandle, copyFile, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options for {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Copy the file being replaced to `NAME.bak` first (the caller vouches that it is a good copy). */
  backup?: boolean;
}

/** The backup kept next to a file: one per file, refreshed before each replace. */
export function backupPathOf(target: string): string {
  return `${target}.bak`;
}

const TEMP_NAME = /^\..+\.tmp-\d+-[0-9a-f]+$/;

/** A temp name in the target's own folder (rename is only atomic within one file system). */
function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** What {@link writeFileAtomic} writes: text (as UTF-8), bytes, or byte chunks written in order. */
export type AtomicData = string | Uint8Array | readonly Uint8Array[];

async function writeData(handle: FileHandle, data: AtomicData): Promise<void> {
  if (typeof data === 'string') return handle.writeFile(data, 'utf8');
  if (data instanceof Uint8Array) return handle.writeFile(data);
  const total = data.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const { bytesWritten } = await handle.writev(data);
  // writev may stop short (a signal; a full disk reports on the next call): write the rest, which also surfaces the error.
  if (bytesWritten < total) await handle.writeFile(Buffer.concat(data).subarray(bytesWritten));
}

/**
 * Writes `data` to `target` so that readers see either the old file or the new one, never a part:
 * write a temp file in the same folder, fsync it, then rename it over the target. With `backup`,
 * the current file is first copied to `NAME.bak` (itself via temp + rename, so a crash never leaves
 * a half-written backup). The temp file is removed when anything fails. Notes, library files,
 * exports and the Electron save dialog all write through here.
 */
export async function writeFileAtomic(target: string, data: AtomicData, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = tempPathFor(target);
  try {
    const handle = await open(temp, 'wx');
    try {
      await writeData(handle, data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.backup) await refreshBackup(target);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(target));
}

/** Copies `target` to its .bak; does nothing when there is no file yet. */
export async function refreshBackup(target: string): Promise<void> {
  const backup = backupPathOf(target);
  const temp = tempPathFor(backup);
  try {
    await copyFile(target, temp);
    await rename(temp, backup);
  } catch (error) {
    await rm(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
}

/**
 * Makes the rename itself durable. Best effort: Windows cannot open a folder for fsync, and a
 * failure here never means the data is wrong, only that a power cut might roll the rename back.
 */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // see above
  }
}

/**
 * Deletes temp files of writes that never finished (a process killed mid-write) from `dir`. Only
 * files older than `olderThanMs` go: a live write, even by another process, takes milliseconds.
 * Returns how many were removed.
 */
export async function removeStaleTempFiles(dir: string, olderThanMs = 60_000): Promise<number> {
  let removed = 0;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((candidate) => TEMP_NAME.test(candidate))) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info || Date.now() - info.mtimeMs < olderThanMs) continue;
    await rm(path, { force: true });
    removed += 1;
  }
  return removed;
}
