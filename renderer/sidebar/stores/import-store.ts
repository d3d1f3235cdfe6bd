import type { ImportFailure, ImportJob, ImportReport } from '../../../core/index';
import { createStore, type Store } from '../../stores/store';
import type { SidebarClient } from './sidebar-client';

/** How often a running import is asked for its progress. */
export const IMPORT_POLL_MS = 200;

/** One file being imported, from upload to report. */
export interface ImportItem {
  key: string;
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

/** "file.csv:12:3: message" — the way compilers name a place in a file. */
export function formatFailure(failure: ImportFailure): string {
  const place = [failure.file, failure.line, failure.line !== null ? failure.column : null].filter((part) => part !== null && part !== '').join(':');
  return `${place}: ${failure.message}`;
}

/** Creates the import store; `onFinished` runs after each import that changed the library. */
export function createImportStore(client: SidebarClient, options: { pollMs?: number; onFinished?: (report: ImportReport) => void } = {}): ImportStore {
  const pollMs = options.pollMs ?? IMPORT_POLL_MS;
  const store = createStore<ImportState>({ items: [] });
  let counter = 0;
  let queue: Promise<void> = Promise.resolve();
  const cancelled = new Set<string>();

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

  const run = async (key: string, file: File): Promise<void> => {
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
    const started = await client.call('import:start', { uploadId: uploaded.value.uploadId, fileName: file.name });
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
    if (job.state === 'done' && job.report) options.onFinished?.(job.report);
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    importFiles(files) {
      const added: ImportItem[] = files.map((file) => ({
        key: `import-${++counter}`,
        fileName: file.name,
        phase: 'waiting',
        jobId: null,
        rows: 0,
        percent: 0,
        report: null,
        failure: null,
      }));
      store.setState((state) => ({ items: [...state.items.filter((existing) => !isFinished(existing)), ...added] }));
      files.forEach((file, index) => {
        const key = added[index]!.key;
        queue = queue.then(() => run(key, file)).catch((error: unknown) => fail(key, error instanceof Error ? error.message : String(error)));
      });
      return queue;
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
      store.setState((state) => ({ items: state.items.filter((candidate) => candidate.key !== key) }));
    },
    dismissFinished() {
      store.setState((state) => ({ items: state.items.filter((candidate) => !isFinished(candidate)) }));
    },
  };
}
