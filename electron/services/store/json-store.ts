import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { AppError, type StoreProblem } from '../../../core/index';
import { noteIdOfPath, quarantinePathOf } from '../workspace/workspace-layout';
import { backupPathOf, writeFileAtomic } from './atomic-write';
import type { FileKind } from './file-kinds';
import type { FileLocks } from './file-lock';
import { fileStamp } from './ids';
import { insideRoot } from './safe-id';
import { JsonFileAdapter, UnreadableFileError, decodeFile, encodeFile } from './json-file-adapter';
import { NewerVersionError } from './migrations';
import type { ProblemLog } from './problem-log';

/** What the store is built from. */
export interface JsonStoreDeps {
  locks: FileLocks;
  problems: ProblemLog;
  now: () => Date;
  /**
   * Told of each file this store writes or deletes (workspace-relative), before and after: the
   * workspace watcher tags the change it then sees as made by this process (`origin: 'app'`).
   */
  onWrite?: (relPath: string) => void;
}

/** Computes the next content of a file from the current one (null: no file). Return `current` itself to leave the file alone; null to delete it. */
export type Updater<T> = (current: T | null) => T | null | Promise<T | null>;

/**
 * The workspace's JSON files, each a small lowdb database (`Low` over {@link JsonFileAdapter}).
 * Paths are workspace-relative. Reads are lock-free (writes are atomic renames, so a reader sees a
 * whole file); everything that changes a file runs under its lock (see file-lock.ts). A file that
 * does not parse is moved aside and its .bak restored, under the lock, and reported to the ProblemLog.
 */
export class JsonStore {
  constructor(
    readonly root: string,
    private readonly deps: JsonStoreDeps,
  ) {}

  /** Absolute path of a workspace-relative path; AppError('forbidden') for one that would leave the workspace. */
  abs(relPath: string): string {
    return insideRoot(this.root, relPath);
  }

  /** Records a problem found outside this store's own reads (e.g. the library rebuilt from its data files). */
  reportProblem(problem: StoreProblem): void {
    this.deps.problems.add(problem);
  }

  /** The clock the store stamps quarantined files with. */
  now(): Date {
    return this.deps.now();
  }

  /** Runs `fn` under the lock of a workspace file, for work spanning several files (the note's lock guards its revisions too). */
  withLock<R>(relPath: string, fn: () => Promise<R>): Promise<R> {
    return this.deps.locks.withLock(this.abs(relPath), fn);
  }

  /** Reads a file; null when it does not exist (or was damaged with no usable backup). */
  async read<T>(relPath: string, kind: FileKind<T>): Promise<T | null> {
    const adapter = new JsonFileAdapter(this.abs(relPath), kind);
    const db = new Low<T | null>(adapter, null);
    try {
      await db.read();
    } catch (error) {
      if (error instanceof UnreadableFileError) return this.withLock(relPath, () => this.readLocked(relPath, kind));
      throw this.translate(error, relPath);
    }
    if (adapter.migrated) return this.update(relPath, kind, (current) => current);
    return db.data;
  }

  /** Read-modify-write of one file under its lock, so no concurrent update (in or out of process) is lost. */
  update<T>(relPath: string, kind: FileKind<T>, updater: Updater<T>): Promise<T | null> {
    return this.withLock(relPath, () => this.updateLocked(relPath, kind, updater));
  }

  /** {@link update} for callers that already hold the file's lock. */
  async updateLocked<T>(relPath: string, kind: FileKind<T>, updater: Updater<T>): Promise<T | null> {
    const adapter = new JsonFileAdapter(this.abs(relPath), kind);
    const db = new Low<T | null>(adapter, null);
    db.data = await this.readLocked(relPath, kind, adapter);
    const next = await updater(db.data);
    if (next === db.data && !adapter.migrated) return next;
    if (next === null) {
      await this.removeLocked(relPath);
      return null;
    }
    db.data = next;
    // Before and after: the watcher may look while the write (rename, then the folder's fsync) is under way.
    this.deps.onWrite?.(relPath);
    await db.write();
    this.deps.onWrite?.(relPath);
    return next;
  }

  /** Writes a new file (creating its folder); AppError('conflict') when one exists already. */
  async create<T>(relPath: string, kind: FileKind<T>, data: T): Promise<void> {
    await mkdir(dirname(this.abs(relPath)), { recursive: true });
    await this.update<T>(relPath, kind, (current) => {
      if (current !== null) throw new AppError('conflict', `${relPath} exists already.`);
      return data;
    });
  }

  /** Deletes a file and its .bak (holding the lock). */
  async removeLocked(relPath: string): Promise<void> {
    this.deps.onWrite?.(relPath);
    await rm(this.abs(relPath), { force: true });
    await rm(backupPathOf(this.abs(relPath)), { force: true });
    this.deps.onWrite?.(relPath);
  }

  /** Reads under the lock, repairing a damaged file. */
  private async readLocked<T>(relPath: string, kind: FileKind<T>, adapter = new JsonFileAdapter(this.abs(relPath), kind)): Promise<T | null> {
    try {
      return await adapter.read();
    } catch (error) {
      if (error instanceof UnreadableFileError) return this.quarantine(relPath, kind, error.reason);
      throw this.translate(error, relPath);
    }
  }

  /** Moves a damaged file aside, restores its .bak when that parses, and records the problem. */
  private async quarantine<T>(relPath: string, kind: FileKind<T>, reason: string): Promise<T | null> {
    const now = this.deps.now();
    const target = this.abs(relPath);
    const quarantinedAs = quarantinePathOf(relPath, fileStamp(now));
    await rename(target, this.abs(quarantinedAs));
    const restored = kind.backup ? await this.readBackup(target, kind) : null;
    if (restored) await writeFileAtomic(target, encodeFile(restored));
    const title = restored && kind.titleOf ? kind.titleOf(restored) : null;
    const outcome = restored
      ? `The last good copy was restored${title ? ` ("${title}")` : ''}; changes made after it are in the damaged file.`
      : kind.label === 'note'
        ? 'There was no usable backup, so the note is no longer in the library.'
        : 'There was no usable backup.';
    this.deps.problems.add({
      file: relPath,
      noteId: noteIdOfPath(relPath),
      title,
      quarantinedAs,
      restoredFromBackup: restored !== null,
      at: now.toISOString(),
      message: `The ${kind.label} file ${relPath} could not be read: ${reason}. It was moved to ${quarantinedAs}. ${outcome}`,
    });
    return restored;
  }

  private async readBackup<T>(target: string, kind: FileKind<T>): Promise<T | null> {
    try {
      return decodeFile(backupPathOf(target), await readFile(backupPathOf(target), 'utf8'), kind).data;
    } catch {
      return null;
    }
  }

  /** A file from a newer app is left alone, reported, and named in the error; other errors pass through. */
  private translate(error: unknown, relPath: string): unknown {
    if (!(error instanceof NewerVersionError)) return error;
    const message = `${relPath} cannot be opened: ${error.message}. Update Briefing Desk; the file was left as it is.`;
    this.deps.problems.add({
      file: relPath,
      noteId: noteIdOfPath(relPath),
      title: null,
      quarantinedAs: relPath,
      restoredFromBackup: false,
      at: this.deps.now().toISOString(),
      message,
    });
    return new AppError('conflict', message);
  }
}
