import { sourceSnapshotOf } from '../../core/citations/facts';
import type { AppClient } from '../api/client';
import type { CitationCallbacks, SourceSearchHit } from '../editor/extensions/citations-state/citation-callbacks';
import type { CitationsStore, SourceStatusEntry } from './citations-store';

/** What the editor's citation callbacks read. */
export interface EditorCallbackDeps {
  client: Pick<AppClient, 'call'>;
  citations: Pick<CitationsStore, 'getState'>;
  /** The open note's style id. */
  styleId: () => string;
  openSource: (sourceId: string) => void;
}

/** Results shown by the citation popover's source search. */
export const SOURCE_SEARCH_LIMIT = 12;

/** The snapshot of a library source, as a citation would store it now. */
function snapshotOf(source: NonNullable<SourceStatusEntry['source']>) {
  return sourceSnapshotOf(source);
}

/**
 * The editor's citation callbacks: one stable object whose functions read the stores when called,
 * so the editor never needs to be rebuilt when statuses or the style change.
 */
export function createEditorCallbacks(deps: EditorCallbackDeps): CitationCallbacks {
  const { citations } = deps;
  return {
    getStyleId: () => deps.styleId(),
    getSource(sourceId) {
      const source = citations.getState().sources.get(sourceId)?.source;
      return source ? snapshotOf(source) : null;
    },
    getSourceStatus: (sourceId) => citations.getState().sources.get(sourceId)?.status ?? null,
    getEventStatus(eventId) {
      const entry = citations.getState().events.get(eventId);
      return entry ? { status: entry.status, datasetVersion: entry.datasetVersion, removedUpstream: entry.removedUpstream } : null;
    },
    onOpenSource: (sourceId) => deps.openSource(sourceId),
    async searchSources(query) {
      const text = query.trim().slice(0, 500);
      const result = await deps.client.call('sources:search', text ? { query: text, limit: SOURCE_SEARCH_LIMIT } : { limit: SOURCE_SEARCH_LIMIT });
      if (!result.ok) return [];
      return result.value.sources.map((row): SourceSearchHit => ({ id: row.id, snapshot: snapshotOf(row) }));
    },
  };
}
