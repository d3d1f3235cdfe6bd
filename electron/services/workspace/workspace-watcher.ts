import { type FSWatcher, watch } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventOrigin, LibraryPart, Note, WorkspaceEvent, WorkspaceEventListener } from '../../../core/index';
import { LAYOUT, noteIdOfFileName } from './workspace-layout';

/** How long the watcher waits after the last file event before it looks (one save is several events). */
export const WATCH_DEBOUNCE_MS = 30;
/** …and at the latest this long after the first one, so a stream of writes still shows up. */
export const WATCH_MAX_WAIT_MS = 200;
/** A change to a file this process wrote within this window counts as its own (`origin: 'app'`). */
const OWN_WRITE_WINDOW_MS = 3000;

const MANIFEST_NAME = 'manifest.json';
const TEMPLATE_FILE = /^[^.].*\.json$/;

/**
 * Files this backend process wrote, by workspace-relative path, with when. The store reports each
 * write (JsonStore's `onWrite`); the watcher asks when it sees the change, to tag it.
 */
export class OwnWrites {
  private readonly written = new Map<string, number>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Records a write (or delete) of `relPath` by this process. */
  record(relPath: string): void {
    const now = this.clock();
    this.written.set(normalize(relPath), now);
    // Keeps the map small: entries older than the window are of no use.
    if (this.written.size > 256) for (const [path, at] of this.written) if (now - at > OWN_WRITE_WINDOW_MS) this.written.delete(path);
  }

  /** Who changed `relPath` most recently, as far as this process knows. */
  originOf(relPath: string): EventOrigin {
    const at = this.written.get(normalize(relPath));
    return at !== undefined && this.clock() - at <= OWN_WRITE_WINDOW_MS ? 'app' : 'elsewhere';
  }
}

function normalize(relPath: string): string {
  return relPath.replace(/\\/g, '/');
}

/** What the watcher is built from. */
export interface WorkspaceWatcherDeps {
  root: string;
  /** Reads a note as stored now (null: gone). */
  readNote: (id: string) => Promise<Note | null>;
  ownWrites: OwnWrites;
  emit: WorkspaceEventListener;
  debounceMs?: number;
  maxWaitMs?: number;
  /** Where watch failures go (they never stop the app). */
  log?: (line: string) => void;
}

interface NoteState {
  version: number | null;
  trashed: boolean;
}

interface ManifestSummary {
  datasets: string;
  sources: string | null;
  manual: string | null;
}

/**
 * Watches the workspace folder (fs.watch on the folder itself, notes/, templates/ and library/)
 * and turns what changed into typed workspace events: whoever wrote it — this process, the CLI,
 * another app. File events are debounced (an atomic save is a temp file, a rename and a .bak),
 * then the watcher reads what changed and emits only real changes: a note whose version did not
 * move, a library whose manifest names the same files, settings with the same bytes send nothing.
 */
