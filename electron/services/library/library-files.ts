import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DatasetSchema, type Dataset, type LibraryEvent, type Source } from '../../../core/domain/library';
import { writeFileAtomic } from '../store/atomic-write';
import type { FileKind } from '../store/file-kinds';
import { LAYOUT } from '../workspace/workspace-layout';
import { type EncodedRecords, decodeEvents, decodeSources, encodeEvents, encodeSources } from './library-codec';

/*
 * The library on disk (WORKSPACE/library/):
 *
 *   manifest.json                          { schemaVersion, generation, datasets: [{ dataset, file }], sourcesFile, manualFile }
 *   manifest.json.bak                      the manifest before the last commit
 *   datasets/<datasetId>.g<generation>.json { schemaVersion, dataset, removedUpstream, events: columns }
 *   sources.g<generation>.json             { schemaVersion, sources: columns }
 *   manual-events.g<generation>.json       { schemaVersion, events: columns } events made by hand or accepted from articles
 *
 * Data files are immutable: a change writes NEW files (temp + fsync + rename), then replaces the
 * manifest atomically under its lock (the single commit point), then deletes the files that neither
 * the manifest nor its .bak name. A crash or failure at any step before the manifest swap leaves
 * the library as it was (the new files are unreferenced and removed by the next commit); after it,
 * the new library is complete. Keeping the .bak's files one generation longer means a damaged
 * manifest can be restored from its .bak with every file it names still there.
 *
 * Data files are compact JSON: columns with shared values (library-codec.ts, schemaVersion 2; the
 * one-object-per-record schemaVersion 1 of earlier builds is still read and is rewritten in the
 * compact form by the next change of that file). They are checked for their structure on read only.
 */

/** Workspace-relative path of the manifest. */
export const MANIFEST_PATH = join(LAYOUT.libraryDir, 'manifest.json');

const DatasetRefSchema = z.object({ dataset: DatasetSchema, file: z.string().min(1) });

