import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ImportCancelledError, type ParseResult } from './importers/types';
import { type ParseJobInput, type WorkerMessage, errorOfFailure, resultOf, runParse } from './import-protocol';

/** Where the worker entry is and how to start it. */
export interface ImportWorkerOptions {
  /** import-worker.ts (with tsx) or the bundled dist/node/import-worker.mjs. */
  path: string;
  /** The entry is TypeScript: the worker registers tsx's loader first (development and tests). */
  typescript?: boolean;
}

/** A running parse. */
export interface ParseHandle {
  result: Promise<ParseResult>;
  /** Stops the parse; `result` rejects with ImportCancelledError. */
  cancel(): void;
}

/**
 * Parses a file off the event loop: in a worker thread when `worker` is given (the backend stays
 * responsive; cancel terminates the thread), else in this thread on a later tick (used where no
 * worker entry is available; cancel is checked between rows by the parsers).
 */
export function startParse(input: ParseJobInput, onProgress: (rows: number, percent: number) => void, worker: ImportWorkerOptions | null): ParseHandle {
  return worker ? parseInWorker(input, onProgress, worker) : parseInProcess(input, onProgress);
}

function settleFrom(message: WorkerMessage, onProgress: (rows: number, percent: number) => void, resolve: (result: ParseResult) => void, reject: (error: Error) => void): void {
  if (message.type === 'progress') onProgress(message.rows, message.percent);
  else if (message.type === 'done' || message.type === 'done-packed') {
    try {
      resolve(resultOf(message));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  else reject(errorOfFailure(message.failure));
}

function parseInWorker(input: ParseJobInput, onProgress: (rows: number, percent: number) => void, options: ImportWorkerOptions): ParseHandle {
  let cancel = (): void => undefined;
  const result = new Promise<ParseResult>((resolve, reject) => {
    // Copy the bytes into a buffer of their own so it can be moved (not cloned) to the worker.
    const bytes = input.bytes.slice();
    const thread = options.typescript
      ? new Worker(typescriptBootstrap(options.path), { eval: true, workerData: { ...input, bytes }, transferList: [bytes.buffer] })
      : // A bundle is self-contained: the host's per-thread flags (`--import tsx` in development
        // and the benchmark) would only make each worker start a loader thread first (~90 ms).
        new Worker(options.path, { workerData: { ...input, bytes }, transferList: [bytes.buffer], execArgv: [] });
    let settled = false;
    const finish = (): void => {
      settled = true;
      void thread.terminate();
    };
    thread.on('message', (message: WorkerMessage) => {
      if (settled) return;
      if (message.type !== 'progress') finish();
      settleFrom(message, onProgress, resolve, reject);
    });
    thread.on('error', (error) => {
      if (settled) return;
      finish();
      reject(new Error(`The import worker failed: ${error.message}`));
    });
    thread.on('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`The import worker stopped unexpectedly (exit code ${code}).`));
    });
    cancel = () => {
      if (settled) return;
      finish();
      reject(new ImportCancelledError());
    };
  });
  return { result, cancel: () => cancel() };
}

/**
 * Worker code that registers tsx's require hook inside the worker, then requires the .ts entry.
 * On Node 20, ESM loader hooks (`--import tsx`, module.register) do not reach a worker's own
 * loader; tsx's CommonJS hook runs in the worker itself and compiles the entry and its imports.
 */
function typescriptBootstrap(entry: string): string {
  const hook = createRequire(entry).resolve('tsx/cjs');
  return `require(${JSON.stringify(hook)}); require(${JSON.stringify(entry)});`;
}

function parseInProcess(input: ParseJobInput, onProgress: (rows: number, percent: number) => void): ParseHandle {
  let cancelled = false;
  const result = new Promise<ParseResult>((resolve, reject) => {
    setImmediate(() => {
      if (cancelled) {
        reject(new ImportCancelledError());
        return;
      }
      runParse(input, (message) => settleFrom(message, onProgress, resolve, reject), () => cancelled);
    });
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
    },
  };
}
