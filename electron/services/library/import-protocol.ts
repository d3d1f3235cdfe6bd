import type { ImportFormat } from '../../../core/domain/library';
import { parseImport } from './importers/index';
import type { GdeltPartStats } from './importers/gdelt';
import { ImportCancelledError, ImportParseError, type ParseResult } from './importers/types';
import { type PackedParseResult, packParseResult, unpackParseResult } from './import-pack';
import { failureOfError, parseOptionsOf, runPartParse } from './import-part';
import type { PartColumns } from './import-segments';
import type { PrebuiltSegment } from './library-files';

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
  /**
   * The dataset name the import will use if the file names none (`--dataset`, else the file name):
   * a part worker then computes its events' ids (library-ids.ts) beside the parse.
   */
  datasetName?: string;
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
  /** `eventIds`: with `datasetName`, the part's event ids in order, joined by newlines. */
  | { type: 'done-part'; packed: PackedParseResult; stats: GdeltPartStats; eventIds?: string }
  | { type: 'failed'; failure: ParseFailure }
  /** From a part worker asked with 'encode-segments': its part's segments of the events and sources files (null: it cannot make them). */
  | { type: 'segments'; events: PrebuiltSegment | null; sources: PrebuiltSegment | null };

/** Messages to a part worker after its 'done-part'. */
export type PartRequest = {
  /**
   * Make the segments. `skip` marks the part's sources an earlier part brought first (left out).
   * `turn` (an Int32Array on shared memory) counts the parts done: part `index` starts when it
   * reaches `index`, so one part encodes at a time beside the backend's merge.
   */
  type: 'encode-segments';
  skip: Uint8Array | null;
  turn: Int32Array;
  index: number;
};

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
 * gets the buffers to transfer. A part's records are returned (after posting) so the worker can
 * make its segments of the data files next (import-segments.ts).
 */
export function runParse(input: ParseJobInput, post: (message: WorkerMessage, transfer?: ArrayBuffer[]) => void, isCancelled: () => boolean = () => false, packed = false): PartColumns | null {
  if (input.part) return runPartParse(input, post, isCancelled);
  try {
    const result = parseImport(input.bytes, input.fileName, parseOptionsOf(input, post, isCancelled));
    if (packed) {
      const { packed: columns, transfer } = packParseResult(result);
      post({ type: 'done-packed', packed: columns }, transfer);
    } else post({ type: 'done', result });
  } catch (error) {
    post({ type: 'failed', failure: failureOfError(error) });
  }
  return null;
}
