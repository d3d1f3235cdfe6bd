import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type GdeltPart, combineGdeltParts, isZip } from './importers/gdelt';
import { detectFormat } from './importers/index';
import { looksBinary } from './importers/text';
import { ImportCancelledError, type ParseResult, type ParsedSource } from './importers/types';
import { type ParseJobInput, type PartRequest, type WorkerMessage, errorOfFailure, resultOf, runParse } from './import-protocol';
import { attachEventIds, attachSourceIdentities, knownSourceIdentities, unpackParseResult } from './import-pack';
import { attachPrebuiltParts } from './import-segments';
import type { PrebuiltSegment } from './library-files';

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
  else if (message.type === 'done-part') reject(new Error('The import worker answered a whole-file parse with a part.'));
  else if (message.type === 'failed') reject(errorOfFailure(message.failure));
}

/** A worker's final answer. */
type Answer = Extract<WorkerMessage, { type: 'done' | 'done-packed' | 'done-part' }>;

/** A part worker's segments of the data files (import-segments.ts); null each when not made. */
interface PartSegments {
  events: PrebuiltSegment | null;
  sources: PrebuiltSegment | null;
}

/** One running worker thread. */
interface WorkerRun {
  answer: Promise<Answer>;
  /** Terminates the thread; `answer` rejects with ImportCancelledError, unmade segments resolve null. */
  cancel(): void;
  /** Asks a part worker, after its answer, for its segments (once); see PartRequest. */
  segments(request: Omit<PartRequest, 'type'>): Promise<PartSegments>;
}

const NO_SEGMENTS: PartSegments = { events: null, sources: null };

function runWorker(input: ParseJobInput, onProgress: (rows: number, percent: number) => void, options: ImportWorkerOptions): WorkerRun {
  let cancel = (): void => undefined;
  let settleSegments: (segments: PartSegments) => void = () => undefined;
  const segments = new Promise<PartSegments>((resolve) => (settleSegments = resolve));
  let ask: (request: Omit<PartRequest, 'type'>) => void = () => settleSegments(NO_SEGMENTS);
  const answer = new Promise<Answer>((resolve, reject) => {
    // Copy the bytes into a buffer of their own so it can be moved (not cloned) to the worker
    // (`new Uint8Array(view)` always copies; a Buffer's slice() would share, and moving it would detach the caller's).
    const bytes = new Uint8Array(input.bytes);
    const thread = options.typescript
      ? new Worker(typescriptBootstrap(options.path), { eval: true, workerData: { ...input, bytes }, transferList: [bytes.buffer] })
      : // A bundle is self-contained: the host's per-thread flags (`--import tsx` in development
        // and the benchmark) would only make each worker start a loader thread first (~90 ms).
        new Worker(options.path, { workerData: { ...input, bytes }, transferList: [bytes.buffer], execArgv: [] });
    let settled = false;
    let stopped = false;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      settleSegments(NO_SEGMENTS);
      void thread.terminate();
    };
    const finish = (): void => {
      settled = true;
      stop();
    };
    ask = (request) => {
      if (stopped) settleSegments(NO_SEGMENTS);
      else thread.postMessage({ type: 'encode-segments', ...request } satisfies PartRequest);
    };
    thread.on('message', (message: WorkerMessage) => {
      if (message.type === 'segments') {
        settleSegments({ events: message.events, sources: message.sources });
        // Nothing more to make: the part's records can go.
        stop();
        return;
      }
      if (settled) return;
      if (message.type === 'progress') {
        onProgress(message.rows, message.percent);
        return;
      }
      if (message.type === 'done-part') {
        // The thread stays to make its segments (import-segments.ts) and is terminated once it has
        // sent them, or by a release or cancel. It stays referenced: a CLI import awaiting the
        // segments must keep the process alive.
        settled = true;
        resolve(message);
        return;
      }
      finish();
      if (message.type === 'failed') reject(errorOfFailure(message.failure));
      else resolve(message);
    });
    thread.on('error', (error) => {
      if (settled) {
        stop();
        return;
      }
      finish();
      reject(new Error(`The import worker failed: ${error.message}`));
    });
    thread.on('exit', (code) => {
      stopped = true;
      settleSegments(NO_SEGMENTS);
      if (settled) return;
      settled = true;
      reject(new Error(`The import worker stopped unexpectedly (exit code ${code}).`));
    });
    cancel = () => {
      if (settled) {
        stop();
        return;
      }
      finish();
      reject(new ImportCancelledError());
    };
  });
  let asked = false;
  return {
    answer,
    cancel: () => cancel(),
    segments: (request) => {
      if (!asked) {
        asked = true;
        ask(request);
      }
      return segments;
    },
  };
}

