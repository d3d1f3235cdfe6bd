import { join, resolve } from 'node:path';
import type { Handlers, StoreProblem } from '../core/index';
import { createHandlers } from './api/handlers';
import { type Dispatch, createDispatcher } from './api/dispatcher';
import { CitationStyleService } from './services/citations/citation-style-service';
import { FactInsertService } from './services/citations/fact-insert-service';
import { ChromiumPrinter } from './services/export/chromium-printer';
import { ExportService } from './services/export/export-service';
import type { PdfPrinter } from './services/export/pdf-printer';
import { CitingNotes } from './services/library/citing-notes';
import { ImportService } from './services/library/import-service';
import type { ImportWorkerOptions } from './services/library/import-runner';
import { LibraryService } from './services/library/library-service';
import { UploadStore } from './services/library/upload-store';
import { NoteIndex } from './services/notes/note-index';
import { NoteService } from './services/notes/note-service';
import { RevisionService } from './services/notes/revision-service';
import { FileLocks } from './services/store/file-lock';
import { JsonStore } from './services/store/json-store';
import { ProblemLog } from './services/store/problem-log';
import { TemplateService } from './services/templates/template-service';
import { SettingsService } from './services/workspace/settings-service';
import { LAYOUT } from './services/workspace/workspace-layout';
import { WorkspaceService, ensureWorkspaceFolder } from './services/workspace/workspace-service';
import { WorkspaceEventHub } from './services/workspace/workspace-events';
import { OwnWrites, WorkspaceWatcher } from './services/workspace/workspace-watcher';
import { jobProgressEvent } from '../core/index';

/** Staged uploads, inside the workspace (same disk: no cross-device copies). */
const UPLOADS_DIR = '.uploads';

/** What a host (Electron main, HTTP server, CLI, tests) gives to open a workspace. */
export interface BackendOptions {
  /** The workspace folder; created when missing. */
  workspaceDir: string;
  /** The app's built-in templates (templates/ of the repo or the packaged app). */
  builtinTemplatesDir: string;
  appVersion: string;
  /** The clock for timestamps and the revision interval (tests inject one). */
  now?: () => Date;
  /** Check every handler's output against the contract (tests and development). */
  checkOutputs?: boolean;
  /**
   * The import worker entry: hosts pass `importWorkerFor(<their folder>)` (services/library/
   * import-worker-path.ts: the bundle next to them, or the .ts entry with tsx); null or absent
   * parses imports in the backend's own thread.
   */
  importWorker?: ImportWorkerOptions | null;
  /**
   * How PDFs are printed: Electron main passes its printToPDF printer; absent, the system Chromium
   * through playwright-core (browser edition, CLI, tests). The backend closes it in `close()`.
   */
  pdfPrinter?: PdfPrinter;
  /** Named in each line of WORKSPACE/logs/problems.jsonl (`app` when absent). */
  processName?: string;
  /** Told of each damaged file moved aside, restored or rebuilt, as it happens (the CLI prints a warning). */
  onProblem?: (problem: StoreProblem) => void;
}

/** Every service, built once. */
export interface Services {
  workspace: WorkspaceService;
  settings: SettingsService;
  templates: TemplateService;
  notes: NoteService;
  revisions: RevisionService;
  /** The event and source library (storage, search, edits). */
  library: LibraryService;
  /** Import jobs (worker-thread parse, all-or-nothing store). */
  imports: ImportService;
  /** Files staged by the transports for `import:start { uploadId }`. */
  uploads: UploadStore;
  /** Built-in and added CSL citation styles. */
  citationStyles: CitationStyleService;
  /** Events inserted into notes as cited facts (`notes:insert-events`). */
  facts: FactInsertService;
  /** PDF, DOCX, Markdown and HTML export (jobs for the app, `exportBytes` for the CLI). */
  exports: ExportService;
  /**
   * The workspace event channel (`workspace:events`): hosts that serve windows subscribe; the
   * folder watcher starts with the first subscriber, so the CLI never watches.
   */
  events: WorkspaceEventHub;
}

