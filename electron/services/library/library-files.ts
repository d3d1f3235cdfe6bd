import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DatasetSchema, type Dataset, type LibraryEvent, type Source } from '../../../core/domain/library';
import { writeFileAtomic } from '../store/atomic-write';
import type { FileKind } from '../store/file-kinds';
import { checkId } from '../store/safe-id';
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
 * manifest can be restored from its .bak with every file it names still there, and the files of
 * the lost commit (the newer generation) are on disk beside them: library-recovery.ts rebuilds
 * the manifest from the two, or from the data files alone, and reports what it did.
 *
 * Data files are compact JSON: columns with shared values (library-codec.ts, schemaVersion 2; the
 * one-object-per-record schemaVersion 1 of earlier builds is still read and is rewritten in the
 * compact form by the next change of that file). They are checked for their structure on read only.
 *
 * schemaVersion 3 is the same columns cut into segments (`{ segments: [columns, columns, …] }`),
 * each with its own values table: what a big import writes when its parse workers made the column
 * text of their parts themselves (import-segments.ts), so the backend thread only splices bytes.
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

/** The schemaVersion of data files whose records are in segments (see above). */
export const SEGMENTED_FILE_VERSION = 3;

/**
 * One segment of a data file's records whose column text was made elsewhere (an import worker),
 * as UTF-8 pieces to splice around what only this side knows.
 */
export interface PrebuiltSegment {
  count: number;
  /** `{"count":N,"values":[v0,…` — the values list left open. */
  head: Uint8Array;
  /** Entries in the values list so far: the constants are appended from this index on. */
  valueCount: number;
  /** `],"columns":{…` — the columns object left open after its last column. */
  tail: Uint8Array;
}

/**
 * The last records of a data file made elsewhere: the segments in record order, the values each
 * segment's columns refer to past its own (`constants`), and the plain columns taken from the
 * records here (`recordColumns`, e.g. event ids the worker does not know). Records before the
 * segments (a library's existing sources) are encoded here as a segment of their own.
 */
export interface PrebuiltRecords {
  /** Null when the segments could not be made: the file is then encoded here as usual. */
  segments: Promise<PrebuiltSegment[] | null>;
  constants: unknown[];
  recordColumns: string[];
}

/** A data file to write: its records, and optionally their columns made elsewhere. */
export interface DataFileToWrite {
  path: string;
  data: DatasetFile | SourcesFile | ManualEventsFile;
  prebuilt?: PrebuiltRecords;
}

/** Workspace-relative names of the data files of one generation. */
export const libraryFileNames = {
  dataset: (datasetId: string, generation: number): string => join(LAYOUT.libraryDir, 'datasets', `${checkId('library', datasetId)}.g${generation}.json`),
  sources: (generation: number): string => join(LAYOUT.libraryDir, `sources.g${generation}.json`),
  manual: (generation: number): string => join(LAYOUT.libraryDir, `manual-events.g${generation}.json`),
};

/** Data file names that garbage collection may remove (never the manifest, locks or temp files). */
const DATA_FILE = /^(?:sources|manual-events|ds-[a-z0-9-]+)\.g\d+\.json$/;

/** A data file found on disk, by its name (see {@link listDataFiles}). */
export interface DataFileOnDisk {
  /** Workspace-relative path. */
  path: string;
  kind: 'dataset' | 'sources' | 'manual';
  /** The dataset id, for kind `dataset`. */
  datasetId: string | null;
  generation: number;
}

/** Every data file in library/ and library/datasets/ (not quarantined copies, temp files or locks), newest generation first. */
export async function listDataFiles(root: string): Promise<DataFileOnDisk[]> {
  const found: DataFileOnDisk[] = [];
  for (const name of await readdir(join(root, LAYOUT.libraryDir)).catch(() => [] as string[])) {
    const match = /^(sources|manual-events)\.g(\d+)\.json$/.exec(name);
    if (match) found.push({ path: join(LAYOUT.libraryDir, name), kind: match[1] === 'sources' ? 'sources' : 'manual', datasetId: null, generation: Number(match[2]) });
  }
  for (const name of await readdir(join(root, LAYOUT.libraryDir, 'datasets')).catch(() => [] as string[])) {
    const match = /^(ds-[a-z0-9-]+)\.g(\d+)\.json$/.exec(name);
    if (match) found.push({ path: join(LAYOUT.libraryDir, 'datasets', name), kind: 'dataset', datasetId: match[1]!, generation: Number(match[2]) });
  }
  return found.sort((a, b) => b.generation - a.generation);
}

/**
 * Why a data file cannot be used: `missing` (not on disk), `damaged` (not JSON, or not the shape
 * of a library file), `newer` (written by a newer app: never repaired here) or `unreadable`
 * (another I/O error, e.g. permissions: perhaps passing, so never repaired either).
 */
export type LibraryFileProblem = 'missing' | 'damaged' | 'newer' | 'unreadable';

/** A data file that cannot be read: the library cannot be opened as the manifest describes. */
export class LibraryFileError extends Error {
  constructor(
    message: string,
    readonly problem: LibraryFileProblem = 'damaged',
  ) {
    super(message);
  }