function parseInWorker(input: ParseJobInput, onProgress: (rows: number, percent: number) => void, options: ImportWorkerOptions): ParseHandle {
  const cut = splitPointOf(input);
  if (cut !== null) return parseInParts(input, cut, onProgress, options);
  const run = runWorker(input, onProgress, options);
  return { result: run.answer.then(wholeResultOf), cancel: run.cancel };
}

function wholeResultOf(answer: Answer): ParseResult {
  if (answer.type === 'done-part') throw new Error('The import worker answered a whole-file parse with a part.');
  return resultOf(answer);
}

/** Files below this parse in one worker: starting a second thread costs more than it saves. */
const SPLIT_MIN_BYTES = 4 * 1024 * 1024;
const LF = 10;

/**
 * Where a big GDELT file is cut in two (the byte after the newline nearest its middle), or null
 * when it parses whole: not GDELT, a zip, binary, small, or a machine with one core.
 */
function splitPointOf(input: ParseJobInput): number | null {
  const { bytes } = input;
  if (input.part || bytes.length < SPLIT_MIN_BYTES || availableParallelism() < 2) return null;
  if (isZip(bytes) || looksBinary(bytes)) return null;
  const format = input.format ?? detectFormat(bytes, input.fileName);
  if (format !== 'gdelt' && format !== 'gdelt1') return null;
  const newline = bytes.indexOf(LF, bytes.length >>> 1);
  if (newline === -1 || newline + 1 >= bytes.length) return null;
  return newline + 1;
}

/** Lines that start before byte `end` (the number of newlines before it). */
function linesBefore(bytes: Uint8Array, end: number): number {
  let lines = 0;
  for (let at = bytes.indexOf(LF); at !== -1 && at < end; at = bytes.indexOf(LF, at + 1)) lines += 1;
  return lines;
}

/**
 * A big GDELT file parsed as two halves in two worker threads at once (the parse is most of an
 * import and a machine has more than one core), then combined into the whole file's result. When
 * only a whole-file parse gets it exactly right (see combineGdeltParts), the file is parsed again
 * in one worker: rare (ids repeated across halves, not UTF-8, no good row), and correct first.
 */