/** An open workspace and the one entry point every host calls. */
export interface Backend {
  workspaceDir: string;
  services: Services;
  handlers: Handlers;
  /**
   * Parses the input against the contract, runs the handler, returns `{ ok, value } | { ok: false, error }`.
   * For callers outside this process's own code (the renderer over IPC, HTTP requests): host-only
   * fields such as `import:start`'s `path` are refused with `forbidden`.
   */
  dispatch: Dispatch;
  /**
   * {@link dispatch} for this process's own code that chose a file for the analyst: the CLI and
   * Electron main's own dialogs. Never hand it to a transport.
   */
  trustedDispatch: Dispatch;
  /**
   * Gets the first PDF export ready in the background (the printer's browser, the fonts): hosts that
   * stay up call it once they are ready (`serve`), one-shot commands do not. Never rejects.
   */
  warmUp(): Promise<void>;
  /** Waits for pending writes; call before the process exits. */
  close(): Promise<void>;
}

/**
 * The composition root: opens (or creates) the workspace folder and builds every service once,
 * each given its dependencies in its constructor. Throws AppError('io') when the folder cannot be
 * used, with a message naming the folder and what to do.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const workspaceDir = resolve(options.workspaceDir);
  const now = options.now ?? ((): Date => new Date());
  await ensureWorkspaceFolder(workspaceDir);

  const locks = new FileLocks();
  const problems = new ProblemLog({
    dir: join(workspaceDir, LAYOUT.logsDir),
    ...(options.processName !== undefined && { processName: options.processName }),
    ...(options.onProblem && { onProblem: options.onProblem }),
  });
  const ownWrites = new OwnWrites();
  const store = new JsonStore(workspaceDir, { locks, problems, now, onWrite: (relPath) => ownWrites.record(relPath) });
  const settings = new SettingsService(store);
  const templates = new TemplateService(store, resolve(options.builtinTemplatesDir));
  const revisions = new RevisionService(store, now);
  const index = new NoteIndex(store.abs(LAYOUT.notesDir), (id) => notes.read(id));
  const notes: NoteService = new NoteService({ store, index, revisions, templates, settings, now });
  const workspace = new WorkspaceService(store, problems, { appVersion: options.appVersion, now, countNotes: () => notes.count() });

  const library = new LibraryService({ store, citing: new CitingNotes(notes), now });
  const uploads = new UploadStore(store.abs(UPLOADS_DIR), now);
  // Built before the services that report to it; the watcher reads notes through the note service.
  const events = new WorkspaceEventHub((emit) => new WorkspaceWatcher({ root: workspaceDir, readNote: (id) => notes.read(id), ownWrites, emit }));
  const imports = new ImportService({ library, uploads, worker: options.importWorker ?? null, now, onJob: (job) => events.emit(jobProgressEvent({ kind: 'import', job })) });
  const citationStyles = new CitationStyleService(store, settings);
  const facts = new FactInsertService({ notes, library, now });
  const exportService = new ExportService({ notes, settings, citationStyles, printer: options.pdfPrinter ?? new ChromiumPrinter(), now, appVersion: options.appVersion, onJob: (job) => events.emit(jobProgressEvent({ kind: 'export', job })) });

  await workspace.open();
  await notes.open();
  await library.open();

  const services: Services = { workspace, settings, templates, notes, revisions, library, imports, uploads, citationStyles, facts, exports: exportService, events };
  const handlers = createHandlers(services);
  return {
    workspaceDir,
    services,
    handlers,
    dispatch: createDispatcher(handlers, { trust: 'untrusted', checkOutputs: options.checkOutputs ?? false }),
    trustedDispatch: createDispatcher(handlers, { trust: 'trusted', checkOutputs: options.checkOutputs ?? false }),
    warmUp: () => exportService.warmUp(),
    close: async () => {
      // Running exports only read, so they are cancelled rather than awaited; the printer's browser goes with them.
      await exportService.close();
      await events.close();
      await locks.idle();
    },
  };
}
