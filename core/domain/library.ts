import { z } from 'zod';

/**
 * The event and source library (issue 3). Ids are stable: an event keeps its id across re-imports
 * of newer files of the same dataset (matched by external id), and a source keeps its id while its
 * canonical URL or content hash stays the same; cited facts (issue 4) store these ids.
 */

/** How precise a date is: "June 2025" is month precision, stored as 2025-06-01. */
export const DatePrecisionSchema = z.enum(['day', 'month', 'year']);
export type DatePrecision = z.infer<typeof DatePrecisionSchema>;

/** A calendar date (YYYY-MM-DD) with its precision; unknown dates are null where allowed. */
export const FuzzyDateSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  precision: DatePrecisionSchema,
});
export type FuzzyDate = z.infer<typeof FuzzyDateSchema>;

/** Library ids: a kind prefix and a stable hash or random part, safe in URLs and file names. */
export const LibraryIdSchema = z.string().regex(/^(ev|src|ds)-[a-z0-9-]{4,80}$/, 'Not a library id');

/** Ids of files staged for import (`up-<hex>`, POST /api/upload and Electron's upload): safe as file names. */
export const UploadIdSchema = z.string().regex(/^[a-z0-9-]{8,64}$/, 'Not an upload id');

/** Admiralty source reliability (A–F) and information credibility (1–6). */
export const ReliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export const CredibilitySchema = z.enum(['1', '2', '3', '4', '5', '6']);
export const GradeSchema = z.object({
  reliability: ReliabilitySchema.nullable(),
  credibility: CredibilitySchema.nullable(),
});
export type Grade = z.infer<typeof GradeSchema>;

/** Where a record came from: one import (dataset) or the analyst's hand. */
export const OriginSchema = z.object({
  kind: z.enum(['import', 'manual', 'sample', 'extracted']),
  datasetId: LibraryIdSchema.nullable(),
  /** File name of the import, when any. */
  file: z.string().nullable(),
});
export type Origin = z.infer<typeof OriginSchema>;