function parseInParts(input: ParseJobInput, cut: number, onProgress: (rows: number, percent: number) => void, options: ImportWorkerOptions): ParseHandle {
  const format = input.format ?? detectFormat(input.bytes, input.fileName);
  const version = format === 'gdelt1' ? 1 : 2;
  const total = input.bytes.length;
  const sizes = [cut, total - cut];
  const rows = [0, 0];
  const percents = [0, 0];
  const progressOf = (part: number) => (partRows: number, percent: number) => {
    rows[part] = partRows;
    percents[part] = percent;
    onProgress(rows[0]! + rows[1]!, Math.round(((percents[0]! * sizes[0]! + percents[1]! * sizes[1]!) / total) * 10) / 10);
  };
  const base = { fileName: input.fileName, format: format ?? undefined, now: input.now, ...(input.datasetName !== undefined && { datasetName: input.datasetName }) };
  const runs = [
    runWorker({ ...base, bytes: input.bytes.subarray(0, cut), part: { firstLine: 1 } }, progressOf(0), options),
    runWorker({ ...base, bytes: input.bytes.subarray(cut), part: { firstLine: linesBefore(input.bytes, cut) + 1 } }, progressOf(1), options),
  ];
  let cancelled = false;
  const cancel = (): void => {
    cancelled = true;
    for (const run of runs) run.cancel();
  };
  const result = (async (): Promise<ParseResult> => {
    let parts: (GdeltPart & { eventIds?: string })[];
    try {
      // Each part is unpacked as soon as it arrives: the first half's unpacking overlaps the
      // second half's parse instead of waiting for it.
      parts = await Promise.all(
        runs.map((run) =>
          run.answer.then((answer) => {
            if (answer.type !== 'done-part') throw new Error('The import worker answered a part with a whole-file parse.');
            return { result: unpackParseResult(answer.packed), stats: answer.stats, eventIds: answer.eventIds };
          }),
        ),
      );
    } catch (error) {
      for (const run of runs) run.cancel();
      throw error;
    }
    const skipped: (Uint8Array | null)[] = [];
    let combined: ParseResult | null;
    try {
      combined = combineGdeltParts(parts, version, skipped);
    } catch (error) {
      for (const run of runs) run.cancel();
      throw error;
    }
    if (combined) {
      attachCombinedIdentities(combined, parts.map((part) => part.result), skipped);
      const { datasetName } = input;
      if (datasetName !== undefined && parts.every((part) => part.eventIds !== undefined)) {
        const ids = parts.flatMap((part) => (part.result.events.length > 0 ? part.eventIds!.split('\n') : []));
        attachEventIds(combined, { datasetName, ids });
      }
      // The workers make their parts' segments of the data files, one after the other, while the backend merges (import-segments.ts).
      const partRuns = [...runs];
      const turn = new Int32Array(new SharedArrayBuffer(4));
      const made = partRuns.map((run, index) => run.segments({ skip: skipped[index] ?? null, turn, index }));
      const release = (): void => {
        for (const run of partRuns) run.cancel();
      };
      const all = (pick: (segments: PartSegments) => PrebuiltSegment | null): Promise<PrebuiltSegment[] | null> =>
        new Promise((resolve) => {
          // Null as soon as one part has none: the file is then encoded here, and waiting parts are stopped.
          for (const part of made) {
            void part.then((segments) => {
              if (pick(segments) !== null) return;
              release();
              resolve(null);
            });
          }
          void Promise.all(made).then((parts) => resolve(parts.map(pick) as PrebuiltSegment[]));
        });
      attachPrebuiltParts(combined, { events: all((segments) => segments.events), sources: all((segments) => segments.sources), release });
      return combined;
    }
    for (const run of runs) run.cancel();
    if (cancelled) throw new ImportCancelledError();
    const whole = runWorker({ ...input, format: format ?? undefined }, onProgress, options);
    runs.push(whole);
    return wholeResultOf(await whole.answer);
  })();
  return { result, cancel };
}

/**
 * Carries the workers' source ids and hashes over to the combined result: its sources are the
 * parts' in order, less those `skipped` marks (an earlier part brought them first).
 */
function attachCombinedIdentities(combined: ParseResult, parts: readonly ParseResult[], skipped: readonly (Uint8Array | null)[]): void {
  const sources: ParsedSource[] = [];
  const ids: string[] = [];
  const contentHashes: string[] = [];
  for (let p = 0; p < parts.length; p += 1) {
    const list = parts[p]!.sources;
    const known = knownSourceIdentities(list);
    if (!known) return;
    const skip = skipped[p] ?? null;
    for (let i = 0; i < list.length; i += 1) {
      if (skip?.[i] === 1) continue;
      sources.push(known.sources[i]!);
      ids.push(known.ids[i]!);
      contentHashes.push(known.contentHashes[i]!);
    }
  }
  // The merge compares each source object with these (a mismatch is hashed again): never a wrong id.
  attachSourceIdentities(combined.sources, { sources, ids, contentHashes });
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
