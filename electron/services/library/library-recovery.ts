import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetSchema } from '../../../core/domain/library';
import { AppError, type StoreProblem } from '../../../core/index';
import { backupPathOf, writeFileAtomic } from '../store/atomic-write';
import { fileStamp } from '../store/ids';
import { UnreadableFileError, decodeFile, encodeFile } from '../store/json-file-adapter';
import { NewerVersionError } from '../store/migrations';
import { quarantinePathOf } from '../workspace/workspace-layout';
import {
  type DataFileOnDisk,
  LibraryFileError,
  MANIFEST_FILE,
  MANIFEST_PATH,
  type ManifestFile,
  listDataFiles,
  readDataFile,
  readManifestBackup,
} from './library-files';

/*
 * Recovery of a library whose manifest is damaged or missing, or names data files that are gone.
 * The data files are immutable and named by generation (library-files.ts), and a commit keeps the
 * files of the manifest's .bak, so what the lost manifest said can be worked out from the disk:
 *
 * - With a usable .bak: every part the .bak names (a dataset, the sources, the hand-made events),
 *   each in its newest file on disk (a file newer than the .bak is the lost manifest's), plus
 *   datasets that only have files newer than the .bak (imported by the lost commit). Files at or
 *   below the .bak's generation that it does not name belong to datasets deleted before it.
 *   Nothing newer on disk: the .bak was the whole library and is restored as it is.
 * - Without one: every part on disk, each in its newest file.
 * - A readable manifest naming a file that is missing or damaged: the same part in its newest
 *   older file (the .bak's), or, when there is none, the part is dropped and named in the report.
 *
 * A damaged file is moved aside (NAME.corrupt-<stamp>.json, never deleted, and not a name garbage
 * collection removes), the next older file of its part is tried, and the report says so.
 */

/** What went wrong with the library's manifest. */
export type ManifestDamage =
  /** The manifest does not parse or has the wrong shape (`reason` says how). */
  | { kind: 'damaged'; reason: string }
  /** There is no manifest, though there are data files. */
  | { kind: 'missing' }
  /** The manifest reads, but a file it names is missing or damaged. */
  | { kind: 'files'; manifest: ManifestFile; reason: string };

/** The recovered manifest (already written) and the report for the analyst. */
export interface LibraryRecovery {
  manifest: ManifestFile;
  problem: StoreProblem;
}

type DatasetRef = ManifestFile['datasets'][number];

type Part = { kind: 'dataset'; datasetId: string } | { kind: 'sources' } | { kind: 'manual' };

const partKey = (file: Pick<DataFileOnDisk, 'kind' | 'datasetId'>): string => (file.kind === 'dataset' ? `dataset:${file.datasetId}` : file.kind);

/**
 * Recovers the library under the manifest's lock (the caller holds it): moves a damaged manifest
 * aside, works out the library from its .bak and the data files (see above), writes the new
 * manifest and returns it with the problem to report. Throws the LibraryFileError of a file that
 * must not be worked around (a newer app's, or one that cannot be read for a passing reason).
 */
