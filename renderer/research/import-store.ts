import type { ApiError, ImportFailure, ImportJob, ImportReport } from '../../core/index';
import { createStore, type Store } from '../app/store';
import type { ResearchClient } from './research-client';

/** How often a running import is asked for its progress. */
export const IMPORT_POLL_MS = 200;

/** One file being imported, from upload to report (or a load of the sample library that met edits). */
export interface ImportItem {
  key: string;
  /** 'sample': the sample library loaded again (shown only when it met records the analyst edited). */
  kind: 'file' | 'sample';
  fileName: string;
  phase: 'waiting' | 'uploading' | ImportJob['state'];
  jobId: string | null;
  rows: number;
  percent: number;
  report: ImportReport | null;
  /** Why it failed: the importer's failure (file, line, column) or a transport error. */
  failure: ImportFailure | null;
}

export interface ImportState {
  items: readonly ImportItem[];
}

/** The import queue: files are imported one after another (the library takes one writer at a time). */
export interface ImportStore extends Pick<Store<ImportState>, 'getState' | 'subscribe'> {
  importFiles(files: readonly File[]): Promise<void>;
  /**
   * Loads the sample library (library:load-sample). When it kept (or, with `replaceEdited`,
   * replaced) events and sources the analyst edited, the panel shows it as an item.
   */
  loadSample(options?: { replaceEdited?: boolean }): Promise<ApiError | null>;
  /**
   * The analyst chose the file's (or the sample's) version of the edited records an import kept:
   * the import runs again with `replaceEdited`, and the item shows its new report.
   */
  replaceEdited(key: string): Promise<void>;
  cancel(key: string): Promise<void>;
  /** Removes finished items from the panel. */
  dismiss(key: string): void;
  dismissFinished(): void;
}

const FINISHED = new Set<ImportItem['phase']>(['done', 'failed', 'cancelled']);

/** Whether an item's import is over. */
export function isFinished(item: ImportItem): boolean {
  return FINISHED.has(item.phase);
}

/** Whether the report lists edited records the import kept (the analyst may take the file's version). */
export function hasKeptEdits(report: ImportReport | null): boolean {
  return report?.keptEdited !== undefined && report.keptEdited.events.length + report.keptEdited.sources.length > 0;
}

/** Whether the report lists edited records replaced by the file's version at the analyst's request. */
export function hasReplacedEdits(report: ImportReport | null): boolean {
  return report?.replacedEdited !== undefined && report.replacedEdited.events.length + report.replacedEdited.sources.length > 0;
}

/** The name a sample item shows in the panel. */
export const SAMPLE_ITEM_NAME = 'Sample library';

/** "file.csv:12:3: message" — the way compilers name a place in a file. */
export function formatFailure(failure: ImportFailure): string {
  const place = [failure.file, failure.line, failure.line !== null ? failure.column : null].filter((part) => part !== null && part !== '').join(':');
  return `${place}: ${failure.message}`;
}

