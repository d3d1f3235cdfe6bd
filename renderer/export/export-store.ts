import { EXPORT_BLOCKING_KINDS, sourcingSeverity, type SourcingIssue } from '../../core/citations/sourcing-check';
import type { ApiClient, ApiError, ExportFormat, ExportJob, Paper, Result } from '../../core/index';
import { EXPORT_FORMATS } from '../../core/index';
import { createStore, type Store } from '../app/store';

/**
 * Where the export dialog is:
 * idle → checking (flush autosave, sourcing check, preview on its way) → issues (sourcing findings
 * to look at) → ready (format, paper, preview) → exporting (progress) → done (saved, dialog gone),
 * or back to a usable dialog as failed / cancelled.
 */
export type ExportPhase = 'idle' | 'checking' | 'issues' | 'ready' | 'exporting' | 'done' | 'failed' | 'cancelled';

/** The sourcing findings that stop an export until the analyst has seen them (core's list). */
export const BLOCKING_KINDS = EXPORT_BLOCKING_KINDS;

/** The preview HTML of the open note (export:preview). */
export interface ExportPreview {
  html: string;
  fileBase: string;
  paper: Paper;
}

/** What a finished export was saved as. */
export interface SavedExport {
  fileName: string;
  /** Where Electron wrote it; null in the browser edition (a download). */
  path: string | null;
}

/** State of the export flow. */
export interface ExportState {
  phase: ExportPhase;
  /** The note being exported. */
  noteId: string | null;
  /** Findings that need a look before exporting (phase 'issues'). */
  issues: SourcingIssue[];
  /** Sections with nothing in them yet (information): left out of the export unless keepEmpty. */
  emptySections: SourcingIssue[];
  /** "Keep empty sections": export (and preview) every heading, even with nothing under it. Off each time the dialog opens. */
  keepEmpty: boolean;
  format: ExportFormat;
  paper: Paper;
  preview: ExportPreview | null;
  previewLoading: boolean;
  previewError: ApiError | null;
  /** The running or last job. */
  job: ExportJob | null;
  /** Why the export failed (phase 'failed'), shown in the dialog. */
  error: ApiError | null;
  /** The last file saved (phase 'done'). */
  saved: SavedExport | null;
}

/** A finished file, ready to be saved by the shell. */
export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** Remembered choices (localStorage in the app, a fake in tests). */
export interface ExportPrefs {
  load(): { format?: ExportFormat; paper?: Paper };
  save(prefs: { format: ExportFormat; paper: Paper }): void;
}

/** What the export store needs from the rest of the app. */
export interface ExportStoreDeps {
  client: Pick<ApiClient, 'call'>;
  /** The open note's id, or null. */
  openNoteId(): string | null;
  /** Flushes autosave and waits until the note is on disk; an error when the save failed. */
  settle(noteId: string): Promise<ApiError | null>;
  /** Runs the sourcing check on the editor's document (all kinds; the store keeps the blocking ones). */
  checkSourcing(): Promise<SourcingIssue[]>;
  /** Puts the cursor at a finding in the editor (null: the start of the note). */
  showInEditor(pos: number | null): void;
  /** Saves the bytes: Electron's save dialog or a browser download. Null when the analyst cancelled the save dialog. */
  save(file: ExportFile): Promise<Result<SavedExport | null>>;
  /** A confirmation for the analyst (a toast). */
  notify(message: string): void;
  prefs: ExportPrefs;
  /** Paper when nothing is remembered (A4, or Letter for en-US / en-CA). */
  defaultPaper: Paper;
  /** Pause between export:status polls. */
  pollMs?: number;
  /** Waits; tests pass an instant one. */
  sleep?: (ms: number) => Promise<void>;
}

/** The export store: the dialog's whole flow, so the dialog only renders. */
export interface ExportStore extends Pick<Store<ExportState>, 'getState' | 'subscribe'> {
  /** Export…: flush, check, preview. Ignored while a dialog is already up or no note is open. */
  open(): Promise<void>;
  /** Closes the dialog; a running export is cancelled. */
  close(): void;
  /** "Export anyway" after the sourcing findings. */
  proceed(): void;
  /** "Show": closes the dialog and puts the cursor at the finding. */
  showIssue(index: number): void;
  setFormat(format: ExportFormat): void;
  /** Changes the paper and fetches the preview again. */
  setPaper(paper: Paper): void;
  /** Ticks or clears "Keep empty sections" and fetches the preview again. */
  setKeepEmpty(keepEmpty: boolean): void;
  /** Fetches the preview again (after an error). */
  reloadPreview(): Promise<void>;
  /** "Export": runs the job, polls it, takes the bytes and saves them. */
  start(): Promise<void>;
  /** Cancels the running export. */
  cancel(): Promise<void>;
}