  /** Missing and damaged files are worked around (library-recovery.ts); the others are left for the analyst. */
  get recoverable(): boolean {
    return this.problem === 'missing' || this.problem === 'damaged';
  }
}

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
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new LibraryFileError(
      missing ? `The library file ${relPath} named by library/manifest.json is missing.` : `The library file ${relPath} named by library/manifest.json cannot be read (${(error as Error).message}).`,
      missing ? 'missing' : 'unreadable',
    );
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
  if (record && version === SEGMENTED_FILE_VERSION && record[key] && typeof record[key] === 'object') {
    try {
      const segments = (record[key] as { segments?: unknown }).segments;
      if (!Array.isArray(segments)) throw new Error('missing segments');
      const decoded = segments.map((segment) => (kind === 'sources' ? decodeSources(segment as EncodedRecords) : decodeEvents(segment as EncodedRecords)));
      const records = decoded.length === 1 ? decoded[0]! : ([] as unknown[]).concat(...decoded);
      if (kind === 'sources') return { sources: records } as DataOf<K>;
      if (kind === 'manual') return { events: records } as DataOf<K>;
      return { dataset: record.dataset as Dataset, removedUpstream: (record.removedUpstream as string[] | undefined) ?? [], events: records } as DataOf<K>;
    } catch (error) {
      throw new LibraryFileError(`The library file ${relPath} is damaged (${(error as Error).message}).`);
    }
  }
  if (typeof version === 'number' && version > SEGMENTED_FILE_VERSION) {
    throw new LibraryFileError(`The library file ${relPath} was written by a newer version of Briefing Desk (schemaVersion ${version}); update the app to open this library.`, 'newer');
  }
  throw new LibraryFileError(`The library file ${relPath} does not have the shape of a library file (schemaVersion 1, 2 or 3 with "${key}").`);
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
 * before it are written and synced (disk), instead of one file after the other. Files with
 * prebuilt segments are written from them (only splicing here) once they arrive. Resolves when
 * all are written; rejects (after every write has settled) when any failed.
 */
export async function writeDataFiles(root: string, files: readonly DataFileToWrite[]): Promise<void> {
  const writes: Promise<void>[] = [];
  let failure: unknown = null;
  try {
    // Prebuilt files first: their bytes are (nearly) ready, and their writes then overlap the text made here for the others.
    const ordered = [...files.filter((file) => file.prebuilt), ...files.filter((file) => !file.prebuilt)];
    for (const file of ordered) {
      const chunks = file.prebuilt ? await prebuiltChunks(file.data, file.prebuilt) : null;
      writes.push(writeFileAtomic(join(root, file.path), chunks ?? dataFileText(file.data)));
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

/**
 * The bytes of a schemaVersion 3 file from prebuilt segments, or null (the caller encodes the file
 * itself) when they did not come or do not fit the records.
 */
async function prebuiltChunks(data: DatasetFile | SourcesFile | ManualEventsFile, prebuilt: PrebuiltRecords): Promise<Uint8Array[] | null> {
  const segments = await prebuilt.segments.catch(() => null);
  if (!segments) return null;
  const records: readonly (LibraryEvent | Source)[] = 'sources' in data ? data.sources : data.events;
  const prebuiltCount = segments.reduce((sum, segment) => sum + segment.count, 0);
  if (prebuiltCount > records.length) return null;
  const leading = records.length - prebuiltCount;
  const chunks: Uint8Array[] = [];
  const text = (value: string): void => {
    chunks.push(Buffer.from(value, 'utf8'));
  };
  const key = 'sources' in data ? 'sources' : 'events';
  let header = `{"schemaVersion":${SEGMENTED_FILE_VERSION}`;
  if ('dataset' in data) header += `,"dataset":${JSON.stringify(data.dataset)},"removedUpstream":${JSON.stringify(data.removedUpstream)}`;
  header += `,"${key}":{"segments":[`;
  if (leading > 0) {
    const head = records.slice(0, leading);
    header += `${JSON.stringify('sources' in data ? encodeSources(head as Source[]) : encodeEvents(head as LibraryEvent[]))}${segments.length > 0 ? ',' : ''}`;
  }
  text(header);
  const constants = JSON.stringify(prebuilt.constants).slice(1, -1);
  let at = leading;
  segments.forEach((segment, index) => {
    chunks.push(segment.head);
    text(segment.valueCount > 0 && constants ? `,${constants}` : constants);
    chunks.push(segment.tail);
    let columns = '';
    for (const name of prebuilt.recordColumns) {
      const column = new Array<unknown>(segment.count);
      for (let i = 0; i < segment.count; i += 1) column[i] = (records[at + i] as unknown as Record<string, unknown>)[name] ?? null;
      columns += `,${JSON.stringify(name)}:${JSON.stringify(column)}`;
    }
    text(`${columns}}}${index < segments.length - 1 ? ',' : ''}`);
    at += segment.count;
  });
  text(']}}\n');
  return chunks;
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
