import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { AppError, type CallOutput, type ParsedInput } from '../../../core/index';
import type { ImportFailure, ImportJob } from '../../../core/domain/library';
import { ImportCancelledError, ImportParseError } from './importers/types';
import { readImportFile } from './bounded-read';
import { checkImportSize } from './importers/index';
import { type ImportWorkerOptions, type ParseHandle, startParse } from './import-runner';
import { datasetNameFor } from './import-merge';
import { runParse } from './import-protocol';
import { releasePrebuiltParts } from './import-segments';
import type { ParseResult } from './importers/types';
import type { LibraryService } from './library-service';
import { SAMPLE_FILE_NAME, sampleLibraryBytes } from './sample/sample-library';
import type { UploadStore } from './upload-store';
import { checkId } from '../store/safe-id';

/** What imports are built from. */
export interface ImportServiceDeps {
  library: LibraryService;
  uploads: UploadStore;
  /** The worker entry; null parses in this thread. */
  worker: ImportWorkerOptions | null;
  now: () => Date;
  /** Told of each job's progress (state changes, each whole percent): the workspace event channel. */
  onJob?: (job: ImportJob) => void;
}

const KEPT_JOBS = 50;

interface RunningJob {
  job: ImportJob;
  cancelled: boolean;
  parse: ParseHandle | null;
  done: Promise<void>;
}

/** Cancellation that arrived before the commit: nothing may be written. */
class CancelledBeforeCommit extends Error {}

/**
 * Import jobs: `import:start` reads the file (an upload or a path), parses it off the event loop
 * (worker thread) with progress, then stores it all or nothing. `import:cancel` stops the parse
 * (terminates the worker) or, during the store step, refuses the commit if it has not happened
 * yet; either way the library stays as it was. Jobs run one at a time, in the order they were
 * started (the others wait as `queued`). Finished jobs are kept (the last 50) for `import:list`.
 */
