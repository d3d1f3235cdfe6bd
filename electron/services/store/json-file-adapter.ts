import { readFile, rm } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { AppError, describeZodError } from '../../../core/index';
import { writeFileAtomic } from './atomic-write';
import type { FileKind } from './file-kinds';
import { NewerVersionError, migrate } from './migrations';

/** A file that exists but cannot be used: bad JSON, wrong shape, or an unknown old format. */
export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** Parses, migrates and validates file text; throws UnreadableFileError or NewerVersionError. */
export function decodeFile<T>(path: string, text: string, kind: FileKind<T>): { data: T; migrated: boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UnreadableFileError(path, `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  let migrated;
  try {
    migrated = migrate(raw, kind.migrations);
  } catch (error) {
    if (error instanceof NewerVersionError) throw error;
    throw new UnreadableFileError(path, error instanceof Error ? error.message : String(error));
  }
  const parsed = kind.schema.safeParse(migrated.data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    throw new UnreadableFileError(path, `it does not have the shape of a ${kind.label} file (${where}${first?.message ?? 'invalid'})`);
  }
  return { data: parsed.data, migrated: migrated.from !== kind.migrations.current };
}

/** Serialises data the way every workspace file is written: pretty JSON, trailing newline. */
export function encodeFile(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * lowdb adapter for one workspace file. Unlike lowdb's JSONFile it validates and migrates on read
 * (throwing instead of returning garbage), and writes atomically with a .bak of the replaced file.
 * `read()` returns null when the file does not exist; `migrated` tells whether the last read
 * upgraded an older format, so the store can write it back.
 */
export class JsonFileAdapter<T> implements Adapter<T | null> {
  migrated = false;

  constructor(
    readonly path: string,
    private readonly kind: FileKind<T>,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const decoded = decodeFile(this.path, text, this.kind);
    this.migrated = decoded.migrated;
    return decoded.data;
  }

  /**
   * Writes the file atomically (with .bak when the kind keeps one). Data is checked against the
   * kind's schema first: a file we could not read back would be quarantined on the next read.
   * Writing null removes the file (lowdb itself never passes null).
   */
  async write(data: T | null): Promise<void> {
    if (data === null) {
      await rm(this.path, { force: true });
      return;
    }
    const checked = this.kind.schema.safeParse(data);
    if (!checked.success) {
      const { message, issues } = describeZodError(checked.error);
      throw new AppError('invalid_input', `The ${this.kind.label} was not saved because it is not valid: ${message}`, issues);
    }
    await writeFileAtomic(this.path, encodeFile(checked.data), { backup: this.kind.backup });
  }
}
