import type { ImportFormat } from '../../../core/domain/library';
import { parseImport } from './importers/index';
import { type GdeltPartStats, parseGdeltPart } from './importers/gdelt';
import { ImportCancelledError, ImportParseError, type ParseResult } from './importers/types';
import { type PackedParseResult, packParseResult, unpackParseResult } from './import-pack';

/** What a parse job gets (as workerData in a worker). */
export interface ParseJobInput {
  bytes: Uint8Array;
  fileName: string;
  format?: ImportFormat;
  /** ISO time, the parsers' reference "now". */
  now: string;
  /**
   * Set when `bytes` are one part of a big GDELT file (format 'gdelt' or 'gdelt1') parsed beside
   * the other parts: the 1-based line number of the part's first line. Answered with 'done-part'.
   */
  part?: { firstLine: number };
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
  /** From the worker: the result as columns (import-pack.ts). */
  | { type: 'done-packed'; packed: PackedParseResult }
  /** From a worker given a part of a GDELT file: its records as columns and what combining needs. */
  | { type: 'done-part'; packed: PackedParseResult; stats: GdeltPartStats }
  | { type: 'failed'; failure: ParseFailure };

/** The error a failure stands for, on the receiving side. */
export function errorOfFailure(failure: ParseFailure): Error {
  if (failure.kind === 'parse') return new ImportParseError(failure.message, failure.line, failure.column);
  if (failure.kind === 'cancelled') return new ImportCancelledError(failure.message);
  return new Error(failure.message);
}

/** The parse result a 'done' or 'done-packed' message carries. */
export function resultOf(message: Extract<WorkerMessage, { type: 'done' | 'done-packed' }>): ParseResult {
  return message.type === 'done' ? message.result : unpackParseResult(message.packed);
}

/**
 * Runs the parse and reports through `post`: the one code path of both the worker and the
 * in-process fallback. With `packed` (the worker), the result is posted as columns, and `post`
 * gets the buffers to transfer.
 */
export function runParse(input: ParseJobInput, post: (message: WorkerMessage, transfer?: ArrayBuffer[]) => void, isCancelled: () => boolean = () => false, packed = false): void {
  try {
    const options = { format: input.format, now: new Date(input.now), isCancelled, onProgress: (rows: number, percent: number) => post({ type: 'progress', rows, percent }) };
    if (input.part) {
      const { result: partResult, stats } = parseGdeltPart(input.bytes, input.format === 'gdelt1' ? 1 : 2, options, input.part.firstLine);
      const { packed: columns, transfer } = packParseResult(partResult);
      post({ type: 'done-part', packed: columns, stats }, [...transfer, stats.ids.buffer as ArrayBuffer]);
      return;
    }
    const result = parseImport(input.bytes, input.fileName, options);
    if (packed) {
      const { packed: columns, transfer } = packParseResult(result);
      post({ type: 'done-packed', packed: columns }, transfer);
    } else post({ type: 'done', result });
  } catch (error) {
    if (error instanceof ImportParseError) post({ type: 'failed', failure: { kind: 'parse', message: error.message, line: error.line, column: error.column } });
    else if (error instanceof ImportCancelledError) post({ type: 'failed', failure: { kind: 'cancelled', message: error.message } });
    else post({ type: 'failed', failure: { kind: 'internal', message: error instanceof Error ? error.message : String(error) } });
  }
}
