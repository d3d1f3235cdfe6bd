import type { ImportFormat } from '../../../../core/domain/library';
import { isSafeUrl } from '../../../../core/domain/safe-url';
import {
  ImportCancelledError,
  type ParseOptions,
  type ParseResult,
  type ParsedEvent,
  type ParsedSource,
  type ParseWarning,
  PROGRESS_EVERY,
} from './types';

/**
 * Collects the records of one file: de-duplicates events by external id and sources by key, counts
 * rejected rows and warnings, and reports progress / checks cancellation every PROGRESS_EVERY rows.
 */
export class ResultBuilder {
  readonly events: ParsedEvent[] = [];
  readonly warnings: ParseWarning[] = [];
  rows = 0;
  rejected = 0;
  duplicates = 0;
  private readonly sources = new Map<string, ParsedSource>();
  private readonly externalIds = new Set<string>();
  private nextCheck = PROGRESS_EVERY;

  constructor(private readonly options: ParseOptions = {}) {}

  /** Adds an event unless one with the same external id came earlier in the file (then counted). */
  addEvent(event: ParsedEvent): boolean {
    if (event.externalId !== null) {
      if (this.externalIds.has(event.externalId)) {
        this.duplicates++;
        return false;
      }
      this.externalIds.add(event.externalId);
    }
    this.events.push(event);
    return true;
  }

  /**
   * Adds a source and returns its key. A source whose key is already known is merged into nothing
   * (the first wins); it counts as a duplicate only when `countDuplicate` — a second GDELT row citing
   * the same article is normal, a feed listing one article twice is a duplicate.
   */
  addSource(source: ParsedSource, countDuplicate: boolean): string {
    // The last guard of the URL rule for every importer (GDELT and ACLED included): importers drop a
    // bad link with a warning naming its line (url-field.ts); nothing that fails the rule is stored.
    const badUrl = source.url !== null && !isSafeUrl(source.url);
    if (badUrl || (source.canonicalUrl !== null && source.canonicalUrl !== source.url && !isSafeUrl(source.canonicalUrl))) {
      this.warn(null, `The link of "${source.title.slice(0, 60)}" was dropped: only http, https and mailto links are kept`);
      source = { ...source, url: null, canonicalUrl: null };
    }
    if (this.sources.has(source.key)) {
      if (countDuplicate) this.duplicates++;
      return source.key;
    }
    this.sources.set(source.key, source);
    return source.key;
  }

  hasSource(key: string): boolean {
    return this.sources.has(key);
  }

  warn(line: number | null, message: string): void {
    this.warnings.push({ line, message });
  }

  /** Counts an unusable row, with its reason as a warning. */
  reject(line: number | null, message: string): void {
    this.rejected++;
    this.warnings.push({ line, message });
  }

  /**
   * Call once per row: every PROGRESS_EVERY rows reports progress (`fraction` of the input read,
   * 0–1) and throws ImportCancelledError when the caller cancelled.
   */
  tick(fraction: () => number): void {
    this.rows++;
    if (this.rows < this.nextCheck) return;
    this.nextCheck += PROGRESS_EVERY;
    this.checkpoint(fraction());
  }

  /** Progress report and cancellation check outside the row loop. */
  checkpoint(fraction: number): void {
    if (this.options.isCancelled?.()) throw new ImportCancelledError();
    this.options.onProgress?.(this.rows, Math.max(0, Math.min(100, Math.round(fraction * 1000) / 10)));
  }

  build(format: ImportFormat, datasetName: string | null): ParseResult {
    this.options.onProgress?.(this.rows, 100);
    return {
      format,
      datasetName,
      rows: this.rows,
      events: this.events,
      sources: [...this.sources.values()],
      warnings: this.warnings,
      rejected: this.rejected,
      duplicates: this.duplicates,
    };
  }
}