/** An article or report. */
export const SourceSchema = z.object({
  id: LibraryIdSchema,
  title: z.string(),
  publisher: z.string(),
  authors: z.array(z.string()),
  published: FuzzyDateSchema.nullable(),
  url: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
  language: z.string().nullable(),
  retrievedAt: z.string().nullable(),
  /** Plain text, sanitized (no markup). Empty for sources known only by name (ACLED outlets). */
  text: z.string(),
  excerpt: z.string(),
  grade: GradeSchema,
  tags: z.array(z.string()),
  /** Handling marking of the source material (e.g. TLP:AMBER), when it carries one. */
  marking: z.string().nullable().optional(),
  origin: OriginSchema,
  /** SHA-256 (hex) of the normalized text or, without text, of title + publisher + URL. */
  contentHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * When the analyst last edited it by hand (sources:update); absent when never edited (and in
   * libraries written before edits were recorded). A re-import does not replace an edited source
   * unless the analyst chooses the file's version (`replaceEdited`).
   */
  editedAt: z.string().nullable().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** An actor of an event. */
export const ActorSchema = z.object({
  name: z.string(),
  role: z.enum(['initiator', 'target', 'other']),
  /** ISO 3166-1 alpha-3 (GDELT, ACLED ISO numeric converted) or null. */
  countryCode: z.string().nullable(),
  /** Format-specific actor code (e.g. GDELT Actor1Code), kept for reference. */
  code: z.string().nullable().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const LocationSchema = z.object({
  name: z.string(),
  country: z.string().nullable(),
  admin1: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});
export type Location = z.infer<typeof LocationSchema>;

/** Event type: free text, plus the format's code and taxonomy where it has one. */
export const EventTypeSchema = z.object({
  label: z.string(),
  code: z.string().nullable(),
  taxonomy: z.enum(['CAMEO', 'ACLED', 'custom']).nullable(),
  /** ACLED sub_event_type; GDELT base/root code names. */
  subType: z.string().nullable(),
});
export type EventType = z.infer<typeof EventTypeSchema>;

/** Typed extra figures; absent when the format has none. */
export const EventFiguresSchema = z.object({
  fatalities: z.number().nullable().optional(),
  goldstein: z.number().nullable().optional(),
  tone: z.number().nullable().optional(),
  numArticles: z.number().nullable().optional(),
  quadClass: z.number().int().nullable().optional(),
});
export type EventFigures = z.infer<typeof EventFiguresSchema>;

export const EventSchema = z.object({
  id: LibraryIdSchema,
  date: FuzzyDateSchema,
  endDate: FuzzyDateSchema.nullable(),
  summary: z.string(),
  type: EventTypeSchema,
  actors: z.array(ActorSchema),
  location: LocationSchema.nullable(),
  figures: EventFiguresSchema,
  sourceIds: z.array(LibraryIdSchema),
  datasetId: LibraryIdSchema.nullable(),
  /** Increments on each import of the dataset that changed this event, and on each hand edit. */
  datasetVersion: z.number().int().nonnegative(),
  /** GLOBALEVENTID, event_id_cnty, or the id column of our own formats. */
  externalId: z.string().nullable(),
  origin: OriginSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * When the analyst last edited it by hand (events:update); absent when never edited (and in
   * libraries written before edits were recorded). A re-import does not replace an edited event
   * unless the analyst chooses the file's version (`replaceEdited`).
   */
  editedAt: z.string().nullable().optional(),
});
export type LibraryEvent = z.infer<typeof EventSchema>;

export const ImportFormatSchema = z.enum(['gdelt', 'gdelt1', 'acled', 'csv', 'json', 'csl', 'html', 'text', 'rss']);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** Counts of one import. */
export const ImportCountsSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removedUpstream: z.number().int(),
  duplicatesSkipped: z.number().int(),
  rejected: z.number().int(),
  warnings: z.number().int(),
  sourcesImported: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

/** One import of one file. */
export const DatasetSchema = z.object({
  id: LibraryIdSchema,
  name: z.string(),
  format: ImportFormatSchema,
  fileName: z.string(),
  importedAt: z.string(),
  /** Increments on each re-import. */
  version: z.number().int().positive(),
  counts: ImportCountsSchema,
  eventCount: z.number().int(),
});
export type Dataset = z.infer<typeof DatasetSchema>;

/** Ids of hand-edited events and sources an import met with a different version in its file. */
export const EditedRecordsSchema = z.object({
  events: z.array(LibraryIdSchema),
  sources: z.array(LibraryIdSchema),
});
export type EditedRecords = z.infer<typeof EditedRecordsSchema>;

/**
 * "1 event", "2 sources", "1 event and 2 sources": how many edited records, for the import report's
 * "kept … you edited" line in the app and the CLI. Null when there are none.
 */
export function editedRecordsPhrase(records: EditedRecords | undefined): string | null {
  if (!records) return null;
  const parts: string[] = [];
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (records.events.length > 0) parts.push(count(records.events.length, 'event'));
  if (records.sources.length > 0) parts.push(count(records.sources.length, 'source'));
  return parts.length > 0 ? parts.join(' and ') : null;
}

/** The report shown after an import (UI and CLI). */
export const ImportReportSchema = z.object({
  file: z.string(),
  format: ImportFormatSchema,
  datasetId: LibraryIdSchema.nullable(),
  datasetName: z.string().nullable(),
  counts: ImportCountsSchema,
  /** Ids of events that disappeared upstream (still kept, flagged). */
  removedEventIds: z.array(LibraryIdSchema),
  /** Up to 20 warnings, `line N: message`. */
  warningSamples: z.array(z.string()),
  durationMs: z.number(),
  /**
   * Edited records whose file version differs and that the import left as the analyst made them
   * (re-import with `replaceEdited` to take the file's version). Absent in reports of older builds.
   */
  keptEdited: EditedRecordsSchema.optional(),
  /** Edited records replaced by the file's version because the import was asked to (`replaceEdited`). */
  replacedEdited: EditedRecordsSchema.optional(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** A failed import: the library is unchanged. */
export const ImportFailureSchema = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type ImportFailure = z.infer<typeof ImportFailureSchema>;

/** A running or finished import job. */
export const ImportJobSchema = z.object({
  id: z.string(),
  file: z.string(),
  state: z.enum(['queued', 'parsing', 'saving', 'done', 'failed', 'cancelled']),
  rows: z.number().int(),
  percent: z.number().min(0).max(100),
  report: ImportReportSchema.nullable(),
  failure: ImportFailureSchema.nullable(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** Event search and filters. */
export const EventQuerySchema = z
  .object({
    query: z.string().max(500).optional(),
    from: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
    to: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
    actor: z.string().max(200).optional(),
    country: z.string().max(100).optional(),
    type: z.string().max(200).optional(),
    datasetId: LibraryIdSchema.optional(),
    sourceId: LibraryIdSchema.optional(),
    reliability: z.array(ReliabilitySchema).optional(),
    sort: z.enum(['relevance', 'date-desc', 'date-asc']).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    /** Histogram bucket for the timeline, computed over all matches. */
    histogram: z.enum(['day', 'week', 'month']).optional(),
  })
  .strict();
export type EventQuery = z.infer<typeof EventQuerySchema>;

/** A compact event for result lists (cards). */
export const EventCardSchema = z.object({
  id: LibraryIdSchema,
  date: FuzzyDateSchema,
  summary: z.string(),
  type: z.string(),
  actors: z.array(z.string()),
  place: z.string().nullable(),
  sourceCount: z.number().int(),
  datasetId: LibraryIdSchema.nullable(),
});
export type EventCard = z.infer<typeof EventCardSchema>;

export const EventSearchResultSchema = z.object({
  total: z.number().int(),
  events: z.array(EventCardSchema),
  histogram: z.array(z.object({ start: z.string(), count: z.number().int() })).nullable(),
  tookMs: z.number(),
});
export type EventSearchResult = z.infer<typeof EventSearchResultSchema>;

/** A candidate event proposed from an article sentence. */
export const CandidateEventSchema = z.object({
  id: z.string(),
  sourceId: LibraryIdSchema,
  date: FuzzyDateSchema,
  /** Last day of a span ("this week" → Monday to Sunday); absent or null for a single date. */
  endDate: FuzzyDateSchema.nullable().optional(),
  sentence: z.string(),
  summary: z.string(),
  actors: z.array(z.string()),
  places: z.array(z.string()),
  organizations: z.array(z.string()),
});
export type CandidateEvent = z.infer<typeof CandidateEventSchema>;
