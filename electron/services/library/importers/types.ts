import type { Actor, EventFigures, EventType, FuzzyDate, Grade, ImportFormat, Location } from '../../../../core/domain/library';

/**
 * The pure parse step of an import: bytes in, records out, no store access. The store step (dataset
 * service) turns these records into Sources and LibraryEvents with stable ids.
 */

/** An article, report or outlet found in a file. */
export interface ParsedSource {
  /**
   * Identity within and across imports: the canonical URL when there is one, else
   * `hash:<sha256 of normalized text>` for articles, else `name:<publisher>` for outlets known only by name.
   */
  key: string;
  title: string;
  publisher: string;
  authors: string[];
  published: FuzzyDate | null;
  url: string | null;
  canonicalUrl: string | null;
  language: string | null;
  /** Plain text, never markup. */
  text: string;
  excerpt: string;
  grade: Grade | null;
  tags: string[];
}

/** One event row of a file. */
export interface ParsedEvent {
  externalId: string | null;
  date: FuzzyDate;
  endDate: FuzzyDate | null;
  summary: string;
  type: EventType;
  actors: Actor[];
  location: Location | null;
  figures: EventFigures;
  /** Keys of ParsedSource records of the same result. */
  sourceKeys: string[];
  /** 1-based line of the row in the file, when the format has lines. */
  line: number | null;
}

/** A problem that did not stop the import (incomplete row, unknown column, unparseable date…). */
export interface ParseWarning {
  line: number | null;
  message: string;
}

/** Everything parsed from one file. */
export interface ParseResult {
  format: ImportFormat;
  /** Dataset name given by the file itself (our JSON's `dataset`, a feed's title), else null. */
  datasetName: string | null;
  /** Data rows (or items/entries) read, including rejected ones. */
  rows: number;
  events: ParsedEvent[];
  sources: ParsedSource[];
  warnings: ParseWarning[];
  /** Rows that could not be used at all (e.g. no date); each has a warning. */
  rejected: number;
  /** Records skipped because the same file already had them (same external id or source key). */
  duplicates: number;
}

/** The file cannot be imported at all; nothing of it may reach the library. */
export class ImportParseError extends Error {
  readonly line: number | null;
  readonly column: number | null;

  constructor(message: string, line: number | null = null, column: number | null = null) {
    super(message);
    this.name = 'ImportParseError';
    this.line = line;
    this.column = column;
  }
}

/** The caller cancelled the parse (ParseOptions.isCancelled returned true). */
export class ImportCancelledError extends Error {
  constructor(message = 'Import cancelled') {
    super(message);
    this.name = 'ImportCancelledError';
  }
}

/** Options of parseImport. */
export interface ParseOptions {
  /** Forces a format instead of detecting it. */
  format?: ImportFormat;
  /** Called about every 1000 rows and at the end; percent is 0–100 of the bytes read. */
  onProgress?: (rows: number, percent: number) => void;
  /** Polled about every 1000 rows; returning true aborts with ImportCancelledError. */
  isCancelled?: () => boolean;
  /** Reference time (tests); resolves nothing today but kept for date heuristics. */
  now?: Date;
}

/** How often (rows) parsers report progress and check for cancellation. */
export const PROGRESS_EVERY = 1000;
