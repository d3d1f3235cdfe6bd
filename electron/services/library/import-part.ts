import { parseGdeltPart } from './importers/gdelt';
import { ImportCancelledError, ImportParseError, type ParseOptions } from './importers/types';
import { packParseResult } from './import-pack';
import { eventIdOf } from './library-ids';
import type { ParseFailure, ParseJobInput, WorkerMessage } from './import-protocol';
import { type PartColumns, keepPartColumns } from './import-segments';

/*
 * The parse of one part of a big GDELT file, apart from import-protocol.ts so that a part worker
 * loads the GDELT parser only: the other importers (zod schemas, HTML, feeds, CSV) are evaluated
 * only by a worker given a whole file, which took ~40 ms off each part worker's start.
 */

/** The parse options of a job, reporting progress through `post`. */
export function parseOptionsOf(input: ParseJobInput, post: (message: WorkerMessage) => void, isCancelled: () => boolean): ParseOptions {
  return { format: input.format, now: new Date(input.now), isCancelled, onProgress: (rows: number, percent: number) => post({ type: 'progress', rows, percent }) };
}

/** A thrown error as data (errors do not cross a worker boundary with their class). */
export function failureOfError(error: unknown): ParseFailure {
  if (error instanceof ImportParseError) return { kind: 'parse', message: error.message, line: error.line, column: error.column };
  if (error instanceof ImportCancelledError) return { kind: 'cancelled', message: error.message };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Parses the part `input.part` names and posts it as columns ('done-part'); returns its records
 * (after posting) for the data-file segments the worker makes next, or null when it failed.
 */
export function runPartParse(input: ParseJobInput, post: (message: WorkerMessage, transfer?: ArrayBuffer[]) => void, isCancelled: () => boolean = () => false): PartColumns | null {
  try {
    const { result, stats } = parseGdeltPart(input.bytes, input.format === 'gdelt1' ? 1 : 2, parseOptionsOf(input, post, isCancelled), input.part?.firstLine ?? 1);
    const { packed, transfer } = packParseResult(result);
    // The posted buffers move to the backend: the segments are made from copies.
    const kept = keepPartColumns(result, packed);
    // Event ids are a hash per row (library-ids.ts): made here, beside the other part's parse, not in the backend's merge.
    const { datasetName } = input;
    const eventIds = datasetName === undefined ? undefined : result.events.map((event) => eventIdOf(datasetName, event.externalId, event)).join('\n');
    post({ type: 'done-part', packed, stats, ...(eventIds !== undefined && { eventIds }) }, [...transfer, stats.ids.buffer as ArrayBuffer]);
    return kept;
  } catch (error) {
    post({ type: 'failed', failure: failureOfError(error) });
    return null;
  }
}
