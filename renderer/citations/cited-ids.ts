import { type CitedIds, collectCitedIds } from '../../core/citations/cited-ids';

// The walk itself lives in core so the CLI's export check uses the same one.
export { type CitedIds, collectCitedIds };

/** True when every id of `ids` is already known (so no provenance request is needed for them). */
export function allKnown(ids: CitedIds, knownSources: ReadonlyMap<string, unknown>, knownEvents: ReadonlyMap<string, unknown>): boolean {
  return ids.sourceIds.every((id) => knownSources.has(id)) && ids.eventIds.every((id) => knownEvents.has(id));
}
