import type { SourceSnapshot } from '../../../../core/editor/citation';

/** What the library currently knows of a cited source (the app reads it from the sidebar's data). */
export interface CitationSourceInfo {
  title: string;
  publisher: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  published: string | null;
  /** Admiralty grade, e.g. "B2". */
  grade: string | null;
  url: string | null;
  authors?: string[];
  /** CSL item type. */
  type?: string;
}

/** Where a cited source stands in the library; null when not known (yet). */
export type CitationSourceStatus = 'current' | 'deleted' | null;

/** Where an event a fact was made from stands in the library (the `library:provenance` answer). */
export interface EventStatusInfo {
  status: 'current' | 'deleted';
  datasetVersion: number;
  removedUpstream: boolean;
}

/** One hit of the citation popover's source search. */
export interface SourceSearchHit {
  id: string;
  /** What the citation stores of the source (title, publisher, date, grade…). */
  snapshot: SourceSnapshot;
}

/**
 * What the app does for citations and provenance flags. Every field is optional: without them the
 * editor still numbers citations (numeric style), lists Sources from the snapshots in the note, and
 * flags nothing as stale. Status changes are async: after new statuses arrive, the app runs
 * `editor.commands.refreshCitations()` / `refreshProvenance()`.
 */
export interface CitationCallbacks {
  /** The note's citation style id (its own or the workspace default). */
  getStyleId?: () => string;
  /** The library's current view of a source, used over the node's snapshot when present. */
  getSource?: (sourceId: string) => CitationSourceInfo | null;
  getSourceStatus?: (sourceId: string) => CitationSourceStatus;
  getEventStatus?: (eventId: string) => EventStatusInfo | null;
  /** A click on a citation: the app opens the source in the sidebar. */
  onOpenSource?: (sourceId: string) => void;
  /** The popover's "Add source" search. */
  searchSources?: (query: string) => Promise<SourceSearchHit[]> | SourceSearchHit[];
}

/** The style used when the app gives none. */
export const DEFAULT_STYLE_ID = 'numeric';