/** Poll interval of export:status: quick enough for a smooth bar, light on the backend. */
export const EXPORT_POLL_MS = 150;

/** Phases in which the dialog is on screen. */
export function isDialogOpen(phase: ExportPhase): boolean {
  return phase !== 'idle' && phase !== 'done';
}

/** A4 outside North America; US Letter for en-US and en-CA. */
export function defaultPaperFor(language: string | undefined): Paper {
  return /^en-(us|ca)\b/i.test(language ?? '') ? 'letter' : 'a4';
}

/** The file name the export will get: the job's once it runs, else the preview's base plus the extension. */
export function exportFileNameOf(state: Pick<ExportState, 'job' | 'preview' | 'format'>): string | null {
  if (state.job && state.job.format === state.format) return state.job.fileName;
  if (!state.preview) return null;
  return `${state.preview.fileBase}.${EXPORT_FORMATS[state.format].extension}`;
}

/** Decodes export:take's base64 into bytes. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The folder part of a Windows or POSIX path, for the toast. */
function folderOf(filePath: string): string {
  const cut = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  return cut > 0 ? filePath.slice(0, cut) : filePath;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates the export store. */
export function createExportStore(deps: ExportStoreDeps): ExportStore {
  const remembered = deps.prefs.load();
  const store = createStore<ExportState>({
    phase: 'idle',
    noteId: null,
    issues: [],
    emptySections: [],
    keepEmpty: false,
    format: remembered.format ?? 'pdf',
    paper: remembered.paper ?? deps.defaultPaper,
    preview: null,
    previewLoading: false,
    previewError: null,
    job: null,
    error: null,
    saved: null,
  });
  const pollMs = deps.pollMs ?? EXPORT_POLL_MS;
  const sleep = deps.sleep ?? defaultSleep;
  /** Bumped by open/close: answers of an earlier dialog are dropped. */
  let session = 0;
  /** Bumped per preview request: only the latest answer is shown. */
  let previewSeq = 0;
  /** Bumped per export run and by cancel: a stale poll loop stops. */
  let run = 0;
  /** Cancel pressed before export:start answered. */
  let cancelRequested = false;

  const remember = (): void => {
    const { format, paper } = store.getState();
    deps.prefs.save({ format, paper });
  };

  const loadPreview = async (): Promise<void> => {
    const { noteId, paper, keepEmpty } = store.getState();
    if (!noteId) return;
    const mine = ++previewSeq;
    store.setState({ previewLoading: true, previewError: null });
    const result = await deps.client.call('export:preview', { id: noteId, paper, keepEmpty });
    if (mine !== previewSeq) return;
    if (!result.ok) {
      store.setState({ previewLoading: false, previewError: result.error });
      return;
    }
    store.setState({ previewLoading: false, preview: { html: result.value.html, fileBase: result.value.fileBase, paper } });
  };

  /** The job failed, was refused, or its bytes could not be saved: the dialog stays and says why. */
  const fail = (error: ApiError, job: ExportJob | null = store.getState().job): void => {
    store.setState({ phase: error.code === 'cancelled' ? 'cancelled' : 'failed', error: error.code === 'cancelled' ? null : error, job });
  };

  const finish = async (job: ExportJob, mine: number): Promise<void> => {
    const taken = await deps.client.call('export:take', { jobId: job.id });
    if (mine !== run) return;
    if (!taken.ok) return fail(taken.error, job);
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(taken.value.base64);
    } catch {
      return fail({ code: 'internal', message: 'The exported file arrived damaged (not valid base64). Try again.' }, job);
    }
    const saved = await deps.save({ fileName: taken.value.fileName, mime: taken.value.mime, bytes });
    if (mine !== run) return;
    if (!saved.ok) return fail(saved.error, job);
    if (!saved.value) {
      // The analyst closed the save dialog: back to the choices, nothing to report.
      store.setState({ phase: 'ready', job, error: null });
      return;
    }
    store.setState({ phase: 'done', job, saved: saved.value, error: null });
    deps.notify(saved.value.path ? `Exported ${saved.value.fileName} to ${folderOf(saved.value.path)}` : `Exported ${saved.value.fileName}`);
  };

  const api: ExportStore = {
    getState: store.getState,
    subscribe: store.subscribe,

    async open() {
      if (isDialogOpen(store.getState().phase)) return;
      const noteId = deps.openNoteId();
      if (!noteId) return;
      const mine = ++session;
      previewSeq++;
      run++;
      store.setState({ phase: 'checking', noteId, issues: [], emptySections: [], keepEmpty: false, preview: null, previewError: null, previewLoading: true, job: null, error: null, saved: null });
      const saveError = await deps.settle(noteId);
      if (mine !== session) return;
      if (saveError) {
        store.setState({
          phase: 'failed',
          previewLoading: false,
          error: { code: saveError.code, message: `The note could not be saved, so an export would not match what the editor shows: ${saveError.message}` },
        });
        return;
      }
      // The preview is fetched while the check runs, so "Export anyway" shows it at once.
      const preview = loadPreview();
      let findings: SourcingIssue[];
      try {
        findings = await deps.checkSourcing();
      } catch {
        // A failing check must not block the export; the Sourcing panel still shows what it finds.
        findings = [];
      }
      if (mine !== session) return;
      const issues = findings.filter((issue) => BLOCKING_KINDS.has(issue.kind));
      const emptySections = findings.filter((issue) => sourcingSeverity(issue.kind) === 'info');
      store.setState({ phase: issues.length ? 'issues' : 'ready', issues, emptySections });
      await preview;
    },

    close() {
      const { phase, job } = store.getState();
      if (phase === 'exporting' && job?.state === 'running') void deps.client.call('export:cancel', { jobId: job.id });
      if (phase === 'exporting') cancelRequested = true;
      session++;
      previewSeq++;
      run++;
      store.setState({ phase: phase === 'done' ? 'done' : 'idle', issues: [], previewLoading: false });
    },

    proceed() {
      if (store.getState().phase !== 'issues') return;
      store.setState({ phase: 'ready' });
    },

    showIssue(index) {
      const issue = store.getState().issues[index];
      if (!issue) return;
      api.close();
      deps.showInEditor(issue.pos);
    },

    setFormat(format) {
      const { phase } = store.getState();
      if (phase === 'exporting') return;
      store.setState({ format, ...(phase === 'failed' || phase === 'cancelled' ? { phase: 'ready', error: null } : {}) });
      remember();
    },

    setPaper(paper) {
      const state = store.getState();
      if (state.phase === 'exporting' || state.paper === paper) return;
      store.setState({ paper, ...(state.phase === 'failed' || state.phase === 'cancelled' ? { phase: 'ready', error: null } : {}) });
      remember();
      if (isDialogOpen(state.phase)) void loadPreview();
    },

    setKeepEmpty(keepEmpty) {
      const state = store.getState();
      if (state.phase === 'exporting' || state.keepEmpty === keepEmpty) return;
      store.setState({ keepEmpty, ...(state.phase === 'failed' || state.phase === 'cancelled' ? { phase: 'ready', error: null } : {}) });
      if (isDialogOpen(state.phase)) void loadPreview();
    },

    reloadPreview: loadPreview,

    async start() {
      const state = store.getState();
      if (state.phase !== 'ready' && state.phase !== 'failed' && state.phase !== 'cancelled') return;
      if (!state.noteId) return;
      const mine = ++run;
      cancelRequested = false;
      store.setState({ phase: 'exporting', job: null, error: null });
      const started = await deps.client.call('export:start', { id: state.noteId, format: state.format, paper: state.paper, keepEmpty: state.keepEmpty });
      if (mine !== run) {
        // Cancelled or closed while starting: stop the job the backend just began.
        if (started.ok && cancelRequested) void deps.client.call('export:cancel', { jobId: started.value.id });
        return;
      }
      if (!started.ok) return fail(started.error, null);
      let job = started.value;
      store.setState({ job });
      while (job.state === 'running') {
        await sleep(pollMs);
        if (mine !== run) return;
        const status = await deps.client.call('export:status', { jobId: job.id });
        if (mine !== run) return;
        if (!status.ok) return fail(status.error, job);
        job = status.value;
        store.setState({ job });
      }
      if (job.state === 'cancelled') {
        store.setState({ phase: 'cancelled', error: null });
        return;
      }
      if (job.state === 'failed') return fail(job.failure ?? { code: 'internal', message: 'The export failed without saying why.' }, job);
      await finish(job, mine);
    },

    async cancel() {
      const { phase, job } = store.getState();
      if (phase !== 'exporting') return;
      run++;
      cancelRequested = true;
      store.setState({ phase: 'cancelled', error: null });
      if (!job) return;
      const result = await deps.client.call('export:cancel', { jobId: job.id });
      if (result.ok && store.getState().job?.id === job.id) store.setState({ job: result.value });
    },
  };
  return api;
}