/** Creates the import store; `onFinished` runs after each import that changed the library. */
export function createImportStore(client: ResearchClient, options: { pollMs?: number; onFinished?: (report: ImportReport) => void } = {}): ImportStore {
  const pollMs = options.pollMs ?? IMPORT_POLL_MS;
  const store = createStore<ImportState>({ items: [] });
  let counter = 0;
  let queue: Promise<void> = Promise.resolve();
  const cancelled = new Set<string>();
  /** The files of imports that kept edited records, to import again when the analyst takes the file's version. */
  const filesToReplay = new Map<string, File>();

  const update = (key: string, patch: Partial<ImportItem>): void => {
    store.setState((state) => ({ items: state.items.map((item) => (item.key === key ? { ...item, ...patch } : item)) }));
  };
  const item = (key: string): ImportItem | undefined => store.getState().items.find((candidate) => candidate.key === key);
  const fail = (key: string, message: string): void => {
    update(key, { phase: 'failed', failure: { file: item(key)?.fileName ?? '', line: null, column: null, message } });
  };

  const applyJob = (key: string, job: ImportJob): void => {
    update(key, { phase: job.state, jobId: job.id, rows: job.rows, percent: job.percent, report: job.report, failure: job.failure });
  };

  const run = async (key: string, file: File, replaceEdited = false): Promise<void> => {
    if (cancelled.has(key)) {
      update(key, { phase: 'cancelled' });
      return;
    }
    update(key, { phase: 'uploading' });
    const uploaded = await client.upload(file);
    if (!uploaded.ok) return fail(key, uploaded.error.message);
    if (cancelled.has(key)) {
      update(key, { phase: 'cancelled' });
      return;
    }
    const started = await client.call('import:start', { uploadId: uploaded.value.uploadId, fileName: file.name, ...(replaceEdited && { replaceEdited: true }) });
    if (!started.ok) return fail(key, started.error.message);
    applyJob(key, started.value);
    let job = started.value;
    // Cancel pressed while the job was being created.
    if (cancelled.has(key)) await client.call('import:cancel', { jobId: job.id });
    while (!FINISHED.has(job.state)) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      const status = await client.call('import:status', { jobId: job.id });
      if (!status.ok) return fail(key, status.error.message);
      job = status.value;
      applyJob(key, job);
    }
    if (job.state === 'done' && hasKeptEdits(job.report)) filesToReplay.set(key, file);
    else filesToReplay.delete(key);
    if (job.state === 'done' && job.report) options.onFinished?.(job.report);
  };

  const enqueue = (key: string, task: () => Promise<void>): Promise<void> => {
    queue = queue.then(task).catch((error: unknown) => fail(key, error instanceof Error ? error.message : String(error)));
    return queue;
  };

  /** Finished items make way for new ones. */
  const withoutFinished = (items: readonly ImportItem[]): ImportItem[] => {
    for (const old of items) if (isFinished(old)) filesToReplay.delete(old.key);
    return items.filter((existing) => !isFinished(existing));
  };

  const newItem = (fileName: string, kind: ImportItem['kind'] = 'file'): ImportItem => ({
    key: `import-${++counter}`,
    kind,
    fileName,
    phase: 'waiting',
    jobId: null,
    rows: 0,
    percent: 0,
    report: null,
    failure: null,
  });

  const sample = async (replaceEdited: boolean, key: string | null): Promise<ApiError | null> => {
    const result = await client.call('library:load-sample', replaceEdited ? { replaceEdited: true } : {});
    if (!result.ok) return result.error;
    const { report } = result.value;
    if (key !== null) update(key, { phase: 'done', report });
    else if (hasKeptEdits(report) || hasReplacedEdits(report)) {
      const added = { ...newItem(SAMPLE_ITEM_NAME, 'sample'), phase: 'done' as const, percent: 100, report };
      store.setState((state) => ({ items: [...withoutFinished(state.items), added] }));
    }
    return null;
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    importFiles(files) {
      const added = files.map((file) => newItem(file.name));
      store.setState((state) => ({ items: [...withoutFinished(state.items), ...added] }));
      files.forEach((file, index) => void enqueue(added[index]!.key, () => run(added[index]!.key, file)));
      return queue;
    },
    loadSample(loadOptions = {}) {
      return sample(loadOptions.replaceEdited ?? false, null);
    },
    async replaceEdited(key) {
      const current = item(key);
      if (!current || current.phase !== 'done' || !hasKeptEdits(current.report)) return;
      if (current.kind === 'sample') {
        update(key, { phase: 'saving' });
        const error = await sample(true, key);
        if (error) return fail(key, error.message);
        const report = item(key)?.report;
        if (report) options.onFinished?.(report);
        return;
      }
      const file = filesToReplay.get(key);
      if (!file) return fail(key, 'The file is no longer at hand; import it again to take its version.');
      update(key, { phase: 'waiting', rows: 0, percent: 0, report: null, failure: null, jobId: null });
      await enqueue(key, () => run(key, file, true));
    },
    async cancel(key) {
      cancelled.add(key);
      const current = item(key);
      if (!current || isFinished(current)) return;
      if (!current.jobId) return;
      const result = await client.call('import:cancel', { jobId: current.jobId });
      if (result.ok) applyJob(key, result.value);
    },
    dismiss(key) {
      filesToReplay.delete(key);
      store.setState((state) => ({ items: state.items.filter((candidate) => candidate.key !== key) }));
    },
    dismissFinished() {
      store.setState((state) => ({ items: withoutFinished(state.items) }));
    },
  };
}