export class ImportService {
  private readonly jobs = new Map<string, RunningJob>();
  /**
   * The end of the line of jobs: imports run one at a time. Each holds its file, its parse worker
   * and the merged library in memory at once, so three big files (or three zip bombs) started
   * together would need three times that; the library commits one at a time anyway.
   */
  private line: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ImportServiceDeps) {}

  /** `import:start`: the job, queued; its progress goes to `onJob` (the `job-progress` events), `import:status` answers on demand. */
  start(input: ParsedInput<'import:start'>): ImportJob {
    // A bad upload id is the caller's mistake, answered now rather than as a failed job.
    if (input.uploadId !== undefined) checkId('upload', input.uploadId);
    const id = `imp-${randomBytes(8).toString('hex')}`;
    const running: RunningJob = {
      job: { id, file: input.fileName, state: 'queued', rows: 0, percent: 0, report: null, failure: null },
      cancelled: false,
      parse: null,
      done: Promise.resolve(),
    };
    this.jobs.set(id, running);
    this.trim();
    this.deps.onJob?.({ ...running.job });
    // run() never throws: its failures are the job's state.
    running.done = this.line.then(() => this.run(running, input));
    this.line = running.done;
    return { ...running.job };
  }

  /** `import:status`. */
  status(jobId: string): ImportJob {
    return { ...this.get(jobId).job };
  }

  /** Resolves when the job has finished (done, failed or cancelled): for the CLI and tests. */
  async wait(jobId: string): Promise<ImportJob> {
    await this.get(jobId).done;
    return this.status(jobId);
  }

  /** `import:cancel`: finished jobs are returned as they are. */
  cancel(jobId: string): ImportJob {
    const running = this.get(jobId);
    if (['done', 'failed', 'cancelled'].includes(running.job.state)) return { ...running.job };
    running.cancelled = true;
    running.parse?.cancel();
    if (running.job.state === 'queued' || running.job.state === 'parsing') {
      running.job = { ...running.job, state: 'cancelled' };
      this.deps.onJob?.({ ...running.job });
    }
    return { ...running.job };
  }

  /** `import:list`: newest first. */
  list(): ImportJob[] {
    return [...this.jobs.values()].map((running) => ({ ...running.job })).reverse();
  }

  /**
   * `library:load-sample`: the sample through the JSON importer; a second load adds nothing and
   * keeps what the analyst edited (listed in the report) unless `replaceEdited` asks for the sample's version.
   */
  async loadSample(input: ParsedInput<'library:load-sample'> = {}): Promise<CallOutput<'library:load-sample'>> {
    const parsed = await new Promise<ParseResult>((resolve, reject) => {
      runParse({ bytes: sampleLibraryBytes(), fileName: SAMPLE_FILE_NAME, format: 'json', now: this.deps.now().toISOString() }, (message) => {
        if (message.type === 'done') resolve(message.result);
        else if (message.type === 'failed') reject(new AppError('internal', `The sample library could not be read: ${message.failure.message}`));
      });
    });
    const report = await this.deps.library.storeImport(parsed, { fileName: SAMPLE_FILE_NAME, originKind: 'sample', replaceEdited: input.replaceEdited ?? false });
    const { counts } = report;
    const stats = await this.deps.library.stats();
    // Taking the sample's version of the analyst's edits adds nothing new: the report says what it replaced.
    const replaced = report.replacedEdited?.events.length ?? 0;
    return { events: stats.events, sources: stats.sources, added: counts.imported + counts.updated - replaced + counts.sourcesImported > 0, report };
  }

  private get(jobId: string): RunningJob {
    const running = this.jobs.get(jobId);
    if (!running) throw new AppError('not_found', `No import job ${jobId}; jobs are forgotten when the app restarts.`);
    return running;
  }

  private async run(running: RunningJob, input: ParsedInput<'import:start'>): Promise<void> {
    const started = Date.now();
    let parsed: ParseResult | null = null;
    const update = (patch: Partial<ImportJob>): void => {
      if (running.job.state === 'cancelled') return;
      const before = running.job;
      running.job = { ...running.job, ...patch };
      // Progress callbacks come per chunk: tell listeners of state changes and whole percents only.
      if (before.state !== running.job.state || Math.floor(before.percent) !== Math.floor(running.job.percent) || running.job.report !== before.report) this.deps.onJob?.({ ...running.job });
    };
    // The job reaches its final state only after its clean-up, so whoever sees "done" or "failed"
    // also sees the staged upload gone.
    let finish: () => void = () => undefined;
    try {
      // Cancelled while it waited for its turn: not even read.
      if (running.cancelled) return;
      const { bytes, fileName } = await this.readInput(input);
      if (running.cancelled) return;
      // Before the worker gets its copy of the bytes: a file too big for its format goes no further.
      checkImportSize(bytes, fileName, input.format);
      update({ state: 'parsing' });
      // The name the merge will use unless the file names its dataset (GDELT files do not).
      const datasetName = datasetNameFor(input.dataset, null, fileName);
      running.parse = startParse({ bytes, fileName, format: input.format, now: this.deps.now().toISOString(), datasetName }, (rows, percent) => update({ rows, percent: Math.min(100, Math.max(0, percent)) }), this.deps.worker);
      parsed = await running.parse.result;
      if (running.cancelled) return;
      update({ state: 'saving', rows: parsed.rows });
      const report = await this.deps.library.storeImport(parsed, {
        fileName,
        dataset: input.dataset,
        startedMs: started,
        replaceEdited: input.replaceEdited ?? false,
        beforeCommit: () => {
          if (running.cancelled) throw new CancelledBeforeCommit();
        },
      });
      finish = () => update({ state: 'done', percent: 100, report });
    } catch (error) {
      if (running.cancelled || error instanceof ImportCancelledError || error instanceof CancelledBeforeCommit) {
        finish = () => {
          const wasCancelled = running.job.state === 'cancelled';
          running.job = { ...running.job, state: 'cancelled' };
          if (!wasCancelled) this.deps.onJob?.({ ...running.job });
        };
        return;
      }
      finish = () => update({ state: 'failed', failure: failureOf(input.fileName, error) });
    } finally {
      // The parse workers may still be making data-file segments no one will take.
      if (parsed) releasePrebuiltParts(parsed);
      if (input.uploadId) await this.deps.uploads.remove(input.uploadId).catch(() => undefined);
      finish();
    }
  }

  private async readInput(input: ParsedInput<'import:start'>): Promise<{ bytes: Uint8Array; fileName: string }> {
    if (input.uploadId) {
      const staged = await this.deps.uploads.read(input.uploadId);
      return { bytes: staged.bytes, fileName: input.fileName || staged.fileName };
    }
    const path = input.path ?? '';
    try {
      const fileName = input.fileName || basename(path);
      return { bytes: await readImportFile(path, fileName), fileName };
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
      throw new AppError('io', `Cannot read ${path}: ${why}.`);
    }
  }

  private trim(): void {
    const finished = [...this.jobs.values()].filter((running) => ['done', 'failed', 'cancelled'].includes(running.job.state));
    for (const running of finished.slice(0, Math.max(0, this.jobs.size - KEPT_JOBS))) this.jobs.delete(running.job.id);
  }
}

/** The failure of a job, naming file, line and column where known. */
function failureOf(file: string, error: unknown): ImportFailure {
  if (error instanceof ImportParseError) return { file, line: error.line, column: error.column, message: error.message };
  if (error instanceof AppError) return { file, line: null, column: null, message: error.message };
  return { file, line: null, column: null, message: `The import failed unexpectedly: ${error instanceof Error ? error.message : String(error)}. The library was not changed.` };
}