export class WorkspaceWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly notes = new Map<string, NoteState>();
  private readonly pendingNotes = new Set<string>();
  private readonly pendingTemplates = new Set<string>();
  private pendingSettings = false;
  private pendingLibrary = false;
  private manifest: ManifestSummary | null = null;
  private settingsText: string | null = null;
  private templatesSeen = '';
  private timer: NodeJS.Timeout | null = null;
  private firstPendingAt: number | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: WorkspaceWatcherDeps) {}

  /** Starts watching: what is there now is the baseline, only later changes are events. */
  async start(): Promise<void> {
    // Watch first, then read the baseline: a change in between is seen (and compared) rather than lost.
    this.watchDir('', (name) => this.onRootEvent(name));
    for (const dir of [LAYOUT.notesDir, LAYOUT.templatesDir, LAYOUT.libraryDir]) this.watchSub(dir);
    const names = await readdir(join(this.deps.root, LAYOUT.notesDir)).catch(() => [] as string[]);
    for (const name of names) {
      const id = noteIdOfFileName(name);
      if (id && !this.notes.has(id)) this.notes.set(id, { version: null, trashed: false });
    }
    this.manifest = await this.readManifest();
    this.settingsText = await this.readText(LAYOUT.settingsFile);
    this.templatesSeen = await this.templatesSignature();
  }

  /** Stops watching; pending changes are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    await this.flushing.catch(() => undefined);
  }

  /** Resolves when every change seen so far has been looked at (tests). */
  async idle(): Promise<void> {
    while (this.timer || this.firstPendingAt !== null) await new Promise((resolve) => setTimeout(resolve, this.deps.debounceMs ?? WATCH_DEBOUNCE_MS));
    await this.flushing;
  }

  private watchSub(dir: string): void {
    const onEvent =
      dir === LAYOUT.notesDir
        ? (name: string | null) => this.onNotesEvent(name)
        : dir === LAYOUT.templatesDir
          ? (name: string | null) => this.onTemplatesEvent(name)
          : (name: string | null) => this.onLibraryEvent(name);
    this.watchDir(dir, onEvent);
  }

  private watchDir(dir: string, onEvent: (name: string | null) => void): void {
    if (this.closed || this.watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(join(this.deps.root, dir), { persistent: false }, (_type, name) => onEvent(name === null ? null : String(name)));
    } catch {
      // Not there (yet): library/ appears with the first import; the root's events start it then.
      return;
    }
    watcher.on('error', (error) => {
      // The folder went away (deleted, unmounted): stop; the root's events start it again if it returns.
      this.deps.log?.(`briefing-desk: watching ${dir || 'the workspace'} stopped: ${error.message}`);
      watcher.close();
      this.watchers.delete(dir);
    });
    this.watchers.set(dir, watcher);
  }

  private onRootEvent(name: string | null): void {
    if (name === null) {
      this.everything();
      return;
    }
    if (name === LAYOUT.settingsFile) this.pend(() => (this.pendingSettings = true));
    if (name === LAYOUT.notesDir || name === LAYOUT.templatesDir || name === LAYOUT.libraryDir) {
      this.watchSub(name);
      this.everything();
    }
  }

  private onNotesEvent(name: string | null): void {
    if (name === null) {
      this.everything();
      return;
    }
    const id = noteIdOfFileName(name);
    if (id) this.pend(() => this.pendingNotes.add(id));
  }

  private onTemplatesEvent(name: string | null): void {
    if (name === null || TEMPLATE_FILE.test(name)) this.pend(() => this.pendingTemplates.add(name ?? '*'));
  }

  private onLibraryEvent(name: string | null): void {
    if (name === null || name === MANIFEST_NAME) this.pend(() => (this.pendingLibrary = true));
  }

  /** The watcher lost track (no file name, a folder appeared): look at everything. */
  private everything(): void {
    this.pend(() => {
      this.pendingTemplates.add('*');
      this.pendingSettings = true;
      this.pendingLibrary = true;
      this.pendingNotes.add('*');
    });
  }

  private pend(mark: () => void): void {
    if (this.closed) return;
    mark();
    const now = Date.now();
    this.firstPendingAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    const debounce = this.deps.debounceMs ?? WATCH_DEBOUNCE_MS;
    const maxWait = this.deps.maxWaitMs ?? WATCH_MAX_WAIT_MS;
    const delay = Math.max(0, Math.min(debounce, this.firstPendingAt + maxWait - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.firstPendingAt = null;
      // Flushes run one after another; changes seen during one are picked up by the next.
      this.flushing = this.flushing.then(() => this.flush()).catch((error: unknown) => this.deps.log?.(`briefing-desk: reading a workspace change failed: ${String(error)}`));
    }, delay);
  }

  private async flush(): Promise<void> {
    if (this.closed) return;
    const noteIds = [...this.pendingNotes];
    this.pendingNotes.clear();
    const templates = [...this.pendingTemplates];
    this.pendingTemplates.clear();
    const [settings, library] = [this.pendingSettings, this.pendingLibrary];
    this.pendingSettings = this.pendingLibrary = false;

    const ids = noteIds.includes('*') ? await this.allNoteIds() : noteIds;
    for (const id of ids) await this.checkNote(id);
    if (library) await this.checkLibrary();
    if (templates.length > 0 && (await this.templatesMoved())) {
      const own = templates.every((name) => name !== '*' && this.deps.ownWrites.originOf(join(LAYOUT.templatesDir, name)) === 'app');
      this.emit({ type: 'templates-changed', origin: own ? 'app' : 'elsewhere' });
    }
    if (settings) await this.checkSettings();
  }

  private async allNoteIds(): Promise<string[]> {
    const names = await readdir(join(this.deps.root, LAYOUT.notesDir)).catch(() => [] as string[]);
    const ids = new Set(names.map(noteIdOfFileName).filter((id): id is string => id !== null));
    for (const id of this.notes.keys()) ids.add(id);
    return [...ids];
  }

  private async checkNote(id: string): Promise<void> {
    const known = this.notes.get(id);
    const note = await this.deps.readNote(id).catch(() => null);
    const origin = this.deps.ownWrites.originOf(join(LAYOUT.notesDir, `${id}.json`));
    if (!note) {
      if (!known) return;
      this.notes.delete(id);
      this.emit({ type: 'note-deleted', noteId: id, origin });
      return;
    }
    const trashed = note.trashedAt !== null;
    if (known && known.version === note.version && known.trashed === trashed) return;
    this.notes.set(id, { version: note.version, trashed });
    const fields = { noteId: id, version: note.version, updatedAt: note.updatedAt, trashed, origin };
    this.emit(known ? { type: 'note-changed', ...fields } : { type: 'note-created', ...fields });
  }

  private async checkLibrary(): Promise<void> {
    const next = await this.readManifest();
    const previous = this.manifest;
    this.manifest = next;
    const parts = new Set<LibraryPart>();
    if (!previous || !next) {
      if (previous === next) return;
      for (const part of ['events', 'sources', 'datasets'] as const) parts.add(part);
    } else {
      if (previous.datasets !== next.datasets) {
        parts.add('datasets');
        parts.add('events');
      }
      if (previous.manual !== next.manual) parts.add('events');
      if (previous.sources !== next.sources) parts.add('sources');
    }
    if (parts.size === 0) return;
    this.emit({ type: 'library-changed', parts: [...parts], origin: this.deps.ownWrites.originOf(join(LAYOUT.libraryDir, MANIFEST_NAME)) });
  }

  /** True when a template file appeared, went or changed since the last look. */
  private async templatesMoved(): Promise<boolean> {
    const signature = await this.templatesSignature();
    if (signature === this.templatesSeen) return false;
    this.templatesSeen = signature;
    return true;
  }

  private async templatesSignature(): Promise<string> {
    const dir = join(this.deps.root, LAYOUT.templatesDir);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => TEMPLATE_FILE.test(name)).sort();
    const stamps = await Promise.all(names.map(async (name) => `${name}:${(await stat(join(dir, name), { bigint: true }).catch(() => null))?.mtimeNs ?? ''}`));
    return stamps.join('|');
  }

  private async checkSettings(): Promise<void> {
    const text = await this.readText(LAYOUT.settingsFile);
    if (text === this.settingsText) return;
    this.settingsText = text;
    this.emit({ type: 'settings-changed', origin: this.deps.ownWrites.originOf(LAYOUT.settingsFile) });
  }

  /** The files the manifest names (each change of the library writes new, generation-stamped files). */
  private async readManifest(): Promise<ManifestSummary | null> {
    const text = await this.readText(join(LAYOUT.libraryDir, MANIFEST_NAME));
    if (text === null) return null;
    try {
      const parsed = JSON.parse(text) as { datasets?: { file?: unknown; dataset?: unknown }[]; sourcesFile?: unknown; manualFile?: unknown };
      return {
        datasets: JSON.stringify(parsed.datasets ?? []),
        sources: typeof parsed.sourcesFile === 'string' ? parsed.sourcesFile : null,
        manual: typeof parsed.manualFile === 'string' ? parsed.manualFile : null,
      };
    } catch {
      // Damaged: the library service repairs it; report a change so the window asks again.
      return { datasets: text, sources: null, manual: null };
    }
  }

  private async readText(relPath: string): Promise<string | null> {
    return readFile(join(this.deps.root, relPath), 'utf8').catch(() => null);
  }

  private emit(event: WorkspaceEvent): void {
    if (!this.closed) this.deps.emit(event);
  }
}