/** The manifest: which files make up the library now. */
export const ManifestFileSchema = z.object({
  schemaVersion: z.literal(1),
  generation: z.number().int().nonnegative(),
  datasets: z.array(DatasetRefSchema),
  sourcesFile: z.string().nullable(),
  manualFile: z.string().nullable(),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

/** The manifest as a store file kind (lock, atomic write, .bak, quarantine on damage). */
export const MANIFEST_FILE: FileKind<ManifestFile> = {
  label: 'library manifest',
  schema: ManifestFileSchema,
  migrations: { current: 1, steps: {} },
  backup: true,
};

/** An empty library. */
export function emptyManifest(): ManifestFile {
  return { schemaVersion: 1, generation: 0, datasets: [], sourcesFile: null, manualFile: null };
}

/** The events of one dataset (as the store uses it; on disk in the compact form of library-codec.ts). */
export interface DatasetFile {
  dataset: Dataset;
  /** Ids of events that the last import of the dataset no longer had: kept, flagged. */
  removedUpstream: string[];
  events: LibraryEvent[];
}

/** Every source. */
export interface SourcesFile {
  sources: Source[];
}

/** Events made by hand or accepted from an article. */
export interface ManualEventsFile {
  events: LibraryEvent[];
}

/**
 * The schemaVersion of the data files written now. 1: one JSON object per record (still read);
 * 2: columns with shared values (library-codec.ts).
 */
export const DATA_FILE_VERSION = 2;

/** Workspace-relative names of the data files of one generation. */
export const libraryFileNames = {
  dataset: (datasetId: string, generation: number): string => join(LAYOUT.libraryDir, 'datasets', `${datasetId}.g${generation}.json`),
  sources: (generation: number): string => join(LAYOUT.libraryDir, `sources.g${generation}.json`),
  manual: (generation: number): string => join(LAYOUT.libraryDir, `manual-events.g${generation}.json`),
};

/** Data file names that garbage collection may remove (never the manifest, locks or temp files). */
const DATA_FILE = /^(?:sources|manual-events|ds-[a-z0-9-]+)\.g\d+\.json$/;

/** A data file that cannot be read: the library cannot be opened as the manifest describes. */
export class LibraryFileError extends Error {}

type DataFileKind = 'dataset' | 'sources' | 'manual';
type DataOf<K extends DataFileKind> = K extends 'dataset' ? DatasetFile : K extends 'sources' ? SourcesFile : ManualEventsFile;

/**
 * Reads a data file of either schemaVersion and checks its structure (not every record: these
 * files are written only by {@link writeDataFile} from typed records, and zod-validating 100,000
 * events would cost more than the whole load).
 */
export async function readDataFile<K extends DataFileKind>(root: string, relPath: string, kind: K): Promise<DataOf<K>> {
  let text: string;
  try {
    text = await readFile(join(root, relPath), 'utf8');
  } catch (error) {
    throw new LibraryFileError(`The library file ${relPath} named by library/manifest.json cannot be read (${(error as Error).message}).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new LibraryFileError(`The library file ${relPath} is not valid JSON (${(error as Error).message}).`);
  }
  const record = data as Record<string, unknown> | null;
  const key = kind === 'sources' ? 'sources' : 'events';
  const version = record?.schemaVersion;
  if (record && version === 1 && Array.isArray(record[key])) return data as DataOf<K>;
  if (record && version === DATA_FILE_VERSION && record[key] && typeof record[key] === 'object') {
    try {
      const encoded = record[key] as EncodedRecords;
      if (kind === 'sources') return { sources: decodeSources(encoded) } as DataOf<K>;
      const events = decodeEvents(encoded);
      if (kind === 'manual') return { events } as DataOf<K>;
      return { dataset: record.dataset as Dataset, removedUpstream: (record.removedUpstream as string[] | undefined) ?? [], events } as DataOf<K>;
    } catch (error) {
      throw new LibraryFileError(`The library file ${relPath} is damaged (${(error as Error).message}).`);
    }
  }
  if (typeof version === 'number' && version > DATA_FILE_VERSION) {
    throw new LibraryFileError(`The library file ${relPath} was written by a newer version of Briefing Desk (schemaVersion ${version}); update the app to open this library.`);
  }
  throw new LibraryFileError(`The library file ${relPath} does not have the shape of a library file (schemaVersion 1 or 2 with "${key}").`);
}

/** The text of a data file in the compact form (library-codec.ts): one JSON.stringify of columns. */
export function dataFileText(data: DatasetFile | SourcesFile | ManualEventsFile): string {
  let body: Record<string, unknown>;
  if ('sources' in data) body = { schemaVersion: DATA_FILE_VERSION, sources: encodeSources(data.sources) };
  else if ('dataset' in data) body = { schemaVersion: DATA_FILE_VERSION, dataset: data.dataset, removedUpstream: data.removedUpstream, events: encodeEvents(data.events) };
  else body = { schemaVersion: DATA_FILE_VERSION, events: encodeEvents(data.events) };
  return `${JSON.stringify(body)}\n`;
}

/** Writes a new data file atomically, in the compact form. */
export async function writeDataFile(root: string, relPath: string, data: DatasetFile | SourcesFile | ManualEventsFile): Promise<void> {
  await writeFileAtomic(join(root, relPath), dataFileText(data));
}

/**
 * Writes new data files atomically, all at once: each file's text is made (CPU) while the files
 * before it are written and synced (disk), instead of one file after the other. Resolves when all
 * are written; rejects (after every write has settled) when any failed.
 */
export async function writeDataFiles(root: string, files: readonly { path: string; data: DatasetFile | SourcesFile | ManualEventsFile }[]): Promise<void> {
  const writes: Promise<void>[] = [];
  let failure: unknown = null;
  try {
    for (const file of files) {
      const text = dataFileText(file.data);
      writes.push(writeFileAtomic(join(root, file.path), text));
      // Let the write just started reach the thread pool before the next file's text blocks this thread.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    failure = error;
  }
  const outcomes = await Promise.allSettled(writes);
  if (failure !== null) throw failure;
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Every data file a manifest names. */
export function filesOf(manifest: ManifestFile | null): string[] {
  if (!manifest) return [];
  const files = manifest.datasets.map((ref) => ref.file);
  if (manifest.sourcesFile) files.push(manifest.sourcesFile);
  if (manifest.manualFile) files.push(manifest.manualFile);
  return files;
}

/** Reads the manifest's .bak leniently (null when missing or unusable). */
export async function readManifestBackup(root: string): Promise<ManifestFile | null> {
  try {
    const parsed = ManifestFileSchema.safeParse(JSON.parse(await readFile(join(root, `${MANIFEST_PATH}.bak`), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Deletes data files that no manifest in `keep` names. Call under the manifest's lock. Returns the removed paths. */
export async function removeUnreferencedFiles(root: string, keep: (ManifestFile | null)[]): Promise<string[]> {
  const referenced = new Set(keep.flatMap(filesOf).map((file) => join(root, file)));
  const removed: string[] = [];
  for (const dir of [join(root, LAYOUT.libraryDir), join(root, LAYOUT.libraryDir, 'datasets')]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const path = join(dir, name);
      if (!DATA_FILE.test(name) || referenced.has(path)) continue;
      await rm(path, { force: true });
      removed.push(path);
    }
  }
  return removed;
}
