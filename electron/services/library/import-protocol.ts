import type { ImportFormat } from '../../../core/domain/library';
import { parseImport } from './importers/index';
import { ImportCancelledError, ImportParseError, type ParseResult } from './importers/types';

/** What a parse job gets (as workerData in a worker). */
export interface ParseJobInput {
  bytes: Uint8Array;
  fileName: string;
  format?: ImportFormat;
  /** ISO time, the parsers' reference "now". */
  now: string;
}

/** Why a parse failed, as data (errors do not cross a worker boundary with their class). */
export type ParseFailure =
  | { kind: 'parse'; message: string; line: number | null; column: number | null }
  | { kind: 'cancelled'; message: string }
  | { kind: 'internal'; message: string };

/** Messages from the worker. */
export type WorkerMessage =
  | { type: 'progress'; rows: number; percent: number }
  | { type: 'done'; result: ParseResult }
  | { type: 'failed'; failure: ParseFailure };

/** The error a failure stands for, on the receiving side. */
export function errorOfFailure(failure: ParseFailure): Error {
  if (failure.kind === 'parse') return new ImportParseError(failure.message, failure.line, failure.column);
  if (failure.kind === 'cancelled') return new ImportCancelledError(failure.message);
  return new Error(failure.message);
}

/** Runs the parse and reports through `post`: the one code path of both the worker and the in-process fallback. */
export function runParse(input: ParseJobInput, post: (message: WorkerMessage) => void, isCancelled: () => boolean = () => false): void {
  try {
    const result = parseImport(input.bytes, input.fileName, {
      format: input.format,
      now: new Date(input.now),
      isCancelled,
      onProgress: (rows, percent) => post({ type: 'progress', rows, percent }),
    });
    post({ type: 'done', result });
  } catch (error) {
    if (error instanceof ImportParseError) post({ type: 'failed', failure: { kind: 'parse', message: error.message, line: error.line, column: error.column } });
    else if (error instanceof ImportCancelledError) post({ type: 'failed', failure: { kind: 'cancelled', message: error.message } });
    else post({ type: 'failed', failure: { kind: 'internal', message: error instanceof Error ? error.message : String(error) } });
  }
}
