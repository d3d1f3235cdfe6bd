import { statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../core/index';
import type { Dataset, LibraryEvent, Source } from '../../../core/domain/library';
import type { JsonStore } from '../store/json-store';
import { removeStaleTempFiles } from '../store/atomic-write';
import { LAYOUT } from '../workspace/workspace-layout';
import {
  type DataFileToWrite,
  LibraryFileError,
  MANIFEST_FILE,
  MANIFEST_PATH,
  type ManifestFile,
  type PrebuiltRecords,
  emptyManifest,
  libraryFileNames,
  readDataFile,
  readManifestBackup,
  removeUnreferencedFiles,
  writeDataFiles,
} from './library-files';
import { type ManifestDamage, hasDataFiles, readManifest, recoverLibrary } from './library-recovery';

/** One dataset in memory. */
export interface DatasetEntry {
  dataset: Dataset;
  /** Workspace-relative data file. */
  file: string;
  removedUpstream: ReadonlySet<string>;
  events: ReadonlyMap<string, LibraryEvent>;
}

/** The whole library in memory; replaced (copy-on-write per part) by each commit, never mutated. */
export interface LibraryState {
  generation: number;
  datasets: ReadonlyMap<string, DatasetEntry>;
  manual: ReadonlyMap<string, LibraryEvent>;
  manualFile: string | null;
  sources: ReadonlyMap<string, Source>;
  sourcesFile: string | null;
  /** Every event by id (datasets and manual). */
  events: ReadonlyMap<string, LibraryEvent>;
}

/** A whole dataset as an import leaves it. */
export interface DatasetReplacement {
  dataset: Dataset;
  events: LibraryEvent[];
  removedUpstream: string[];
  /** The columns of `events`, made by the import workers (used when the commit writes exactly these events). */
  prebuilt?: PrebuiltRecords;
  /**
   * `events` by id, in the same order, each once (the merge builds it as its duplicate check):
   * the commit takes it instead of building the same map again. Never changed after it is given.
   */
  byId?: Map<string, LibraryEvent>;
}

/** What one commit changes; built by the caller against the current state. */
export class LibraryChanges {
  readonly datasetReplacements = new Map<string, DatasetReplacement>();
  readonly datasetDeletes = new Set<string>();
  /** Events put into their dataset (by `datasetId`) or, with datasetId null, into the manual events. */
  readonly eventPuts = new Map<string, LibraryEvent>();
  readonly eventDeletes = new Set<string>();
  readonly sourcePuts = new Map<string, Source>();
  readonly sourceDeletes = new Set<string>();
  /**
   * The columns of `sourcePuts` (all new sources, in order), made by the import workers: used when
   * the sources file is the existing sources followed by exactly these.
   */
  prebuiltSources: PrebuiltRecords | null = null;

  /** True when nothing would change. */
  isEmpty(): boolean {
    return (
      this.datasetReplacements.size === 0 &&
      this.datasetDeletes.size === 0 &&
      this.eventPuts.size === 0 &&
      this.eventDeletes.size === 0 &&
      this.sourcePuts.size === 0 &&
      this.sourceDeletes.size === 0
    );
  }
}

/** Told about every change that reaches memory, to keep search indexes in step. */
export interface LibraryListener {
  /** The whole library was (re)loaded. */
  reloaded(state: LibraryState): void;
  /**
   * A commit is about to happen: bring the indexes up to `state` (sources and events that change;
   * `removed*` are ids) while its files are written, without showing the change to readers yet.
   * The commit then calls `apply` once the manifest is swapped, or `discard` when it failed (the
   * indexes must then answer for the library as it was).
   */
  prepare(delta: LibraryDelta, state: LibraryState): Promise<PreparedChange>;
}

/** Index work done ahead of a commit (see LibraryListener.prepare). */
export interface PreparedChange {
  apply(): void;
  discard(): void;
}

/** What changed in memory by one commit. */
export interface LibraryDelta {
  sourcesPut: Source[];
  /** Ids among `sourcesPut` that existed before (edits: their events' index entries need refreshing). */
  sourcesUpdated: string[];
  sourcesRemoved: string[];
  eventsPut: LibraryEvent[];
  eventsRemoved: string[];
}

interface Plan {
  manifest: ManifestFile;
  state: LibraryState;
  files: DataFileToWrite[];
  delta: LibraryDelta;
}

const EMPTY_STATE: LibraryState = {
  generation: 0,
  datasets: new Map(),
  manual: new Map(),
  manualFile: null,
  sources: new Map(),
  sourcesFile: null,
  events: new Map(),
};

/**
 * The library's storage (layout and commit protocol in library-files.ts). Holds the library in
 * memory; every change goes through {@link commit}, which runs under the manifest's lock (one
 * writer at a time in this process and across processes), first re-reading the library when
 * another process committed since. Reads call {@link ensureFresh}, a stat of the manifest.
 */
export class LibraryStore {
  private current: LibraryState = EMPTY_STATE;
  private manifestStamp: string | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly store: JsonStore,
    private readonly listener: LibraryListener,
  ) {}

  /** The library as of the last load or commit. */
  get state(): LibraryState {
    return this.current;
  }

  /** Re-reads the library when the manifest changed on disk (another process committed) or was never read. */
  async ensureFresh(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.stampOfManifest() === this.manifestStamp) return;
    this.loading = this.reload().finally(() => (this.loading = null));
    return this.loading;
  }

  /**
   * Applies the changes `build` computes from the current state, all or nothing: new data files,
   * then the manifest swap, then the in-memory state and the listeners, then old files are removed.
   * `build` may throw (AppError) to refuse; nothing is written then.
   */
  async commit<T>(build: (state: LibraryState) => { changes: LibraryChanges; result: T }): Promise<T> {
    await mkdir(this.store.abs(join(LAYOUT.libraryDir, 'datasets')), { recursive: true });
    return this.store.withLock(MANIFEST_PATH, async () => {
      // A manifest changed, damaged or removed since the last load is read (and repaired) before anything is built on it.
      if (this.manifestStamp === null || this.stampOfManifest() !== this.manifestStamp) await this.loadLocked();
      const written: string[] = [];
      let plan: Plan | null = null;
      let result: T | undefined;
      let writing: Promise<void> | null = null;
      let prepared: PreparedChange | null = null;
      try {
        await this.store.updateLocked<ManifestFile>(MANIFEST_PATH, MANIFEST_FILE, async (onDisk) => {
          if ((onDisk?.generation ?? 0) !== this.current.generation || this.manifestStamp === null) await this.loadFrom(onDisk);
          const built = build(this.current);
          result = built.result;
          if (built.changes.isEmpty()) return onDisk;
          plan = this.plan(built.changes, (onDisk?.generation ?? 0) + 1);
          for (const file of plan.files) written.push(file.path);
          // The indexes are brought up to date while the files are written and synced (disk, and
          // the encoding the import workers did not do), not after: readers see neither before the swap.
          writing = writeDataFiles(this.store.root, plan.files);
          writing.catch(() => undefined);
          prepared = await this.listener.prepare(plan.delta, plan.state);
          await writing;
          return plan.manifest;
        });
      } catch (error) {
        if (writing) await Promise.allSettled([writing]);
        (prepared as PreparedChange | null)?.discard();
        await Promise.all(written.map((path) => rm(this.store.abs(path), { force: true })));
        throw error;
      }
      const done = plan as Plan | null;
      if (done) {
        this.current = done.state;
        this.manifestStamp = this.stampOfManifest();
        (prepared as PreparedChange | null)?.apply();
        await this.collectGarbage(done.manifest);
      }
      return result as T;
    });
  }

  /** Removes data files neither the manifest nor its .bak names (and old temp files). Under the lock. */
  private async collectGarbage(manifest: ManifestFile): Promise<void> {
    try {
      await removeUnreferencedFiles(this.store.root, [manifest, await readManifestBackup(this.store.root)]);
      await removeStaleTempFiles(this.store.abs(LAYOUT.libraryDir));
      await removeStaleTempFiles(this.store.abs(join(LAYOUT.libraryDir, 'datasets')));
    } catch {
      // Leftover files cost disk space only; the next commit tries again.
    }
  }

  /**
   * Loads the library without the lock (the usual case: readers never wait for a commit). Anything
   * amiss — a damaged or missing manifest, a file it names gone (perhaps removed by another
   * process's commit while we read) — is looked at again under the lock, and repaired there.
   */
  private async reload(): Promise<void> {
    try {
      const read = await readManifest(this.store.root);
      if (read.kind === 'ok') {
        await this.loadFrom(read.manifest);
        return;
      }
      if (read.kind === 'missing' && !(await hasDataFiles(this.store.root))) {
        await this.loadFrom(null);
        return;
      }
    } catch (error) {
      if (!(error instanceof LibraryFileError)) throw toAppError(error);
    }
    await this.store.withLock(MANIFEST_PATH, () => this.loadLocked());
  }

  /**
   * Loads the library under the manifest's lock, recovering it (library-recovery.ts) when the
   * manifest is damaged or missing beside data files, or names files that are missing or damaged.
   * The analyst is told through the problem log.
   */
  private async loadLocked(): Promise<void> {
    const root = this.store.root;
    const read = await readManifest(root);
    let damage: ManifestDamage;
    if (read.kind === 'ok') {
      try {
        await this.loadFrom(read.manifest);
        return;
      } catch (error) {
        if (!(error instanceof LibraryFileError) || !error.recoverable) throw toAppError(error);
        damage = { kind: 'files', manifest: read.manifest, reason: error.message };
      }
    } else if (read.kind === 'missing') {
      if (!(await hasDataFiles(root))) {
        await this.loadFrom(null);
        return;
      }
      damage = { kind: 'missing' };
    } else {
      damage = { kind: 'damaged', reason: read.reason };
    }
    let recovery;
    try {
      recovery = await recoverLibrary(root, damage, this.store.now());
    } catch (error) {
      throw toAppError(error);
    }
    this.store.reportProblem(recovery.problem);
    await this.loadFrom(recovery.manifest);
  }

  /** Reads every file a manifest names and replaces the in-memory library. */
  private async loadFrom(manifest: ManifestFile | null): Promise<void> {
    const stampBefore = this.stampOfManifest();
    const m = manifest ?? emptyManifest();
    const root = this.store.root;
    const [datasetFiles, sourcesFile, manualFile] = await Promise.all([
      Promise.all(m.datasets.map((ref) => readDataFile(root, ref.file, 'dataset'))),
      m.sourcesFile ? readDataFile(root, m.sourcesFile, 'sources') : null,
      m.manualFile ? readDataFile(root, m.manualFile, 'manual') : null,
    ]);
    const events = new Map<string, LibraryEvent>();
    const datasets = new Map<string, DatasetEntry>();
    m.datasets.forEach((ref, i) => {
      const file = datasetFiles[i]!;
      const byId = new Map<string, LibraryEvent>();
      for (const event of file.events) {
        byId.set(event.id, event);
        events.set(event.id, event);
      }
      datasets.set(ref.dataset.id, { dataset: ref.dataset, file: ref.file, removedUpstream: new Set(file.removedUpstream ?? []), events: byId });
    });
    const manual = new Map<string, LibraryEvent>();
    for (const event of manualFile?.events ?? []) {
      manual.set(event.id, event);
      events.set(event.id, event);
    }
    const sources = new Map<string, Source>((sourcesFile?.sources ?? []).map((source) => [source.id, source]));
    this.current = {
      generation: m.generation,
      datasets,
      manual,
      manualFile: m.manualFile,
      sources,
      sourcesFile: m.sourcesFile,
      events,
    };
    this.manifestStamp = stampBefore;
    this.listener.reloaded(this.current);
  }

  /** New files, manifest and state for a set of changes. */
  private plan(changes: LibraryChanges, generation: number): Plan {
    const state = this.current;
    const delta: LibraryDelta = { sourcesPut: [], sourcesUpdated: [], sourcesRemoved: [], eventsPut: [], eventsRemoved: [] };
    const files: Plan['files'] = [];

    // Sources.
    let sources = state.sources;
    let sourcesFile = state.sourcesFile;
    if (changes.sourcePuts.size > 0 || changes.sourceDeletes.size > 0) {
      const next = new Map(state.sources);
      for (const id of changes.sourceDeletes) if (next.delete(id)) delta.sourcesRemoved.push(id);
      for (const source of changes.sourcePuts.values()) {
        if (state.sources.has(source.id)) delta.sourcesUpdated.push(source.id);
        next.set(source.id, source);
        delta.sourcesPut.push(source);
      }
      sources = next;
      sourcesFile = libraryFileNames.sources(generation);
      // Prebuilt columns fit only when the file is the old sources followed by the new ones in order.
      const prebuilt = changes.prebuiltSources && changes.sourceDeletes.size === 0 && delta.sourcesUpdated.length === 0 ? changes.prebuiltSources : undefined;
      files.push({ path: sourcesFile, data: { sources: [...next.values()] }, ...(prebuilt && { prebuilt }) });
    }

    // Events: which dataset (or the manual file) each change touches.
    // An import into an empty library changes one dataset only: its map of events is the whole
    // library's too (the maps of a state are never changed, only copied), not a second 100,000-entry map.
    const only = changes.datasetReplacements.size === 1 ? [...changes.datasetReplacements.values()][0]! : null;
    const shared =
      only?.byId && only.byId.size === only.events.length && state.events.size === 0 && state.datasets.size === 0 && changes.datasetDeletes.size === 0 && changes.eventDeletes.size === 0 && changes.eventPuts.size === 0
        ? only.byId
        : null;
    const events = shared ?? new Map(state.events);
    const datasets = new Map(state.datasets);
    const touched = new Map<
      string | null,
      { entry: DatasetEntry | null; events: Map<string, LibraryEvent>; removedUpstream: Set<string>; dataset: Dataset | null; prebuilt?: PrebuiltRecords; list?: LibraryEvent[] }
    >();
    const touch = (datasetId: string | null) => {
      let part = touched.get(datasetId);
      if (part) {
        // Its events are no longer exactly the replacement's.
        part.prebuilt = undefined;
        part.list = undefined;
        return part;
      }
      if (datasetId === null) part = { entry: null, events: new Map(state.manual), removedUpstream: new Set(), dataset: null };
      else {
        const entry = datasets.get(datasetId);
        if (!entry) throw new AppError('not_found', `There is no dataset with id ${datasetId}; it may have been deleted.`);
        part = { entry, events: new Map(entry.events), removedUpstream: new Set(entry.removedUpstream), dataset: entry.dataset };
      }
      touched.set(datasetId, part);
      return part;
    };
    const removeEvent = (id: string): void => {
      if (events.delete(id)) delta.eventsRemoved.push(id);
    };
    const putEvent = (event: LibraryEvent): void => {
      if (events.get(event.id) !== event) delta.eventsPut.push(event);
      events.set(event.id, event);
    };

    for (const id of changes.datasetDeletes) {
      const entry = datasets.get(id);
      if (!entry) continue;
      for (const eventId of entry.events.keys()) removeEvent(eventId);
      datasets.delete(id);
    }
    for (const [id, replacement] of changes.datasetReplacements) {
      const before = datasets.get(id);
      let byId = replacement.byId && replacement.byId.size === replacement.events.length ? replacement.byId : null;
      if (!byId) {
        byId = new Map<string, LibraryEvent>();
        for (const event of replacement.events) byId.set(event.id, event);
      }
      if (before) for (const eventId of before.events.keys()) if (!byId.has(eventId)) removeEvent(eventId);
      if (byId === shared) for (const event of replacement.events) delta.eventsPut.push(event);
      else for (const event of byId.values()) putEvent(event);
      // Prebuilt columns (and the list itself) stand for the replacement's events in order, each once.
      const exact = byId.size === replacement.events.length;
      const prebuilt = replacement.prebuilt && exact ? replacement.prebuilt : undefined;
      touched.set(id, { entry: before ?? null, events: byId, removedUpstream: new Set(replacement.removedUpstream), dataset: replacement.dataset, prebuilt, ...(exact && { list: replacement.events }) });
    }
    for (const id of changes.eventDeletes) {
      const event = events.get(id);
      if (!event) continue;
      const part = touch(event.datasetId);
      part.events.delete(id);
      part.removedUpstream.delete(id);
      removeEvent(id);
    }
    for (const event of changes.eventPuts.values()) {
      const previous = events.get(event.id);
      if (previous && previous.datasetId !== event.datasetId) touch(previous.datasetId).events.delete(event.id);
      touch(event.datasetId).events.set(event.id, event);
      putEvent(event);
    }

    let manual = state.manual;
    let manualFile = state.manualFile;
    for (const [datasetId, part] of touched) {
      const list = part.list ?? [...part.events.values()];
      if (datasetId === null) {
        manual = part.events;
        manualFile = libraryFileNames.manual(generation);
        files.push({ path: manualFile, data: { events: list } });
        continue;
      }
      const dataset: Dataset = { ...part.dataset!, eventCount: list.length };
      const file = libraryFileNames.dataset(datasetId, generation);
      const removedUpstream = [...part.removedUpstream].filter((id) => part.events.has(id));
      datasets.set(datasetId, { dataset, file, removedUpstream: new Set(removedUpstream), events: part.events });
      files.push({ path: file, data: { dataset, removedUpstream, events: list }, ...(part.prebuilt && { prebuilt: part.prebuilt }) });
    }

    const manifest: ManifestFile = {
      schemaVersion: 1,
      generation,
      datasets: [...datasets.values()].map((entry) => ({ dataset: entry.dataset, file: entry.file })),
      sourcesFile,
      manualFile,
    };
    return { manifest, files, delta, state: { generation, datasets, manual, manualFile, sources, sourcesFile, events } };
  }

  /**
   * Identifies the manifest file's version on disk ('none' when there is none). A synchronous stat:
   * every read checks it, and one syscall costs microseconds where a thread-pool round trip costs
   * a large share of a search.
   */
  private stampOfManifest(): string {
    const info = statSync(this.store.abs(MANIFEST_PATH), { bigint: true, throwIfNoEntry: false });
    if (!info) return 'none';
    return `${info.mtimeNs}:${info.size}:${info.ino}`;
  }
}

function toAppError(error: unknown): unknown {
  if (error instanceof LibraryFileError) {
    return new AppError('corrupt', `${error.message} The library cannot be opened until the file is restored; nothing was changed.`);
  }
  return error;
}