export async function recoverLibrary(root: string, damage: ManifestDamage, now: Date): Promise<LibraryRecovery> {
  const stamp = fileStamp(now);
  let quarantinedAs = MANIFEST_PATH;
  if (damage.kind === 'damaged') {
    quarantinedAs = quarantinePathOf(MANIFEST_PATH, stamp);
    await rename(join(root, MANIFEST_PATH), join(root, quarantinedAs));
  }
  const backup = await readManifestBackup(root);
  const base = damage.kind === 'files' ? damage.manifest : backup;
  const onDisk = await listDataFiles(root);

  // Which parts make up the library, and the newest generation each may be taken from.
  const parts = new Map<string, { part: Part; ref: DatasetRef | null; maxGeneration: number }>();
  const baseGeneration = base?.generation ?? -1;
  if (base) {
    // A readable manifest's files are its newest: anything above them is a commit that never happened.
    const limit = damage.kind === 'files' ? base.generation : Number.POSITIVE_INFINITY;
    for (const ref of base.datasets) parts.set(`dataset:${ref.dataset.id}`, { part: { kind: 'dataset', datasetId: ref.dataset.id }, ref, maxGeneration: limit });
    if (base.sourcesFile) parts.set('sources', { part: { kind: 'sources' }, ref: null, maxGeneration: limit });
    if (base.manualFile) parts.set('manual', { part: { kind: 'manual' }, ref: null, maxGeneration: limit });
  }
  if (damage.kind !== 'files') {
    for (const file of onDisk) {
      const key = partKey(file);
      if (parts.has(key) || file.generation <= baseGeneration) continue;
      const part: Part = file.kind === 'dataset' ? { kind: 'dataset', datasetId: file.datasetId! } : { kind: file.kind };
      parts.set(key, { part, ref: null, maxGeneration: Number.POSITIVE_INFINITY });
    }
  }

  const manifest: ManifestFile = {
    schemaVersion: 1,
    generation: Math.max(baseGeneration, backup?.generation ?? 0, ...onDisk.map((file) => file.generation), 0),
    datasets: [],
    sourcesFile: null,
    manualFile: null,
  };
  const lost: string[] = [];
  const older: string[] = [];
  const movedAside: string[] = [];
  let usedNewer = 0;
  let eventCount = 0;
  let sourceCount = 0;
  const used: string[] = [];

  for (const [key, { part, ref, maxGeneration }] of parts) {
    const candidates = onDisk.filter((file) => partKey(file) === key && file.generation <= maxGeneration);
    const label = part.kind === 'dataset' ? `dataset "${ref?.dataset.name ?? part.datasetId}"` : part.kind === 'sources' ? 'the sources' : 'the hand-made events';
    let chosen = false;
    for (const [index, file] of candidates.entries()) {
      let read;
      try {
        read = await readDataFile(root, file.path, part.kind);
      } catch (error) {
        if (!(error instanceof LibraryFileError) || !error.recoverable) throw error;
        const aside = quarantinePathOf(file.path, stamp);
        await rename(join(root, file.path), join(root, aside)).then(
          () => movedAside.push(`${file.path} (moved to ${aside})`),
          () => undefined,
        );
        continue;
      }
      // The newest file was damaged, or the file the manifest (or .bak) names is gone: an older copy stands in.
      const named = base ? fileOfPart(base, part) : null;
      if (index > 0 || (named !== null && file.path !== named && file.generation < generationOf(named))) {
        older.push(`${label} from ${file.path}, an older copy: changes made after it are lost`);
      }
      if (file.generation > baseGeneration) usedNewer += 1;
      used.push(file.path);
      if ('sources' in read) {
        manifest.sourcesFile = file.path;
        sourceCount += read.sources.length;
      } else if ('dataset' in read) {
        const parsed = DatasetSchema.safeParse(read.dataset);
        const dataset = parsed.success ? parsed.data : ref?.dataset;
        if (!dataset) {
          lost.push(`${label} (${file.path} does not say which dataset it holds)`);
          chosen = true;
          break;
        }
        manifest.datasets.push({ dataset: { ...dataset, eventCount: read.events.length }, file: file.path });
        eventCount += read.events.length;
      } else {
        manifest.manualFile = file.path;
        eventCount += read.events.length;
      }
      chosen = true;
      break;
    }
    if (!chosen) lost.push(`${label} (no readable data file is left)`);
  }
  // Datasets keep the order the base listed them in; new ones follow in the order of their ids.
  const order = new Map(base?.datasets.map((ref, index) => [ref.dataset.id, index]) ?? []);
  manifest.datasets.sort((a, b) => (order.get(a.dataset.id) ?? Infinity) - (order.get(b.dataset.id) ?? Infinity) || a.dataset.id.localeCompare(b.dataset.id));

  // The .bak is kept as it is (the older manifest) after a damaged or missing manifest; a readable
  // manifest naming a lost file becomes the .bak, as before any commit.
  await writeFileAtomic(join(root, MANIFEST_PATH), encodeFile(manifest), { backup: damage.kind === 'files' });

  const restored = damage.kind !== 'files' && backup !== null && usedNewer === 0 && lost.length === 0 && older.length === 0 && movedAside.length === 0;
  const contents = `${count(manifest.datasets.length, 'dataset')}, ${count(eventCount, 'event')}, ${count(sourceCount, 'source')}`;
  const what =
    damage.kind === 'damaged'
      ? `The library manifest ${MANIFEST_PATH} could not be read: ${damage.reason}. It was moved to ${quarantinedAs}.`
      : damage.kind === 'missing'
        ? `The library manifest ${MANIFEST_PATH} was missing although the library has data files.`
        : `The library manifest ${MANIFEST_PATH} names a file that cannot be used: ${damage.reason}`;
  const how = restored
    ? `The library was restored from its backup (${backupPathOf(MANIFEST_PATH)}): ${contents}.`
    : used.length === 0
      ? 'No library data could be recovered; the library is empty.'
      : `The library was rebuilt from ${count(used.length, 'data file')}${backup && damage.kind !== 'files' ? ' and its backup' : ''}: ${contents}.`;
  const notes = [
    movedAside.length ? `Damaged data files were moved aside: ${movedAside.join('; ')}.` : '',
    older.length ? `Used ${older.join('; ')}.` : '',
    lost.length ? `Could not recover ${lost.join('; ')}.` : '',
  ].filter(Boolean);
  return {
    manifest,
    problem: {
      file: MANIFEST_PATH,
      noteId: null,
      title: null,
      quarantinedAs,
      restoredFromBackup: restored,
      at: now.toISOString(),
      message: [what, how, ...notes].join(' '),
    },
  };
}

/** The manifest as found on disk, without repairing anything. */
export type ManifestRead = { kind: 'ok'; manifest: ManifestFile } | { kind: 'missing' } | { kind: 'damaged'; reason: string };

/**
 * Reads the manifest. A manifest from a newer app is not damage: it throws AppError('conflict')
 * and is left as it is, like every store file.
 */
export async function readManifest(root: string): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(join(root, MANIFEST_PATH), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    return { kind: 'ok', manifest: decodeFile(MANIFEST_PATH, text, MANIFEST_FILE).data };
  } catch (error) {
    if (error instanceof UnreadableFileError) return { kind: 'damaged', reason: error.reason };
    if (error instanceof NewerVersionError) {
      throw new AppError('conflict', `${MANIFEST_PATH} cannot be opened: ${error.message}. Update Briefing Desk; the file was left as it is.`);
    }
    throw error;
  }
}

/** True when library/ holds any data file (a missing manifest then means damage, not a new library). */
export async function hasDataFiles(root: string): Promise<boolean> {
  return (await listDataFiles(root)).length > 0;
}

/** The file a manifest names for a part, or null. */
function fileOfPart(manifest: ManifestFile, part: Part): string | null {
  if (part.kind === 'sources') return manifest.sourcesFile;
  if (part.kind === 'manual') return manifest.manualFile;
  return manifest.datasets.find((ref) => ref.dataset.id === part.datasetId)?.file ?? null;
}

function generationOf(path: string): number {
  const match = /\.g(\d+)\.json$/.exec(path);
  return match ? Number(match[1]) : Number.POSITIVE_INFINITY;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
